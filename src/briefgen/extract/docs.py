"""Values of a parsed Doc that the extractors read again and again, computed once per Doc.

spaCy does not store these: ``Doc.text`` joins every token's text each time it is read, and
``Doc.sents`` walks the tokens and builds a ``Span`` per sentence each time. The extractors ask for
them once per entity, quote or figure, which made them most of the analysis time. The values are
kept for the most recent Doc only (held by a weak reference, so nothing outlives the Doc) and must be
treated as read-only: the analysis never changes a Doc once spaCy has parsed it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from spacy.tokens import Doc, Span, Token

T = TypeVar("T")

_last: tuple[weakref.ref, dict[str, Any]] | None = None


def memo(doc: Doc, key: str, compute: Callable[[Doc], T]) -> T:
    """``compute(doc)``, computed once for *doc* under *key* (until another Doc is asked about)."""
    global _last
    if _last is None or _last[0]() is not doc:
        _last = (weakref.ref(doc), {})
    values = _last[1]
    if key not in values:
        values[key] = compute(doc)
    return values[key]


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once."""
    return memo(doc, "text", lambda d: d.text)


def sentences(doc: Doc) -> tuple[Span, ...]:
    """``tuple(doc.sents)``, listed once."""
    return memo(doc, "sents", lambda d: tuple(d.sents))


def sentence_index(doc: Doc) -> dict[int, int]:
    """Token index of each sentence start → index of that sentence in ``doc.sents`` (do not change it)."""
    return memo(doc, "sentence_index", lambda d: {sent.start: i for i, sent in enumerate(sentences(d))})


def tokens(doc: Doc) -> tuple[Token, ...]:
    """``tuple(doc)``: iterating a Doc makes a new ``Token`` object for every token each time."""
    return memo(doc, "tokens", tuple)


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, whose ``Span`` objects spaCy makes anew at each reading."""
    return memo(doc, "ents", lambda d: d.ents)
