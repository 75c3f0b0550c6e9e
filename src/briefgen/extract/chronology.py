"""The timeline across sources: the same happening told by several sources is one event, with its
sources counted, and an expected event a later source reports as done says so.

Pure functions of the per-source ``EventMention`` records (no spaCy); what makes two mentions one
happening is in ``data/event_classes.json``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from ..model import Analysis, Citation, DoneReport, Event, EventMention
from .dates import _WORDS, coarsen, value_range
from .gazetteer import country_of
from .timeline import _CLASSES, _CLASSES_DATA, _DATE_VALUE, _STOP, FORWARD_CUES, INTENTION_CUES, _width

def granularity(value: str) -> str | None:
    """The Event granularity of a TIMEX3 date value; None for a value that is not a date."""
    if not _DATE_VALUE.match(value):
        return None
    if re.match(r"^\d{4}-\d\d-\d\d$", value):
        return "day"
    if re.match(r"^\d{4}-\d\d$", value):
        return "month"
    if re.match(r"^\d{4}-H", value):
        return "half"
    if re.match(r"^\d{4}-Q", value):
        return "quarter"
    if re.match(r"^\d{4}-(SP|SU|FA|WI)$", value):
        return "season"
    return "year"


_TIME_WORDS = frozenset(
    [*_WORDS["months"], *_WORDS["weekdays"], *"last next this past year years month months week weeks day days "
     "ago earlier later early late mid end beginning".split()]
)


def _words(text: str) -> set[str]:
    """Content words for comparing two events; their dates are compared on their own."""
    return {
        w for w in re.findall(r"[a-z0-9]+", text.lower())
        if w not in _STOP and w not in _TIME_WORDS and len(w) > 2 and not re.fullmatch(r"1[6-9]\d\d|20\d\d", w)
    }


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _nested(a: str, b: str) -> bool:
    """Equal dates, or one inside the other (2017 and 2017-04)."""
    if a == b:
        return True
    ra, rb = value_range(a), value_range(b)
    return bool(ra and rb) and ((ra[0] <= rb[0] and rb[1] <= ra[1]) or (rb[0] <= ra[0] and ra[1] <= rb[1]))


def _start(value: str | None) -> date:
    bounds = value_range(value) if value else None
    return bounds[0] if bounds else date.max


_WEAK = frozenset(_CLASSES_DATA["weak"])
_OBJECT_CLASSES = frozenset(_CLASSES_DATA["objects"])
_NOT_DONE = FORWARD_CUES | INTENTION_CUES | {"can", "could", "may", "might", "should", "must", "would", "will"}


def _stem(word: str) -> str:
    """A crude stem, so that 'signing', 'signed' and 'sign' or 'contractual' and 'contract' meet."""
    word = word.lower()
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ual", "ies", "ied", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


_CLASS_OF: dict[str, set[str]] = {}
for _name, _members in _CLASSES.items():
    for _member in _members:
        _CLASS_OF.setdefault(_stem(_member), set()).add(_name)


def _keys(lemmas: list[str], text: str) -> set[str]:
    """Stems of an event's content lemmas (of its text's words when it has none recorded)."""
    return {_stem(w) for w in (lemmas or _words(text)) if w not in _NOT_DONE}


def _actor_keys(actors: list[str]) -> tuple[set[str], set[str]]:
    """(countries, other names) an event names: a capital or a demonym counts as its country, a
    person also by the last word of the name."""
    countries, names = set(), set()
    for actor in actors:
        hit = country_of(actor)
        if hit is not None:
            countries.add(hit[0])
            continue
        words = re.findall(r"[\w-]+", actor.lower())
        words = [w for w in words if w not in ("the", "of", "and")]
        if words:
            names.update({" ".join(words), words[-1]})
    return countries, names


def _same_happening(
    a: tuple[list[str], str, list[str]], b: tuple[list[str], str, list[str]], common: frozenset[str] = frozenset()
) -> bool:
    """Two mentions tell the same happening in different words: a predicate class they share
    ('implemented' / 'fulfilled ... by supplying', 'summit' / 'meeting', 'sign' / 'conclude'), and
    enough else in common. A shared strong class counts 2, a weak one ('said', 'met') 1, a named
    actor 2, a country 1 (a capital or demonym standing for it), a shared content word 1; the
    mentions must share a class and score 4 or more, and a weak class alone needs a named actor in
    common: two statements by different people in the same month stay apart."""
    (la, ta, aa), (lb, tb, ab) = a, b
    ka, kb = _keys(la, ta), _keys(lb, tb)
    ca = set().union(*(_CLASS_OF.get(k, set()) for k in ka))
    cb = set().union(*(_CLASS_OF.get(k, set()) for k in kb))
    shared = ca & cb
    if not shared:
        return False
    (country_a, names_a), (country_b, names_b) = _actor_keys(aa), _actor_keys(ab)
    actor_words = {w for n in (*names_a, *names_b) for w in n.split()} | {
        _stem(w) for c in (*country_a, *country_b) for w in c.lower().split()
    }
    names = names_a & names_b
    named = len({n for n in names if " " not in n} or names)
    others = {k for k in ka & kb - common if k not in _CLASS_OF and k not in actor_words and country_of(k) is None}
    if not shared - _WEAK - _OBJECT_CLASSES and not (shared & _WEAK and named):
        return False  # only what they are about ('a contract'), or two statements by different people
    if "statement" in ca and "statement" in cb and not named:
        return False  # two people's statements about the same thing are two statements
    score = (2 * len(shared - _WEAK) + len(shared & _WEAK) + 2 * named + len(country_a & country_b)
             + len(others))
    return score >= 4


def _compatible(a: str, b: str) -> bool:
    """Equal dates, or periods that overlap (2019-FA and 2019-11, 2021-08 and 2021-08-23)."""
    if a == b:
        return True
    ra, rb = value_range(a), value_range(b)
    return bool(ra and rb) and ra[0] <= rb[1] and rb[0] <= ra[1]


def merge_events(analyses: Mapping[int, Analysis]) -> tuple[list[Event], list[Event]]:
    """Events across sources: (timeline of past events by date, outlook of expected ones).

    Mentions whose dates are equal or nested (2017, 2017-04) and whose words overlap become one
    Event citing every source, dated as precisely as the most precise of them. Mentions told in
    different words merge too when their dates overlap and they tell the same happening
    (:func:`_same_happening`); the merged event then keeps the text of its most precise date.
    An expected event that a later report says has happened carries that report (``reported_done``),
    and the outlook lists it after what is still ahead.
    """
    merged: list[tuple[Event, set[str], list[tuple[list[str], str, list[str]]]]] = []
    common = _common_keys([m for a in analyses.values() for m in a.events])
    first_stated: dict[int, str] = {}
    for source_id, analysis in analyses.items():
        for mention in analysis.events:
            date_value = mention.date if not re.search(r"-W\d\d$", mention.date) else coarsen(mention.date, "month")
            sentence = analysis.sentences[mention.sentence] if mention.sentence < len(analysis.sentences) else None
            citation = Citation(
                source_id=source_id,
                start=sentence.start if sentence else mention.start,
                end=sentence.end if sentence else mention.end,
            )
            words = _words(mention.text)
            evidence = (list(mention.lemmas), mention.text, list(mention.actors))
            match, reworded = None, False
            for e, w, seen in merged:
                if e.expected != mention.expected:
                    continue
                if _nested(e.date, date_value) and _overlap(w, words) >= 0.5:
                    match = e
                    break
                # Told in other words: overlapping dates and the same happening, in two sources or
                # twice in one ('the summit X attended' / 'X spoke at the meeting').
                if (_compatible(e.date, date_value)
                        and any(_same_happening(evidence, other, common) for other in seen)):
                    match, reworded = e, True
                    break
            if match is None:
                event = Event(date=date_value, granularity=granularity(date_value), text=mention.text,
                              sources=[source_id], citations=[citation], expected=mention.expected,
                              actors=list(mention.actors), stated=mention.stated, vague=mention.vague)
                merged.append((event, words, [evidence]))
                if mention.stated:
                    first_stated[id(event)] = mention.stated
                continue
            entry = next(m for m in merged if m[0] is match)
            entry[2].append(evidence)
            if _width(date_value) < _width(match.date):  # "in 2017" and "in April 2017": keep April
                match.date, match.granularity = date_value, granularity(date_value)
                if reworded:
                    match.text = mention.text
            if source_id not in match.sources:
                match.sources.append(source_id)
            if citation not in match.citations:
                match.citations.append(citation)
            match.actors.extend(a for a in mention.actors if a not in match.actors)
            match.vague = match.vague or mention.vague
            if mention.stated and (not match.stated or _start(mention.stated) > _start(match.stated)):
                match.stated = mention.stated  # the latest source that still expects it
            if mention.stated and (id(match) not in first_stated or _start(mention.stated) < _start(first_stated[id(match)])):
                first_stated[id(match)] = mention.stated
    _mark_done(merged, first_stated, common)
    # Dated events by date; plans without a date last, in the order they were stated.
    events = sorted(
        (e for e, _, _ in merged),
        key=lambda e: (e.granularity is None, _start(e.date) if e.granularity else _start(e.stated)),
    )
    timeline = [e for e in events if not e.expected]
    # What is still ahead first; what a later report says has happened after it.
    outlook = sorted((e for e in events if e.expected),
                     key=lambda e: e.reported_done is not None and not e.reported_done.still_expected)
    return timeline, outlook


def _common_keys(mentions: list[EventMention]) -> frozenset[str]:
    """Content stems found in a sixth or more of all the events (at least three): the story's topic
    words ('contract', the product's name), which say nothing about which happening is told."""
    counts: dict[str, int] = {}
    for mention in mentions:
        for key in _keys(mention.lemmas, mention.text):
            counts[key] = counts.get(key, 0) + 1
    return frozenset(k for k, n in counts.items() if n >= max(3, len(mentions) / 6))


def _mark_done(merged: list, first_stated: dict[int, str], common: frozenset[str]) -> None:
    """Give each expected event the earliest report, made on or after it was first stated, that
    the same happening took place: a past event that shares its predicate class and actors (see
    :func:`_same_happening`) and states no plan of its own. When a source later than that report
    still expects it, the sources contradict each other (``still_expected``). A plan from a source
    without a date cannot be placed against a report, and is left alone."""
    done = [(e, seen) for e, _, seen in merged if not e.expected and e.granularity]
    for event, _, seen in merged:
        if not event.expected or id(event) not in first_stated:
            continue
        since = _start(first_stated[id(event)])
        reports = [
            (e, s) for e, s in done
            if _start(e.date) >= since
            and not any(set(lemmas) & _NOT_DONE for lemmas, _, _ in s)
            and any(_same_happening(a, b, common) for a in seen for b in s)
        ]
        if not reports:
            continue
        report, _ = min(reports, key=lambda r: _start(r[0].date))
        event.reported_done = DoneReport(
            date=report.date, text=report.text, citations=list(report.citations),
            still_expected=bool(event.stated) and _start(event.stated) > _start(report.date),
        )
