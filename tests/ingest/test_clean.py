from briefgen.ingest.clean import boilerplate_patterns, clean_text, drop_site_line, fix_closing_quotes, normalise

ARTICLE = "Mevlut Cavusoglu and his Russian counterpart Sergei Lavrov discussed the latest developments in Afghanistan on Aug. 18."


def test_normalise_spaces_blank_lines_and_nfc():
    text = "Cafe\u0301 talks\u00a0resumed.  \t \n\n\n\nSecond\u200b paragraph. \n"
    assert normalise(text) == "Café talks resumed.\n\nSecond paragraph."


def test_dollar_space_and_single_line_breaks_are_kept():
    text = "Turkey earns about $ 5 billion annually.\n1. First point.\n2. Second point."
    assert clean_text(text) == text


def test_share_ad_read_also_badges_and_comment_prompts_are_removed():
    text = "\n\n".join([
        "[ad_1]",
        ARTICLE,
        "Read also: This is how the Interior Minister commented on the sanctions",
        "6 Min Read",
        "***Show us some LOVE by sharing it!***",
        "Share This Article",
        "Leave a comment",
        "[ad_2]",
    ])
    assert clean_text(text) == ARTICLE


def test_caption_block_with_credit_is_removed_but_plain_bullets_stay():
    captions = "  • Turkish Minister of National Defense Hulusi Akar\n  • Reuters\n  • © Virginia Mayo / Pool"
    spaced = "  • Unloading of equipment at an airbase\n\n  • AFP\n\n  • © Defence Ministry"
    points = "• Exports rose by 4%.\n• Imports fell."
    cleaned = clean_text(f"{ARTICLE}\n\n{captions}\n\nNext paragraph.\n\n{spaced}\n\n{points}")
    assert cleaned == f"{ARTICLE}\n\nNext paragraph.\n\n{points}"


def test_about_us_paragraph_at_the_end_is_removed():
    about = (
        "Founded by a small group of journalists, Example News has emerged as a platform that is both "
        "exceptional and invaluable. Our objective is to provide you with a comprehensive understanding "
        "of events. We are committed to providing reporting that is objective, and we are the most "
        "reliable source for news."
    )
    assert clean_text(f"{ARTICLE}\n\nThe talks continue on Monday.\n\n{about}") == (
        f"{ARTICLE}\n\nThe talks continue on Monday."
    )


def test_a_quoted_mission_statement_in_the_story_is_kept():
    quote = "“Our objective is peace, and we are committed to dialogue with our neighbours,” the minister said."
    assert clean_text(f"{ARTICLE}\n\n{quote}") == f"{ARTICLE}\n\n{quote}"


def test_misplaced_closing_quotes_are_fixed_only_where_safe():
    assert fix_closing_quotes("in this area, ”Shugaev said.") == "in this area,” Shugaev said."
    assert fix_closing_quotes("under the leadership of the president. “\n\nNext") == (
        "under the leadership of the president.”\n\nNext"
    )
    ambiguous = "at China’s expense, “Kashin added."
    assert fix_closing_quotes(ambiguous) == ambiguous


def test_parenthesis_split_over_paragraphs_is_joined():
    text = "“If you don’t want me to buy them (air defense systems. -\n\n\n) somewhere else, then sell them.”"
    assert clean_text(text) == "“If you don’t want me to buy them (air defense systems. - ) somewhere else, then sell them.”"


def test_site_name_line_under_the_headline():
    assert drop_site_line("News About Turkey - NAT\n6 Min Read\n\nBody text.") == "Body text."
    assert drop_site_line("Daily Planet | DP\n\nBody text.") == "Body text."
    assert drop_site_line("Officials met in Geneva.\n\nBody text.") == "Officials met in Geneva.\n\nBody text."


def test_every_boilerplate_pattern_compiles_into_a_known_section():
    patterns = boilerplate_patterns()
    assert set(patterns) == {"line", "credit", "caption", "about"}
    assert all(patterns.values())
