"""Charts built from the Brief, exported to SVG through one kaleido/Chromium session.

    timeline_figure(brief)      numbered markers on a date axis, in rows by main actor or by kind, packed
                                so that no marker, period bar or row label overlaps another (timeline.py)
    stakeholder_figure(brief)   stance score (x) against mentions (y), labels placed without overlap near
                                their markers; minor actors with no room are numbered and keyed below
                                (stakeholders.py)
    build_charts(brief, out_dir, exporter=...)  writes charts/*.svg and returns Chart entries; the
                                exporter is export.ChartExporter

Dates are read with briefgen.dateutil (parse_period, format_period; importable from here too).
Nothing here imports plotly or kaleido until a figure is built or exported.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..dateutil import format_period, parse_period
from ..model import Brief, Chart
from .export import ChartExporter
from .stakeholders import _stakeholder_alt, stakeholder_figure
from .timeline import MAX_CHART_EVENTS, _timeline_alt, chart_events, event_rank_key, timeline_events, timeline_figure

__all__ = ["MAX_CHART_EVENTS", "ChartExporter", "build_charts", "chart_events", "event_rank_key", "format_period",
           "parse_period", "stakeholder_figure", "timeline_events", "timeline_figure"]

if TYPE_CHECKING:
    from ..config import ThemeSection

log = logging.getLogger(__name__)


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
