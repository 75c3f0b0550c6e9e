"""Reading the TIMEX3-style date values the brief carries (2020, 2020-03, 2020-03-14, 2020-H1, 2020-Q3,
2019-FA, 2020-W12, 199 for a decade): the days one covers, and how a reader would write it.

Charts place events with :func:`parse_period`; templates print dates with :func:`format_period` (the
``period`` filter). Parsing is left to ``extract.dates.value_range``, where the values are made, so the
two can never disagree; this module only adds decades and the words.
"""

from __future__ import annotations

from datetime import date

from .extract.dates import value_range

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
#: TIMEX3 references: an event the sources place in time without a date.
REFERENCES = {"FUTURE_REF": "no date given", "PAST_REF": "no date given", "PRESENT_REF": "now"}


def _date_part(value: str) -> str:
    # An ISO timestamp (an edition's build time) reads as its day.
    value = value.strip()
    return value[:10] if len(value) > 10 and value[10] == "T" and value[:4].isdigit() else value


def is_period(value) -> bool:
    """True for a date value or a reference, such as '2019-FA' or 'FUTURE_REF'; False for other text."""
    return isinstance(value, str) and (value.strip() in REFERENCES or parse_period(value) is not None)


def parse_period(value: str) -> tuple[date, date] | None:
    """First and last day *value* covers, or None for durations, references and anything unreadable."""
    value = _date_part(value)
    if len(value) == 3 and value.isdigit():  # a decade: 199 is 1990–1999
        return date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31)
    try:
        return value_range(value.upper())
    except ValueError:  # 2019-13, 2019-02-30: shaped like a date but none
        return None


def midpoint(period: tuple[date, date]) -> date:
    """The middle day of a period: where a chart puts its marker, and the order events are numbered in."""
    return period[0] + (period[1] - period[0]) / 2


def format_period(value: str) -> str:
    """*value* as a reader would write it: '14 March 2020', 'first half of 2020', 'the 1990s'.

    References read as words ("no date given"); a timestamp as its day; anything else that
    is not a date (a duration, free text) is returned as it is.
    """
    value = _date_part(value)
    if value in REFERENCES:
        return REFERENCES[value]
    period = parse_period(value)
    if period is None:
        return value
    parts = value.upper().split("-")
    year = parts[0]
    if len(parts) == 1:
        return f"the {year}0s" if len(year) == 3 else year
    tail = parts[1]
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(tail) - 1]} {year}"
    if tail.isdigit():
        return f"{MONTHS[int(tail) - 1]} {year}"
    if tail in ("H1", "H2"):
        return f"{'first' if tail == 'H1' else 'second'} half of {year}"
    if tail.startswith("Q"):
        return f"Q{tail[1]} {year}"
    if tail.startswith("W") and tail[1:].isdigit():
        return f"week of {period[0].day} {MONTHS[period[0].month - 1]} {period[0].year}"
    return f"{SEASON_NAMES[tail]} {year}"
