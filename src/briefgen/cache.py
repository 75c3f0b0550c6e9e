"""The per-source analysis cache, the fingerprint of a build's inputs, and atomic file writes.

A source's analysis is stored under a key made from its cleaned text, its publication date and the
code fingerprint, so editing briefgen (or its data files) invalidates the cache without anyone having
to remember to bump a version number.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from . import __version__
from .model import Analysis, CitedSentence, Source

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of briefgen's version, code and data files: anything that can change an analysis."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix not in {".pyc"} and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint_files(paths: Iterable[Path], *, extra: Iterable[str] = ()) -> str:
    """A hash of the names and contents of *paths* (folders are walked) plus *extra* strings."""
    digest = hashlib.sha256()
    for item in extra:
        digest.update(item.encode())
        digest.update(b"\0")
    for root in paths:
        root = Path(root)
        if not root.exists():
            continue
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            digest.update(str(path).encode())
            digest.update(b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"<unreadable>")
    return digest.hexdigest()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes | str, *, durable: bool = True) -> None:
    """Write *data* to *path* through a temporary file and a rename, so readers never see half a file.

    With *durable* the data is flushed to disk before the rename, so even a power cut leaves either the
    old or the new file; cache entries skip that (a lost entry is only analysed again).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp creates files readable by the owner only; outputs should follow the umask like any file.
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class AnalysisCache:
    """Analyses stored as JSON files, one per source, keyed by content, date and code fingerprint."""

    def __init__(self, directory: Path, *, model: str):
        self.directory = Path(directory)
        self.model = model
        self.hits = 0
        self.misses = 0

    def key(self, source: Source) -> str:
        parts = [source.sha256, source.published or "", self.model, code_fingerprint()]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]

    def _path(self, source: Source) -> Path:
        return self.directory / f"{self.key(source)}.json"

    def get(self, source: Source) -> Analysis | None:
        path = self._path(source)
        try:
            analysis = Analysis.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, ValidationError) as exc:
            # A damaged entry is not worth failing a build over: analyse again and overwrite it.
            log.warning("ignoring a damaged cache entry %s (%s)", path.name, exc)
            self.misses += 1
            return None
        self.hits += 1
        return analysis

    def put(self, source: Source, analysis: Analysis, *, raw: str | None = None) -> None:
        """Store *analysis*; *raw* is its JSON when the caller already has it (saves dumping it again)."""
        atomic_write(self._path(source), raw if raw is not None else analysis.model_dump_json(), durable=False)

    def prune(self, keep: Iterable[Source]) -> int:
        """Delete entries of sources that are gone; returns how many were removed."""
        wanted = {f"{self.key(s)}.json" for s in keep}
        removed = 0
        if self.directory.exists():
            for path in self.directory.glob("*.json"):
                if path.name not in wanted:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed


class SummaryCache:
    """The per-source summaries of the last build, in one JSON file, so that a rebuild summarises only
    the sources that are new or changed.

    An entry's key is the source's analysis key (its text, date, model and the code fingerprint), its
    title and the summary's length: everything a per-source summary depends on. A source's number can
    change when files are added, so the citations are given the current number on the way out.
    Entries of sources that are gone are dropped when the cache is saved.
    """

    def __init__(self, path: Path, *, analyses: AnalysisCache):
        self.path = Path(path)
        self.analyses = analyses
        stored = read_json(self.path)
        self._stored: dict = stored if isinstance(stored, dict) else {}
        self._kept: dict[str, list] = {}
        self.hits = 0
        self.misses = 0

    def key(self, source: Source, sentences: int) -> str:
        parts = [self.analyses.key(source), source.title or "", str(sentences)]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]

    def get(self, source: Source, sentences: int) -> list[CitedSentence] | None:
        key = self.key(source, sentences)
        raw = self._stored.get(key)
        try:
            summary = [CitedSentence.model_validate(item) for item in raw] if isinstance(raw, list) else None
        except ValidationError:
            summary = None
        if summary is None:
            self.misses += 1
            return None
        for sentence in summary:
            for citation in sentence.citations:
                citation.source_id = source.id
        self._kept[key] = raw
        self.hits += 1
        return summary

    def put(self, source: Source, sentences: int, summary: list[CitedSentence]) -> None:
        self._kept[self.key(source, sentences)] = [s.model_dump(mode="json") for s in summary]

    def save(self) -> None:
        """Write the entries this build read or made, and only those."""
        atomic_write(self.path, json.dumps(self._kept, sort_keys=True, separators=(",", ":")), durable=False)


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
