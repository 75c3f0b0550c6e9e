"""Readers, one per file format, chosen by file extension.

Built in: ``.txt``; ``.md``/``.markdown`` (YAML front matter); ``.json`` and ``.jsonl``; ``.html``/
``.htm`` and RSS/Atom feeds (``.xml``, ``.rss``, ``.atom``) in :mod:`briefgen.ingest.web`. Other
packages add readers through the ``briefgen.readers`` entry point group: the entry point's name is
the extension (without the dot) and it loads a callable ``reader(data: bytes, *, path) -> list[Article]``.

JSON keys accepted (the first one present wins; case-insensitive)::

    title      title, headline, name
    text       text, body, content, article, full_text, description, summary (HTML is turned into text)
    url        url, link, href, permalink
    published  date, published, published_at, publishedAt, pubDate, datePublished, created_at
    outlet     outlet, source, site_name, siteName, publisher, publication (or source.name)
    author     author, byline, creator, authors (a list is joined with ", ")

A ``.json`` file holds one article object, a list of them, or an object with such a list under
``articles``, ``items``, ``entries``, ``data`` or ``results``. A ``.jsonl`` file holds one article
object per line.
"""

from __future__ import annotations

import html
import html.entities
import importlib
import json
import logging
import re
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path

from ..errors import ReaderUnavailable, SourceError
from .article import Article, Reader, as_text, display
from .decode import decode_bytes
from .metadata import normalise_date

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "briefgen.readers"

JSON_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name"),
    "text": ("text", "body", "content", "article", "full_text", "description", "summary"),
    "url": ("url", "link", "href", "permalink"),
    "published": ("date", "published", "published_at", "publishedat", "pubdate", "datepublished", "created_at"),
    "outlet": ("outlet", "source", "site_name", "sitename", "publisher", "publication"),
    "author": ("author", "byline", "creator", "authors"),
}
_LIST_KEYS = ("articles", "items", "entries", "data", "results")
# A character reference with its semicolon: &#233;, &#xE9;, &eacute;, &amp;. Text copied from a web
# page keeps them; a reader wants the character. (html.unescape alone would also decode "&not" in
# "a&notice", which HTML allows without the semicolon.)
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_HTML_TAG = re.compile(r"</?(p|div|br|span|a|em|strong|h[1-6]|ul|li)\b[^>]*>", re.IGNORECASE)


def require(module: str, *, package: str, fmt: str):
    """Import an optional dependency, or raise ReaderUnavailable saying what to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ReaderUnavailable(f"reading {fmt} files needs the {package} package: pip install {package}") from None


def read_text(data: bytes, *, path: Path) -> list[Article]:
    """A plain-text article: the file's text, as decoded, with character references decoded."""
    return [Article(text=decode_references(decode_bytes(data, name=display(path))))]


def decode_references(text: str) -> str:
    """``Jos&#233;`` → ``José``: the HTML character references left in text copied from a web page."""
    def decoded(match: re.Match) -> str:
        reference = match.group()
        if reference[1] == "#":
            return html.unescape(reference)
        return html.entities.html5.get(reference[1:], reference)  # the whole name, not a prefix of it

    return _CHARACTER_REFERENCE.sub(decoded, text)


def read_markdown(data: bytes, *, path: Path) -> list[Article]:
    """A Markdown article with optional YAML front matter (title, author, date, url, outlet)."""
    frontmatter = require("frontmatter", package="python-frontmatter", fmt="Markdown")
    text = decode_bytes(data, name=display(path))
    try:
        meta, body = frontmatter.parse(text)
        body = decode_references(body)  # Markdown decodes them too
    except Exception as exc:  # PyYAML raises several error classes; all mean broken front matter
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SourceError(f"the front matter (between the --- lines) is not valid YAML: {first}. Fix or remove it") from None
    if not isinstance(meta, dict):
        raise SourceError("the front matter (between the --- lines) must be key: value pairs")
    article = article_from_mapping({str(k): v for k, v in meta.items()}, text_required=False)
    title, body = _markdown_heading(markdown_to_text(body))
    article.text = body
    article.title = article.title or title
    return [article]


def markdown_to_text(markdown: str) -> str:
    """Strip Markdown markup that would otherwise end up in sentences; keep the words."""
    text = re.sub(r"```.*?```", "", markdown, flags=re.DOTALL)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images carry no article text
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*([-*_])(\s*\1){2,}\s*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)", r"\1", text)
    text = re.sub(r"^\s*[-*+]\s+", "• ", text, flags=re.MULTILINE)
    return re.sub(r"`([^`]*)`", r"\1", text)


def _markdown_heading(text: str) -> tuple[str | None, str]:
    """Take a leading '# Title' heading as the title; other headings become plain lines."""
    title = None
    match = re.match(r"\s*#\s+(.+?)\s*#*\s*(\n|$)", text)
    if match:
        title, text = match.group(1), text[match.end():]
    return title, re.sub(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", r"\1", text, flags=re.MULTILINE)


def read_json(data: bytes, *, path: Path) -> list[Article]:
    """One article object, a list of them, or an object holding such a list (see module doc)."""
    try:
        value = json.loads(decode_bytes(data, name=display(path)))
    except json.JSONDecodeError as exc:
        raise SourceError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); the file may be truncated") from None
    except RecursionError:
        raise SourceError("the JSON is nested too deeply to read") from None
    if isinstance(value, dict):
        for key in _LIST_KEYS:
            if isinstance(value.get(key), list):
                value = value[key]
                break
    items = value if isinstance(value, list) else [value]
    if not items:
        raise SourceError("the JSON holds an empty list: no articles")
    return [
        article_from_mapping(item) if isinstance(item, dict)
        else Article(problem=f"item {n} of the JSON is a {type(item).__name__}, not an article object")
        for n, item in enumerate(items, 1)
    ]


def read_jsonl(data: bytes, *, path: Path) -> list[Article]:
    """One article object per line; a broken line excludes only that article."""
    articles = []
    for number, line in enumerate(decode_bytes(data, name=display(path)).split("\n"), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            articles.append(Article(problem=f"line {number} is not valid JSON ({getattr(exc, 'msg', exc)})"))
            continue
        if isinstance(item, dict):
            articles.append(article_from_mapping(item))
        else:
            articles.append(Article(problem=f"line {number} is a JSON {type(item).__name__}, not an article object"))
    if not articles:
        raise SourceError("the file has no JSON lines")
    return articles


def article_from_mapping(item: dict, *, text_required: bool = True) -> Article:
    """An Article from a JSON object or front matter, using the accepted key names."""
    lowered = {str(k).lower(): v for k, v in item.items()}

    def first(field: str):
        return next((lowered[k] for k in JSON_KEYS[field] if lowered.get(k) not in (None, "", [])), None)

    outlet = first("outlet")
    if isinstance(outlet, dict):  # NewsAPI style: "source": {"id": ..., "name": ...}
        outlet = outlet.get("name")
    author = first("author")
    if isinstance(author, list):
        author = ", ".join(filter(None, (as_text(a.get("name") if isinstance(a, dict) else a) for a in author)))
    elif isinstance(author, dict):
        author = author.get("name")
    text = first("text")
    text = text if isinstance(text, str) else ""
    if _HTML_TAG.search(text):  # APIs often give the body as HTML
        from .web import html_fragment_to_text

        text = html_fragment_to_text(text)
    article = Article(
        text=text,
        title=as_text(first("title")),
        outlet=as_text(outlet),
        author=as_text(author),
        url=as_text(first("url")),
        published=normalise_date(first("published")),
    )
    if text_required and not article.text.strip():
        names = ", ".join(JSON_KEYS["text"])
        article.problem = f"no article text (expected a non-empty string under one of: {names})"
    return article


BUILTIN_READERS: dict[str, str] = {
    ".txt": "briefgen.ingest.readers:read_text",
    ".text": "briefgen.ingest.readers:read_text",
    ".md": "briefgen.ingest.readers:read_markdown",
    ".markdown": "briefgen.ingest.readers:read_markdown",
    ".json": "briefgen.ingest.readers:read_json",
    ".jsonl": "briefgen.ingest.readers:read_jsonl",
    ".html": "briefgen.ingest.web:read_html",
    ".htm": "briefgen.ingest.web:read_html",
    ".xml": "briefgen.ingest.web:read_feed",
    ".rss": "briefgen.ingest.web:read_feed",
    ".atom": "briefgen.ingest.web:read_feed",
}


@lru_cache(maxsize=1)
def reader_registry() -> dict[str, Reader]:
    """Extension (lower case, with the dot) -> reader: the built-ins, then plug-ins."""
    registry: dict[str, Reader] = {}
    for ext, target in BUILTIN_READERS.items():
        module, name = target.split(":")
        registry[ext] = getattr(importlib.import_module(module), name)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        ext = "." + entry.name.lower().lstrip(".")
        try:
            registry[ext] = entry.load()
        except Exception as exc:  # a broken plug-in must not stop briefgen reading other formats
            log.warning("reader plug-in %s for %s files could not be loaded: %s", entry.value, ext, exc)
    return registry
