"""briefgen watch: a rebuild after a change to the sources or the config, and none for the outputs."""

from __future__ import annotations

import threading
import time

from filelock import FileLock

from briefgen.cache import atomic_write
from briefgen.watch import watch


def _wait_for(condition, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_sources_and_config_changes_rebuild_and_other_files_beside_the_config_do_not(tmp_path):
    sources, output = tmp_path / "sources", tmp_path / "output"
    sources.mkdir()
    output.mkdir()
    config = tmp_path / "briefgen.toml"
    config.write_text('[brief]\ntitle = "A"\n')
    builds: list[float] = []
    stop = threading.Event()

    def rebuild() -> None:
        builds.append(time.monotonic())
        # What every build does in the output folder beside the config: take the lock, rename a file in.
        with FileLock(output / ".briefgen.lock"):
            atomic_write(output / "brief.json", str(len(builds)))
        with open(tmp_path / "watch.log", "a") as log:  # `briefgen watch > watch.log` in the project
            log.write(f"build {len(builds)}\n")

    thread = threading.Thread(target=watch, args=([sources, config.resolve()], rebuild),
                              kwargs={"debounce": 0.2, "stop": stop}, daemon=True)
    thread.start()
    try:
        assert _wait_for(lambda: len(builds) == 1)  # the first build, at once
        time.sleep(1.0)
        assert len(builds) == 1  # its own outputs and log did not trigger another: no loop

        (output / "notes.txt").write_text("an output changes")
        time.sleep(1.0)
        assert len(builds) == 1

        (sources / "new.txt").write_text("A new article.")
        assert _wait_for(lambda: len(builds) == 2)
        config.write_text('[brief]\ntitle = "B"\n')
        assert _wait_for(lambda: len(builds) == 3)
        time.sleep(1.0)
        assert len(builds) == 3
    finally:
        stop.set()
        thread.join(timeout=10)
