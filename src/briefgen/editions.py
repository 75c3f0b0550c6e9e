"""Editions: archiving the previous brief and saying what changed since it."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

from pydantic import ValidationError

from .dateutil import format_period
from .model import Brief, Changes

log = logging.getLogger(__name__)

OUTPUT_NAMES = ("brief.pdf", "brief.html", "brief.json")


def load_brief(path: Path) -> Brief | None:
    """The brief stored at *path*, or None when there is none or it was written by an older schema."""
    try:
        return Brief.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError, ValidationError) as exc:
        log.warning("the previous brief.json cannot be read (%s); no changes section this time", exc)
        return None


def _source_label(entry) -> str:
    return entry.title or entry.path


def changes_since(previous: Brief | None, brief: Brief) -> Changes | None:
    """What *brief* adds or changes compared with *previous*; None when there is no previous edition."""
    if previous is None:
        return None
    old_sources = {s.path for s in previous.included}
    new_sources = {s.path for s in brief.included}
    old_names = {name.casefold() for a in previous.actors for name in [a.name, *a.aliases]}
    old_stances = {a.name: a.stance.label for a in previous.actors}
    old_figures = {(f.unit, round(f.value, 6)) for f in previous.figures}
    old_events = {(e.date, e.text) for e in [*previous.events, *previous.outlook]}
    changed = [
        f"{a.name}: {old_stances[a.name]} → {a.stance.label}"
        for a in brief.actors
        if a.name in old_stances and old_stances[a.name] != a.stance.label
    ]
    return Changes(
        previous_edition=previous.edition.generated,
        new_sources=[_source_label(s) for s in brief.included if s.path not in old_sources],
        removed_sources=[_source_label(s) for s in previous.included if s.path not in new_sources],
        new_actors=[a.name for a in brief.actors if a.name.casefold() not in old_names],
        changed_stances=changed,
        new_figures=[
            f"{f.text}: {f.measures}" for f in brief.figures if (f.unit, round(f.value, 6)) not in old_figures
        ],
        new_events=[f"{format_period(e.date)}: {e.text}" for e in [*brief.events, *brief.outlook] if (e.date, e.text) not in old_events],
    )


def archive_edition(output_dir: Path, previous: Brief | None) -> Path | None:
    """Copy the current outputs to ``editions/<generated>/`` before a new build replaces them."""
    if previous is None or not (output_dir / "brief.json").exists():
        return None
    stamp = re.sub(r"[^0-9A-Za-z]+", "-", previous.edition.generated).strip("-")
    target = output_dir / "editions" / stamp
    if target.exists():
        return target
    staging = target.with_name(f".{target.name}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in OUTPUT_NAMES:
        if (output_dir / name).exists():
            shutil.copy2(output_dir / name, staging / name)
    if (output_dir / "charts").is_dir():
        shutil.copytree(output_dir / "charts", staging / "charts")
    staging.rename(target)
    log.info("archived the previous edition in %s", target)
    return target


def prune_editions(output_dir: Path, keep: int) -> list[Path]:
    """Remove all but the newest *keep* editions (0 keeps every one), and any half-copied edition a
    killed build left behind; returns what was removed.

    A scheduled job archives an edition per build, so without a bound the folder only grows.
    Edition folders are named after their UTC build time, so their names sort by age.
    """
    folder = output_dir / "editions"
    if not folder.is_dir():
        return []
    removed = [p for p in folder.iterdir() if p.is_dir() and p.name.startswith(".") and p.name.endswith(".tmp")]
    if keep:
        editions = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
        removed += editions[: max(len(editions) - keep, 0)]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    if removed:
        log.info("removed %d old edition(s) from %s ([editions] keep = %d)", len(removed), folder, keep)
    return removed
