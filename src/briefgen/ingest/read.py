"""Read a folder of articles into numbered, cleaned ``Source`` records.

Which files are read: every file whose extension has a reader (see :mod:`.readers`), in
sub-folders too, sorted by relative path. Skipped without being listed: hidden files and folders
(``.name``), editor backups (``name~``, ``.#name``, ``#name#``, ``*.swp``, ``*.swo``, ``*.bak``),
symlinked folders, ``sources.toml`` and any other extension (README, notes, images). Document
formats people expect to work but that have no reader (PDF, Word, ...) are listed as excluded,
so the user learns to convert them.

A file holding several articles (a JSON list, a JSON Lines file, a feed) gives one Source per
article, with ``path`` set to ``file#n`` (n counted from 1 in file order).
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError, SourceError
from ..model import Source
from .article import Article, Reader
from .clean import clean_text, drop_site_line, normalise
from .duplicates import find_duplicates
from .language import is_english
from .metadata import MANIFEST_FIELDS, load_manifest, person_name, take_credit_lines, take_headline
from .readers import reader_registry

log = logging.getLogger(__name__)

BACKUP_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".bak")
UNREADABLE_DOCUMENTS = {".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".odt": "OpenDocument", ".rtf": "RTF", ".epub": "EPUB"}


@dataclass
class _Entry:
    path: str
    article: Article


def read_sources(folder: Path, *, max_chars: int = 2_000_000, min_words: int = 10,
                 exclude_non_english: bool = True, files: Sequence[str] | None = None) -> list[Source]:
    """Every article in *folder* as a Source, numbered 1..n; unusable ones excluded with a reason.

    *files* (paths relative to *folder*) reads those files only, in that order, instead of the whole
    folder; the folder's ``sources.toml`` still describes them. A named file in a format briefgen does
    not read is excluded with the formats it does read.

    Raises ConfigError only when the folder itself is missing or unreadable, or its
    ``sources.toml`` manifest is broken.
    """
    folder = Path(folder)
    chosen = files is not None
    files = list(files) if chosen else list_source_files(folder)
    manifest = load_manifest(folder)
    registry = reader_registry()
    entries = [entry for relative in files for entry in _read_file(folder, relative, registry, max_chars=max_chars)]
    sources = [
        _to_source(number, entry, manifest, max_chars=max_chars, min_words=min_words,
                   exclude_non_english=exclude_non_english)
        for number, entry in enumerate(entries, 1)
    ]
    _mark_duplicates(sources)
    excluded = sum(1 for s in sources if s.status == "excluded")
    log.info("read %d sources from %s (%d excluded)", len(sources), folder, excluded)
    unused = set(manifest) - {s.path.split("#")[0] for s in sources} - {Path(s.path.split("#")[0]).name for s in sources}
    for name in sorted(unused) if not chosen else ():
        log.warning("sources.toml describes %s, which is not among the sources", name)
    return sources


def list_source_files(folder: Path) -> list[str]:
    """Relative POSIX paths of the files to read, sorted; see the module docstring for skips."""
    if not folder.exists():
        raise ConfigError("the sources folder does not exist. Create it and put articles in it, "
                          "or point [paths] sources in briefgen.toml at the right folder.", path=str(folder))
    if not folder.is_dir():
        raise ConfigError("the sources path is a file, not a folder. Point [paths] sources at a folder of articles.", path=str(folder))
    try:
        os.scandir(folder).close()
    except OSError as exc:
        raise ConfigError(f"the sources folder cannot be read ({exc.strerror}). Check its permissions.", path=str(folder)) from None
    known = set(reader_registry()) | set(UNREADABLE_DOCUMENTS)
    found = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if _skipped(name) or Path(name).suffix.lower() not in known:
                continue
            found.append((Path(root) / name).relative_to(folder).as_posix())
    return sorted(found)


def _skipped(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith(BACKUP_SUFFIXES)


def _read_file(folder: Path, relative: str, registry: dict[str, Reader], *, max_chars: int) -> list[_Entry]:
    path = folder / relative
    suffix = Path(relative).suffix.lower()
    try:
        if suffix in UNREADABLE_DOCUMENTS and suffix not in registry:
            raise SourceError(f"{UNREADABLE_DOCUMENTS[suffix]} files cannot be read; save the article as .txt, .html or .md")
        if suffix not in registry:  # only a file named on purpose gets here: a folder's listing skips it
            raise SourceError(f"briefgen does not read {suffix or 'files without an extension'}; "
                              f"it reads {', '.join(sorted(registry))}")
        data = _read_bytes(path, max_chars=max_chars)
        if not data:
            raise SourceError("the file is empty (0 bytes)")
        articles = registry[suffix](data, path=path)
    except SourceError as exc:
        articles = [Article(problem=str(exc))]
    except Exception as exc:  # a reader bug or a plug-in's own error: skip this source, keep the build going
        log.warning("reading %s failed", relative, exc_info=True)
        articles = [Article(problem=f"could not be read ({type(exc).__name__}: {exc})")]
    if not articles:
        articles = [Article(problem="no articles found in the file")]
    if len(articles) == 1:
        return [_Entry(relative, articles[0])]
    return [_Entry(f"{relative}#{n}", article) for n, article in enumerate(articles, 1)]


def _read_bytes(path: Path, *, max_chars: int) -> bytes:
    try:
        size = path.stat().st_size
        # A character takes at most four bytes in any encoding we read, so this is surely too long.
        if size > 4 * max_chars + 4:
            raise SourceError(f"too long: about {size:,} characters, the limit is {max_chars:,}; "
                              "split it or raise [ingest] max_chars")
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(_os_reason(exc)) from None


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop: the link leads back to itself; fix or remove it"
    if isinstance(exc, PermissionError):
        return "permission denied: make the file readable (chmod a+r)"
    if isinstance(exc, FileNotFoundError):
        return "broken symlink: the file it points to does not exist"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot be read: {exc.strerror or exc}"


def _to_source(number: int, entry: _Entry, manifest: dict, *, max_chars: int, min_words: int,
               exclude_non_english: bool) -> Source:
    article = entry.article
    source = Source(id=number, path=entry.path, title=article.title, outlet=article.outlet, url=article.url)
    _apply_manifest(source, manifest)
    if article.problem:
        return _excluded(source, article.problem)
    text = normalise(article.text)
    if not text:
        return _excluded(source, "the file holds only whitespace" if article.text
                         else "it has a title but no article text" if article.title else "the file is empty")
    headline, body = take_headline(text)
    title = article.title
    if headline and (title is None or _same(headline, title)):
        title = title or headline
        text = drop_site_line(body)
    text, outlet_line, author_line = take_credit_lines(clean_text(text))
    text = normalise(text)
    source.title = title
    source.outlet = article.outlet or outlet_line
    author = article.author or author_line
    source.author = person_name(author) if author else None
    source.url = article.url
    if article.published:
        source.published, source.published_from = article.published, "metadata"
    _apply_manifest(source, manifest)
    if not text:
        return _excluded(source, "no article text is left after removing site boilerplate")
    if len(text) > max_chars:
        return _excluded(source, f"too long: {len(text):,} characters, the limit is {max_chars:,}; "
                                 "split it or raise [ingest] max_chars")
    if (words := len(text.split())) < min_words:
        return _excluded(source, f"too short to be an article: {words} word{'s' * (words != 1)}, the least is "
                                 f"{min_words}; lower [ingest] min_words to keep it")
    english, detected = is_english(text)
    source.text, source.sha256 = text, hashlib.sha256(text.encode("utf-8")).hexdigest()
    if exclude_non_english and not english:
        return _excluded(source, f"not English (detected: {detected}); set [ingest] exclude_non_english = false to keep it")
    return source


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _apply_manifest(source: Source, manifest: dict[str, dict[str, str]]) -> None:
    file_path = source.path.split("#")[0]
    fields = manifest.get(file_path) or manifest.get(Path(file_path).name) or {}
    for field in MANIFEST_FIELDS:
        if field in fields:
            setattr(source, field, fields[field])
    if "published" in fields:
        source.published_from = "metadata"


def _excluded(source: Source, reason: str) -> Source:
    log.debug("excluded %s: %s", source.path, reason)
    source.status, source.reason, source.text, source.sha256 = "excluded", reason, "", ""
    return source


def _mark_duplicates(sources: list[Source]) -> None:
    included = [s for s in sources if s.status == "included"]
    for later, (first, similarity) in find_duplicates([s.text for s in included]).items():
        duplicate, original = included[later], included[first]
        name = f"“{original.title}”" if original.title else original.path
        duplicate.status = "excluded"
        duplicate.duplicate_of = original.id
        duplicate.reason = (f"duplicate of [{original.id}] {name}: {similarity:.0%} of its wording is the same; "
                            "both are cited where it is used")
        log.debug("excluded %s: %s", duplicate.path, duplicate.reason)
