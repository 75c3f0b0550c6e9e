"""Charts built from the Brief, exported to SVG through one kaleido/Chromium session.

    timeline_figure(brief)      numbered markers on a date axis, packed into lanes so none overlap
    stakeholder_figure(brief)   stance score (x) against mentions (y), labels placed without overlap
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
from typing import TYPE_CHECKING

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


def timeline_figure(brief: Brief, *, theme: ThemeSection | None = None) -> go.Figure | None:
    """Numbered event markers on a date axis; expected events are open markers. None with fewer than two dated events."""
    import plotly.graph_objects as go

    accent = theme.accent if theme else DEFAULT_ACCENT
    dated = [(n, e, p) for n, e in timeline_events(brief) if (p := parse_period(e.date))]
    if len(dated) < MIN_TIMELINE_EVENTS:
        return None  # one marker on an axis says nothing the table does not
    first = min(p[0] for _, _, p in dated)
    last = max(p[1] for _, _, p in dated)
    span_days = max((last - first).days, 30)
    pad = timedelta(days=span_days * 0.04 + 10)
    plot_width = WIDTH - 40
    marker_days = (span_days + 2 * pad.days) * 26 / plot_width  # a marker's width plus a gap, in days

    occupied = []
    for _, _, p in dated:
        centre = _midpoint(p).toordinal()
        occupied.append((min(p[0].toordinal(), centre - marker_days / 2), max(p[1].toordinal(), centre + marker_days / 2)))
    lanes = _pack_lanes(occupied, gap=marker_days / 3)
    lane_count = max(lanes) + 1

    fig = go.Figure()
    # Periods coarser than a day are drawn as a thin bar, so "2019" does not look like 1 July 2019.
    bar_x: list = []
    bar_y: list = []
    for (_, _, p), lane in zip(dated, lanes):
        if p[1] > p[0]:
            bar_x += [p[0], p[1], None]
            bar_y += [lane, lane, None]
    if bar_x:
        fig.add_trace(go.Scatter(x=bar_x, y=bar_y, mode="lines", line=dict(color=accent, width=3),
                                 opacity=0.25, hoverinfo="skip", showlegend=False))
    for expected, name in ((False, "Event"), (True, "Expected")):
        rows = [(n, p, lane) for (n, e, p), lane in zip(dated, lanes) if e.expected == expected]
        if not rows:
            continue
        fig.add_trace(go.Scatter(
            x=[_midpoint(p) for _, p, _ in rows], y=[lane for _, _, lane in rows],
            text=[str(n) for n, _, _ in rows], mode="markers+text", name=name,
            textfont=dict(color=accent if expected else "white", size=10, family=FONT),
            marker=dict(size=21, color="white" if expected else accent,
                        line=dict(color=accent, width=2, dash="dot") if expected else dict(color=accent, width=1)),
        ))
    edition = parse_period(brief.edition.date)
    if edition and any(e.expected for _, e, _ in dated):
        fig.add_vline(x=edition[0].isoformat(), line=dict(color="#888888", width=1, dash="dash"))
        fig.add_annotation(x=edition[0].isoformat(), y=1, yref="paper", text="edition", showarrow=False,
                           yanchor="bottom", font=dict(size=10, color="#666666", family=FONT))
    fig.update_layout(
        width=WIDTH, height=110 + 32 * lane_count, margin=dict(l=20, r=20, t=36, b=40),
        font=dict(family=FONT, size=11, color="#333333"), plot_bgcolor="white", paper_bgcolor="white",
        showlegend=any(e.expected for _, e, _ in dated),
        legend=dict(orientation="h", x=1, y=1.02, xanchor="right", yanchor="bottom", font=dict(size=10)),
    )
    fig.update_xaxes(range=[first - pad, last + pad], showgrid=True, gridcolor="#e5e5e5",
                     linecolor="#999999", ticks="outside", type="date")
    fig.update_yaxes(visible=False, range=[lane_count - 0.4, -0.6])
    return fig


# --------------------------------------------------------------------------- stakeholders


def _place_labels(points: list[tuple[float, float, str]], bounds: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """For each (px, py, text) in pixels, an (dx, dy) label offset avoiding other labels and markers."""
    left, top, right, bottom = bounds
    boxes: list[tuple[float, float, float, float]] = [(x - 8, y - 8, x + 8, y + 8) for x, y, _ in points]
    offsets = []
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
        if chosen is None:
            chosen, chosen_box = (0, -15), (x - w / 2, y - 15 - h / 2, x + w / 2, y - 15 + h / 2)
        boxes.append(chosen_box)
        offsets.append(chosen)
    return offsets


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
    offsets = _place_labels(pixels, plot)

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
    for actor, m, (dx, dy) in zip(actors, mentions, offsets):
        far = abs(dy) > 20 or abs(dx) > 6.3 * len(actor.name) / 2 + 14
        fig.add_annotation(
            x=actor.stance.score, y=math.log10(m) if log_y else m, text=actor.name,
            font=dict(size=11, color="#222222", family=FONT), showarrow=far,
            arrowcolor="#aaaaaa", arrowwidth=0.8, arrowhead=0, ax=dx, ay=dy, standoff=5,
            **({} if far else dict(xshift=dx, yshift=-dy)),
        )
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
    expected = sum(e.expected for e, _ in dated)
    if expected and count == 1:
        text += ", expected (open marker)"
    elif expected:
        text += f", {expected} of them expected (open markers)"
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
        cached = self.cache_dir / "charts" / f"{key}.svg" if self.cache_dir else None
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
