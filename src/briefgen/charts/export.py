"""Export of plotly figures to SVG through one kaleido/Chromium session, cached by a hash of the figure."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import shutil
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from ..cache import atomic_write
from ..errors import RenderError
from .style import WIDTH

if TYPE_CHECKING:
    import plotly.graph_objects as go

log = logging.getLogger(__name__)

EXPORT_TIMEOUT = 120  # seconds for one figure; Chromium is slow on a busy 2-core machine
#: How much nicer than the build the browser runs where it cannot be put back (see ``_yield_cpu``).
BROWSER_NICENESS = 10


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
        self._idle = False  # the browser runs only on CPU time nothing else wants

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
        # The browser starts while spaCy's worker processes keep every CPU busy: at the build's
        # priority its start-up took CPU time from them. The loop thread gets a lower priority before
        # it does anything; the thread that launches Chromium is made from it, and every browser
        # process inherits it. ``export_svg`` puts the priority back before the first chart.
        self._idle = _yield_cpu(self._thread.native_id)

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
            self._idle = False

    def resume_priority(self) -> None:
        """Give the browser the normal CPU priority back (the first export does it; a build may do it
        as soon as its analysis is over). On a busy machine an idle browser could wait for ever."""
        if self._idle:
            self._idle = False
            _restore_cpu()

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
        self.resume_priority()
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


def _yield_cpu(tid: int) -> bool:
    """Lower the CPU priority of this process's thread *tid*; threads and processes it starts
    afterwards inherit it.

    Where the priority can be put back (as root), the thread is given Linux's SCHED_IDLE policy: it
    and the browser then run only on CPU time no other thread wants, whatever nice values Chromium
    gives its own threads (as root it sets them to 0 or below, which undoes a nice value). Elsewhere
    it is made ``BROWSER_NICENESS`` nicer (which Chromium, unprivileged, cannot undo) for good.
    Returns True when ``_restore_cpu`` must be called before the browser's work is waited for.
    """
    try:
        if os.geteuid() == 0:
            os.sched_setscheduler(tid, os.SCHED_IDLE, os.sched_param(0))
            return True
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + BROWSER_NICENESS))
    except (AttributeError, OSError) as exc:
        log.debug("could not lower the chart browser's priority: %s", exc)
    return False


def _restore_cpu() -> None:
    """Give every SCHED_IDLE thread of this process and of its descendants (the chart browser's)
    the normal policy back: a chart is wanted now, and on a busy machine an idle browser might wait
    for ever."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue  # a process that ended meanwhile
    pending = [os.getpid()]
    while pending:
        pid = pending.pop()
        pending.extend(children.get(pid, ()))
        for task in Path(f"/proc/{pid}/task").glob("[0-9]*"):
            try:
                if os.sched_getscheduler(int(task.name)) == os.SCHED_IDLE:
                    os.sched_setscheduler(int(task.name), os.SCHED_OTHER, os.sched_param(0))
            except OSError:
                continue


def _find_browser() -> str | None:
    for name in USUAL_BROWSERS:
        if found := shutil.which(name):
            return found
    return None
