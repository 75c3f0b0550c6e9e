"""The timeline chart: numbered markers on a date axis, in rows by main actor or by kind, packed so that
no marker, period bar or row label overlaps another; and its alt text."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from ..dateutil import format_period, midpoint, parse_period
from ..model import Brief, Event
from .style import DEFAULT_ACCENT, FONT, WIDTH

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from ..config import ThemeSection

MIN_TIMELINE_EVENTS = 2  # dated events needed before a timeline chart is drawn

# --------------------------------------------------------------------------- events


def timeline_events(brief: Brief) -> list[tuple[int, Event]]:
    """Past and expected events in date order, numbered from 1; the chart and the table share the numbers."""
    seen: set[tuple[str, str]] = set()
    events: list[Event] = []
    for event in [*brief.events, *brief.outlook]:
        key = (event.date, event.text)
        if key not in seen:
            seen.add(key)
            events.append(event)
    # Undated values sort last so every dated event keeps a stable number.
    events.sort(key=lambda e: midpoint(parse_period(e.date) or (date.max, date.max)))
    return list(enumerate(events, start=1))


MAX_CHART_EVENTS = 30  # markers drawn at most; the others are left to the table
#: px at WIDTH 720: about 14 cm on an A4 page, which leaves room for the section's heading and the caption.
MAX_CHART_HEIGHT = 600


def event_rank_key(event: Event, *, prominence: int = 0, number: int = 0) -> tuple:
    """How a timeline event ranks for a bounded chart or table, the most important first: reported by
    more sources, then naming a more prominent actor (*prominence*: the mentions of the most mentioned
    actor of the brief it names), then dated more precisely (a day before a month before a year),
    then earlier in the timeline (*number*)."""
    period = parse_period(event.date)
    width = (period[1] - period[0]).days if period else 10**6
    return (-len(event.sources), -prominence, width, number)


CORE_SHARE = 0.9  # a bounded chart keeps to the shortest period that holds this share of the dated events


def chart_events(brief: Brief, *, limit: int = MAX_CHART_EVENTS) -> list[tuple[int, Event]]:
    """The dated events a bounded timeline shows, with their numbers in :func:`timeline_events`, in date
    order: all of them when there are at most *limit*. Otherwise the first *limit* in one fixed order:
    the events inside the shortest period holding nine in ten of the dated events first, so that a few
    distant dates ("in 1945", "by 2020") do not squeeze the rest into a corner of the axis; then by
    :func:`event_rank_key` (most sources, then the most mentioned actor named, then the most precise
    date). The order does not depend on *limit*, so a smaller bound always picks a subset of a larger
    one: a timeline table bounded the same way holds every event of the chart, under the same numbers."""
    dated = [(n, e) for n, e in timeline_events(brief) if parse_period(e.date)]
    if len(dated) <= limit:
        return dated
    middles = [midpoint(parse_period(e.date)) for _, e in dated]
    ordered = sorted(middles)
    size = math.ceil(CORE_SHARE * len(ordered))
    low, high = min(((ordered[i], ordered[i + size - 1]) for i in range(len(ordered) - size + 1)),
                    key=lambda window: window[1] - window[0])
    named = _named_actors(brief, [e for _, e in dated])
    prominence = [max((brief.actors[i].mentions for i in indices), default=0) for indices in named]
    ranked = sorted(range(len(dated)), key=lambda k: (
        not low <= middles[k] <= high,
        *event_rank_key(dated[k][1], prominence=prominence[k], number=dated[k][0])))
    return [dated[k] for k in sorted(ranked[:limit])]


# --------------------------------------------------------------------------- timeline


LANE_LIMIT = 8  # lanes drawn at most, "Other" included
OTHER_LANE = "Other"
ROW_PX = 26  # height of one row of markers
LANE_GAP = 0.4  # space between two lanes, in rows
MARKER_PX = 21  # a marker's diameter
LABEL_CHARS = 24  # lane labels longer than this are shortened
CHAR_PX = 6.3  # width of one 11 px character, roughly
BREAK_SHARE = 0.5  # the date axis breaks where more than this share of it would hold no event
BREAK_PX = 18  # the gap between the two parts of a broken axis


def _pack_lanes(spans: list[tuple[float, float]], *, gap: float) -> list[int]:
    """Lowest lane in which each (start, end) interval, given in start order, overlaps nothing."""
    lane_ends: list[float] = []
    lanes = []
    for start, end in spans:
        for lane, lane_end in enumerate(lane_ends):
            if start > lane_end + gap:
                lane_ends[lane] = end
                lanes.append(lane)
                break
        else:
            lane_ends.append(end)
            lanes.append(len(lane_ends) - 1)
    return lanes


def _name_key(text: str) -> str:
    text = text.strip().replace("’", "'")
    if text.lower().startswith("the "):
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    return text.casefold()


def _find_whole(text: str, name: str) -> bool:
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(name, at + 1)
    return False


def _alnum_runs(text: str) -> list[str]:
    """The runs of letters and digits in *text* ('U.S.-backed' → 'U', 'S', 'backed')."""
    runs, current = [], []
    for ch in text:
        if ch.isalnum():
            current.append(ch)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


def _actor_resolver(brief: Brief, types: tuple[str, ...] | None = None):
    """A function from an entity as written in a clause to the index of the brief's actor it names, or None."""
    exact: dict[str, int] = {}
    words: list[tuple[str, int]] = []
    for index, actor in enumerate(brief.actors):
        if types and actor.type not in types:
            continue
        for name in (actor.name, *actor.aliases):
            exact.setdefault(_name_key(name), index)
            if len(name) > 2:
                words.append((name, index))
    words.sort(key=lambda w: -len(w[0]))  # the longest name found inside a phrase wins
    # A name found whole in a phrase starts at the start of one of the phrase's runs of letters and
    # digits, and its own first run is that whole run: so the names are indexed by their first run,
    # and a phrase is compared only with the names of its runs, in the same order as a scan of all.
    by_first_run: dict[str, list[int]] = {}
    always: list[int] = []  # names that do not start with a letter or digit
    for position, (name, _) in enumerate(words):
        runs = _alnum_runs(name)
        if runs and name[0].isalnum():
            by_first_run.setdefault(runs[0], []).append(position)
        else:
            always.append(position)
    # A person's surname alone ("Smith said"), when no other actor goes by it.
    surnames = Counter(_name_key(a.name.split()[-1]) for a in brief.actors if a.type == "PERSON" and " " in a.name)
    for index, actor in enumerate(brief.actors):
        if (not types or actor.type in types) and actor.type == "PERSON" and " " in actor.name:
            key = _name_key(actor.name.split()[-1])
            if surnames[key] == 1:
                exact.setdefault(key, index)

    def resolve(written: str) -> int | None:
        found = exact.get(_name_key(written))
        if found is not None:
            return found
        # "the French envoy", "German Chancellor X": a phrase that contains a name or alias as whole words.
        candidates = sorted({p for run in _alnum_runs(written) for p in by_first_run.get(run, ())}.union(always))
        return next((words[p][1] for p in candidates if _find_whole(written, words[p][0])), None)

    return resolve


def _named_actors(brief: Brief, events: list[Event]) -> list[list[int]]:
    """For each event, the brief's actors its clause names, in the order named (the subject usually first).

    A person counts for the organisation or state given as their affiliation when that is an actor of the
    brief: a minister's events go in their government's lane rather than in a lane of their own. An
    organisation whose name holds a state's ("the X Congress") is followed by that state, which takes its
    events when the organisation has no lane of its own."""
    resolve = _actor_resolver(brief)
    in_state = _actor_resolver(brief, ("GPE",))
    lead: dict[int, int] = {}
    parent: dict[int, int] = {}
    for index, actor in enumerate(brief.actors):
        if actor.type == "PERSON" and actor.affiliation:
            body = resolve(actor.affiliation)
            if body is not None and body != index:
                lead[index] = body
        elif actor.type == "ORG":
            state = next((in_state(name) for name in (actor.name, *actor.aliases) if in_state(name) is not None), None)
            if state is not None and state != index:
                parent[index] = state
    named = []
    for event in events:
        indices: list[int] = []
        for written in event.actors:
            index = resolve(written)
            index = lead.get(index, index)
            for found in (index, parent.get(index)):
                if found is not None and found not in indices:
                    indices.append(found)
        named.append(indices)
    return named


def timeline_groups(brief: Brief, events: list[Event]) -> tuple[str, list[str], list[int]]:
    """(grouping, lane labels, lane of each event): lanes by main actor when a few actors account for most
    events, otherwise by kind (happened or expected). Grouping is "actor" or "kind".

    An event's main actor is the first actor its clause names among those named in two events or more,
    so that a place or a name met in passing does not make a lane of its own."""
    named = _named_actors(brief, events)
    recurring = {i for i, n in Counter(i for indices in named for i in indices).items() if n >= 2}
    leads = Counter(next((i for i in indices if i in recurring), None) for indices in named)
    leads.pop(None, None)
    # The actors that lead two events or more, the busiest first; then each event goes to the first
    # actor it names that has a lane, and to "Other" when it names none.
    kept = sorted((i for i, n in leads.items() if n >= 2), key=lambda i: (-leads[i], i))[:LANE_LIMIT - 1]
    kept.sort()  # lanes in the order of the brief's actors: the most prominent on top
    main = [next((i for i in indices if i in kept), None) for indices in named]
    covered = sum(i is not None for i in main)
    if len(kept) >= 2 and covered * 3 >= len(events) * 2:
        labels = [brief.actors[i].name for i in kept]
        lane_of = {i: lane for lane, i in enumerate(kept)}
        lanes = [lane_of[i] if i is not None else len(kept) for i in main]
        if len(kept) in lanes:
            labels.append(OTHER_LANE)
        return "actor", labels, lanes
    lanes = [int(e.expected) for e in events]
    if len(set(lanes)) == 1:
        return "kind", ["Expected" if lanes[0] else "Events"], [0] * len(events)
    return "kind", ["Happened", "Expected"], lanes


class TimelineMark(NamedTuple):
    number: int
    event: Event
    period: tuple[date, date]
    lane: int
    y: float  # row position, in rows from the top (the y axis value)
    px: float  # marker centre, in pixels from the figure's top left
    py: float
    span: tuple[float, float]  # the period's extent in pixels (equal ends for a single day)
    axis: int = 0  # which part of a broken date axis it is on (see _axis_parts)


class TimelineLayout(NamedTuple):
    grouping: str
    lanes: list[str]
    lane_y: list[float]  # centre of each lane, in rows
    rows: float  # height of the plot, in rows
    marks: list[TimelineMark]
    x_range: tuple[date, date]
    margin: dict
    height: int
    left_out: int = 0  # dated events not drawn: the chart shows the most important (chart_events)
    # The date axis, in one part or in two either side of a break: each part's dates and pixel extent.
    axes: tuple[tuple[tuple[date, date], tuple[float, float]], ...] = ()

    def marker_boxes(self) -> list[tuple[float, float, float, float]]:
        r = MARKER_PX / 2
        return [(m.px - r, m.py - r, m.px + r, m.py + r) for m in self.marks]

    def label_boxes(self) -> list[tuple[float, float, float, float]]:
        """The lane labels' boxes: right-aligned left of the plot, centred on their lane."""
        right = self.margin["l"] - 8
        boxes = []
        for label, y in zip(self.lanes, self.lane_y):
            py = self.margin["t"] + (y + 0.5) * ROW_PX
            lines = _label_lines(label)
            width, half = CHAR_PX * max(map(len, lines)), 7 * len(lines)
            boxes.append((right - width, py - half, right, py + half))
        return boxes


def _label_lines(label: str) -> list[str]:
    """A lane label on at most two lines of LABEL_CHARS characters, shortened with an ellipsis beyond."""
    lines = [""]
    for word in label.split():
        if lines[-1] and len(lines[-1]) + 1 + len(word) > LABEL_CHARS:
            if len(lines) == 2:
                lines[-1] = lines[-1][:LABEL_CHARS - 1].rstrip() + "…"
                return lines
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    return [line if len(line) <= LABEL_CHARS else line[:LABEL_CHARS - 1] + "…" for line in lines]


def timeline_layout(brief: Brief, *, limit: int = MAX_CHART_EVENTS,
                    max_height: int = MAX_CHART_HEIGHT) -> TimelineLayout | None:
    """Where each dated event's marker goes: its lane, its row within the lane, its pixel position.

    At most *limit* events are drawn, the most important ones (:func:`chart_events`), and fewer when
    their rows would make the chart taller than *max_height* pixels: events close in time stack."""
    total = sum(1 for _, e in timeline_events(brief) if parse_period(e.date))
    if total < MIN_TIMELINE_EVENTS:
        return None  # one marker on an axis says nothing the table does not
    shown = min(limit, total)
    while True:
        layout = _layout(brief, chart_events(brief, limit=shown), left_out=total - shown)
        if layout.height <= max_height or shown <= MIN_TIMELINE_EVENTS:
            return layout
        shown = max(MIN_TIMELINE_EVENTS, min(shown - 1, int(shown * 0.9)))


def _axis_parts(periods: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """The stretches of time the date axis shows: one, or two when more than half of it would be empty
    between them (a founding year decades before the news, a target decades after it). Broken there,
    the axis gives the events their room instead of squeezing them into a corner."""
    ordered = sorted(periods)
    first, last = ordered[0][0], max(end for _, end in ordered)
    reach, split, widest = ordered[0][1], None, timedelta(0)
    for (start, end) in ordered[1:]:
        if start - reach > widest:
            widest, split = start - reach, (reach, start)
        reach = max(reach, end)
    total = (last - first).days
    if split is None or total < 180 or widest.days <= BREAK_SHARE * total:
        return [(first, last)]
    # Only worth it when the break gives room to a crowd: a few events spread out need no break.
    sides = sorted((sum(1 for start, _ in ordered if start < split[1]), sum(1 for start, _ in ordered if start >= split[1])))
    if sides[1] < 3 or sides[1] == sides[0]:
        return [(first, last)]
    return [(first, split[0]), (split[1], last)]


def _layout(brief: Brief, events: list[tuple[int, Event]], *, left_out: int) -> TimelineLayout:
    dated = [(n, e, parse_period(e.date)) for n, e in events]
    grouping, labels, lanes = timeline_groups(brief, [e for _, e, _ in dated])
    label_px = max(CHAR_PX * len(line) for label in labels for line in _label_lines(label)) if len(labels) > 1 else 0
    margin = dict(l=int(label_px + 20), r=20, t=24, b=64)
    plot_width = WIDTH - margin["l"] - margin["r"]
    parts = _axis_parts([p for _, _, p in dated])
    ranges = []
    for first, last in parts:
        pad = timedelta(days=max((last - first).days, 30) * 0.04 + 10)
        ranges.append((first - pad, last + pad))
    if len(parts) == 1:
        widths = [plot_width]
    else:  # the part with fewer events is the narrow one, however long a stretch it covers
        counts = [sum(1 for _, _, p in dated if (p[0] < parts[1][0]) == (k == 0)) for k in range(2)]
        days = [(x1 - x0).days for x0, x1 in ranges]
        usable = plot_width - BREAK_PX
        narrow = 0 if counts[0] < counts[1] or (counts[0] == counts[1] and days[0] <= days[1]) else 1
        share = min(max(days[narrow] / sum(days), 0.14), 0.35)
        widths = [usable * share, usable * (1 - share)] if narrow == 0 else [usable * (1 - share), usable * share]
    extents, left = [], float(margin["l"])
    for width in widths:
        extents.append((left, left + width))
        left += width + BREAK_PX
    axes = tuple(zip(ranges, extents))

    def axis_of(day: date) -> int:
        return 0 if len(parts) == 1 or day < parts[1][0] else 1

    def to_px(day: date, axis: int | None = None) -> float:
        (x0, x1), (left, right) = axes[axis_of(day) if axis is None else axis]
        return left + (day - x0).days * (right - left) / (x1 - x0).days

    r = MARKER_PX / 2
    extents = []
    for _, _, p in dated:
        axis = axis_of(p[0])
        centre = to_px(midpoint(p), axis)
        extents.append((centre, min(to_px(p[0], axis), centre - r), max(to_px(p[1], axis), centre + r)))
    # Within each lane, markers and period bars are packed into rows so that none overlap.
    row_in_lane = [0] * len(dated)
    rows_of_lane = []
    for lane in range(len(labels)):
        members = sorted((i for i, l in enumerate(lanes) if l == lane), key=lambda i: extents[i][1])
        packed = _pack_lanes([extents[i][1:] for i in members], gap=3)
        for i, row in zip(members, packed):
            row_in_lane[i] = row
        rows_of_lane.append(max(packed, default=-1) + 1 or 1)
    lane_top, top = [], 0.0
    for count in rows_of_lane:
        lane_top.append(top)
        top += count + LANE_GAP
    rows = top - LANE_GAP
    lane_y = [t + (count - 1) / 2 for t, count in zip(lane_top, rows_of_lane)]
    marks = []
    for (n, e, p), lane, row, (centre, _, _) in zip(dated, lanes, row_in_lane, extents):
        y = lane_top[lane] + row
        axis = axis_of(p[0])
        marks.append(TimelineMark(n, e, p, lane, y, centre, margin["t"] + (y + 0.5) * ROW_PX,
                                  (to_px(p[0], axis), to_px(p[1], axis)), axis))
    height = int(margin["t"] + margin["b"] + rows * ROW_PX + 0.5)
    return TimelineLayout(grouping, labels, lane_y, rows, marks, (ranges[0][0], ranges[-1][1]), margin, height,
                          left_out, axes)


def hides_its_bar(mark: TimelineMark) -> bool:
    """A period too short on this axis for its bar to show beside the marker (a month over a few
    years): it is drawn as a square marker instead, so that it does not pass for a day."""
    return mark.period[1] > mark.period[0] and mark.span[1] - mark.span[0] < MARKER_PX + 8


def timeline_figure(brief: Brief, *, theme: ThemeSection | None = None) -> go.Figure | None:
    """Numbered event markers on a date axis, in lanes by main actor or by kind; expected events are open
    markers and periods longer than a day are bars. None with fewer than two dated events."""
    import plotly.graph_objects as go

    accent = theme.accent if theme else DEFAULT_ACCENT
    layout = timeline_layout(brief)
    if layout is None:
        return None
    marks = layout.marks
    fig = go.Figure()
    for lane, y in enumerate(layout.lane_y):
        if lane % 2 == 1:  # every other lane on a light band, so the eye follows a lane across
            top = min(m.y for m in marks if m.lane == lane) - 0.5 - LANE_GAP / 2
            bottom = max(m.y for m in marks if m.lane == lane) + 0.5 + LANE_GAP / 2
            # Across the whole plot, both parts of a broken axis included.
            fig.add_shape(type="rect", xref="paper", x0=0, x1=1, yref="y", y0=top, y1=bottom,
                          fillcolor="#f2f4f7", line_width=0, layer="below")
    axes = layout.axes
    xref = ["x", "x2"]
    # Periods coarser than a day are drawn as a bar with end ticks, so "2019" does not look like 1 July 2019.
    for axis in range(len(axes)):
        bar_x: list = []
        bar_y: list = []
        for m in marks:
            if m.axis == axis and m.period[1] > m.period[0] and not hides_its_bar(m):
                bar_x += [m.period[0], m.period[1] + timedelta(days=1), None]
                bar_y += [m.y, m.y, None]
        if bar_x:
            fig.add_trace(go.Scatter(x=bar_x, y=bar_y, xaxis=xref[axis], mode="lines+markers",
                                     name="Period (month, season or year)", legendgroup="period",
                                     showlegend=not any(t.legendgroup == "period" for t in fig.data),
                                     line=dict(color=accent, width=7), opacity=0.28, hoverinfo="skip",
                                     marker=dict(symbol="line-ns", size=13, line=dict(color=accent, width=2))))
    for expected, name in ((False, "Event"), (True, "Expected")):
        style = dict(color="white" if expected else accent,
                     line=dict(color=accent, width=2) if expected else dict(color=accent, width=1))
        for axis in range(len(axes)):
            rows = [m for m in marks if m.event.expected == expected and m.axis == axis]
            if rows:
                fig.add_trace(go.Scatter(
                    x=[midpoint(m.period) for m in rows], y=[m.y for m in rows], xaxis=xref[axis],
                    text=[str(m.number) for m in rows], mode="markers+text", name=name, showlegend=False,
                    textfont=dict(color=accent if expected else "white", size=10, family=FONT),
                    marker=dict(size=MARKER_PX, symbol=["square" if hides_its_bar(m) else "circle" for m in rows], **style),
                ))
        if any(m.event.expected == expected for m in marks):
            # The legend shows a round marker whatever shape the first point has.
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, marker=dict(size=13, **style)))
    if any(hides_its_bar(m) for m in marks):  # a legend entry only: what a square marker means
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name="Period too short for a bar",
                                 marker=dict(size=11, symbol="square", color=accent)))
    edition = parse_period(brief.edition.date)
    for axis, ((x0, x1), _) in enumerate(axes):
        if edition and any(m.event.expected for m in marks) and x0 <= edition[0] <= x1:
            fig.add_shape(type="line", xref=xref[axis], x0=edition[0].isoformat(), x1=edition[0].isoformat(),
                          yref="paper", y0=0, y1=1, line=dict(color="#888888", width=1, dash="dash"))
            fig.add_annotation(x=edition[0].isoformat(), xref=xref[axis], y=1, yref="paper", text="edition",
                               showarrow=False, yanchor="bottom", font=dict(size=10, color="#666666", family=FONT))
    fig.update_layout(
        width=WIDTH, height=layout.height, margin=dict(**layout.margin, autoexpand=False),
        font=dict(family=FONT, size=11, color="#333333"), plot_bgcolor="white", paper_bgcolor="white",
        showlegend=len([t for t in fig.data if t.showlegend is not False]) > 1,
        # Below the date axis, where neither the markers nor the edition line's label can meet it.
        legend=dict(orientation="h", x=0, xref="container", y=0, yref="container", xanchor="left",
                    yanchor="bottom", font=dict(size=10)),
    )
    axis_style = dict(showgrid=True, gridcolor="#e5e5e5", automargin=False, linecolor="#999999", ticks="outside",
                      type="date", fixedrange=True)
    if len(axes) == 1:
        fig.update_layout(xaxis=dict(range=list(layout.x_range), **axis_style))
    else:
        left, right = layout.margin["l"], WIDTH - layout.margin["r"]
        domains = [((a - left) / (right - left), (b - left) / (right - left)) for _, (a, b) in axes]
        for axis, ((x0, x1), (a, b)) in enumerate(axes):
            fig.update_layout({f"xaxis{axis + 1 if axis else ''}": dict(
                range=[x0, x1], domain=list(domains[axis]), anchor="y", nticks=max(2, int((b - a) // 70)),
                **axis_style)})
        # The break: a double slash on the axis line, between the two parts.
        fig.add_annotation(x=(domains[0][1] + domains[1][0]) / 2, xref="paper", y=0, yref="paper", text="//",
                           showarrow=False, font=dict(size=12, color="#666666", family=FONT))
    fig.update_yaxes(range=[layout.rows - 0.5, -0.5], showgrid=False, zeroline=False, automargin=False,
                     tickvals=layout.lane_y if len(layout.lanes) > 1 else [],
                     ticktext=["<br>".join(_label_lines(label)) for label in layout.lanes], ticks="", tickfont=dict(size=11),
                     showline=False, fixedrange=True)
    return fig


def _timeline_alt(brief: Brief) -> str:
    numbered = [e for _, e in timeline_events(brief)]
    total = sum(1 for e in numbered if parse_period(e.date))
    layout = timeline_layout(brief)
    drawn = [m.event for m in layout.marks] if layout is not None else [e for e in numbered if parse_period(e.date)]
    dated = [(e, parse_period(e.date)) for e in drawn]
    first = format_period(min(dated, key=lambda ep: ep[1][0])[0].date)
    last = format_period(max(dated, key=lambda ep: ep[1][1])[0].date)
    count = len(dated)
    span = f"in {first}" if first == last else f"from {first} to {last}"
    if count < total:
        text = f"Timeline of the {count} most important of {total} dated events, {span}"
    else:
        text = f"Timeline of {count} dated event{'s' if count != 1 else ''} {span}"
    if layout is not None and len(layout.lanes) > 1:
        per_lane = Counter(m.lane for m in layout.marks)
        lanes = [f"{label} ({per_lane[lane]})" for lane, label in enumerate(layout.lanes)]
        listed = ", ".join(lanes[:-1]) + " and " + lanes[-1]
        if layout.grouping == "kind":
            text += f", in rows by kind: {per_lane[0]} happened and {per_lane[1]} expected (open markers)"
    expected = sum(e.expected for e, _ in dated)
    if layout is not None and layout.grouping == "kind" and len(layout.lanes) > 1:
        pass  # said with the rows
    elif expected and count == 1:
        text += ", expected (open marker)"
    elif expected:
        text += f", {expected} of them expected (open markers)"
    if layout is not None and layout.grouping == "actor":
        text += f", in rows by main actor: {listed}"
    squares = sum(hides_its_bar(m) for m in layout.marks) if layout is not None else 0
    periods = sum(p[1] > p[0] for _, p in dated) - squares
    if periods and layout is not None:
        text += (f"; {'a bar spans the' if periods == 1 else f'bars span the {periods}'} "
                 f"date{'s' if periods != 1 else ''} given only as a month, season or year")
    if squares:
        text += (f"; {'a square marker is a date' if squares == 1 else f'{squares} square markers are dates'} "
                 "given only as a month, season or year, too short on this scale for a bar")
    if count < total:
        text += (f"; the other {total - count} are not drawn (the chart keeps those reported by the most "
                 "sources, then those naming the most mentioned actors, then the most precisely dated)")
    if layout is not None and len(layout.axes) == 2:
        before = max(m.period[1] for m in layout.marks if m.axis == 0)
        after = min(m.period[0] for m in layout.marks if m.axis == 1)
        text += (f"; the date axis is broken (//) between {before.year} and {after.year}, "
                 "a stretch with no event, so the two parts are on different scales")
    text += "; the numbers refer to the timeline table"
    undated = len(numbered) - total
    if undated:
        text += f"; the Outlook lists {undated} plan{'s' if undated != 1 else ''} without a date"
    return text + "."
