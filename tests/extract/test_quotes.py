from briefgen.extract.quotes import quote_mentions


def test_misplaced_closing_mark_before_speaker(nlp):
    doc = nlp("“We are systematically working on this issue. Most importantly, there is a spirit on both sides "
              "to continue cooperation in this area, ”Shugaev said in an interview with Interfax.")
    [quote] = [q for q in quote_mentions(doc) if q.direct]
    assert quote.speaker == "Shugaev" and quote.cue == "said"
    assert quote.text.endswith("in this area")


def test_multi_paragraph_quote_and_role_noun_speaker(nlp):
    text = ("A similar opinion is shared by political analyst Alexander Asafov.\n\n"
            "“Erdogan will remain faithful to military-technical cooperation with Russia.\n\n"
            "“In addition, the Turkish leader believes that relations with Russia do not contradict NATO, ”the analyst said.")
    [quote] = [q for q in quote_mentions(nlp(text)) if q.direct]
    assert quote.speaker == "Alexander Asafov"
    assert "faithful" in quote.text and "contradict NATO" in quote.text


def test_colon_introduced_quote_with_straight_marks(nlp):
    # The surname alone, named in full in the sentence before (as in the seed article).
    doc = nlp("He quoted Undersecretary of State for European and Eurasian Affairs Matthew Palmer as saying Washington "
              "has no intention of distancing itself from its ally, but is trying to remind them of mutual obligations. "
              'Palmer added: "We are working with our Turkish partners to strengthen relations with the United States."')
    [quote] = [q for q in quote_mentions(doc) if q.direct]
    assert quote.speaker == "Palmer" and quote.cue == "added"


def test_reported_speech(nlp):
    doc = nlp("Turkish Foreign Minister Mevlut Cavusoglu said that Ankara will continue to buy air defence systems elsewhere.")
    [quote] = quote_mentions(doc)
    assert not quote.direct and quote.speaker == "Mevlut Cavusoglu"
    assert quote.text.startswith("that Ankara will continue")


def test_unclosed_quote_runs_to_paragraph_end(nlp):
    doc = nlp("The minister said: “We will never accept these tariffs on our steel exports\nOther news followed.")
    direct = [q for q in quote_mentions(doc) if q.direct]
    assert direct and direct[0].text.endswith("steel exports")


def test_unnamed_spokesman_speaks_for_the_organisation(nlp):
    doc = nlp("A spokesman for the Shareholders United said: \"I can't see any difference (compared to Mr Glazer's "
              "previous proposals) other than £200m less debt.\"")
    quotes = quote_mentions(doc)
    assert [q.speaker for q in quotes if q.direct] == ["Shareholders United"]


def test_reported_speech_is_a_clause_after_its_verb(nlp):
    doc = nlp("In other words, as the threat of new US arms sanctions against Turkey becomes more serious, the "
              "Russians have announced that they have received a request from Ankara officials to sell a new "
              "consignment of the S400 missile system to Turkey.")
    reported = [q for q in quote_mentions(doc) if not q.direct]
    assert reported and all(q.text.startswith("that they have received") for q in reported)


def test_the_same_words_from_two_sources_are_one_quote(nlp):
    from briefgen.analyse import analyse_doc
    from briefgen.extract.actors import build_actors

    words = ("\"A lot of people want the club's interest to be with people who have grown up with the club,\" "
             "Rio Ferdinand told reporters. \"No one knows what this guy will be bringing to the table,\" he added.")
    analyses = {1: analyse_doc(nlp(words), published=None), 2: analyse_doc(nlp(words), published=None)}
    ferdinand = next(a for a in build_actors(analyses, issue="the takeover") if "Ferdinand" in a.name)
    assert len(ferdinand.quotes) == 2
    assert ferdinand.quotes[0].text != ferdinand.quotes[1].text


def test_quote_over_paragraphs_that_do_not_reopen_it(nlp):
    doc = nlp("“As far as I understand, the Turks asked to transfer certain technologies with the sale of the "
              "American Patriot air defense system.\n\nThe United States did not show much desire.\n\nIn principle, "
              "this is how it is: according to the characteristics of the S-400, it is perhaps the best long-range "
              "air defense system in the world,” Lyamin explained.\n\nAccording to the expert, Ankara is striving "
              "for a radical upgrade.")
    direct = [q for q in quote_mentions(doc) if q.direct]
    assert len(direct) == 1
    assert direct[0].speaker == "Lyamin" and direct[0].cue == "explained"
    assert direct[0].text.startswith("As far as I understand") and direct[0].text.endswith("in the world")


def test_he_is_the_last_person_to_speak_not_the_last_one_named(nlp):
    doc = nlp("Mr Kilroy-Silk said he was ashamed to be a member of the party. Its leader, Roger Knapman, has said he "
              "is glad to see the back of Mr Kilroy-Silk. \"He has remarkable ability to influence people but, sadly, "
              "it was nice knowing him, now 'goodbye',\" he said. UKIP officials also argue Mr Kilroy-Silk has not "
              "been straightforward in attacking the party.")
    quotes = quote_mentions(doc)
    direct = [q for q in quotes if q.direct]
    assert [q.speaker for q in direct] == ["Roger Knapman"]
    argued = next(q for q in quotes if q.cue == "argue")
    assert argued.speaker == "UKIP"


def test_unnamed_plural_speakers_are_nobody_in_particular(nlp):
    doc = nlp("While Mr Seifert has suggested a merged company would be run out of London, the mayor of Frankfurt "
              "has raised concerns. Many analysts believe German Boerse has more financial firepower than Euronext "
              "if it came to a bidding war.")
    assert not any(q.cue == "believe" and q.speaker for q in quote_mentions(doc))


def test_speaker_after_a_long_apposition_and_he_after_a_reported_speaker(nlp):
    doc = nlp("Late on Monday, Deutsche Boerse said it would lift its 2004 dividend payment to 70 euro cents. "
              "\"There is a whiff of a sweetener in there,\" Anais Faraj, an analyst at Nomura told the BBC's "
              "World Business Report.")
    assert [q.speaker for q in quote_mentions(doc) if q.direct] == ["Anais Faraj"]
    doc = nlp("David Cummings, head of UK equities for Standard Life Investments, said he believed a \"well funded\" "
              "300p a share bid would be enough for Mr Glazer to take control of the club. \"I do not think there is "
              "anything that Manchester United fans can do about it,\" he told the BBC.")
    assert [q.speaker for q in quote_mentions(doc) if q.direct and len(q.text) > 30] == ["David Cummings"]


def test_he_is_not_a_woman_who_spoke_last(nlp):
    # veritas story (BBC politics-333): 'he' after Ms Blackman is Kilroy-Silk.
    doc = nlp("Mr Kilroy-Silk said he would stand in Erewash. Ms Blackman said she was proud of the government's "
              "achievements in the area. She declined to give her view of Mr Kilroy-Silk at this point.\n\n"
              "On Thursday, he told a London news conference that Veritas would avoid the old parties' "
              "\"lies and spin\".")
    [told] = [q for q in quote_mentions(doc) if q.cue == "told"]
    assert told.speaker == "Kilroy-Silk"


def test_he_after_an_honorific_goes_to_the_man(nlp):
    # veritas story (politics-157): 'He said' after Mr Kilroy-Silk and Ms Kelly.
    doc = nlp("The slurry attack took place on Friday as Mr Kilroy-Silk and Ms Kelly, a Cabinet Office minister, "
              "arrived at the school. Ms Kelly said she was shocked. He said the man shouted: \"You've offended "
              "my religion, I'm doing this in the name of Islam.\"")
    [quote] = [q for q in quote_mentions(doc) if q.direct]
    assert quote.speaker == "Kilroy-Silk"


def test_he_opening_a_sentence_continues_the_subject_before(nlp):
    # veritas story (politics-157): the host spoke last, but 'He' continues Mr Kilroy-Silk.
    doc = nlp("The programme's host, Jonathan Dimbleby, later told the audience the MEP had been covered from "
              "\"head to toe\". Mr Kilroy-Silk was still able appear to appear on the show after being loaned a "
              "change of clothes.\n\nHe told reporters he was \"very angry\" and planned to press charges if his "
              "attacker was caught. He said the man shouted: \"You've offended my religion, I'm doing this in the "
              "name of Islam.\"")
    quotes = quote_mentions(doc)
    assert [q.speaker for q in quotes if q.direct and len(q.text) > 30] == ["Kilroy-Silk"]
    assert next(q for q in quotes if q.cue == "told" and "angry" in q.text).speaker == "Kilroy-Silk"


def test_an_unnamed_source_introduced_with_a_is_nobody_named(nlp):
    # man-utd story (BBC): the words are not Mr Glazer's.
    doc = nlp("Manchester United revealed on Sunday that it had received a detailed proposal from Mr Glazer. A senior "
              "source at the club told the BBC: \"This time it's different, and the board will look at it.\" The board "
              "is obliged to consider this deal.")
    [quote] = [q for q in quote_mentions(doc) if q.direct]
    assert quote.speaker is None and quote.cue == "told"


def test_a_definite_description_speaks_for_the_last_speaker(nlp):
    doc = nlp("Rio Ferdinand has said he is unsure of Malcolm Glazer's motives after the American billionaire "
              "launched a new offer to buy Manchester United. The club have confirmed that the Glazer Family "
              "Partnership have submitted proposals of a third bid. The central defender added on BBC Radio Five "
              "Live: \"We will have to wait and see what Glazer comes with.\"")
    quote = next(q for q in quote_mentions(doc) if q.text.startswith("We will"))
    assert quote.speaker == "Rio Ferdinand"


def test_a_straight_mark_after_a_full_stop_reopens_the_same_quote(nlp):
    # Paragraphs of one quote, each opened and only the last closed, joined into one line: the mark
    # before "This is about" opens a paragraph, it does not close the quote and open narration.
    text = ("Adam Jollans, IBM's world-wide Linux strategy manager, said the move was a genuine attempt to "
            "encourage innovation. \"We believe that releasing these patents will result in innovation moving "
            "more quickly. \"This is about encouraging collaboration and following a model much like academia.\" "
            "Mr Jollans likened the plan for a patent commons to the way the internet was developed and said "
            "everyone could take advantage of the result of collaboration. \"The internet's impact has been on "
            "everyone. The benefits are there for everyone to take advantage of.\" Stuart Cohen, chief executive "
            "of US firm Open Source Development Labs, said the move could mean a change in the way companies deal "
            "with patents.\n\n\"I think other companies will follow suit,\" he said.")
    quotes = quote_mentions(nlp(text))
    direct = [q for q in quotes if q.direct]
    assert [q.text[:20] for q in direct] == ["We believe that rele", "The internet's impac", "I think other compan"]
    assert direct[0].speaker == "Adam Jollans" and direct[0].text.endswith("much like academia.")
    assert "quickly. This is about" in direct[0].text
    # Stuart Cohen's words are his, not Jollans's; the narration between the quotes is no quote.
    assert direct[2].speaker == "Stuart Cohen"
    assert not any("Mr Jollans likened" in q.text or "Stuart Cohen" in q.text for q in direct)
    assert [q.speaker for q in quotes if not q.direct and "change in the way" in q.text] == ["Stuart Cohen"]


def test_a_statement_is_not_the_last_person_named(nlp):
    text = ("Manchester United's response comes as little surprise, as the board made clear. \"Any board has a "
            "responsibility to consider a bona fide offer proposal,\" the club said in its statement. But it also "
            "stressed that it stayed opposed to Mr Glazer's proposal. \"The board continues to believe that Mr "
            "Glazer's business plan assumptions are aggressive,\" the statement said, \"and the direct and indirect "
            "financial strain on the business could be damaging.\"")
    quotes = [q for q in quote_mentions(nlp(text)) if q.direct]
    aggressive = next(q for q in quotes if "aggressive" in q.text)
    assert aggressive.speaker != "Glazer" and "Glazer" not in (aggressive.speaker or "")


def test_a_statement_speaks_for_its_owner(nlp):
    text = ("Glazer currently owns a 28.1% stake in the club, and United's statement to the stock exchange said: "
            "\"The board has noted the recent press speculation on this subject.\"")
    [quote] = [q for q in quote_mentions(nlp(text)) if q.direct]
    assert quote.speaker == "United"


def test_a_capitalised_first_word_is_no_speaker_unless_it_is_a_surname(nlp):
    text = ("A £1.3bn offer has already been rejected, while Euronext has said it will make an all cash bid. "
            "Speculation suggests that Paris-based Euronext has the facilities in place to make a bid of £1.4bn.")
    assert not any(q.speaker == "Speculation" for q in quote_mentions(nlp(text)))


def test_the_party_leader_is_the_person_named_with_that_role(nlp):
    text = ("Tory leader Michael Howard said the Budget was a bribe. Mr Brown's Budget was not about what was good "
            "for the country, but \"all about the interests of the Labour party,\" the Tory leader said.")
    [quote] = [q for q in quote_mentions(nlp(text)) if q.direct]
    assert quote.speaker == "Michael Howard"


def test_a_person_described_is_not_the_organisation_that_spoke_last(nlp):
    text = ("\"The approach is at an early stage and therefore does not require a response at this point,\" the LSE "
            "said. A weekend report in the Telegraph had quoted an unnamed executive at Euronext as saying the group "
            "would make a cash bid to trump Deutsche Boerse's offer. \"Because we already own Liffe in London, the "
            "cost savings available to us from a merger are far greater than for Deutsche Boerse,\" the newspaper "
            "quoted the executive as saying.")
    liffe = next(q for q in quote_mentions(nlp(text)) if "Liffe" in q.text)
    assert liffe.speaker != "LSE"


def test_he_after_an_unnamed_spokesman_is_the_spokesman(nlp):
    text = ("\"There was at one point the intention to put the item on today's agenda. But in the end we could not "
            "put it on,\" an EU spokesman told the Reuters agency. He added that no date had been chosen for more "
            "discussion of the law.")
    reported = [q for q in quote_mentions(nlp(text)) if not q.direct]
    assert [q.speaker for q in reported] == ["EU"]


def test_the_title_alone_is_the_person_the_sentence_before_is_about(nlp):
    text = ("In response, David Davis said the Tories would make cuts, such as removing regional assemblies, but would "
            "bring in more police officers.\n\nGordon Brown has addressed the conference behind closed doors. The "
            "Chancellor said the Conservatives' plans would see some £50bn in spending cuts by 2011, which the Tories deny.")
    [cuts] = [q for q in quote_mentions(nlp(text)) if "£50bn" in q.text]
    assert cuts.speaker == "Gordon Brown"


def test_the_mep_is_the_person_named_before_not_a_name(nlp):
    text = ("Ex-chat show host Robert Kilroy-Silk has quit the UK Independence Party and accused it of betraying its "
            "supporters.\n\nThe MEP said he was ashamed to have joined the party, which he labelled as a \"joke\".")
    [quote] = quote_mentions(nlp(text))
    assert quote.speaker == "Robert Kilroy-Silk"


def test_a_verb_inside_the_next_quotation_is_not_the_reporting_verb(nlp):
    text = ("\"As far as Intellect is concerned, open source and patents have co-existed for many years without "
            "problems,\" said spokeswoman Jill Sutherland. \"The industry respects the open source movement and in fact "
            "many of the members we represent use the open source system to develop software,\" \"We think the "
            "important point to make is that companies should be able to choose between patents, copyrights and open "
            "source,\" she added.")
    industry = next(q for q in quote_mentions(nlp(text)) if q.text.startswith("The industry"))
    assert industry.cue != "think"


def test_a_clause_reported_inside_another_by_the_same_speaker_is_one_quote(nlp):
    text = ("David Cummings, head of UK equities for Standard Life Investments, said he believed a \"well funded\" 300p "
            "a share bid would be enough for Mr Glazer to take control of the club.")
    quotes = quote_mentions(nlp(text))
    assert len(quotes) == 1 and quotes[0].speaker == "David Cummings"
    assert quotes[0].text.startswith("he believed")
