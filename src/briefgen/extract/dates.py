"""Normalising time expressions to TIMEX3-style values: every rule in one place.

``normalise("the fall of 2019", published="2019-12", tense="past")`` → ``("2019-FA", "fuzzy")``.

Values follow TimeML's TIMEX3: ``2020``, ``2020-03``, ``2020-03-14``, ``2020-W12``, ``2019-FA``,
``2020-H1``, ``2020-Q3``, ``199`` (a decade), durations such as ``P3Y``/``PXY`` and the references
``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``. Relative expressions are resolved against the
publication date; when that is only known to the month or year, an expression is resolved against
both ends of that range and only the precision both agree on is kept ("two weeks ago" in an article
of 2019-12 is 2019, not a made-up day).
"""

from __future__ import annotations

import calendar
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Literal

Tense = Literal["past", "present", "future"]
Kind = Literal["absolute", "partial", "relative", "fuzzy"]

_WORDS = json.loads(resources.files("briefgen.data").joinpath("time_words.json").read_text("utf-8"))
MONTHS: dict[str, int] = _WORDS["months"]
WEEKDAYS: dict[str, int] = _WORDS["weekdays"]
SEASONS: dict[str, list] = _WORDS["seasons"]
ORDINALS: dict[str, int] = _WORDS["ordinals"]
NUMBER_WORDS: dict[str, int] = _WORDS["number_words"]

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"
FIRST_YEAR, LAST_YEAR = 1600, 2099  # the years _YEAR reads; a four-digit number outside them is no year
#: Days a relative expression may spread over, read against both ends of a publication month, and
#: still be given the month that holds two thirds of them (see _common).
SHORT_SPAN_DAYS = 45
_UNIT = r"(?P<unit>day|week|month|year|decade|quarter|century|hour|minute)s?"
_AMOUNT = r"(?P<amount>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_SEASON = r"(?P<season>" + "|".join(SEASONS) + r")"
_FUZZY = "|".join(re.escape(m) for m in sorted(_WORDS["fuzzy_modifiers"], key=len, reverse=True))
_REL = r"(?P<rel>this|last|next|past|previous|coming|current|the coming|the past|the previous|the next|the last|the current|earlier this|later this|the same)"

# Words in front of a time expression that do not change its value.
_LEADING = re.compile(
    r"^(?:(?:as )?(?:of|on|in|at|by|since|until|till|from|to|during|through|before|after|"
    r"about|around|approximately|nearly|almost|roughly|only|just|some|over|under|within|"
    r"sometime|late in|early in|the day of)\s+)+"
)
_DECADE = re.compile(r"^(?:the\s+)?(?:(?P<cent>1[6-9]|20)(?P<dec>\d)0|'?(?P<short>\d)0)'?s$")

_PART_OF_YEAR = re.compile(r"^\d{4}-(?:H[12]|Q[1-4]|SP|SU|FA|WI)$")

_UNIT_CODE = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "quarter": "Q",
              "century": "CE", "hour": "H", "minute": "M"}


@dataclass(frozen=True)
class _Span:
    """A resolved calendar span: its TIMEX3 value and the first and last day it covers."""

    value: str
    first: date
    last: date


def anchor_range(published: str | None) -> tuple[date, date] | None:
    """First and last day a publication date of YYYY, YYYY-MM or YYYY-MM-DD can stand for.

    An ISO 8601 interval of two days, ``2021-08-23/2021-08-31``, stands for the days between them
    (a month narrowed by the latest past date the text itself gives).
    """
    if not published:
        return None
    if m := re.match(r"^(\d{4}-\d\d-\d\d)/(\d{4}-\d\d-\d\d)$", published):
        first, last = date.fromisoformat(m[1]), date.fromisoformat(m[2])
        return (first, last) if first <= last else None
    m = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$", published)
    if not m:
        return None
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    if day:
        return date(year, month, day), date(year, month, day)
    if month:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


def value_range(value: str | None) -> tuple[date, date] | None:
    """First and last day a TIMEX3 date value covers, or None for durations and references."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(?:(\d\d)(?:-(\d\d))?|H([12])|Q([1-4])|(SP|SU|FA|WI)|W(\d\d)))?$", value)
    if not m:
        return None
    year = int(m[1])
    if m[3]:
        span = _day(year, int(m[2]), int(m[3]))
    elif m[2]:
        span = _month(year, int(m[2]))
    elif m[4]:
        span = _months(year, 1 + 6 * (int(m[4]) - 1), 6, f"{year}-H{m[4]}")
    elif m[5]:
        span = _months(year, 1 + 3 * (int(m[5]) - 1), 3, f"{year}-Q{m[5]}")
    elif m[6]:
        span = _season(year, m[6])
    elif m[7]:
        span = _week(date.fromisocalendar(year, int(m[7]), 1))
    else:
        span = _Span(str(year), date(year, 1, 1), date(year, 12, 31))
    return span.first, span.last


def coarsen(value: str, granularity: Literal["year", "month"]) -> str:
    """The year or month that contains a date value (weeks and days become months or years)."""
    bounds = value_range(value)
    if not bounds:
        return value
    first, last = bounds
    if granularity == "month" and (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    return f"{first.year:04d}" if first.year == last.year else value


# --------------------------------------------------------------------------- spans


def _day(year: int, month: int, day: int) -> _Span:
    d = date(year, month, day)
    return _Span(d.isoformat(), d, d)


def _month(year: int, month: int) -> _Span:
    last = calendar.monthrange(year, month)[1]
    return _Span(f"{year:04d}-{month:02d}", date(year, month, 1), date(year, month, last))


def _months(year: int, first_month: int, count: int, value: str) -> _Span:
    end_month = first_month + count - 1
    return _Span(value, date(year, first_month, 1), _month(year, end_month).last)


def _season(year: int, code: str) -> _Span:
    name = next(n for n, s in SEASONS.items() if s[0] == code)
    _, first, last = SEASONS[name]
    end_year = year + 1 if last < first else year
    return _Span(f"{year:04d}-{code}", date(year, first, 1), _month(end_year, last).last)


def _year(year: int) -> _Span:
    return _Span(f"{year:04d}", date(year, 1, 1), date(year, 12, 31))


def _week(d: date) -> _Span:
    iso = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return _Span(f"{iso[0]:04d}-W{iso[1]:02d}", monday, monday + timedelta(days=6))


def _shift_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _unit_span(d: date, unit: str) -> _Span:
    if unit == "day":
        return _day(d.year, d.month, d.day)
    if unit == "week":
        return _week(d)
    if unit == "month":
        return _month(d.year, d.month)
    if unit == "quarter":
        q = (d.month - 1) // 3 + 1
        return _months(d.year, 3 * q - 2, 3, f"{d.year}-Q{q}")
    if unit == "decade":
        return _Span(str(d.year)[:3], date(d.year - d.year % 10, 1, 1), date(d.year - d.year % 10 + 9, 12, 31))
    return _year(d.year)


def _shift(d: date, unit: str, amount: int) -> date:
    if unit == "day":
        return d + timedelta(days=amount)
    if unit == "week":
        return d + timedelta(weeks=amount)
    if unit == "month":
        return _shift_months(d, amount)
    if unit == "quarter":
        return _shift_months(d, 3 * amount)
    if unit == "decade":
        return _shift_months(d, 120 * amount)
    return _shift_months(d, 12 * amount)


def _amount(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


# --------------------------------------------------------------------------- rules


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.lower().replace("\u2019", "'")).strip(" ,.;:()\"'")
    text = re.sub(r"'s?$", "", text)  # "last year's"
    text = re.sub(r"-(quarter|half)\b", r" \1", text)  # "third-quarter"
    text = re.sub(r"^(?:later|earlier) (?=today|yesterday|tomorrow|tonight)", "", text)
    text = _LEADING.sub("", text)
    weekday = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    text = re.sub(rf"^(?:{weekday}),? (?=\w+\.? \d|\d)", "", text)  # "Monday, Oct. 26"
    return re.sub(r" (?:morning|afternoon|evening|night)$", "", text)  # "Friday night" is that day


def _absolute(text: str) -> _Span | None:
    """Expressions that carry their own year."""
    for pattern in (
        rf"^{_MONTH} {_DAY},? {_YEAR}$",
        rf"^(?:the )?{_DAY} (?:of )?{_MONTH},? {_YEAR}$",
    ):
        if m := re.match(pattern, text):
            return _safe_day(int(m["year"]), MONTHS[m["month"]], int(m["day"]))
    if m := re.match(r"^(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)$", text):
        return _safe_day(int(m["year"]), int(m["month"]), int(m["day"]))
    if m := re.match(rf"^{_MONTH},? (?:of )?{_YEAR}$", text):
        return _month(int(m["year"]), MONTHS[m["month"]])
    if m := re.match(rf"^(?:the )?(?:(?P<early>early|late) )?{_SEASON},? (?:of )?{_YEAR}$", text):
        return _season(int(m["year"]), SEASONS[m["season"]][0])
    if m := re.match(rf"^(?:the )?(?P<ord>first|second|1st|2nd) half (?:of )?(?:the year )?{_YEAR}$", text):
        return _months(int(m["year"]), 1 if ORDINALS[m["ord"]] == 1 else 7, 6,
                       f"{m['year']}-H{ORDINALS[m['ord']]}")
    if m := re.match(rf"^(?:the )?(?P<ord>\w+) quarter (?:of )?(?:fiscal )?{_YEAR}$", text) or re.match(
        rf"^q(?P<ord>[1-4]) {_YEAR}$", text
    ):
        q = ORDINALS.get(m["ord"]) or (int(m["ord"]) if m["ord"].isdigit() else None)
        if q:
            return _months(int(m["year"]), 3 * q - 2, 3, f"{m['year']}-Q{q}")
    if m := re.match(rf"^(?:the )?(?:year |fiscal |fiscal year |fy ?){{0,1}}{_YEAR}$", text):
        return _year(int(m["year"]))
    if m := _DECADE.match(text):
        if m["cent"]:
            return _Span(m["cent"] + m["dec"], date(int(m["cent"] + m["dec"] + "0"), 1, 1),
                         date(int(m["cent"] + m["dec"] + "9"), 12, 31))
    return None


def _safe_day(year: int, month: int, day: int) -> _Span | None:
    try:
        return _day(year, month, day)
    except ValueError:
        return None


def _partial(text: str, first: date, last: date, tense: Tense) -> _Span | None:
    """A month, day or season without a year: the year of publication, moved by one when the
    tense says the other side of it (a past 'December 6' in a January article is last year's)."""
    if m := re.match(rf"^{_MONTH} {_DAY}$", text) or re.match(rf"^(?:the )?{_DAY} (?:of )?{_MONTH}$", text):
        build = lambda y: _safe_day(y, MONTHS[m["month"]], int(m["day"]))  # noqa: E731
    elif m := re.match(rf"^{_MONTH}$", text):
        build = lambda y: _month(y, MONTHS[m["month"]])  # noqa: E731
    elif m := re.match(rf"^(?:the )?{_SEASON}$", text):
        build = lambda y: _season(y, SEASONS[m["season"]][0])  # noqa: E731
    elif m := re.match(r"^(?:the )?(?P<ord>first|second|1st|2nd) half(?: of the year)?$", text):
        n = ORDINALS[m["ord"]]
        build = lambda y: _months(y, 1 if n == 1 else 7, 6, f"{y}-H{n}")  # noqa: E731
    elif m := re.match(r"^(?:the )?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final) quarter$", text):
        q = ORDINALS[m["ord"]]
        build = lambda y: _months(y, 3 * q - 2, 3, f"{y}-Q{q}")  # noqa: E731
    else:
        return None
    span = build(last.year) if tense != "future" else build(first.year)
    if span is None:
        return None
    if tense == "past" and span.first > last:
        span = build(last.year - 1)
    elif tense == "future" and span.last < first:
        span = build(first.year + 1)
    elif tense == "present" and first == last:
        # Without tense to go by, the occurrence nearest the publication day.
        candidates = [c for c in (build(first.year - 1), span, build(first.year + 1)) if c]
        span = min(candidates, key=lambda c: min(abs((c.first - first).days), abs((c.last - first).days)))
    return span


def _relative(text: str, ref: date, tense: Tense) -> _Span | None:
    """Expressions that only have a value given the day they were written."""
    if text in ("the year", "the current year"):
        return _year(ref.year)
    if text in ("today", "tonight", "this morning", "this afternoon", "this evening", "the day"):
        return _unit_span(ref, "day")
    if text in ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening"):
        return _unit_span(ref - timedelta(days=1), "day")
    if text in ("tomorrow", "tomorrow morning", "tomorrow night"):
        return _unit_span(ref + timedelta(days=1), "day")
    if m := re.match(
        rf"^{_MONTH}(?: {_DAY})?,? (?:of )?(?P<which>this|last|next|the same|the previous|the following) year$", text
    ):
        offset = {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(m["which"], 0)
        if m["day"]:
            return _safe_day(ref.year + offset, MONTHS[m["month"]], int(m["day"]))
        return _month(ref.year + offset, MONTHS[m["month"]])
    if m := re.match(rf"^(?P<which>last|this|next|past) {_MONTH}$", text):
        month = MONTHS[m["month"]]
        year = ref.year
        if m["which"] in ("last", "past") and month >= ref.month:
            year -= 1
        elif m["which"] == "next" and month <= ref.month:
            year += 1
        return _month(year, month)
    if m := re.match(rf"^{_REL} (?:{_UNIT}|{_SEASON}|(?P<weekday>\w+day|weekend))$", text):
        rel = m["rel"].replace("the ", "").replace("earlier ", "").replace("later ", "")
        offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        if m["season"]:
            code = SEASONS[m["season"]][0]
            span = _season(ref.year, code)
            if (offset == -1 and span.last >= ref) or (offset == 0 and tense == "past" and span.first > ref):
                span = _season(ref.year - 1, code)
            elif offset == 1 and span.first <= ref:
                span = _season(ref.year + 1, code)
            return span
        if m["weekday"]:
            return _weekday(m["weekday"], ref, "past" if offset < 0 else "future" if offset > 0 else tense)
        return _part(_unit_span(_shift(ref, m["unit"], offset), m["unit"]), m["rel"], ref)
    if m := re.match(r"^(?P<rel>earlier|later) in the (?P<unit>week|month|year)$", text):
        return _part(_unit_span(ref, m["unit"]), m["rel"], ref)
    if m := re.match(rf"^(?:a couple of |a )?{_AMOUNT} {_UNIT} (?P<dir>ago|from now|hence)$", text):
        amount = _amount(m["amount"])
        if amount is None or m["unit"] in ("hour", "minute"):
            return None
        sign = -1 if m["dir"] == "ago" else 1
        return _unit_span(_shift(ref, m["unit"], sign * amount), m["unit"])
    if m := re.match(r"^(?:(?:last|this|next|on) )?(?P<weekday>\w+)$", text):
        if m["weekday"] in WEEKDAYS:
            word = text.split()[0]
            return _weekday(m["weekday"], ref, "past" if word == "last" else "future" if word == "next" else tense)
    return None


def _part(span: _Span, rel: str, ref: date) -> _Span:
    """'Earlier this week' is the part of the week before the reference day, 'later' the part after:
    the value stays the week, but only those days count when two references are compared."""
    if rel.startswith("earlier") and span.first <= ref <= span.last:
        return _Span(span.value, span.first, ref)
    if rel.startswith("later") and span.first <= ref <= span.last:
        return _Span(span.value, ref, span.last)
    return span


def _weekday(name: str, ref: date, tense: Tense) -> _Span | None:
    if name not in WEEKDAYS:
        return None
    delta = WEEKDAYS[name] - ref.weekday()
    if tense == "future":
        delta = delta if delta >= 0 else delta + 7
    elif tense == "past":
        delta = delta if delta <= 0 else delta - 7
    else:  # news speaks of the nearest such day
        delta = min((delta, delta - 7, delta + 7), key=abs)
    return _unit_span(ref + timedelta(days=delta), "day")


def _duration(text: str) -> str | None:
    """Durations and sets ("two weeks", "for years", "every year"): TIMEX3 durations, no date."""
    if re.fullmatch(r"the (?:day|week|month|year|quarter)", text):
        return None  # "the year" is the current one, not a span of time
    text = re.sub(
        r"^(?:for|the past|the last|the next|the first|the coming|the|over|more than|less than|up to|at least)\s+", "", text
    )
    if m := re.match(rf"^(?:every|each|per|a) {_UNIT}$", text) or re.match(r"^(?P<unit>dai|week|month|year|annual|quarter)l[yi]$", text):
        unit = {"dai": "day", "annual": "year"}.get(m["unit"], m["unit"])
        return f"P1{_UNIT_CODE.get(unit, 'Y')}"
    if m := re.match(rf"^{_AMOUNT}(?:-| ){_UNIT}(?:s)?(?: long| old)?$", text):
        amount = _amount(m["amount"])
        return f"P{amount}{_UNIT_CODE[m['unit']]}" if amount else None
    if m := re.match(rf"^(?:(?:several|a few|few|many|some|recent|dozens of|hundreds of|the|coming) )?{_UNIT}$", text):
        return f"PX{_UNIT_CODE[m['unit']]}"
    return None


@lru_cache(maxsize=4096)
def normalise(text: str, *, published: str | None, tense: Tense = "past") -> tuple[str | None, Kind] | None:
    """The TIMEX3 value and kind of a time expression, or None if no rule understands it.

    Relative and partial expressions get value None when there is no publication date.
    """
    text = _clean(text)
    if not text:
        return None
    fuzzy = re.match(rf"^(?:the )?(?:{_FUZZY})(?:-|\s+)(?:of\s+)?(?P<rest>.+)$", text)
    if fuzzy and (inner := normalise(fuzzy["rest"], published=published, tense=tense)):
        value, kind = inner
        return value, ("fuzzy" if kind in ("absolute", "partial", "fuzzy") else kind)
    if span := _absolute(text):
        # A season, half or quarter of a given year is a fuzzy date ("the fall of 2019": 2019-FA).
        return span.value, ("fuzzy" if _PART_OF_YEAR.search(span.value) else "absolute")
    if text in _WORDS["present_ref"]:
        return "PRESENT_REF", "relative"
    if text in _WORDS["past_ref"]:
        return "PAST_REF", "relative"
    if text in _WORDS["future_ref"]:
        return "FUTURE_REF", "relative"
    if re.search(rf"\b{_UNIT} (?:later|earlier|before|after)$", text):
        return None, "relative"  # counted from an event in the story, not from publication
    if duration := _duration(text):
        return duration, "fuzzy"
    bounds = anchor_range(published)
    if _partial(text, date(2000, 1, 1), date(2000, 12, 31), "present"):
        if bounds is None:
            return None, "partial"
        span = _partial(text, *bounds, tense)
        if span:
            return span.value, "partial"
    if bounds is None:
        probe = _relative(text, date(2000, 6, 15), tense)
        return (None, "relative") if probe else _fallback(text)
    try:
        early, late = _relative(text, bounds[0], tense), _relative(text, bounds[1], tense)
    except (OverflowError, ValueError):
        # A reference at the calendar's edge (a date of year 1 or 9999): 'on Friday' would fall
        # outside the years a date can hold, so the expression gets no relative value.
        early = late = None
    if early is None or late is None:
        return _fallback(text)
    return _common(early, late), "relative"


def _common(early: _Span, late: _Span) -> str | None:
    """The most precise value both resolutions agree on (month, then year), or None."""
    if early.value == late.value:
        return early.value
    first, last = min(early.first, late.first), max(early.last, late.last)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    days = (last - first).days + 1
    if days <= SHORT_SPAN_DAYS:
        # "Last week" in a text known only to be of December falls between late November and late
        # December: the month holding most of those days says more than the year, and is rarely wrong.
        months = Counter((d.year, d.month) for d in (first + timedelta(days=i) for i in range(days)))
        (year, month), count = months.most_common(1)[0]
        if count * 3 >= days * 2:
            return f"{year:04d}-{month:02d}"
    return f"{first.year:04d}" if first.year == last.year else None


def _fallback(text: str) -> tuple[str | None, Kind] | None:
    """dateparser for absolute forms no rule above covers ("23.08.2020", "2020/08/23")."""
    if not re.search(r"\d{4}", text):
        return None
    from dateparser.date import DateDataParser

    parser = _date_parser(DateDataParser)
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    d = data.date_obj.date()
    if not FIRST_YEAR <= d.year <= LAST_YEAR or re.search(r"\b0\d{3}\b", text):
        return None  # a telephone number ("0800 028 9276") or a clock time, not a year
    if data.period == "day":
        return d.isoformat(), "absolute"
    if data.period == "month":
        return f"{d.year:04d}-{d.month:02d}", "absolute"
    if data.period == "year":
        return f"{d.year:04d}", "absolute"
    return None


@lru_cache(maxsize=1)
def _date_parser(cls):
    return cls(languages=["en"], settings={"STRICT_PARSING": False, "PREFER_DAY_OF_MONTH": "first"})


def load_date_parser() -> None:
    """Import and set up dateparser now (about a quarter of a second), for instance once before
    worker processes are forked, so that they share it instead of each setting up its own."""
    from dateparser.date import DateDataParser

    _date_parser(DateDataParser)
