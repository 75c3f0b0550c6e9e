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
from .story import same_story, story_words
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


class _Told:
    """What one mention of an event says, worked out once (see :func:`_same_happening`)."""

    __slots__ = ("keys", "classes", "countries", "names", "actor_words", "lemmas")

    def __init__(self, lemmas: list[str], text: str, actors: list[str]):
        self.lemmas = set(lemmas)
        self.keys = _keys(lemmas, text)
        self.classes: set[str] = set().union(*(_CLASS_OF.get(k, set()) for k in self.keys))
        self.countries, self.names = _actor_keys(actors)
        # Stems too: the keys are stems, and a name shared must not count again as a word shared.
        name_words = {w for n in self.names for w in n.split()}
        self.actor_words = name_words | {_stem(w) for w in name_words} | {
            _stem(w) for c in self.countries for w in c.lower().split()
        }


def _same_happening(a: _Told, b: _Told, common: frozenset[str] = frozenset()) -> bool:
    """Two mentions tell the same happening in different words: a predicate class they share
    ('implemented' / 'fulfilled ... by supplying', 'summit' / 'meeting', 'sign' / 'conclude'), and
    enough else in common. A shared strong class counts 2, a weak one ('said', 'met') 1, a named
    actor 2, a country 1 (a capital or demonym standing for it), a shared content word 1; the
    mentions must share a class and score 4 or more, and a weak class alone needs a named actor in
    common: two statements by different people in the same month stay apart."""
    shared = a.classes & b.classes
    if not shared:
        return False
    actor_words = a.actor_words | b.actor_words
    names = a.names & b.names
    named = len({n for n in names if " " not in n} or names)
    others = {
        k for k in a.keys & b.keys - common if k not in _CLASS_OF and k not in actor_words and country_of(k) is None
    }
    if not shared - _WEAK - _OBJECT_CLASSES and not (shared & _WEAK and named):
        return False  # only what they are about ('a contract'), or two statements by different people
    if "statement" in a.classes and "statement" in b.classes and not named:
        return False  # two people's statements about the same thing are two statements
    score = (2 * len(shared - _WEAK) + len(shared & _WEAK) + 2 * named + len(a.countries & b.countries)
             + len(others))
    return score >= 4


def _years(bounds: tuple[date, date]) -> range:
    return range(bounds[0].year, bounds[1].year + 1)


class _Merged:
    """An event being merged: the words of its first mention, what each mention says, and its
    date's first and last day (None for a value that is no date)."""

    __slots__ = ("event", "words", "seen", "classes", "bounds", "position", "story")

    def __init__(self, event: Event, words: set[str], told: _Told, position: int, story: frozenset[str]):
        self.event, self.words, self.seen, self.position = event, words, [told], position
        self.classes = set(told.classes)
        self.bounds = value_range(event.date)
        self.story = set(story)  # story words of its sources (see extract/story.py)


def merge_events(analyses: Mapping[int, Analysis]) -> tuple[list[Event], list[Event]]:
    """Events across sources: (timeline of past events by date, outlook of expected ones).

    Mentions whose dates are equal or nested (2017, 2017-04) and whose words overlap become one
    Event citing every source, dated as precisely as the most precise of them. Mentions told in
    different words merge too when their dates overlap and they tell the same happening
    (:func:`_same_happening`); the merged event then keeps the text of its most precise date.
    An expected event that a later report says has happened carries that report (``reported_done``),
    and the outlook lists it after what is still ahead.

    Mentions merge only between sources that tell the same story (extract/story.py): in a folder of
    unrelated articles, "last year the airline introduced a surcharge" in two of them is two events.

    Each mention joins the first event, in the order they were made, that it matches. Only events
    whose dates can overlap the mention's are looked at: they are indexed by the years their date
    covers (and a value that is no date by itself), and by whether they are expected; and of those
    only the ones with a word or a predicate class in common, which either way of matching needs.
    """
    merged: list[_Merged] = []
    by_year: dict[tuple[bool, int], set[int]] = {}
    by_value: dict[tuple[bool, str], set[int]] = {}  # values that are no date: equal ones only
    # Either way of matching needs something in common: a word of the first mention's, or a
    # predicate class of any mention's.
    by_word: dict[str, set[int]] = {}
    by_class: dict[str, set[int]] = {}

    def index(entry: _Merged, add: bool) -> None:
        expected = entry.event.expected
        if entry.bounds:
            for year in _years(entry.bounds):
                bucket = by_year.setdefault((expected, year), set())
                bucket.add(entry.position) if add else bucket.discard(entry.position)
        else:
            bucket = by_value.setdefault((expected, entry.event.date), set())
            bucket.add(entry.position) if add else bucket.discard(entry.position)

    common = _common_keys([m for a in analyses.values() for m in a.events])
    first_stated: dict[int, str] = {}
    for source_id, analysis in analyses.items():
        story = story_words(analysis)
        for mention in analysis.events:
            date_value = mention.date if not re.search(r"-W\d\d$", mention.date) else coarsen(mention.date, "month")
            sentence = analysis.sentences[mention.sentence] if mention.sentence < len(analysis.sentences) else None
            citation = Citation(
                source_id=source_id,
                start=sentence.start if sentence else mention.start,
                end=sentence.end if sentence else mention.end,
            )
            words = _words(mention.text)
            told = _Told(list(mention.lemmas), mention.text, list(mention.actors))
            bounds = value_range(date_value)
            # Equal or nested dates are overlapping ones, and only values that are no date are equal
            # without overlapping: no other event can match.
            if bounds:
                candidates = set().union(*(by_year.get((mention.expected, y), ()) for y in _years(bounds)))
            else:
                candidates = by_value.get((mention.expected, date_value), set())
            candidates = candidates & set().union(
                *(by_word.get(w, ()) for w in words), *(by_class.get(c, ()) for c in told.classes)
            )
            match, reworded = None, False
            for position in sorted(candidates):
                entry = merged[position]
                e = entry.event
                if source_id not in e.sources and not same_story(entry.story, story):
                    continue
                same_value = e.date == date_value
                both = bool(entry.bounds and bounds)
                nested = same_value or both and (
                    (entry.bounds[0] <= bounds[0] and bounds[1] <= entry.bounds[1])
                    or (bounds[0] <= entry.bounds[0] and entry.bounds[1] <= bounds[1])
                )
                if nested and _overlap(entry.words, words) >= 0.5:
                    match = entry
                    break
                # Told in other words: overlapping dates and the same happening, in two sources or
                # twice in one ('the summit X attended' / 'X spoke at the meeting').
                compatible = same_value or both and entry.bounds[0] <= bounds[1] and bounds[0] <= entry.bounds[1]
                if (compatible and entry.classes & told.classes
                        and any(_same_happening(told, other, common) for other in entry.seen)):
                    match, reworded = entry, True
                    break
            if match is None:
                event = Event(date=date_value, granularity=granularity(date_value), text=mention.text,
                              sources=[source_id], citations=[citation], expected=mention.expected,
                              actors=list(mention.actors), stated=mention.stated, vague=mention.vague)
                entry = _Merged(event, words, told, len(merged), story)
                merged.append(entry)
                index(entry, True)
                for w in words:
                    by_word.setdefault(w, set()).add(entry.position)
                for c in told.classes:
                    by_class.setdefault(c, set()).add(entry.position)
                if mention.stated:
                    first_stated[id(event)] = mention.stated
                continue
            match.seen.append(told)
            match.classes |= told.classes
            match.story |= story
            for c in told.classes:
                by_class.setdefault(c, set()).add(match.position)
            event = match.event
            if _width(date_value) < _width(event.date):  # "in 2017" and "in April 2017": keep April
                index(match, False)
                event.date, event.granularity = date_value, granularity(date_value)
                match.bounds = bounds
                index(match, True)
                if reworded:
                    event.text = mention.text
            if source_id not in event.sources:
                event.sources.append(source_id)
            if citation not in event.citations:
                event.citations.append(citation)
            event.actors.extend(a for a in mention.actors if a not in event.actors)
            event.vague = event.vague or mention.vague
            if mention.stated and (not event.stated or _start(mention.stated) > _start(event.stated)):
                event.stated = mention.stated  # the latest source that still expects it
            if mention.stated and (id(event) not in first_stated or _start(mention.stated) < _start(first_stated[id(event)])):
                first_stated[id(event)] = mention.stated
    _mark_done(merged, first_stated, common)
    # Dated events by date; plans without a date last, in the order they were stated.
    events = sorted(
        (m.event for m in merged),
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


def _mark_done(merged: list[_Merged], first_stated: dict[int, str], common: frozenset[str]) -> None:
    """Give each expected event the earliest report, made on or after it was first stated, that
    the same happening took place: a past event that shares its predicate class and actors (see
    :func:`_same_happening`) and states no plan of its own. When a source later than that report
    still expects it, the sources contradict each other (``still_expected``). A plan from a source
    without a date cannot be placed against a report, and is left alone.

    Only past events that share a predicate class with the plan are looked at (indexed by class):
    the same happening needs one."""
    done = [m for m in merged if not m.event.expected and m.event.granularity]
    starts = [_start(m.event.date) for m in done]
    planned = [any(told.lemmas & _NOT_DONE for told in m.seen) for m in done]
    by_class: dict[str, set[int]] = {}
    for n, m in enumerate(done):
        for name in m.classes:
            by_class.setdefault(name, set()).add(n)
    for m in merged:
        event = m.event
        if not event.expected or id(event) not in first_stated:
            continue
        since = _start(first_stated[id(event)])
        candidates = set().union(*(by_class.get(name, ()) for name in m.classes))
        reports = [
            n for n in sorted(candidates)
            if starts[n] >= since
            and not planned[n]
            and same_story(m.story, done[n].story)
            and any(_same_happening(a, b, common) for a in m.seen for b in done[n].seen)
        ]
        if not reports:
            continue
        report = done[min(reports, key=starts.__getitem__)].event
        event.reported_done = DoneReport(
            date=report.date, text=report.text, citations=list(report.citations),
            still_expected=bool(event.stated) and _start(event.stated) > _start(report.date),
        )
