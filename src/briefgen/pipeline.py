"""The build: every stage in order, under a lock, with outputs replaced only when all of them are ready.

    step 1/5  read      sources/ → Source (ingest)
    step 2/5  analyse   Source → Analysis (spaCy, cached per source)
    step 3/5  synthesise Analysis → Brief
    step 4/5  charts    Brief → charts/*.svg (one browser session, started while step 2 runs)
    step 5/5  render    Brief → brief.html, brief.pdf, brief.json

A build whose inputs (sources, templates, config, code) have not changed writes nothing and returns
"up to date" without loading spaCy or starting a browser.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout

from . import __version__
from .cache import atomic_write, code_fingerprint, fingerprint_files, read_json
from .config import Config
from .errors import ConfigError, LockedError, NoSourcesError, RenderError
from .model import Brief, Edition

if TYPE_CHECKING:  # the charts import plotly and kaleido: only once a build is really needed
    from .charts import ChartExporter

log = logging.getLogger(__name__)

STEPS = ("read", "analyse", "synthesise", "charts", "render")
STATE_FILE = ".briefgen-state.json"
LOCK_FILE = ".briefgen.lock"

ProgressFactory = Callable[[str, int], AbstractContextManager[Callable[[int], None]]]


@contextlib.contextmanager
def _no_progress(description: str, total: int) -> Iterator[Callable[[int], None]]:
    yield lambda advance: None


@dataclass
class BuildResult:
    status: str  # "built" or "up to date"
    output_dir: Path
    brief: Brief | None = None
    timings: dict[str, float] = field(default_factory=dict)
    analysed: int = 0
    cached: int = 0

    @property
    def excluded(self) -> list:
        return self.brief.excluded if self.brief else []


def build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when it is set, so that builds can be reproduced byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def inputs_fingerprint(config: Config, *, config_path: Path | None, pdf_variant: str | None) -> str:
    """Everything that can change the outputs: sources, templates, config, code, and build options."""
    folders = [config.sources_dir]
    if config.templates_dir:
        folders.append(config.templates_dir)
    if config_path:
        folders.append(config_path)
    settings = config.model_dump_json()
    return fingerprint_files(
        folders,
        extra=[code_fingerprint(), settings, pdf_variant or "", os.environ.get("SOURCE_DATE_EPOCH", "")],
    )


def _is_up_to_date(output_dir: Path, fingerprint: str) -> bool:
    state = read_json(output_dir / STATE_FILE) or {}
    return state.get("inputs") == fingerprint and all(
        (output_dir / name).exists() for name in ("brief.pdf", "brief.html", "brief.json")
    )


@contextlib.contextmanager
def build_lock(output_dir: Path, *, wait: float = 0) -> Iterator[None]:
    """Hold the output folder's lock; a second build waits *wait* seconds, then raises LockedError.

    The lock is an OS-level lock (flock), so one left behind by a killed process is released by the
    kernel and the next build simply takes it.
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(output_dir / LOCK_FILE, timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise LockedError(
            f"another build is writing to {output_dir}. Wait for it, or pass --wait SECONDS to queue behind it."
        ) from None
    try:
        yield
    finally:
        lock.release()


def build(
    config: Config,
    *,
    config_path: Path | None = None,
    force: bool = False,
    pdf_variant: str | None = None,
    wait: float = 0,
    progress: ProgressFactory = _no_progress,
    exporter: ChartExporter | None = None,
) -> BuildResult:
    """Build the brief described by *config*; see the module docstring for the steps.

    A process that builds again and again (``briefgen watch``) passes its own chart *exporter*, so
    that the browser stays up between builds; otherwise each build starts one and closes it.
    """
    output_dir = config.output_dir
    if not config.sources_dir.is_dir():
        raise ConfigError(
            f"the sources folder {config.sources_dir} does not exist. Create it and put articles in it, "
            "or point --sources (or [paths] sources in briefgen.toml) at the right folder."
        )
    with build_lock(output_dir, wait=wait):
        fingerprint = inputs_fingerprint(config, config_path=config_path, pdf_variant=pdf_variant)
        if not force and _is_up_to_date(output_dir, fingerprint):
            log.info("up to date: nothing changed since the last build of %s", output_dir / "brief.pdf",
                     extra={"fields": {"outcome": "up to date", "pdf": str(output_dir / "brief.pdf")}})
            return BuildResult(status="up to date", output_dir=output_dir)
        result = _build(config, output_dir=output_dir, pdf_variant=pdf_variant, progress=progress, exporter=exporter)
        atomic_write(
            output_dir / STATE_FILE,
            json.dumps({"inputs": fingerprint, "version": __version__}, indent=2),
        )
        return result


def _step(number: int, name: str, detail: str) -> None:
    log.info("step %d/%d: %s — %s", number, len(STEPS), name, detail)


def _build(
    config: Config,
    *,
    output_dir: Path,
    pdf_variant: str | None,
    progress: ProgressFactory,
    exporter: ChartExporter | None,
) -> BuildResult:
    # Heavy imports wait until a build is really needed, so "up to date" answers at once.
    from .analyse import analyse_sources, published_dates
    from .cache import AnalysisCache, SummaryCache
    from .charts import ChartExporter, build_charts
    from .editions import archive_edition, changes_since, load_brief, prune_editions
    from .ingest import read_sources
    from .nlp import load_pipeline
    from .render import check_templates, make_environment, render_html, search_path, write_pdf
    from .synthesis import synthesise

    env = make_environment(templates_dir=config.templates_dir)
    check_templates(env)  # a typo in a template fails now, not after the analysis

    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now

    _step(1, "read", f"sources in {config.sources_dir}")
    sources = read_sources(
        config.sources_dir,
        max_chars=config.ingest.max_chars,
        min_words=config.ingest.min_words,
        exclude_non_english=config.ingest.exclude_non_english,
    )
    for source in sources:
        if source.status == "excluded":
            log.warning("excluded %s: %s", source.path, source.reason)
    included = [s for s in sources if s.status == "included"]
    if not included:
        raise NoSourcesError(_no_sources_message(config.sources_dir, len(sources)))
    lap("read")

    cache = AnalysisCache(output_dir / ".cache" / "analysis", model=config.nlp.model)
    owned = exporter is None
    exporter = exporter or ChartExporter(browser_path=config.charts.browser)
    exporter.cache_dir = output_dir / ".cache" / "charts"
    try:
        _step(2, "analyse", f"{len(included)} sources")
        with progress("analysing sources", len(included)) as advance:
            analyses = analyse_sources(
                included,
                load_nlp=lambda: load_pipeline(config.nlp.model),
                cache=cache,
                batch_size=config.nlp.batch_size,
                n_process=config.nlp.processes,
                on_progress=advance,
                # The browser takes seconds to start: it starts while spaCy works, once spaCy's worker
                # processes are forked (forking a process that runs the browser's threads is unsafe).
                on_started=exporter.start,
                before_fork=exporter.close,
            )
        cache.prune(included)
        sources = published_dates(sources, analyses)
        lap("analyse")

        _step(3, "synthesise", "summaries, actors, figures, timeline")
        now = build_time()
        edition = Edition(date=now.date().isoformat(), generated=now.isoformat(), version=__version__)
        summaries = SummaryCache(output_dir / ".cache" / "summaries.json", analyses=cache)
        brief = synthesise(sources, analyses, config=config, edition=edition, summaries=summaries)
        summaries.save()
        log.info("%d source summaries from the cache, %d made", summaries.hits, summaries.misses)
        previous = load_brief(output_dir / "brief.json")
        brief.changes = changes_since(previous, brief)
        lap("synthesise")

        staging = Path(tempfile.mkdtemp(dir=output_dir, prefix=".build-"))
        try:
            _step(4, "charts", "timeline and stakeholder positions")
            try:
                brief.charts = build_charts(brief, staging, exporter=exporter, theme=config.theme)
            except RenderError:
                if owned:
                    raise
                # A browser kept up between builds may have died since the last one: start it again.
                log.warning("the chart browser did not answer; starting it again")
                exporter.close()
                brief.charts = build_charts(brief, staging, exporter=exporter, theme=config.theme)
            lap("charts")

            _step(5, "render", "HTML, PDF and JSON")
            meta = config.brief
            html = render_html(brief, env=env, theme=config.theme, output_dir=staging, language=meta.language,
                               author=meta.author, limits=config.limits)
            atomic_write(staging / "brief.html", html)
            allowed = [*search_path(config.templates_dir), staging]
            write_pdf(
                html,
                staging / "brief.pdf",
                base_dir=staging,
                allowed_dirs=allowed,
                brief=brief,
                variant=pdf_variant,
                author=meta.author,
                keywords=meta.keywords,
                subject=meta.subject,
                language=meta.language,
            )
            atomic_write(staging / "brief.json", brief.model_dump_json(indent=2))
            if archive_edition(output_dir, previous):
                prune_editions(output_dir, config.editions.keep)
            _publish(staging, output_dir)
            lap("render")
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        if owned:
            exporter.close()
    return BuildResult(
        status="built",
        output_dir=output_dir,
        brief=brief,
        timings=timings,
        analysed=cache.misses,
        cached=cache.hits,
    )


def _no_sources_message(folder: Path, excluded: int) -> str:
    from .ingest.readers import reader_registry

    if excluded:
        return (f"none of the {excluded} source(s) in {folder} can be used: every one was excluded (the "
                "reasons are given above); nothing was written, and a previous brief is kept")
    formats = ", ".join(sorted(reader_registry()))
    return f"{folder} has no articles to read. Put articles in it as {formats} files; nothing was written"


def _publish(staging: Path, output_dir: Path) -> None:
    """Move the staged outputs into place, each with an atomic rename; the PDF goes last."""
    charts = output_dir / "charts"
    if (staging / "charts").is_dir():
        old = output_dir / ".charts-old"
        shutil.rmtree(old, ignore_errors=True)
        if charts.exists():
            charts.rename(old)
        (staging / "charts").rename(charts)
        shutil.rmtree(old, ignore_errors=True)
    for name in ("brief.json", "brief.html", "brief.pdf"):
        os.replace(staging / name, output_dir / name)
