"""``briefgen watch``: rebuild, debounced, whenever the sources, templates or config change."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

# Editors and briefgen itself write these; they must not trigger a rebuild.
_IGNORED_PARTS = (".swp", "~", ".tmp", ".#", "4913")


def _relevant(path: str) -> bool:
    name = Path(path).name
    return not name.startswith(".") and not name.endswith(_IGNORED_PARTS)


def watch(paths: list[Path], rebuild: Callable[[], None], *, debounce: float = 2.0, stop: threading.Event | None = None) -> None:
    """Call *rebuild* once now, then again *debounce* seconds after the last change under *paths*."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    changed = threading.Event()
    stop = stop or threading.Event()

    class Handler(FileSystemEventHandler):
        def __init__(self, only: Path | None = None):
            # A single file (the config) is watched through its folder, which also holds the output
            # folder that every build touches: only events on that file count, or watch would loop.
            self.only = only

        def on_any_event(self, event) -> None:
            if event.event_type in {"opened", "closed_no_write"}:
                return
            touched = [p for p in (event.src_path, getattr(event, "dest_path", "") or "") if p]
            if self.only is not None:
                touched = [p for p in touched if Path(p) == self.only]
            if any(_relevant(p) for p in touched):
                changed.set()

    observer = Observer()
    for path in paths:
        if path.is_dir():
            observer.schedule(Handler(), str(path), recursive=True)
        elif path.exists():
            observer.schedule(Handler(only=path.resolve()), str(path.parent), recursive=False)
    observer.start()
    log.info("watching %s (Ctrl-C to stop)", ", ".join(str(p) for p in paths if p.exists()))
    try:
        rebuild()
        while not stop.is_set():
            if not changed.wait(timeout=0.5):
                continue
            # Wait until the writes have settled, so one save (or one rsync) gives one build.
            while changed.is_set() and not stop.is_set():
                changed.clear()
                time.sleep(debounce)
            if not stop.is_set():
                rebuild()
    finally:
        observer.stop()
        observer.join()
