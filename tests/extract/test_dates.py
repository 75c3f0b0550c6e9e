"""Normalising time expressions (briefgen.extract.dates): each kind of expression, from real news."""

from __future__ import annotations

from datetime import date

import pytest

from briefgen.extract.dates import anchor_range, coarsen, normalise, value_range


@pytest.mark.parametrize(
    ("text", "published", "tense", "value", "kind"),
    [
        # absolute: the expression carries its own year
        ("August 23, 2020", None, "past", "2020-08-23", "absolute"),
        ("April 2017", None, "past", "2017-04", "absolute"),
        ("September 2019", None, "past", "2019-09", "absolute"),
        ("2017", None, "past", "2017", "absolute"),
        ("23.08.2020", None, "past", "2020-08-23", "absolute"),  # dateparser's fallback
        ("the 1990s", None, "past", "199", "absolute"),
        # partial: the year comes from the publication date and the tense
        ("December 6", "2019-12", "past", "2019-12-06", "partial"),
        ("November 25", "2019-12", "past", "2019-11-25", "partial"),
        ("December 28", "2020-01-05", "past", "2019-12-28", "partial"),  # would be in the future
        ("March", "2019-12", "future", "2020-03", "partial"),  # "will meet in March"
        ("Aug. 18", "2021-08", "past", "2021-08-18", "partial"),
        ("Monday, Oct. 26", "1998-10-25", "future", "1998-10-26", "partial"),
        ("the second half of the year", "2016-05", "future", "2016-H2", "partial"),
        ("the fourth quarter", "1998-10-15", "past", "1998-Q4", "partial"),
        # relative: resolved against the publication date, only as precise as both ends agree
        ("July of this year", "2019-12", "past", "2019-07", "relative"),
        ("next year", "2019-12", "future", "2020", "relative"),
        # "Last week" in an article of December 2019: 25 November to 29 December, 29 of 35 days in December.
        ("Last week", "2019-12", "past", "2019-12", "relative"),
        ("yesterday", "2019-12", "past", "2019-12", "relative"),
        ("two weeks ago", "2019-12", "past", "2019", "relative"),  # 18 Nov to 22 Dec: no month holds two thirds
        ("Last week", "2019-12-09", "past", "2019-W49", "relative"),
        ("two weeks ago", "2019-12-10", "past", "2019-W48", "relative"),
        ("earlier this month", "2019-12", "past", "2019-12", "relative"),
        ("last month", "2021-08", "past", "2021-07", "relative"),
        ("yesterday", "1998-02-06", "past", "1998-02-05", "relative"),
        ("last Friday", "2021-08-25", "past", "2021-08-20", "relative"),
        ("last summer", "2019-12-10", "past", "2019-SU", "relative"),
        ("Jan. 1 next year", "2022-01-20", "future", "2023-01-01", "relative"),
        ("October last year", "2005", "past", "2004-10", "relative"),
        # fuzzy: a part of a period, TIMEX3 style
        ("mid-March 2020", None, "past", "2020-03", "fuzzy"),
        ("the end of June 2020", None, "past", "2020-06", "fuzzy"),
        ("the fall of 2019", None, "past", "2019-FA", "fuzzy"),
        ("the first half of 2020", None, "past", "2020-H1", "fuzzy"),
        ("early November", "2019-12", "past", "2019-11", "fuzzy"),
        ("the end of November", "2019-12", "past", "2019-11", "fuzzy"),
        ("mid-July", "2020-08", "past", "2020-07", "fuzzy"),
        ("the late 1980s", None, "past", "198", "fuzzy"),
    ],
)
def test_normalise(text, published, tense, value, kind):
    assert normalise(text, published=published, tense=tense) == (value, kind)


@pytest.mark.parametrize(
    ("text", "value"),
    [("decades", "PXDE"), ("the past three months", "P3M"), ("the three months", "P3M"),
     ("annually", "P1Y"), ("a couple of years", "P2Y"), ("recent days", "PXD")],
)
def test_durations_are_not_dates(text, value):
    assert normalise(text, published="2020", tense="past")[0] == value


def test_the_year_is_the_current_one():
    assert normalise("the year", published="2020-05", tense="past")[0] == "2020"


@pytest.mark.parametrize("text", ["Last week", "next year", "December 6", "two weeks ago"])
def test_relative_and_partial_dates_need_a_publication_date(text):
    assert normalise(text, published=None, tense="past")[0] is None


def test_narrative_times_are_not_counted_from_publication():
    # "A couple of days later Cavusoglu spoke": counted from the event before it.
    assert normalise("a couple of days later", published="2021-08", tense="past") == (None, "relative")


def test_publication_interval_narrows_relative_dates():
    # An article of 2021-08 that reports Aug. 23 in the past tense was written from then on:
    # "earlier in the week" is the part of its week before publication, inside August.
    assert anchor_range("2021-08-23/2021-08-31") == (date(2021, 8, 23), date(2021, 8, 31))
    assert normalise("two weeks ago", published="2021-08", tense="past")[0] == "2021"
    assert normalise("two weeks ago", published="2021-08-23/2021-08-31", tense="past")[0] == "2021-08"
    assert normalise("earlier in the week", published="2021-08-23/2021-08-31", tense="past")[0] == "2021-08"


def test_ranges_and_coarsening():
    assert value_range("2019-FA") == (date(2019, 9, 1), date(2019, 11, 30))
    assert value_range("2020-H1") == (date(2020, 1, 1), date(2020, 6, 30))
    assert value_range("FUTURE_REF") is None
    assert coarsen("2019-W49", "month") == "2019-12"
    assert coarsen("2020-W01", "month") == "2020-W01"  # Dec 30 to Jan 5: no month or year holds it


def test_weekday_next_to_the_first_year_has_no_value_instead_of_overflowing():
    # A reference day in year 1 (a guess taken from a clock time): 'Friday' would fall in year 0,
    # which a date cannot hold. It gets no value; it used to raise OverflowError.
    assert normalise("Friday", published="0001", tense="present") is None
    assert normalise("Friday", published="0001-01-01", tense="present") is None
    assert normalise("Friday", published="9999-12-31", tense="present") == ("9999-12-31", "relative")


def test_clock_time_0001_gmt_does_not_break_the_analysis(nlp):
    # BBC News, politics/179: '0001 GMT' is read as the year 1 when the publication date is guessed.
    from briefgen.analyse import analyse_doc

    doc = nlp("The ban on hunting with dogs comes into effect from 0001 GMT on Friday.")
    analysis = analyse_doc(doc, published=None)
    friday = next(t for t in analysis.times if t.text == "Friday")
    assert friday.value is None


@pytest.mark.parametrize("text", ["0800", "9276", "0800 028 9276"])
def test_telephone_numbers_are_not_years(text):
    # BBC News, tech/015: "by telephoning 0800 028 9276" was the year 800, and then the publication year 9276.
    assert normalise(text, published="2004", tense="past") is None
