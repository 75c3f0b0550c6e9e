"""The stakeholder chart: stance score (x) against mentions (y), labels placed without overlap near their
markers; minor actors with no room are numbered and keyed below; and its alt text.

Actors whose stance is "unknown" are left out (the alt text says how many): placing them on the stance
axis would claim a position the sources do not give.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from ..model import Brief
from .style import FONT, WIDTH

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from ..config import ThemeSection

STANCE_COLOURS = {"support": "#2e7d4f", "oppose": "#b03a2e", "mixed": "#c07f1a", "neutral": "#6b7280"}
STANCE_SYMBOLS = {"support": "triangle-up", "oppose": "triangle-down", "mixed": "diamond", "neutral": "circle"}
MAX_ACTORS = 25


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
