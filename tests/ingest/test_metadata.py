import datetime as dt

import pytest

from briefgen.errors import ConfigError
from briefgen.ingest.metadata import load_manifest, normalise_date, person_name, take_credit_lines, take_headline


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021-08-25T10:00:00Z", "2021-08-25"), ("Wed, 25 Aug 2021 10:00:00 GMT", "2021-08-25"),
     ("2021", "2021"), ("2021-08", "2021-08"), ("August 25, 2021", "2021-08-25"), ("Aug 2021", "2021-08"),
     (dt.date(2020, 12, 14), "2020-12-14"), (2019, "2019"), ("2021-13", None), ("soon", None), (None, None)],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


def test_headline_is_a_short_line_without_final_period_before_a_blank_line():
    text = "Russia is playing S-400 card in Turkey for strategic purposes, say experts\n\nAmid increased contact."
    assert take_headline(text) == ("Russia is playing S-400 card in Turkey for strategic purposes, say experts",
                                   "Amid increased contact.")
    question = "Do “US sanctions” improve defense cooperation between Turkey and Russia?\n\nBody."
    assert take_headline(question)[0].startswith("Do “US sanctions”")


@pytest.mark.parametrize("text", [
    "The contract will most likely be signed in 2020.\n\nBody.",
    "Officials met in Geneva on Monday to talk\nabout trade\n\nBody.",
    "A single paragraph with no break",
])
def test_sentences_are_not_headlines(text):
    assert take_headline(text) == (None, text)


def test_source_and_byline_lines_are_taken_and_removed():
    text = "Body.\n\nBy: MENEKSE TOKYAY\n\nSource: Arab News"
    remaining, outlet, author = take_credit_lines(text)
    assert (outlet, author) == ("Arab News", "Menekse Tokyay")
    assert "By" not in remaining and "Source" not in remaining


def test_prose_starting_with_by_is_not_a_byline():
    text = "By the end of the year, the deal was signed.\nBy comparison, exports fell."
    assert take_credit_lines(text) == (text, None, None)


def test_person_name_title_cases_only_all_caps():
    assert person_name("MENEKSE TOKYAY") == "Menekse Tokyay"
    assert person_name("Ruth McDonald ") == "Ruth McDonald"


def test_manifest_reads_fields_and_normalises_dates(tmp_path):
    (tmp_path / "sources.toml").write_text('["a.txt"]\noutlet = "RT"\npublished = 2019-12-06\n')
    assert load_manifest(tmp_path) == {"a.txt": {"outlet": "RT", "published": "2019-12-06"}}


def test_manifest_problems_are_reported_together(tmp_path):
    (tmp_path / "sources.toml").write_text('["a.txt"]\nwriter = "X"\npublished = "last week"\n')
    with pytest.raises(ConfigError) as info:
        load_manifest(tmp_path)
    assert len(info.value.problems) == 2
    assert "writer" in str(info.value) and "last week" in str(info.value)


def test_broken_manifest_says_which_file(tmp_path):
    (tmp_path / "sources.toml").write_text('["a.txt"\noutlet = ')
    with pytest.raises(ConfigError, match="sources.toml"):
        load_manifest(tmp_path)
