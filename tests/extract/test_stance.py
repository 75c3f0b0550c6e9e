"""Stance cues and per-actor stances, on sentences from the seeds and the other-subject stories."""

from pathlib import Path

from briefgen.analyse import analyse_doc
from briefgen.config import StanceOverride, load_config
from briefgen.extract.actors import build_actors, entity_mentions
from briefgen.extract.gazetteer import fold
from briefgen.extract.issue import stems
from briefgen.extract.stance import actor_stance, author_stance, stance_cues, unused_overrides
from briefgen.model import Stance

SEED_ISSUE = "Turkey's acquisition of the Russian S-400 air defence system"


def cues(nlp, text):
    doc = nlp(text)
    return stance_cues(doc, entities=entity_mentions(doc))


def held(found, entity, role=None):
    """Cues held by *entity* (as tagged, with or without a leading 'the')."""
    return [c for c in found if fold(c.entity).removeprefix("the ") == fold(entity).removeprefix("the ")
            and (role is None or c.role == role)]


def stance_of(nlp, names, issue, *texts):
    analyses = {i: analyse_doc(nlp(t), published=None) for i, t in enumerate(texts, 1)}
    folded = {fold(n) for n in names}
    return actor_stance(analyses, lambda name: fold(name) in folded, stems(issue))


# --------------------------------------------------------------------------- who holds a cue


def test_agent_of_threat_opposes_and_patient_is_only_noted(nlp):
    found = cues(nlp, "Washington has repeatedly threatened Turkey with restrictive measures.")
    by_role = {(c.entity, c.role): c.polarity for c in found if c.cue == "threaten"}
    assert by_role[("Washington", "agent")] < 0
    assert ("Turkey", "patient") in by_role and ("Turkey", "agent") not in by_role


def test_negation_flips_polarity(nlp):
    found = cues(nlp, "Turkey will not abandon the Russian complexes despite threats from the United States.")
    abandon = [c for c in found if c.cue == "abandon" and c.entity == "Turkey"]
    assert abandon and abandon[0].polarity > 0
    # 'threats from X': X makes the threat, and 'despite' does not turn it round.
    assert [c.polarity for c in held(found, "the United States", "agent") if c.cue == "threat"] == [-1.0]


def test_negation_of_a_reporting_clause_does_not_reach_what_it_reports(nlp):
    found = cues(nlp, "In addition, do not forget that Washington threatened the Turkish side with the exception "
                      "of the fifth generation F-35 fighter program.")
    assert [c.polarity for c in held(found, "Washington", "agent")] == [-1.0]


def test_quoted_speaker_holds_the_cue(nlp):
    found = cues(nlp, "“Ankara will continue to purchase systems from others,” Cavusoglu said.")
    assert any(c.entity == "Cavusoglu" and c.role == "speaker" and c.polarity > 0 for c in found)


def test_who_demands_an_act_holds_it_not_who_is_asked(nlp):
    found = cues(nlp, 'Earlier, the State Department demanded that Ankara "destroy, return the S-400 or in some '
                      'other way get rid of them."')
    assert held(found, "the State Department", "agent") and all(c.polarity < 0 for c in held(found, "the State Department"))
    assert not held(found, "Ankara", "agent")


def test_one_obliged_to_act_does_not_hold_the_act(nlp):
    found = cues(nlp, "Under current legislation, Trump is required to impose sanctions.")
    assert not held(found, "Trump")


def test_this_was_announced_by_gives_the_previous_sentence_its_speaker(nlp):
    found = cues(nlp, "The contract for the supply of Ankara an additional batch of S-400 Triumph air defense systems "
                      "will most likely be signed in 2020. This was announced on December 6 by the Director of the "
                      "Federal Service for Military-Technical Cooperation (FSVTS) of Russia Dmitry Shugaev.")
    signed = [c for c in held(found, "Dmitry Shugaev", "speaker") if c.cue == "sign"]
    assert signed and signed[0].polarity > 0 and signed[0].sentence == 0


def test_according_to_names_a_speaker_even_when_the_model_missed_the_name(nlp):
    found = cues(nlp, "According to Rosoboronexport in early November, the Russian side fulfilled its contractual "
                      "obligations ahead of schedule by supplying Turkey with all the elements of the system.")
    assert any(c.cue == "supply" and c.polarity > 0 for c in held(found, "Rosoboronexport", "speaker"))
    assert held(found, "Russian", "agent")  # 'the Russian side'


def test_the_reason_for_sanctions_is_not_a_position_of_who_calls_for_them(nlp):
    found = cues(nlp, "At the end of November, the United States Congress called for sanctions against Turkey for "
                      "the acquisition of the S-400.")
    congress = held(found, "United States Congress")
    assert congress and all(c.polarity < 0 for c in congress)


def test_rather_than_negates(nlp):
    found = cues(nlp, "Atticus Capital, holding 2% of Deutsche Boerse, wants it to buy back its own shares rather "
                      "than buy the LSE.")
    buys = [c for c in held(found, "Atticus Capital") if c.cue == "buy"]
    assert buys and all(c.polarity < 0 for c in buys)


def test_an_event_that_only_sets_the_time_is_no_position_of_the_speaker(nlp):
    found = cues(nlp, "Rio Ferdinand has said he is unsure of Malcolm Glazer's motives after the American billionaire "
                      "launched a new offer to buy Manchester United.")
    assert not held(found, "Rio Ferdinand")


def test_the_speaker_s_own_loss_told_in_the_passive_is_no_support(nlp):
    found = cues(nlp, '"We believe the merits of our case are strong and simple," said chief executive Steven '
                      'Theede. "Our assets were seized. We want them back or damages paid."')
    assert not [c for c in held(found, "Steven Theede") if c.polarity > 0]


def test_an_act_the_speaker_calls_illegal_is_condemned_not_endorsed(nlp):
    found = cues(nlp, '"Our assets were illegally seized," said chief executive Steven Theede.')
    assert [c.polarity for c in held(found, "Steven Theede") if c.cue == "seize"] == [-1.0]
    found = cues(nlp, "Yukos called the sale illegal and has turned to courts in the US.")
    verdict = [c for c in held(found, "Yukos", "agent") if c.cue == "illegal"]
    assert verdict and verdict[0].polarity < 0 and verdict[0].target == "the sale"


def test_seeing_the_back_of_someone_is_no_backing(nlp):
    found = cues(nlp, "UKIP leader Roger Knapman says he was glad to see the back of Mr Kilroy-Silk.")
    assert not [c for c in found if c.cue == "back"]


def test_the_owner_of_a_bid_is_not_the_owner_of_a_decision_about_it(nlp):
    found = cues(nlp, "Glazer's financial backers, including JP Morgan, the US investment bank have said they "
                      "won't back a bid unless it receives backing from the owners.")
    assert not held(found, "Glazer", "speaker") and not held(found, "Glazer", "agent")


def test_it_stands_for_the_organisation_named_as_subject_just_before(nlp):
    found = cues(nlp, "Manchester United's board has agreed to give US tycoon Malcolm Glazer access to its books. "
                      "Earlier this month, Mr Glazer presented the board with detailed proposals on an offer to buy "
                      "the football club. In a statement, the club said it would allow Mr Glazer limited due "
                      "diligence. But it said it continued to oppose Mr Glazer's plans.")
    assert [c.polarity for c in held(found, "Manchester United", "agent") if c.cue == "oppose"] == [-1.0]
    # Pleonastic 'it' stands for nobody.
    found = cues(nlp, "Turkey signed the deal. It is possible that the parties will agree on the purchase of fighters.")
    assert not [c for c in held(found, "Turkey") if c.sentence == 1]


def test_receiving_a_bid_is_not_making_one(nlp):
    found = cues(nlp, 'In October 2004, Manchester United said they had received a "preliminary approach", which '
                      'turned out to have come from Mr Glazer.')
    assert not [c for c in held(found, "Manchester United") if c.polarity > 0]


# --------------------------------------------------------------------------- one actor's stance


def test_stance_on_the_seed_issue_from_real_sentences(nlp):
    text = ("Recall that Washington has repeatedly threatened Turkey with restrictive measures in the event of the "
            "deployment of the Russian S-400 and criticized the relevant Russian-Turkish agreement. In addition, the "
            "White House previously tried to disrupt the deal.")
    assert stance_of(nlp, ["Washington", "White House"], SEED_ISSUE, text).label == "oppose"
    turkey = stance_of(nlp, ["Turkey"], SEED_ISSUE, text)
    assert turkey.label == "support"  # the target of the threats, and the one the issue names as acting
    assert stance_of(nlp, ["Russia", "Russian"], SEED_ISSUE, text).label == "unknown"


def test_thin_or_off_issue_evidence_is_unknown(nlp):
    text = "In announcing this, US Secretary of State Mike Pompeo named Nicosia a key partner in the Eastern Mediterranean."
    stance = stance_of(nlp, ["Mike Pompeo"], SEED_ISSUE, text)
    assert stance.label == "unknown" and stance.score == 0.0 and not stance.evidence


def test_evidence_sentences_are_cited_and_follow_the_label(nlp):
    text = ("Meanwhile, LSE shareholders fear that Deutsche Boerse's control would create a monopoly. "
            "Last week, the LSE rejected a takeover proposal from German rival Deutsche Boerse - the 530 "
            "pence-a-share offer valued the exchange at about £1.35bn.")
    stance = stance_of(nlp, ["LSE"], "Deutsche Boerse's takeover of the London Stock Exchange", text)
    assert stance.label == "oppose" and stance.score < 0
    assert "rejected" in stance.evidence[0].text
    citation = stance.evidence[0].citations[0]
    assert text[citation.start:citation.end] == stance.evidence[0].text


def test_a_rival_bid_for_the_same_prize_opposes_the_issue(nlp):
    issue = "Deutsche Boerse's takeover of the London Stock Exchange"
    rival = "Pan-European group Euronext is poised to launch a bid for the London Stock Exchange, UK media reports say."
    own = "Frankfurt-based Deutsche Boerse has offered £1.3bn ($2.48bn; 1.88bn euros) for the London Stock Exchange."
    assert stance_of(nlp, ["Euronext"], issue, rival).label == "oppose"
    assert stance_of(nlp, ["Deutsche Boerse"], issue, own).label == "support"


def test_an_act_aimed_at_someone_outside_the_issue_does_not_count(nlp):
    text = ("Ex-chat show host Robert Kilroy-Silk has quit the UK Independence Party and accused it of betraying its "
            "supporters.")
    issue = "Robert Kilroy-Silk's new party, Veritas"
    stance = stance_of(nlp, ["Robert Kilroy-Silk"], issue, text)
    assert stance.label == "support" and not stance.evidence  # the issue names him as acting; quitting is elsewhere


# --------------------------------------------------------------------------- author overrides


def test_author_override_matches_an_alias_and_keeps_the_note(tmp_path: Path):
    (tmp_path / "briefgen.toml").write_text(
        '[brief]\nissue = "x"\n\n[stances."the European Union"]\nlabel = "oppose"\nnote = "Council conclusions."\n',
        encoding="utf-8",
    )
    overrides = load_config(tmp_path / "briefgen.toml").stances
    measured = Stance(label="support", score=0.4)
    stance = author_stance(["EU", "European Union"], measured, overrides)
    assert (stance.label, stance.set_by, stance.note) == ("oppose", "author", "Council conclusions.")
    assert stance.score < 0  # a chart must not draw it on the support side
    assert author_stance(["NATO"], measured, overrides) is measured
    assert unused_overrides([["NATO"], ["EU", "European Union"]], overrides) == []
    assert unused_overrides([["NATO"]], overrides) == ["the European Union"]


def test_author_override_reaches_the_actor_in_the_brief(nlp):
    text = ("Recall that Washington has repeatedly threatened Turkey with restrictive measures in the event of the "
            "deployment of the Russian S-400.")
    analyses = {1: analyse_doc(nlp(text), published=None)}
    overrides = {"Turkey": StanceOverride(label="mixed", note="Read with the 2021 statements.")}
    actors = {a.name: a for a in build_actors(analyses, issue=SEED_ISSUE, overrides=overrides)}
    assert actors["Turkey"].stance.label == "mixed" and actors["Turkey"].stance.set_by == "author"
    assert actors["United States"].stance.set_by == "analysis"


def test_being_opposed_to_is_opposing_and_an_apposition_names_who_is(nlp):
    # From the club-takeover story: the copula with 'opposed' as its complement, the group named in apposition.
    found = cues(nlp, "Many of Manchester United's supporters own shares in the club, and the fan-based group "
                      "Shareholders United is strongly opposed to any takeover by Mr Glazer.")
    assert [c.polarity for c in held(found, "Shareholders United", "agent") if c.cue == "oppose"] == [-1.0]


def test_a_spokesman_for_a_body_speaks_for_it(nlp):
    found = cues(nlp, 'A spokesman for the Shareholders United said: "We will fight the takeover."')
    assert any(c.cue == "fight" and c.polarity < 0 for c in held(found, "Shareholders United", "speaker"))


def test_the_walk_up_the_parse_stops_at_the_root(nlp):
    # spaCy makes a new Token on each access, so 'token.head is token' never holds: a walk that
    # tested it kept stepping from the root to itself. Compared by index, it stops there.
    from briefgen.extract.stance import _ancestors

    doc = nlp("Analysts said that Chile will buy the system.")
    buy = next(t for t in doc if t.lower_ == "buy")
    up = _ancestors(buy, 6)
    assert [t.lower_ for t in up] == ["said"]
    assert _ancestors(doc[1], 6) == []  # 'said' is the root: nothing above it
    found = cues(nlp, "Analysts in Lima said that Chile will buy the system.")
    assert not held(found, "Lima")


MAN_UTD_ISSUE = "Malcolm Glazer's takeover of Manchester United"
FERDINAND = ("Rio Ferdinand has said he is unsure of Malcolm Glazer's motives after the American billionaire "
             "launched a new offer to buy Manchester United. The club have confirmed that the Glazer Family "
             "Partnership have submitted proposals of a third bid. The central defender added on BBC Radio Five "
             "Live: \"We will have to wait and see what Glazer comes with. \"I would like to see the situation "
             "resolved either way.\"")


def test_words_that_take_no_side_are_cues_of_no_direction(nlp):
    found = cues(nlp, "Yukos said it would consider its options in light of the ruling.")
    assert [(c.cue, c.polarity) for c in held(found, "Yukos")] == [("consider option", 0.0)]
    found = cues(nlp, FERDINAND)
    assert {c.cue for c in held(found, "Rio Ferdinand") if c.polarity == 0} >= {"wait and see"}


def test_an_actor_speaking_on_the_issue_without_taking_a_side_is_neutral_not_unknown(nlp):
    stance = stance_of(nlp, ["Rio Ferdinand", "Ferdinand"], MAN_UTD_ISSUE, FERDINAND)
    assert stance.label == "neutral"
    assert stance.evidence and "wait and see" in stance.evidence[0].text
    # Nothing said on the issue at all stays 'unknown'.
    assert stance_of(nlp, ["Alex Ferguson"], MAN_UTD_ISSUE, FERDINAND).label == "unknown"
    # A side taken outweighs a word of caution: the neutral words do not hide it.
    sided = stance_of(nlp, ["Yukos"], "the Russian state's seizure and sale of Yukos assets",
                      "Yukos has condemned the sale of its main oil unit. Yukos said it would consider its options.")
    assert sided.label != "neutral"


def test_he_or_she_opening_a_sentence_is_the_main_subject_before(nlp):
    from briefgen.extract.stance import _pronoun_subjects

    doc = nlp("Mr Kilroy-Silk quit UKIP last week after months of tension as he vied unsuccessfully for the "
              "leadership of that party. He said he was ashamed to be a member of a UKIP whose leadership had "
              "\"gone AWOL\". Ms Blackman said she was proud of the government's achievements in the area. She "
              "declined to give her view of Mr Kilroy-Silk at this point.")
    found = {doc_text[m.start:m.end]: m.text for m in _pronoun_subjects(doc, entity_mentions(doc), [])
             for doc_text in [doc.text]}
    resolved = sorted((m.start, m.text) for m in _pronoun_subjects(doc, entity_mentions(doc), []))
    assert [name for _, name in resolved] == ["Kilroy-Silk", "Blackman"]
    assert set(found) == {"He", "She"}


def test_the_group_stands_for_the_organisation_named_as_subject_just_before(nlp):
    found = cues(nlp, "Talks with the European stock market and with rival bidder Deutsche Boerse will continue, "
                      "the LSE said. Last week, the group rejected a £1.3bn ($2.5bn) takeover offer from Deutsche "
                      "Boerse, claiming that it undervalued the business.")
    assert [c.polarity for c in held(found, "LSE", "agent") if c.cue == "reject"] == [-1.0]


def test_leaving_a_contest_is_no_side_and_a_passive_conjunct_keeps_its_own_subject(nlp):
    found = cues(nlp, "Concerned that it would be caught up in a court battle, Gazprom and Gazpromneft withdrew from "
                      "the auction, and Yuganskneftegas was sold to little-known investment firm Baikal Finance Group.")
    assert not held(found, "Gazprom") and not held(found, "Gazpromneft")
    assert [c.role for c in held(found, "Yuganskneftegas")] == ["patient"]


def test_fighting_on_is_carrying_on(nlp):
    found = cues(nlp, "Ms Blackman said she was proud of the government's achievements in the area. She says she "
                      "will fight on her record \"as a hard-working constituency MP\".")
    assert not [c for c in found if c.cue == "fight"]


def test_a_description_that_says_whose_it_is_is_not_the_last_organisation(nlp):
    found = cues(nlp, "The Pentagon has already stopped training Turkish pilots on F-35 fighters, and the Senate passed "
                      "a bill prohibiting the transfer of American aircraft and related technologies to Ankara. However, "
                      "experts emphasize that the Turkish side “lost a little” from this - for Turkey, cooperation with "
                      "Moscow “more than covers such side effects.”")
    assert all(c.polarity < 0 for c in held(found, "Senate"))


def test_it_after_a_speaker_is_the_speaker_not_an_organisation_named_before(nlp):
    found = cues(nlp, "The board of Manchester United met on Monday. Manchester United said it continued to oppose "
                      "the plans. Supporters' group Shareholders United - which has proved adept in rallying "
                      "opposition to Mr Glazer's campaign - said it would fight any move.")
    fights = [c for c in found if c.cue == "fight"]
    assert all("Manchester" not in c.entity for c in fights)
    assert [(c.role, c.polarity) for c in held(found, "Manchester United") if c.cue == "oppose"] == [("agent", -1.0)]


def test_an_act_of_one_party_against_the_other_bears_on_the_issue_in_full(nlp):
    text = ("Manchester United's board has agreed to give US tycoon Malcolm Glazer access to its books.\n\n"
            "Earlier this month, Mr Glazer presented the board with detailed proposals on an offer to buy the "
            "football club. In a statement, the club said it would allow Mr Glazer \"limited due diligence\" to give "
            "him the opportunity to take the proposal on to a formal bid. But it said it continued to oppose Mr "
            "Glazer's plans, calling his assumptions \"aggressive\" and his plan \"damaging\".")
    analyses = {1: analyse_doc(nlp(text), published=None)}
    cue = next(c for c in analyses[1].stance_cues if c.cue == "oppose")
    assert cue.role == "agent" and "Manchester United" in cue.entity and "Glazer" in cue.target
    # The sentence names only Glazer, but the act is the club's against him: it counts in full.
    from briefgen.extract.stance import _between_parties
    assert _between_parties(cue, stems(MAN_UTD_ISSUE))
    assert not _between_parties(cue.model_copy(update={"target": "the plans"}), stems(MAN_UTD_ISSUE))


def test_an_act_aimed_at_a_part_names_its_owner(nlp):
    found = cues(nlp, "Russian oil company Yukos has dropped the threat of legal action against five banks it had "
                      "accused of involvement in the sale of its key Yugansk unit.")
    threat = next(c for c in found if c.cue == "threat")
    assert threat.target.endswith("(of Yukos)")
    from briefgen.extract.stance import _owners
    doc = nlp("Deutsche Bank agreed to lend $6bn to help the Russian government renationalise the key "
              "Yuganskneftegas unit of oil group Yukos, it has been revealed.")
    assert _owners(doc, entity_mentions(doc)) == {"Yuganskneftegas": "Yukos"}


def test_the_subject_of_a_copula_holds_the_act_of_its_predicate_noun(nlp):
    # 'X is the latest shareholder to express concern': X expresses it.
    found = cues(nlp, "Standard Life is the latest shareholder in Deutsche Boerse to express concern at the German "
                      "stock market operator's plans to buy the London Stock Exchange.")
    assert [(c.cue, c.polarity) for c in held(found, "Standard Life", "agent")] == [("concern", -1.0)]
    # The shareholder's concern, not the exchange's.
    assert not held(found, "Deutsche Boerse", "agent")


def test_urging_someone_to_step_down_opposes(nlp):
    found = cues(nlp, "UKIP chairman Petrina Holdsworth urged the men to step down from the GLA in a letter.")
    assert [c.polarity for c in held(found, "Petrina Holdsworth", "agent")] == [-1.0]


def test_a_verb_that_carries_out_a_cue_noun_passes_its_negation_on(nlp):
    found = cues(nlp, "IBM said it would not place any restrictions on companies who use them in open-source projects.")
    assert [c.polarity for c in held(found, "IBM") if c.cue == "restriction"] == [1.0]
    # A verb that changes something else says nothing of the noun: no flip.
    found = cues(nlp, "Deutsche Boerse said TCI's opposition would not change its bid approach.")
    assert [c.polarity for c in found if c.cue == "approach" and c.role == "agent"] == [0.5]


def test_an_opposing_act_disowned_through_a_passive_verb_of_purpose_is_no_support(nlp):
    found = cues(nlp, "\u201cThese measures are not intended to undermine the military capabilities and combat "
                      "readiness of Turkey,\u201d the US State Department said.")
    assert not [c for c in found if c.cue == "undermine"]
    # A refusal told in the active voice is still turned round.
    found = cues(nlp, "Turkey will not abandon the Russian complexes despite threats from the United States.")
    assert [c.polarity for c in held(found, "Turkey") if c.cue == "abandon"] == [1.0]


def test_words_of_no_position_make_a_neutral_stance_where_the_text_says_so(nlp):
    # Sentences from the BBC News Summary set.
    kept_open = stance_of(nlp, ["Lord Callaghan", "Callaghan"], "the UK's entry into the Common Market",
                          "As foreign secretary in the early 1970s, Lord Callaghan kept an open mind about the UK's "
                          "entry into the Common Market, seeing the advantages of the UK's entry.")
    assert kept_open.label == "neutral" and "open mind" in kept_open.evidence[0].text
    found = cues(nlp, "Standard Life has not taken a position on the Deutsche Boerse bid for the London Stock Exchange.")
    assert [(c.cue, c.polarity) for c in held(found, "Standard Life")] == [("not take position", 0.0)]
    # Declining to comment is no statement: it stays 'unknown', and does not hide a side taken elsewhere.
    assert stance_of(nlp, ["VEB"], "the Russian state's seizure and sale of Yukos assets",
                     "Rosneft and VEB declined to comment.").label == "unknown"


def test_weighing_someone_elses_proposal_is_no_side_but_considering_a_bid_of_ones_own_is_not_neutral(nlp):
    found = cues(nlp, "Nevertheless, one of Mr Bakrie's deputies, Mahendra Siregar, told AFP news agency that "
                      "Indonesia was still considering the offer by the Paris Club of rich creditor nations to "
                      "temporarily suspend its debt payments.")
    assert [c.polarity for c in held(found, "Indonesia") if c.cue == "consider"] == [0.0]
    weighing = ("Standard Life, which owns a 1% stake in Deutsche Boerse, is weighing the German group's offer for "
                "the London Stock Exchange.")
    assert [(c.cue, c.polarity) for c in held(cues(nlp, weighing), "Standard Life")] == [("weigh", 0.0)]  # not the offer's +
    assert stance_of(nlp, ["Standard Life"], "Deutsche Boerse's takeover of the London Stock Exchange",
                     weighing).label == "neutral"
    own = cues(nlp, "Standard Life is considering a bid for the London Stock Exchange.")
    assert not [c for c in held(own, "Standard Life") if c.polarity == 0]
