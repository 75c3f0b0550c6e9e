from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.extract.dates import normalise
from briefgen.extract.timeline import event_mentions, infer_published, merge_events, time_expressions
from briefgen.model import Analysis, EventMention, Sentence


SEEDS = Path(__file__).resolve().parents[2] / "sources"
S400 = "additional-s400-contract-likely-signed-in-2020.txt"
CAVUSOGLU = "cavusoglu-sell-us-air-defence-or-we-buy-elsewhere.txt"


@pytest.fixture(scope="module")
def s400_doc(nlp):
    return nlp((SEEDS / S400).read_text("utf-8"))


@pytest.fixture(scope="module")
def cavusoglu_doc(nlp):
    return nlp((SEEDS / CAVUSOGLU).read_text("utf-8"))


def values(doc, published):
    return {t.text: t.value for t in time_expressions(doc, published=published)}


def test_seed_dates_normalised_against_publication(s400_doc):
    found = values(s400_doc, "2019-12")
    assert found["December 6"] == "2019-12-06"
    assert found["2017"] == "2017"
    assert found["July of this year"] == "2019-07"
    assert found["early November"] == "2019-11"
    assert found["November 25"] == "2019-11-25"
    assert found["the first half of 2020"] == "2020-H1"
    assert found["next year"] == "2020"


def test_relative_dates_are_only_as_precise_as_the_publication_date(s400_doc):
    # Published some time in 2019-12: "last week" may fall in November or December.
    assert values(s400_doc, "2019-12")["Last week"] == "2019"
    assert values(s400_doc, "2019-12-09")["Last week"] == "2019-W49"
    assert values(s400_doc, None)["Last week"] is None
    assert values(s400_doc, None)["2017"] == "2017"


def test_fuzzy_and_absolute_seed_dates(cavusoglu_doc):
    found = values(cavusoglu_doc, None)
    assert found["mid-March 2020"] == "2020-03"
    assert found["August 23, 2020"] == "2020-08-23"
    assert found["April 2017"] == "2017-04"
    assert found["the fall of 2019"] == "2019-FA"
    assert found["September 2019"] == "2019-09"
    assert found["the end of June 2020"] == "2020-06"
    kinds = {t.text: t.kind for t in time_expressions(cavusoglu_doc, published=None)}
    assert kinds["mid-March 2020"] == "fuzzy"
    assert kinds["August 23, 2020"] == "absolute"


@pytest.mark.parametrize(
    ("text", "published", "tense", "value"),
    [
        ("December 28", "2020-01-05", "past", "2019-12-28"),  # would be in the future: last year's
        ("March", "2019-12", "future", "2020-03"),  # "will meet in March"
        ("Aug. 18", "2021-08", "past", "2021-08-18"),
        ("two weeks ago", "2019-12-10", "past", "2019-W48"),
        ("earlier this month", "2019-12", "past", "2019-12"),
        ("yesterday", "1998-02-06", "past", "1998-02-05"),
        ("the second half of the year", "2016-05", "future", "2016-H2"),
        ("the fourth quarter", "1998-10-15", "past", "1998-Q4"),
        ("last Friday", "2021-08-25", "past", "2021-08-20"),
        ("last summer", "2019-12-10", "past", "2019-SU"),
        ("Jan. 1 next year", "2022-01-20", "future", "2023-01-01"),
        ("the late 1980s", None, "past", "198"),
        ("Monday, Oct. 26", "1998-10-25", "future", "1998-10-26"),
        ("the 1990s", None, "past", "199"),
        ("23.08.2020", None, "past", "2020-08-23"),
    ],
)
def test_normalisation_rules(text, published, tense, value):
    assert normalise(text, published=published, tense=tense)[0] == value


def test_durations_are_not_dates():
    assert normalise("decades", published="2020", tense="past")[0] == "PXDE"
    assert normalise("the past three months", published="2020", tense="past")[0] == "P3M"
    assert normalise("the three months", published="2020", tense="past")[0] == "P3M"
    assert normalise("the year", published="2020-05", tense="past")[0] == "2020"


def test_published_inferred_from_latest_past_date(s400_doc, cavusoglu_doc):
    # 2020 appears only in future-tense clauses and the text says "next year": 2019, December.
    assert infer_published(s400_doc) == "2019-12"
    assert infer_published(cavusoglu_doc) == "2020-08"


def test_published_year_rolls_over_when_a_yearless_month_goes_back(nlp):
    # The manifest dates this seed 2021-08; the text's latest explicit date is October 2020.
    doc = nlp((SEEDS / "russia-playing-s400-card-in-turkey.txt").read_text("utf-8"))
    assert infer_published(doc) == "2021-08"


def test_published_unknown_without_dates(nlp):
    assert infer_published(nlp("The minister said the talks would continue.")) is None


def test_narrative_relative_times_have_no_value(nlp):
    doc = nlp("Lavrov and Cavusoglu met on Aug. 18. A couple of days later Cavusoglu spoke in Kiev.")
    found = {t.text: (t.value, t.kind) for t in time_expressions(doc, published="2021-08")}
    assert found["Aug. 18"] == ("2021-08-18", "partial")
    assert found["A couple of days later"] == (None, "relative")


def test_events_are_clauses_with_actors_and_outlook(s400_doc):
    times = time_expressions(s400_doc, published="2019-12")
    events = {e.date: e for e in event_mentions(s400_doc, times=times, published="2019-12")}
    signed = events["2017"]
    assert signed.text.startswith("in 2017 Moscow and Ankara signed a contract")
    assert not signed.text.startswith("Recall")
    assert {"Moscow", "Ankara"} <= set(signed.actors)
    assert not signed.expected
    assert events["2020-H1"].expected  # "we will come to the signing"
    assert events["2020"].expected
    assert not events["2019-11-25"].expected
    assert all(not e.date.startswith("P") for e in events.values())


def test_present_tense_remarks_are_not_events(cavusoglu_doc):
    times = time_expressions(cavusoglu_doc, published="2020-08")
    texts = [e.text for e in event_mentions(cavusoglu_doc, times=times, published="2020-08")]
    assert not any(t.startswith("Today it could be") for t in texts)
    assert any("signed a deal" in t for t in texts)


def _analysis(text: str, date: str, expected: bool = False) -> Analysis:
    return Analysis(
        sentences=[Sentence(start=0, end=len(text), text=text)],
        events=[EventMention(date=date, text=text, start=0, end=len(text), sentence=0, expected=expected)],
    )


def test_merge_events_joins_sources_and_splits_outlook():
    analyses = {
        1: _analysis("Russia and Turkey signed a deal for an additional batch of air defense systems", "2020-08-23"),
        2: _analysis("Russia and Turkey had signed a deal to acquire an additional batch", "2020-08-23"),
        3: _analysis("The first contract was signed", "2017-04"),
        4: _analysis("the parties will sign the contract", "2020-H1", expected=True),
    }
    analyses[5] = _analysis("In 2017 the first contract was signed by both sides", "2017")
    timeline, outlook = merge_events(analyses)
    assert [e.date for e in timeline] == ["2017-04", "2020-08-23"]
    assert timeline[1].sources == [1, 2] and len(timeline[1].citations) == 2
    assert timeline[1].granularity == "day" and timeline[0].granularity == "month"
    assert timeline[0].sources == [3, 5]  # "in 2017" joins "April 2017", which is more precise
    assert [(e.date, e.granularity) for e in outlook] == [("2020-H1", "half")]
