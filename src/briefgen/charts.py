"""Charts built from the Brief, exported to SVG through one kaleido/Chromium session.

    timeline_figure(brief)      numbered markers on a date axis, in rows by main actor or by kind, packed
                                so that no marker, period bar or row label overlaps another
    stakeholder_figure(brief)   stance score (x) against mentions (y), labels placed without overlap near
                                their markers; minor actors with no room are numbered and keyed below
    build_charts(brief, out_dir, exporter=...)  writes charts/*.svg and returns Chart entries

Dates are read with briefgen.dateutil (parse_period, format_period; importable from here too).

Actors whose stance is "unknown" are left out of the stakeholder chart (the alt text says how many):
placing them on the stance axis would claim a position the sources do not give.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import os
import shutil
import threading
from collections import Counter
from concurrent.futures import Future
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .cache import atomic_write
from .dateutil import format_period, parse_period
from .errors import RenderError
from .model import Brief, Chart, Event

__all__ = ["ChartExporter", "build_charts", "format_period", "parse_period", "stakeholder_figure",
           "timeline_events", "timeline_figure"]

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from .config import ThemeSection

log = logging.getLogger(__name__)

WIDTH = 720  # px; scaled to the text width in the PDF, so only the aspect ratio matters
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
DEFAULT_ACCENT = "#1f4e79"
STANCE_COLOURS = {"support": "#2e7d4f", "oppose": "#b03a2e", "mixed": "#c07f1a", "neutral": "#6b7280"}
STANCE_SYMBOLS = {"support": "triangle-up", "oppose": "triangle-down", "mixed": "diamond", "neutral": "circle"}
MAX_ACTORS = 25
MIN_TIMELINE_EVENTS = 2  # dated events needed before a timeline chart is drawn
EXPORT_TIMEOUT = 120  # seconds for one figure; Chromium is slow on a busy 2-core machine

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
    events.sort(key=lambda e: _midpoint(parse_period(e.date) or (date.max, date.max)))
    return list(enumerate(events, start=1))


# --------------------------------------------------------------------------- timeline


LANE_LIMIT = 8  # lanes drawn at most, "Other" included
OTHER_LANE = "Other"
ROW_PX = 26  # height of one row of markers
LANE_GAP = 0.4  # space between two lanes, in rows
MARKER_PX = 21  # a marker's diameter
LABEL_CHARS = 24  # lane labels longer than this are shortened
CHAR_PX = 6.3  # width of one 11 px character, roughly


def _midpoint(period: tuple[date, date]) -> date:
    # Markers sit at the middle of their period, and numbers follow the markers from left to right.
    return period[0] + (period[1] - period[0]) / 2


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
    # A person's surname alone ("Trump said"), when no other actor goes by it.
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
        return next((index for name, index in words if _find_whole(written, name)), None)

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


class TimelineLayout(NamedTuple):
    grouping: str
    lanes: list[str]
    lane_y: list[float]  # centre of each lane, in rows
    rows: float  # height of the plot, in rows
    marks: list[TimelineMark]
    x_range: tuple[date, date]
    margin: dict
    height: int

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


def timeline_layout(brief: Brief) -> TimelineLayout | None:
    """Where each dated event's marker goes: its lane, its row within the lane, its pixel position."""
    dated = [(n, e, p) for n, e in timeline_events(brief) if (p := parse_period(e.date))]
    if len(dated) < MIN_TIMELINE_EVENTS:
        return None  # one marker on an axis says nothing the table does not
    grouping, labels, lanes = timeline_groups(brief, [e for _, e, _ in dated])
    first = min(p[0] for _, _, p in dated)
    last = max(p[1] for _, _, p in dated)
    span_days = max((last - first).days, 30)
    pad = timedelta(days=span_days * 0.04 + 10)
    x0, x1 = first - pad, last + pad
    label_px = max(CHAR_PX * len(line) for label in labels for line in _label_lines(label)) if len(labels) > 1 else 0
    margin = dict(l=int(label_px + 20), r=20, t=24, b=64)
    plot_width = WIDTH - margin["l"] - margin["r"]
    scale = plot_width / (x1 - x0).days

    def to_px(day: date) -> float:
        return margin["l"] + (day - x0).days * scale

    r = MARKER_PX / 2
    extents = []
    for _, _, p in dated:
        centre = to_px(_midpoint(p))
        extents.append((centre, min(to_px(p[0]), centre - r), max(to_px(p[1]), centre + r)))
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
        marks.append(TimelineMark(n, e, p, lane, y, centre, margin["t"] + (y + 0.5) * ROW_PX,
                                  (to_px(p[0]), to_px(p[1]))))
    height = int(margin["t"] + margin["b"] + rows * ROW_PX + 0.5)
    return TimelineLayout(grouping, labels, lane_y, rows, marks, (x0, x1), margin, height)


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
            fig.add_hrect(y0=top, y1=bottom, fillcolor="#f2f4f7", line_width=0, layer="below")
    # Periods coarser than a day are drawn as a bar with end ticks, so "2019" does not look like 1 July 2019.
    bar_x: list = []
    bar_y: list = []
    for m in marks:
        if m.period[1] > m.period[0]:
            bar_x += [m.period[0], m.period[1] + timedelta(days=1), None]
            bar_y += [m.y, m.y, None]
    if bar_x:
        fig.add_trace(go.Scatter(x=bar_x, y=bar_y, mode="lines+markers", name="Period (month, season or year)",
                                 line=dict(color=accent, width=7), opacity=0.28, hoverinfo="skip",
                                 marker=dict(symbol="line-ns", size=13, line=dict(color=accent, width=2))))
    for expected, name in ((False, "Event"), (True, "Expected")):
        rows = [m for m in marks if m.event.expected == expected]
        if not rows:
            continue
        fig.add_trace(go.Scatter(
            x=[_midpoint(m.period) for m in rows], y=[m.y for m in rows],
            text=[str(m.number) for m in rows], mode="markers+text", name=name,
            textfont=dict(color=accent if expected else "white", size=10, family=FONT),
            marker=dict(size=MARKER_PX, color="white" if expected else accent,
                        line=dict(color=accent, width=2) if expected else dict(color=accent, width=1)),
        ))
    edition = parse_period(brief.edition.date)
    if edition and any(m.event.expected for m in marks) and layout.x_range[0] <= edition[0] <= layout.x_range[1]:
        fig.add_vline(x=edition[0].isoformat(), line=dict(color="#888888", width=1, dash="dash"))
        fig.add_annotation(x=edition[0].isoformat(), y=1, yref="paper", text="edition", showarrow=False,
                           yanchor="bottom", font=dict(size=10, color="#666666", family=FONT))
    fig.update_layout(
        width=WIDTH, height=layout.height, margin=dict(**layout.margin, autoexpand=False),
        font=dict(family=FONT, size=11, color="#333333"), plot_bgcolor="white", paper_bgcolor="white",
        showlegend=len(fig.data) > 1,
        # Below the date axis, where neither the markers nor the edition line's label can meet it.
        legend=dict(orientation="h", x=0, xref="container", y=0, yref="container", xanchor="left",
                    yanchor="bottom", font=dict(size=10)),
    )
    fig.update_xaxes(range=list(layout.x_range), showgrid=True, gridcolor="#e5e5e5", automargin=False,
                     linecolor="#999999", ticks="outside", type="date")
    fig.update_yaxes(range=[layout.rows - 0.5, -0.5], showgrid=False, zeroline=False, automargin=False,
                     tickvals=layout.lane_y if len(layout.lanes) > 1 else [],
                     ticktext=["<br>".join(_label_lines(label)) for label in layout.lanes], ticks="", tickfont=dict(size=11),
                     showline=False, fixedrange=True)
    return fig


# --------------------------------------------------------------------------- stakeholders


def _leader(dx: float, dy: float, w: float, h: float) -> float:
    """How far a label box of w × h centred at (dx, dy) from its marker lies from it: its leader's length."""
    return math.hypot(max(0.0, abs(dx) - w / 2), max(0.0, abs(dy) - h / 2))


def _place_labels(points: list[tuple[float, float, str]], bounds: tuple[float, float, float, float], *,
                  max_leader: float | None = None, reserved: list[tuple[float, float, float, float]] | None = None,
                  ) -> list[tuple[float, float] | None]:
    """For each (px, py, text) in pixels, an (dx, dy) label offset avoiding other labels and markers.

    With *max_leader*, a label is never put farther than that from its marker: when no free place lies
    that near, its offset is None and the caller shows it another way. *reserved* boxes are kept clear."""
    left, top, right, bottom = bounds
    boxes: list[tuple[float, float, float, float]] = [(x - 8, y - 8, x + 8, y + 8) for x, y, _ in points]
    boxes += reserved or []
    offsets: list[tuple[float, float] | None] = []
    for x, y, text in points:
        w, h = 6.3 * len(text) + 4, 14
        # Near placements first; farther ones get a leader line (see stakeholder_figure).
        candidates = [(0, -15), (0, 15), (w / 2 + 11, 0), (-w / 2 - 11, 0),
                      (w / 2 + 6, -13), (-w / 2 - 6, -13), (w / 2 + 6, 13), (-w / 2 - 6, 13)]
        for reach in (34, 52, 72, 96, 124):
            candidates += [(0, -reach), (0, reach), (w / 2 + reach / 2, -reach * 0.8), (-w / 2 - reach / 2, -reach * 0.8),
                           (w / 2 + reach / 2, reach * 0.8), (-w / 2 - reach / 2, reach * 0.8),
                           (w / 2 + reach, 0), (-w / 2 - reach, 0)]
        for reach in (156, 192):  # farther out before giving up
            candidates += [(0, -reach), (0, reach), (w / 2 + reach / 2, -reach * 0.8), (-w / 2 - reach / 2, -reach * 0.8),
                           (w / 2 + reach / 2, reach * 0.8), (-w / 2 - reach / 2, reach * 0.8)]
        chosen, chosen_box, least = None, None, math.inf
        if max_leader is not None:
            candidates = [c for c in candidates if _leader(*c, w, h) <= max_leader]
        for dx, dy in candidates:
            box = (x + dx - w / 2, y + dy - h / 2, x + dx + w / 2, y + dy + h / 2)
            if not (box[0] >= left and box[2] <= right and box[1] >= top and box[3] <= bottom):
                continue
            overlap = sum(max(0.0, min(box[2], b[2]) - max(box[0], b[0])) * max(0.0, min(box[3], b[3]) - max(box[1], b[1]))
                          for b in boxes)
            if overlap == 0:
                chosen, chosen_box = (dx, dy), box
                break
            if overlap < least:  # nowhere is free: the placement that covers least, and it is reserved too
                chosen, chosen_box, least = (dx, dy), box, overlap
        free = chosen is not None and not any(
            max(0.0, min(chosen_box[2], b[2]) - max(chosen_box[0], b[0])) * max(0.0, min(chosen_box[3], b[3]) - max(chosen_box[1], b[1]))
            for b in boxes)
        if max_leader is not None and not free:
            offsets.append(None)  # nothing free within reach: no label rather than one over others
            continue
        if chosen is None:
            chosen, chosen_box = (0, -15), (x - w / 2, y - 15 - h / 2, x + w / 2, y - 15 + h / 2)
        boxes.append(chosen_box)
        offsets.append(chosen)
    return offsets


MAX_LEADER = 40  # px: a label farther than this from its marker gives way to a number


def _wrap(text: str, width: int) -> list[str]:
    lines = [""]
    for word in text.split():
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


def stakeholder_labels(points: list[tuple[float, float, str]], bounds: tuple[float, float, float, float],
                       ) -> list[tuple[str, tuple[float, float]]]:
    """(text, offset) of each point's label: its name when a free place lies within MAX_LEADER of its
    marker, otherwise a number (1, 2, …) placed beside it and spelled out in a key under the chart.
    Points come most prominent first, so minor actors are the ones that give way."""
    offsets = _place_labels(points, bounds, max_leader=MAX_LEADER)
    taken = [(x + dx - (6.3 * len(t) + 4) / 2, y + dy - 7, x + dx + (6.3 * len(t) + 4) / 2, y + dy + 7)
             for (x, y, t), o in zip(points, offsets) if o is not None for dx, dy in [o]]
    taken += [(x - 8, y - 8, x + 8, y + 8) for x, y, _ in points]  # every marker, not only the numbered ones
    missing = [i for i, o in enumerate(offsets) if o is None]
    numbers = [(points[i][0], points[i][1], str(k)) for k, i in enumerate(missing, start=1)]
    number_offsets = _place_labels(numbers, bounds, max_leader=24, reserved=taken)
    # A number with no free place that near goes where it covers least, as an unbounded label would.
    fallback = _place_labels(numbers, bounds, reserved=taken)
    placed: list[tuple[str, tuple[float, float]]] = [(t, o) for (_, _, t), o in zip(points, offsets)]
    for i, (_, _, text), offset, other in zip(missing, numbers, number_offsets, fallback):
        placed[i] = (text, offset if offset is not None else other)
    return placed


def stakeholder_figure(brief: Brief, *, theme: ThemeSection | None = None) -> go.Figure | None:
    """Each actor with a known stance: stance score against mentions. None when no stance is known."""
    import plotly.graph_objects as go

    actors = sorted((a for a in brief.actors if a.stance.label != "unknown"), key=lambda a: -a.mentions)[:MAX_ACTORS]
    if not actors:
        return None
    mentions = [max(a.mentions, 1) for a in actors]
    log_y = max(mentions) / min(mentions) >= 8
    to_axis = (lambda m: math.log10(m)) if log_y else float
    low, high = to_axis(min(mentions)), to_axis(max(mentions))
    extra = max(high - low, 0.5 if log_y else 2) * 0.12
    y_range = [low - extra, high + extra]
    height = 460
    margin = dict(l=64, r=24, t=28, b=64)
    plot = (margin["l"], margin["t"], WIDTH - margin["r"], height - margin["b"])
    x_range = [-1.2, 1.2]

    def to_px(score: float, count: int) -> tuple[float, float]:
        px = plot[0] + (score - x_range[0]) / (x_range[1] - x_range[0]) * (plot[2] - plot[0])
        py = plot[3] - (to_axis(count) - y_range[0]) / (y_range[1] - y_range[0]) * (plot[3] - plot[1])
        return px, py

    pixels = [(*to_px(a.stance.score, m), a.name) for a, m in zip(actors, mentions)]
    placed = stakeholder_labels(pixels, plot)
    keyed = [(text, actor.name) for actor, (text, _) in zip(actors, placed) if text != actor.name]
    key_lines = _wrap("Not named on the chart for lack of room: "
                      + ", ".join(f"{number} {name}" for number, name in keyed) + ".", 110) if keyed else []
    height += 15 * len(key_lines)
    margin["b"] += 15 * len(key_lines)

    fig = go.Figure()
    fig.add_vrect(x0=x_range[0], x1=0, fillcolor=STANCE_COLOURS["oppose"], opacity=0.04, line_width=0, layer="below")
    fig.add_vrect(x0=0, x1=x_range[1], fillcolor=STANCE_COLOURS["support"], opacity=0.04, line_width=0, layer="below")
    fig.add_vline(x=0, line=dict(color="#999999", width=1, dash="dot"))
    for label in ("support", "mixed", "neutral", "oppose"):
        group = [(a, m) for a, m in zip(actors, mentions) if a.stance.label == label]
        if group:
            fig.add_trace(go.Scatter(
                x=[a.stance.score for a, _ in group], y=[m for _, m in group], mode="markers", name=label,
                marker=dict(size=11, color=STANCE_COLOURS[label], symbol=STANCE_SYMBOLS[label],
                            line=dict(color="white", width=1)),
            ))
    for actor, m, (text, (dx, dy)) in zip(actors, mentions, placed):
        far = _leader(dx, dy, 6.3 * len(text) + 4, 14) > (14 if text.isdigit() else 8)
        fig.add_annotation(
            x=actor.stance.score, y=math.log10(m) if log_y else m, text=text,
            font=dict(size=11, color="#222222", family=FONT), showarrow=far,
            arrowcolor="#aaaaaa", arrowwidth=0.8, arrowhead=0, ax=dx, ay=dy, standoff=5,
            **({} if far else dict(xshift=dx, yshift=-dy)),
        )
    if key_lines:
        below_title = 60 / (height - margin["t"] - margin["b"])  # the axis title takes the first 60 px
        fig.add_annotation(x=0, xref="paper", y=-below_title, yref="paper", yanchor="top", xanchor="left",
                           align="left", showarrow=False, text="<br>".join(key_lines),
                           font=dict(size=10, color="#444444", family=FONT))
    fig.update_layout(
        width=WIDTH, height=height, margin=margin, font=dict(family=FONT, size=11, color="#333333"),
        plot_bgcolor="white", paper_bgcolor="white",
        legend=dict(orientation="h", x=0.5, xanchor="center", y=1.0, yanchor="bottom", font=dict(size=10)),
    )
    fig.update_xaxes(range=x_range, tickvals=[-1, -0.5, 0, 0.5, 1],
                     ticktext=["oppose", "−0.5", "neutral", "0.5", "support"], showgrid=True,
                     gridcolor="#eeeeee", zeroline=False, linecolor="#999999",
                     title=dict(text="Stance on the issue", font=dict(size=11)))
    ticks = [t for t in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000) if low - extra <= math.log10(t) <= high + extra]
    fig.update_yaxes(type="log" if log_y else "linear", range=y_range, tickvals=ticks if log_y else None, showgrid=True, gridcolor="#eeeeee",
                     linecolor="#999999", title=dict(text="Mentions across sources", font=dict(size=11)))
    return fig


# --------------------------------------------------------------------------- alt text and build


def _timeline_alt(brief: Brief) -> str:
    numbered = [e for _, e in timeline_events(brief)]
    dated = [(e, p) for e in numbered if (p := parse_period(e.date))]
    first = format_period(min(dated, key=lambda ep: ep[1][0])[0].date)
    last = format_period(max(dated, key=lambda ep: ep[1][1])[0].date)
    count = len(dated)
    span = f"in {first}" if first == last else f"from {first} to {last}"
    text = f"Timeline of {count} dated event{'s' if count != 1 else ''} {span}"
    layout = timeline_layout(brief)
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
    periods = sum(p[1] > p[0] for _, p in dated)
    if periods and layout is not None:
        text += (f"; {'a bar spans the' if periods == 1 else f'bars span the {periods}'} "
                 f"date{'s' if periods != 1 else ''} given only as a month, season or year")
    text += "; the numbers refer to the timeline table"
    undated = len(numbered) - count
    if undated:
        text += f", which also lists {undated} undated plan{'s' if undated != 1 else ''} not drawn here"
    return text + "."


def _stakeholder_alt(brief: Brief) -> str:
    known = [a for a in brief.actors if a.stance.label != "unknown"]
    shown = sorted(known, key=lambda a: -a.mentions)[:MAX_ACTORS]
    counts = Counter(a.stance.label for a in shown)
    parts = []
    for label in ("support", "oppose", "mixed", "neutral"):
        names = [a.name for a in shown if a.stance.label == label]
        if names:
            listed = ", ".join(names[:3]) + (" and others" if len(names) > 3 else "")
            parts.append(f"{counts[label]} {label} ({listed})")
    top = shown[0]
    text = (f"Stance of {len(shown)} actors on the issue against how often they are mentioned: "
            f"{'; '.join(parts)}. Most mentioned: {top.name} ({top.mentions} mentions, {top.stance.label}).")
    hidden = len(brief.actors) - len(shown)
    if hidden == 1:
        text += " 1 actor with an unknown or minor position is not shown."
    elif hidden:
        text += f" {hidden} actors with unknown or minor positions are not shown."
    return text


def build_charts(brief: Brief, out_dir: Path, *, exporter: ChartExporter,
                 theme: ThemeSection | None = None) -> list[Chart]:
    """Write out_dir/charts/*.svg for the charts the data supports and describe each one."""
    charts = []
    builders = [
        ("stakeholders", "Actors by stance and prominence", stakeholder_figure, _stakeholder_alt),
        ("timeline", "Timeline of events", timeline_figure, _timeline_alt),
    ]
    for name, title, build, describe in builders:
        fig = build(brief, theme=theme)
        if fig is None:
            log.info("chart %s skipped: no data for it", name)
            continue
        relative = Path("charts") / f"{name}.svg"
        exporter.export_svg(fig, out_dir / relative)
        charts.append(Chart(name=name, path=relative.as_posix(), title=title, alt=describe(brief)))
    return charts


# --------------------------------------------------------------------------- export


def _write_atomic(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return  # unchanged output stays untouched, so an unchanged build writes nothing
    atomic_write(path, data)


class ChartExporter:
    """One Chromium session, shared by every chart in a run, driven from its own event-loop thread.

    Entering the context starts the browser in the background, so it can warm up while NLP runs;
    ``export_svg`` waits for it only when a chart is not already in the cache.
    """

    def __init__(self, *, cache_dir: Path | None = None, browser_path: str | None = None):
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.browser_path = browser_path or os.environ.get("BROWSER_PATH") or _find_browser()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self._opened: Future | None = None

    def __enter__(self) -> ChartExporter:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self) -> None:
        """Begin opening the browser in a background thread; returns at once. Safe to call twice."""
        if self._loop is not None:
            return
        import kaleido

        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="briefgen-charts", daemon=True)
        self._thread.start()

        async def open_browser():
            # Built inside the loop thread: a missing browser surfaces as the future's error, not here.
            self._kaleido = kaleido.Kaleido(path=self.browser_path, mathjax=False, timeout=EXPORT_TIMEOUT)
            await self._kaleido.open()

        self._opened = asyncio.run_coroutine_threadsafe(open_browser(), self._loop)

    def close(self) -> None:
        if self._loop is None:
            return
        try:
            if self._opened is not None and self._opened.exception(timeout=EXPORT_TIMEOUT) is None:
                asyncio.run_coroutine_threadsafe(self._kaleido.close(), self._loop).result(timeout=60)
        except Exception as exc:  # closing must not hide the error that ended the run
            log.warning("closing the chart browser failed: %s", exc)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=30)
            self._loop = self._thread = self._kaleido = self._opened = None

    def export_svg(self, fig: go.Figure, path: Path) -> None:
        """Write *fig* as SVG to *path*, reusing a cached SVG of an identical figure."""
        from importlib.metadata import version

        layout = fig.layout
        key = hashlib.sha256(f"{version('kaleido')}\n{fig.to_json()}".encode()).hexdigest()[:32]
        cached = self.cache_dir / f"{key}.svg" if self.cache_dir else None
        if cached is not None and cached.exists():
            _write_atomic(Path(path), cached.read_bytes())
            return
        self.start()
        try:
            self._opened.result(timeout=EXPORT_TIMEOUT)
            opts = {"format": "svg", "width": layout.width or WIDTH, "height": layout.height or 450}
            svg = asyncio.run_coroutine_threadsafe(self._kaleido.calc_fig(fig, opts=opts), self._loop).result(
                timeout=EXPORT_TIMEOUT)
        except Exception as exc:
            raise RenderError(
                f"could not export chart {Path(path).name} with Chromium at {self.browser_path or '(not found)'}: "
                f"{type(exc).__name__}: {exc}. Install Debian's 'chromium' package, or set BROWSER_PATH "
                "to a Chrome/Chromium executable."
            ) from exc
        _write_atomic(Path(path), svg)
        if cached is not None:
            _write_atomic(cached, svg)


#: Where Chrome or Chromium usually lives; cron's PATH is short, so absolute paths are tried too.
USUAL_BROWSERS = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/snap/bin/chromium",
    "/opt/google/chrome/chrome",
)


def _find_browser() -> str | None:
    for name in USUAL_BROWSERS:
        if found := shutil.which(name):
            return found
    return None
