"""Readers for web formats: HTML pages (trafilatura) and RSS/Atom feeds (feedparser).

Nothing here touches the network: pages and feeds are parsed from the bytes on disk. Feeds are
checked with defusedxml first, so a feed that declares entities (the "billion laughs") is refused
before feedparser sees it.
"""

from __future__ import annotations

import logging
import re

from ..errors import SourceError
from .article import Article, as_text, display
from .decode import decode_bytes
from .metadata import normalise_date
from .readers import require

log = logging.getLogger(__name__)

_DROP_TAGS = ("script", "style", "iframe", "img", "picture", "figure", "figcaption", "video", "audio",
              "noscript", "svg", "object", "embed", "form", "button", "nav", "aside")
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre", "section", "article")


def read_html(data: bytes, *, path) -> list[Article]:
    """The main text of an HTML page, with title, date, author and site name from its metadata."""
    trafilatura = require("trafilatura", package="trafilatura", fmt="HTML")
    html = decode_bytes(data, name=display(path))
    if "<" not in html:
        raise SourceError("no HTML markup found; rename the file to .txt if it is plain text")
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_tables=True,
            include_links=False,
            favor_recall=True,
            # Only dates the page states as metadata: the prose is the analysis stage's business.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken markup
        raise SourceError(f"the HTML could not be parsed ({type(exc).__name__}); the file may be truncated") from None
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise SourceError("no article text found in the HTML (the page may be truncated, empty or only navigation)")
    # trafilatura puts each paragraph on one line; a blank line between them keeps paragraphs apart.
    text = re.sub(r"\n+", "\n\n", text)
    return [
        Article(
            text=text,
            title=as_text(document.title),
            outlet=as_text(document.sitename),
            author=as_text(document.author),
            url=as_text(document.url),
            published=normalise_date(document.date),
        )
    ]


def html_fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one paragraph per block element."""
    if "<" not in fragment:
        return fragment
    from lxml import etree, html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", fragment)
    for element in list(root.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
    return root.text_content()


def read_feed(data: bytes, *, path) -> list[Article]:
    """One article per RSS/Atom entry: its content, else its summary."""
    feedparser = require("feedparser", package="feedparser", fmt="RSS/Atom")
    _check_xml(data)
    try:
        feed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    except Exception as exc:  # feedparser rarely raises, but a source must never stop the build
        raise SourceError(f"the feed could not be parsed ({type(exc).__name__})") from None
    if not feed.entries:
        raise SourceError("the XML is not an RSS or Atom feed with entries (nothing to read)")
    outlet = as_text(feed.feed.get("title"))
    articles = []
    for entry in feed.entries:
        contents = entry.get("content") or []
        body = next((c.get("value") for c in contents if c.get("value")), None) or entry.get("summary") or ""
        date = entry.get("published_parsed") or entry.get("updated_parsed")
        article = Article(
            text=html_fragment_to_text(body),
            title=as_text(entry.get("title")),
            outlet=as_text(entry.get("source", {}).get("title")) or outlet,
            author=as_text(entry.get("author")),
            url=as_text(entry.get("link")),
            published=normalise_date(tuple(date) if date else entry.get("published") or entry.get("updated")),
        )
        if not article.text.strip():
            article.problem = "the feed entry has neither content nor a summary"
        articles.append(article)
    return articles


def _check_xml(data: bytes) -> None:
    """Refuse malformed XML and any DTD or entity declaration, before feedparser parses it."""
    require("defusedxml", package="defusedxml", fmt="RSS/Atom")
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise SourceError("the XML declares a DTD or entities, which briefgen refuses for safety; remove the <!DOCTYPE> part") from None
    except ParseError as exc:
        raise SourceError(f"not well-formed XML ({exc}); the file may be truncated") from None
    except (ValueError, RecursionError) as exc:
        raise SourceError(f"the XML could not be read ({exc})") from None
