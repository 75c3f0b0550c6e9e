"""The timeline and outlook across sources: one happening told several ways is one event, and an
expected event a later source reports as done says so. Sentences come from the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.extract.chronology import merge_events
from briefgen.model import Analysis, EventMention, Sentence

SEEDS = Path(__file__).resolve().parents[2] / "sources"
S400 = "additional-s400-contract-likely-signed-in-2020.txt"
CAVUSOGLU = "cavusoglu-sell-us-air-defence-or-we-buy-elsewhere.txt"
CARD = "russia-playing-s400-card-in-turkey.txt"


def _analysis(text: str, date: str, expected: bool = False, stated: str | None = None) -> Analysis:
    return Analysis(
        sentences=[Sentence(start=0, end=len(text), text=text)],
        events=[EventMention(date=date, text=text, start=0, end=len(text), sentence=0, expected=expected,
                             stated=stated)],
    )


def test_merge_events_joins_sources_and_splits_outlook():
    analyses = {
        1: _analysis("Russia and Turkey signed a deal for an additional batch of air defense systems", "2020-08-23"),
        2: _analysis("Russia and Turkey had signed a deal to acquire an additional batch", "2020-08-23"),
        3: _analysis("The first contract was signed", "2017-04"),
        4: _analysis("the parties will sign the contract", "2020-H1", expected=True, stated="2019-12"),
        5: _analysis("In 2017 the first contract was signed by both sides", "2017"),
    }
    timeline, outlook = merge_events(analyses)
    assert [e.date for e in timeline] == ["2017-04", "2020-08-23"]
    assert timeline[1].sources == [1, 2] and len(timeline[1].citations) == 2
    assert timeline[1].granularity == "day" and timeline[0].granularity == "month"
    assert timeline[0].sources == [3, 5]  # "in 2017" joins "April 2017", which is more precise
    assert [(e.date, e.granularity, e.stated) for e in outlook] == [("2020-H1", "half", "2019-12")]


def test_plans_without_a_date_merge_and_come_last_in_the_outlook():
    analyses = {
        3: _analysis("Moscow and Ankara intend to sign the second contract for the sale of the S-400 regimental set",
                     "FUTURE_REF", expected=True, stated="2020-03"),
        5: _analysis("Kremlin and Ankara are about to sign a contract to supply Turkey with a second batch of S-400",
                     "FUTURE_REF", expected=True, stated="2021-08"),
        1: _analysis("The contract will most likely be signed in 2020", "2020", expected=True, stated="2019-12"),
    }
    _, outlook = merge_events(analyses)
    assert [(e.date, e.granularity) for e in outlook] == [("2020", "year"), ("FUTURE_REF", None)]
    assert outlook[1].sources == [3, 5] and outlook[1].stated == "2021-08"  # still expected as of the latest



@pytest.fixture(scope="module")
def seed_analyses(nlp):
    from briefgen.analyse import analyse_doc

    def parse(name):
        return nlp((SEEDS / name).read_text("utf-8"))

    return {
        1: analyse_doc(parse(S400), published="2019-12"),
        3: analyse_doc(parse(CAVUSOGLU), published=None),
        5: analyse_doc(parse(CARD), published="2021-08"),
    }


def test_one_happening_in_other_words_merges_across_and_within_sources(seed_analyses):
    timeline, _ = merge_events(seed_analyses)
    by_text = {e.text: e for e in timeline}
    # [3] "the first contract ... was signed in April 2017 and finally implemented in the fall of 2019"
    # [1] "in early November, the Russian side fulfilled its contractual obligations ... by supplying"
    fulfilled = next(e for t, e in by_text.items() if "fulfilled its contractual obligations" in t)
    assert (fulfilled.date, fulfilled.sources, len(fulfilled.citations)) == ("2019-11", [1, 3], 2)
    assert not [t for t in by_text if "finally implemented" in t]
    # [5] "the Crimea summit in Kiev, which ... Cavusoglu attended earlier in the week" and "Cavusoglu made
    # a controversial statement during the Crimean Platform meeting in Kiev on Aug. 23": one meeting.
    meeting = next(e for t, e in by_text.items() if "Crimean Platform meeting" in t)
    assert meeting.date == "2021-08-23" and len(meeting.citations) == 2
    assert not [t for t in by_text if "Crimea summit" in t]


def test_near_misses_stay_apart(seed_analyses):
    timeline, _ = merge_events(seed_analyses)
    texts = [e.text for e in timeline]
    # Two statements by two people in November 2019 ([1]): Erdogan's on the 14th, Akar's in November.
    assert any(t.startswith("Erdogan made a similar statement on November 14") for t in texts)
    assert any("Hulusi Akar announced that Ankara plans to activate" in t for t in texts)
    # Cavusoglu at Bled in September 2019 ([3]) says Turkey could conclude a new contract; the first
    # contract's implementation in the fall of 2019 shares only what both are about.
    bled = next(e for e in timeline if "Bled" in e.text)
    assert bled.sources == [3] and bled.date == "2019-09"


def test_an_expected_event_reported_done_later_is_marked(seed_analyses):
    _, outlook = merge_events(seed_analyses)
    by_text = {e.text: e for e in outlook}
    # [1] (Dec 2019) says it three ways: "will most likely be signed in 2020", "we will come to the signing
    # of contract documents" in the first half of 2020, "agreements ... can really be concluded next year":
    # one expected signing, dated by the most precise. [3]: "On August 23, 2020, ... Mikheev said that
    # Russia and Turkey had signed a deal to acquire an additional batch".
    signed = next(e for e in outlook if e.date.startswith("2020"))
    assert [e for e in outlook if e.date.startswith("2020")] == [signed]
    assert signed.date == "2020-H1" and signed.sources == [1] and len(signed.citations) == 3
    assert signed.reported_done is not None and signed.reported_done.date == "2020-08-23"
    assert not signed.reported_done.still_expected and signed.reported_done.citations[0].source_id == 3
    # [3] (Mar 2020) and [5] (Aug 2021) still expect the second contract: the sources disagree.
    second = next(e for t, e in by_text.items() if t.startswith("Moscow and Ankara intend to sign"))
    assert second.reported_done.date == "2020-08-23" and second.reported_done.still_expected
    # "Ankara plans to activate air defense systems acquired from Russia": activating is not acquiring.
    activate = next(e for t, e in by_text.items() if "plans to activate" in t)
    assert activate.reported_done is None
    # What is still ahead comes first in the outlook.
    flags = [e.reported_done is not None and not e.reported_done.still_expected for e in outlook]
    assert flags == sorted(flags)


def _told_by(text: str, date: str, names: list[str]) -> Analysis:
    """One dated event in a source that names *names* (its story)."""
    from briefgen.model import EntityMention

    analysis = _analysis(text, date)
    analysis.entities = [EntityMention(text=n, label="ORG", start=0, end=len(n), sentence=0) for n in names]
    return analysis


def test_alike_events_in_two_unrelated_stories_stay_two():
    # Two BBC business stories of 2005 both say what an airline did "last year".
    airline = _told_by("BA last year introduced a fuel surcharge for passengers", "2004", ["BA", "British Airways"])
    rival = _told_by("Qantas last year introduced a fuel surcharge on its flights", "2004", ["Qantas"])
    timeline, _ = merge_events({1: airline, 2: rival})
    assert sorted(e.sources for e in timeline) == [[1], [2]]
    # A second report of the first story merges with it.
    again = _told_by("BA introduced a fuel surcharge for passengers last year", "2004", ["British Airways", "Heathrow"])
    timeline, _ = merge_events({1: airline, 2: rival, 3: again})
    assert sorted(e.sources for e in timeline) == [[1, 3], [2]]


def test_a_name_two_plans_share_counts_once_not_again_as_a_word(nlp):
    """Two statements of plans without a date by different speakers: the owner's name in one ("X's
    owner Y says it will ...") and the speaker of the other share a name, which counts as a name; its
    stem must not count a second time as a shared word and tip the two into one plan."""
    from briefgen.analyse import analyse_doc

    texts = {
        1: "Yukos' owner Menatep Group says it will ask Rosneft to repay a loan that Yugansk had secured on its assets.",
        2: "Rosneft bought Yugansk at the auction. Yukos said it would consider its options in light of the ruling.",
    }
    analyses = {i: analyse_doc(nlp(text), published=None) for i, text in texts.items()}
    _, outlook = merge_events(analyses)
    assert sorted(e.sources for e in outlook) == [[1], [2]]
