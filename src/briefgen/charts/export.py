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
