"""The executive summary across sources: on the seeds and on two real BBC articles about one story."""

from __future__ import annotations

import numpy as np
import pytest

from briefgen.model import Source
from briefgen.summarise import executive_summary, points_back, unusable_reason
from briefgen.summarise.executive import (
    _issue_penalty,
    _bare_surnames,
    _forecast,
    _introduce_people_first,
    _named_before_introduced,
)
from briefgen.summarise.scoring import tfidf

# Two BBC News Summary articles on one story (business/003 and business/127, first paragraphs): both
# report the sale of the same unit for the same sum, and the same loan claim, in different words.
LOAN_CLAIM = Source(
    id=1, path="business-003.txt", title="Yukos unit buyer faces loan claim", published="2005-01-25",
    text=(
        "The owners of embattled Russian oil giant Yukos are to ask the buyer of its former production unit to pay "
        "back a $900m (£479m) loan.\n\n"
        "State-owned Rosneft bought the Yugansk unit for $9.3bn in a sale forced by Russia to part settle a $27.5bn "
        "tax claim against Yukos. Yukos' owner Menatep Group says it will ask Rosneft to repay a loan that Yugansk "
        "had secured on its assets. Rosneft already faces a similar $540m repayment demand from foreign banks. "
        "Legal experts said Rosneft's purchase of Yugansk would include such obligations."
    ),
)
LAWSUIT = Source(
    id=2, path="business-127.txt", title="Yukos owner sues Russia for $28bn", published="2005-02-07",
    text=(
        "The majority owner of embattled Russian oil firm Yukos has sued the Russian government for $28.3bn "
        "(£15.2bn).\n\n"
        "The Kremlin last year seized and sold Yukos' main production arm, Yugansk, to state-run oil group Rosneft "
        "for $9.3bn to offset a massive back tax bill. Group Menatep, the Gibraltar-based holding company which "
        "controls 51% of Yukos, says this was illegal. Menatep has already asked Rosneft to repay a $900m loan that "
        "Yugansk had secured on its assets.\n\n"
        "The Russian government's argument for selling Yuganskneftegaz - the unit's full name - was that Yukos owed "
        "more than $27bn in back taxes for the years from 2000 onwards."
    ),
)


@pytest.fixture(scope="module")
def two_outlets(analyse):
    sources = [LOAN_CLAIM, LAWSUIT]
    return sources, {s.id: analyse(s) for s in sources}


@pytest.fixture(scope="module")
def seed_summary(seeds):
    sources, analyses = seeds
    return executive_summary(sources, analyses, sentences=7)


def test_the_same_fact_from_two_outlets_is_one_sentence_citing_both(two_outlets, spans_match):
    sources, analyses = two_outlets
    summary = executive_summary(sources, analyses, sentences=5)
    sale = [c for c in summary if "9.3bn" in c.text]
    assert len(sale) == 1
    assert sorted(c.source_id for c in sale[0].citations) == [1, 2]
    assert spans_match(summary, {s.id: s for s in sources})


def test_the_seed_summary_is_five_to_eight_cited_sentences_at_their_spans(seeds, seed_summary, spans_match):
    sources, _ = seeds
    assert 5 <= len(seed_summary) <= 8
    assert all(c.citations for c in seed_summary)
    assert spans_match(seed_summary, {s.id: s for s in sources})
    # It draws on most of the sources, not on one.
    assert len({c.source_id for s in seed_summary for c in s.citations}) >= 4


def test_seed_summary_sentences_stand_alone_and_say_different_things(seeds, seed_summary):
    _, analyses = seeds
    records = {(sid, r.start): r for sid, a in analyses.items() for r in a.sentences}
    chosen = [records[(s.citations[0].source_id, s.citations[0].start)] for s in seed_summary]
    for record in chosen:
        assert unusable_reason(record) is None, record.text
        assert not points_back(record), record.text
    vectors = tfidf([r.lemmas for r in chosen])
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, 0)
    assert similarity.max() < 0.5


def test_seed_summary_reads_background_then_latest_then_what_to_watch(seeds, seed_summary):
    sources, _ = seeds
    phases = [s.phase for s in seed_summary]
    assert phases == sorted(phases, key=["background", "latest", "watch"].index)
    assert {"background", "latest", "watch"} <= set(phases)
    # The latest developments come from the newest source, or from one with no date.
    newest = max(s.published for s in sources if s.published)
    dated = {s.id: s.published for s in sources}
    for sentence in seed_summary:
        if sentence.phase != "background":
            assert dated[sentence.citations[0].source_id] in (newest, None), sentence.text


def test_excluded_sources_and_empty_input(two_outlets):
    sources, analyses = two_outlets
    excluded = LAWSUIT.model_copy(update={"status": "excluded", "reason": "duplicate"})
    summary = executive_summary([LOAN_CLAIM, excluded], analyses, sentences=5)
    assert summary and all(c.source_id == 1 for cited in summary for c in cited.citations)
    assert executive_summary([], {}, sentences=5) == []


def test_the_seed_contract_three_outlets_report_is_one_sentence_opening_the_background(seed_summary):
    # Sources 1 and 5 both give the 2017 contract's $2.5 billion, in different words.
    contract = [s for s in seed_summary if "2.5" in s.text]
    assert len(contract) == 1
    assert {1, 5} <= {c.source_id for c in contract[0].citations}
    assert seed_summary[0] == contract[0] and contract[0].phase == "background"


def test_a_bare_surname_is_found_where_the_source_gives_the_full_name(seeds):
    sources, analyses = seeds
    source = next(s for s in sources if s.id == 5)
    records = analyses[5].sentences
    flagged = {records[i].text.split(",")[0] for i in _bare_surnames(source.text, analyses[5])}
    assert "According to Sezer" in flagged  # the full name, Aydin Sezer, is given earlier
    assert not any(text.startswith("“Considering that Turkey") for text in flagged)  # "Prof. Emre Ersen"


def test_a_rejection_is_never_a_duplicate_of_the_offer_however_alike_the_words(analyse):
    offered = Source(id=1, path="a.txt", published="2005-01-20",
                     text="Frankfurt-based Deutsche Boerse has offered £1.3bn ($2.48bn; 1.88bn euros) for the London "
                          "Stock Exchange.")
    rejected = Source(id=2, path="b.txt", published="2005-01-20",
                      text="A £1.3bn offer from Deutsche Boerse has already been rejected, while Euronext has said it "
                           "will make an all cash bid.")
    analyses = {s.id: analyse(s) for s in (offered, rejected)}
    summary = executive_summary([offered, rejected], analyses, sentences=5)
    assert len(summary) == 2
    assert all(len(c.citations) == 1 for c in summary)


# --------------------------------------------------------------------------- what to watch
def _forecast_of(analyse, text, published="2005-01-20"):
    analysis = analyse(Source(id=1, path="sentence.txt", text=text, published=published))
    expected = [e for e in analysis.events if e.expected and e.sentence == 0]
    return _forecast(analysis.sentences[0].text, expected=expected, dated=False, source_text=text)


@pytest.mark.parametrize(
    ("text", "watch"),
    [
        # Reported opinion, a relative clause, "plans" as a noun, a past plan, a time word: not forecasts.
        ('Mr Hockney also left UKIP saying Mr Kilroy-Silk would "deliver better" as the leader of a Eurosceptic '
         "party.", False),
        ("UKIP's chairman Petrina Holdsworth has said the group will just be a parody of the party the men have left.",
         False),
        ("Standard Life is the latest shareholder in Deutsche Boerse to express concern at the German stock market "
         "operator's plans to buy the London Stock Exchange.", False),
        ("Reports have put the offer at 300p per share, which would value Manchester United at about £800m ($1.5bn).",
         False),
        ("John Houston, 54, was due to stand in the East Kilbride seat in Lanarkshire at the next election.", False),
        # yukos: the planned merger is in a relative clause; the main clause is past.
        ("The US court's jurisdiction had been challenged by Deutsche Bank and Gazpromneft, a former unit of Russian "
         "gas monopoly Gazprom which is due to merge with Rosneft.", False),
        ("Details of the coming week's events were hammered out at a meeting at Mr Kilroy-Silk's Buckinghamshire home "
         "on Sunday.", False),
        # A stated plan of the speaker's own, a scheduled meeting, an expected step.
        ("Yukos' owner Menatep Group says it will ask Rosneft to repay a loan that Yugansk had secured on its assets.",
         True),
        ("Euronext chief Jean-Francois Theodore is scheduled to meet his LSE counterpart Clara Furse on Friday.", True),
        # seeds: "States" is no reporting verb.
        ("Sanctions imposed by the United States on Ankara include a ban on the Export-Import Bank of the United "
         "States from providing export aid, and the United States intends to avoid issuing loans to Ankara by "
         "international financial institutions.", True),
        ("The board of Man Utd is expected to meet early this week to discuss the latest proposal from the US tycoon.",
         True),
    ],
)
def test_what_to_watch_is_a_plan_or_forecast_in_the_main_clause(analyse, text, watch):
    assert bool(_forecast_of(analyse, text)) is watch


def test_a_planned_event_the_timeline_found_is_a_strong_forecast(analyse):
    text = "Euronext chief Jean-Francois Theodore is scheduled to meet his LSE counterpart Clara Furse on Friday."
    assert _forecast_of(analyse, text) == 2


# --------------------------------------------------------------------------- full name before surname
def test_the_full_name_comes_before_the_surname_alone_within_a_paragraph():
    # 0: "Mr Glazer presented the board ...", 1: "... from US business tycoon Malcolm Glazer", both background;
    # 2: "Mr Kilroy-Silk ..." background whose full name comes only in 3, a later paragraph: left in place.
    people = [({"mcmanus"}, {"glazer"}), ({"glazer"}, set()), (set(), {"kilroy-silk"}), ({"kilroy-silk"}, set())]
    phases = [0, 0, 0, 1]
    assert _introduce_people_first([0, 1, 2, 3], phases=phases, people=people) == [1, 0, 2, 3]
    assert _introduce_people_first([1, 0, 2, 3], phases=phases, people=people) == [1, 0, 2, 3]
    # Across paragraphs it cannot move: the executive summary picks another sentence in its place.
    assert _named_before_introduced([1, 0, 2, 3], people) == [2]
    assert _named_before_introduced([1, 0, 3], people) == []


def test_man_utd_sentences_name_glazer_in_full_first(analyse):
    # Two BBC articles on the man-utd story: the one that names "Mr Glazer" only is older, so it would
    # open the background.
    older = Source(id=1, path="a.txt", published="2005-02-01", title="Glazer makes fresh United approach",
                   text="Earlier this month, Mr Glazer presented the board with detailed proposals on an offer to buy "
                        "the football club.")
    newer = Source(id=2, path="b.txt", published="2005-02-13", title="United confirm Glazer approach",
                   text="The battle for control of Manchester United has taken another turn after the club confirmed "
                        "it had received a fresh takeover approach from US business tycoon Malcolm Glazer.")
    analyses = {s.id: analyse(s) for s in (older, newer)}
    summary = executive_summary([older, newer], analyses, sentences=5)
    texts = [c.text for c in summary]
    assert len(texts) == 2 and all(c.phase == "background" for c in summary)
    assert "Malcolm Glazer" in texts[0] and "Mr Glazer" in texts[1]


def test_a_surname_alone_in_the_background_gives_way_when_the_full_name_comes_only_later(analyse):
    # veritas story: the older article names "Mr Kilroy-Silk" only, so its sentence is background and
    # would come before the newer one's "Robert Kilroy-Silk"; it cannot move after it, so it is dropped.
    older = Source(id=1, path="a.txt", published="2005-01-10",
                   text="Mr Kilroy-Silk was joined in the new venture by one of UKIP's two London Assembly members, "
                        "Damien Hockney, who is now Veritas' deputy leader.")
    newer = Source(id=2, path="b.txt", published="2005-02-03",
                   text="Ex-BBC chat show host and East Midlands MEP Robert Kilroy-Silk has said he wants to \"change "
                        "the face of British politics\" as he launched his new party.")
    analyses = {s.id: analyse(s) for s in (older, newer)}
    texts = [c.text for c in executive_summary([older, newer], analyses, sentences=5)]
    assert texts and "Robert Kilroy-Silk" in texts[0]
    assert not any(t.startswith("Mr Kilroy-Silk") for t in texts)


@pytest.mark.parametrize(
    "sentence, name, inside",
    [
        ('"Considering that Acme has not yet paid, it is not reasonable for Ruritania to sign," he said.', "Ruritania", True),
        ("“Considering that Acme has not yet paid, it is not reasonable for Ruritania to sign,” he said.", "Ruritania", True),
        ("“It is not reasonable,” said the Ruritania envoy.", "Ruritania", False),
        ('Ruritania said it would "consider" the offer.', "Ruritania", False),
    ],
)
def test_a_name_inside_quotation_marks_is_someone_s_words(sentence, name, inside):
    from briefgen.summarise.executive import _inside_quotation

    text = "An earlier sentence. " + sentence
    assert _inside_quotation(text, text.index(sentence), text.index(name)) is inside


# A film premiere among the news (BBC entertainment/036, first paragraphs): it shares no word with an
# issue on the Yukos sale, and should not take a place in a summary of that issue for being newest.
PREMIERE = Source(
    id=3, path="entertainment-036.txt", title="Hanks greeted at wintry premiere", published="2005-02-08",
    text=(
        "Hollywood star Tom Hanks was in London's Leicester Square for the UK premiere of Polar Express.\n\n"
        "The West End landmark was turned into a festive landscape complete with snow and carol singers to "
        "celebrate the arrival of the animated film. Polar Express is based on a children's book which tells the "
        "story of a young boy's journey to meet Santa Claus. Hundreds of fans greeted the star, all wearing Santa "
        "hats, and mince pies were on offer."
    ),
)
YUKOS_ISSUE = "the Russian state's seizure and sale of Yukos assets"


def test_a_source_off_the_issue_gives_way_to_the_sources_on_it(two_outlets, analyse):
    sources, analyses = two_outlets
    mixed = [*sources, PREMIERE]
    analyses = {**analyses, PREMIERE.id: analyse(PREMIERE)}
    penalty = _issue_penalty(mixed, analyses, YUKOS_ISSUE)
    counts = [len(analyses[s.id].sentences) for s in mixed]
    assert penalty[: counts[0] + counts[1]].tolist() == [0.0] * (counts[0] + counts[1])
    assert penalty[counts[0] + counts[1] :].tolist() == [1.0] * counts[2]
    assert not _issue_penalty(mixed, analyses, "").any()  # no issue, no judgement


SEED_ISSUE = "Turkey's acquisition of the Russian S-400 air defence system"


def test_a_story_on_the_issue_is_summarised_as_without_it(seeds, seed_summary):
    sources, analyses = seeds
    assert executive_summary(sources, analyses, sentences=7, issue=SEED_ISSUE) == seed_summary


def test_a_newer_article_off_the_issue_changes_nothing_in_the_summary(seeds, seed_summary, analyse):
    sources, analyses = seeds
    premiere = PREMIERE.model_copy(update={"id": 6, "published": "2021-09-01"})  # newer than every seed
    mixed, analyses = [*sources, premiere], {**analyses, 6: analyse(premiere)}
    # Without the issue, the premiere is the latest news and takes a place in the summary.
    assert 6 in {c.source_id for s in executive_summary(mixed, analyses, sentences=7) for c in s.citations}
    # With it, the summary is the seeds' own: the seeds' news stays the latest, the premiere is left out.
    assert executive_summary(mixed, analyses, sentences=7, issue=SEED_ISSUE) == seed_summary
