"""What the reading copy (PDF and HTML) shows of a brief: each section's most important items, up to a limit.

A brief over hundreds of sources finds thousands of actors, hundreds of figures and events. brief.json
keeps every one; the PDF shows the most important of each kind, up to the limits in ``[limits]``, and
says how many it leaves out. Selection picks by importance, and each section then shows what it picked
in its usual order (key figures and actors as the brief ranks them, events by date), so a brief small
enough to fit under the limits reads exactly as it would without them.

Citation numbers never change: a source keeps its id whether or not it is listed. Every source the
reading copy cites is in its source list, so every [n] resolves.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar

from .dateutil import midpoint, parse_period
from .model import Actor, Brief, Citation, Event, KeyFigure, SourceEntry

if TYPE_CHECKING:
    from .config import LimitsSection

T = TypeVar("T")


@dataclass(frozen=True)
class Shown(Generic[T]):
    """The items a section shows, in reading order, out of *total*; iterate it like a list."""

    items: list[T]
    total: int

    @property
    def left_out(self) -> int:
        return self.total - len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True)
class Digest:
    """Everything the default templates show, chosen from a Brief (``digest`` in the template context)."""

    headline: KeyFigure | None  #: the best-corroborated figure, on the executive summary's page
    figures: Shown[KeyFigure]
    actor_cards: list[Actor]  #: the most prominent actors, each with a card
    other_actors: Shown[Actor]  #: the next ones the sources say something about, in a table
    named_actors: Shown[Actor]  #: the rest, named once with no role or stance: one line of names
    timeline: Shown[tuple[int, Event]]  #: numbered as on the timeline chart, in date order
    outlook: Shown[Event]  #: expected events, in date order, undated last (the three below together)
    outlook_ahead: Shown[Event]  #: expected events still ahead, in date order, undated last
    outlook_overdue: Shown[Event]  #: expected events due before the newest source, with no report of them since
    outlook_done: Shown[Event]  #: expected events a later report says have happened
    source_summaries: Shown[SourceEntry]  #: in id order
    source_list: Shown[SourceEntry]  #: included sources listed, in id order
    excluded_list: Shown[SourceEntry]  #: excluded sources listed, in id order
    changes: list[tuple[str, Shown[str]]]  #: (group title, items) of the changes section, groups with items
    evidence_per_actor: int
    quotes_per_actor: int
    cited: frozenset[int] = frozenset()  #: ids of the sources the sections cite (the source list aside)
    usage: Mapping[int, int] = field(default_factory=dict)  #: source id → runs of citations naming it
    citations_per_item: int = 6  #: most [n] links shown after one sentence, figure or event

    def visible_citations(self, source_ids: Iterable[int]) -> tuple[list[int], int]:
        """The ids a run of citations shows, in id order, and how many it leaves out."""
        ids = set(source_ids)
        shown = _most_used(ids, self.usage, self.citations_per_item)
        return shown, len(ids) - len(shown)

    @property
    def left_out(self) -> dict[str, int]:
        """Items left out per section, for the sections that leave some out."""
        counts = {name: getattr(self, name).left_out for name in SECTION_FIELDS}
        return {name: count for name, count in counts.items() if count}


SECTION_FIELDS = ("figures", "other_actors", "named_actors", "timeline", "outlook_ahead",
                  "outlook_overdue", "outlook_done", "source_summaries", "source_list", "excluded_list")


# --------------------------------------------------------------------------- helpers


def _top(items: list[T], limit: int, *, key) -> list[int]:
    """Indexes of the *limit* best items by *key* (highest first; ties keep their order), in their order."""
    if limit >= len(items):
        return list(range(len(items)))
    ranked = sorted(range(len(items)), key=lambda i: key(items[i]), reverse=True)
    # sorted(reverse=True) keeps ties in order, so an equal-scored earlier item wins
    return sorted(ranked[: max(limit, 0)])


def _shown(items: list[T], chosen: Iterable[int]) -> Shown[T]:
    return Shown([items[i] for i in chosen], len(items))


def is_minor_actor(actor: Actor) -> bool:
    """An actor the sources say something about beyond a name: named twice, given a role, or a stance."""
    return actor.mentions > 1 or bool(actor.role) or actor.stance.label != "unknown"


_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)


def _name_key(text: str) -> str:
    text = _LEADING_ARTICLE.sub("", " ".join(text.split()))
    return re.sub(r"[’']s?$", "", text).casefold()


def _actor_ranks(actors: list[Actor]) -> dict[str, int]:
    """Each name and alias (normalised) → the rank of the actor it names (0 for the most prominent)."""
    ranks: dict[str, int] = {}
    for rank, actor in enumerate(actors):
        for name in (actor.name, *actor.aliases):
            ranks.setdefault(_name_key(name), rank)
    return ranks


def _recency(event: Event) -> float:
    """A number that grows with the event's date; undated events count as oldest."""
    period = parse_period(event.date) if event.granularity else None
    return midpoint(period).toordinal() if period else float("-inf")


# --------------------------------------------------------------------------- sections


def event_importance(event: Event, *, main_actors: int, ranks: dict[str, int]):
    """Sort key, higher first: sources reporting it, main actors named in it, any known actor, recency."""
    named = [ranks[key] for key in map(_name_key, event.actors) if key in ranks]
    main = sum(1 for rank in set(named) if rank < main_actors)
    return (len(event.sources), main, bool(named), _recency(event))


def figure_importance(figure: KeyFigure):
    """Sort key, higher first: sources reporting it, then whether sources disagree on it."""
    return (len(figure.sources), bool(figure.conflicting))


def headline_figure(brief: Brief) -> KeyFigure | None:
    """The figure most sources give, the one with fewest disagreements among equals. A figure that
    does not say what it measures (no wording found for it), or a count under ten ("two countries",
    "four batteries"), headlines only a brief that has nothing else: alone in the panel beside the
    summary, a bare number tells the reader nothing, and a small count is a detail, however many
    sources repeat it."""
    return max(
        brief.figures,
        key=lambda f: (bool(f.measures.strip()), not _small_count(f), len(f.sources), -len(f.conflicting)),
        default=None,
    )


def _small_count(figure: KeyFigure) -> bool:
    return figure.unit == "count" and figure.value < 10


def is_reported_done(event: Event) -> bool:
    """An expected event a later report says has happened, and no later source still expects."""
    return bool(event.reported_done and not event.reported_done.still_expected)


def sources_as_of(brief: Brief) -> date | None:
    """The first day of the newest publication date a source's metadata gives: as far as the sources
    can know. Dates inferred from the text are left out: a year a text names ("by 2015") can pass
    for its date, and would make what is still ahead look overdue."""
    periods = (parse_period(source.published) for source in brief.included
               if source.published and source.published_from == "metadata")
    return max((period[0] for period in periods if period), default=None)


def is_overdue(event: Event, as_of: date | None) -> bool:
    """An expected event whose date had passed when the newest source was published, and that no
    source reports as done: a scheduled brief's old expectations must not read as what to watch."""
    if as_of is None or event.reported_done or not event.granularity:
        return False
    period = parse_period(event.date)
    return period is not None and period[1] < as_of


def _ids(citations: Iterable[Citation]) -> set[int]:
    return {c.source_id for c in citations}


def _most_used(source_ids: Iterable[int], usage: Mapping[int, int], limit: int) -> list[int]:
    """The *limit* sources of a run the sections cite most (ties: lower id first), in id order."""
    ids = sorted(set(source_ids))
    if len(ids) <= limit:
        return ids
    return sorted(sorted(ids, key=lambda i: (-usage.get(i, 0), i))[:limit])


def digest(brief: Brief, limits: LimitsSection, *, timeline: list[tuple[int, Event]] | None = None,
           also_list: Iterable[int] = ()) -> Digest:
    """Choose what the reading copy shows of *brief* under *limits*.

    *timeline* is the numbered list of past and expected events (``charts.timeline_events``); it is
    computed when not given. *also_list* names sources that must be in the source list whatever the
    sections cite (render uses it for citations a template author added).
    """
    if timeline is None:
        from .charts import timeline_events

        timeline = timeline_events(brief)

    figures = _shown(brief.figures, _top(brief.figures, limits.key_figures, key=figure_importance))

    cards = brief.actors[: limits.actor_cards]
    rest = brief.actors[limits.actor_cards:]
    minor = [a for a in rest if is_minor_actor(a)]
    passing = [a for a in rest if not is_minor_actor(a)]
    # The brief lists actors most prominent first: the first ones of each kind are the ones to show.
    other_actors = Shown(minor[: limits.other_actors], len(minor))
    named_actors = Shown(passing[: limits.named_actors], len(passing))

    ranks = _actor_ranks(brief.actors)

    def importance(event: Event):
        return event_importance(event, main_actors=limits.actor_cards, ranks=ranks)

    events = [event for _, event in timeline]
    shown_timeline = _timeline_rows(brief, timeline, limits.timeline)

    expected = [event for event in events if event.expected]
    as_of = sources_as_of(brief)

    def group(event: Event) -> str:
        return "done" if is_reported_done(event) else "overdue" if is_overdue(event, as_of) else "ahead"

    # What is still ahead is what the Outlook is for: it takes the room first.
    outlook = _shown(expected, _top(expected, limits.outlook, key=lambda e: (group(e) == "ahead", importance(e))))
    totals = Counter(map(group, expected))
    outlook_ahead, outlook_overdue, outlook_done = (
        Shown([e for e in outlook if group(e) == name], totals[name]) for name in ("ahead", "overdue", "done")
    )

    headline = headline_figure(brief)
    runs = [_ids(sentence.citations) for sentence in brief.executive_summary]
    for figure in [*figures, *([headline] if headline else [])]:
        runs.append(_ids(figure.citations))
        runs += [_ids(other.citations) for other in figure.conflicting]
    runs += _actor_citations(cards, other_actors, limits)
    runs += [_ids(event.citations) for event in [*(e for _, e in shown_timeline), *outlook]]
    runs += [_ids(event.reported_done.citations) for event in outlook if event.reported_done]
    # How often the sections cite each source: a run too long to show in full shows its most cited
    # sources (so the runs share sources, and the source list stays short), and the most cited
    # sources get their summaries.
    usage = Counter(source_id for run in runs for source_id in run)
    cite_limit = limits.citations_per_item
    cited = {source_id for run in runs for source_id in _most_used(run, usage, cite_limit)}

    included = brief.included
    summaries = _select_sources(included, limits.source_summaries, usage)
    cited |= set(also_list)
    required = cited | {s.id for s in summaries}
    excluded_list = _list_sources(brief.excluded, limits.excluded_sources, required)
    # An excluded duplicate links to the source it repeats: that one is listed too.
    required |= {s.duplicate_of for s in excluded_list if s.duplicate_of}
    source_list = _list_sources(included, limits.source_list, required)

    return Digest(
        headline=headline,
        figures=figures,
        actor_cards=list(cards),
        other_actors=other_actors,
        named_actors=named_actors,
        timeline=shown_timeline,
        outlook=outlook,
        outlook_ahead=outlook_ahead,
        outlook_overdue=outlook_overdue,
        outlook_done=outlook_done,
        source_summaries=summaries,
        source_list=source_list,
        excluded_list=excluded_list,
        changes=_changes(brief, limits.changes),
        evidence_per_actor=limits.actor_evidence,
        quotes_per_actor=limits.actor_quotes,
        cited=frozenset(cited),
        usage=usage,
        citations_per_item=cite_limit,
    )


def _actor_citations(cards: list[Actor], table: Iterable[Actor], limits: LimitsSection) -> list[set[int]]:
    """The runs of citations the actor cards and the table of other actors show."""
    runs = []
    for actor in cards:
        runs += [_ids(sentence.citations) for sentence in actor.stance.evidence[: limits.actor_evidence]]
        runs += [{quote.citation.source_id} for quote in actor.quotes[: limits.actor_quotes]]
    for actor in table:
        if actor.stance.label != "unknown":  # the table cites a stance's first sentence
            runs += [_ids(sentence.citations) for sentence in actor.stance.evidence[:1]]
    return runs


def _changes(brief: Brief, limit: int) -> list[tuple[str, Shown[str]]]:
    """The groups of the changes section that have items, each cut to *limit* items."""
    if not brief.changes:
        return []
    changes = brief.changes
    groups = (("New sources", changes.new_sources), ("Sources no longer used", changes.removed_sources),
              ("New actors", changes.new_actors), ("Changed stances", changes.changed_stances),
              ("New figures", changes.new_figures), ("New events", changes.new_events))
    return [(title, Shown(list(items[:limit]), len(items))) for title, items in groups if items]


def _timeline_rows(brief: Brief, timeline: list[tuple[int, Event]], limit: int) -> Shown:
    """The timeline table's rows: the dated events the chart would choose at this limit (the chart
    draws the first of them, so each of its numbers is in the table), in timeline order. Plans
    without a date have no place on a timeline: the Outlook lists them."""
    from .charts import chart_events

    rows = chart_events(brief, limit=limit) if limit else []
    dated = sum(1 for _, event in timeline if parse_period(event.date))
    return Shown(sorted(rows, key=lambda row: row[0]), dated)


def _select_sources(sources: list[SourceEntry], limit: int, citations: Counter[int]) -> Shown[SourceEntry]:
    """All sources when they fit; else the most cited ones (ties: lower id), shown in id order."""
    if len(sources) <= limit:
        return Shown(list(sources), len(sources))
    cited = [s for s in sources if citations[s.id]]
    best = sorted(cited, key=lambda s: (-citations[s.id], s.id))[: max(limit, 0)]
    return Shown(sorted(best, key=lambda s: s.id), len(sources))


def _list_sources(sources: list[SourceEntry], limit: int, required: set[int]) -> Shown[SourceEntry]:
    """All sources when they fit under *limit*; else only the *required* ones (the others are counted)."""
    if len(sources) <= limit:
        return Shown(list(sources), len(sources))
    return Shown([s for s in sources if s.id in required], len(sources))
