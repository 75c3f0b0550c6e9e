"""What a reader hands back: one article's raw text and the metadata its file gave."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass
class Article:
    """One article as a reader found it, before cleaning.

    ``problem`` is set instead of raising when one article of a multi-article file (a JSON list,
    a feed) is unusable, so its neighbours are still read.
    """

    text: str = ""
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    problem: str | None = None


#: A reader takes a file's bytes (and its path, for messages) and returns its articles.
#: It raises ``SourceError`` when the whole file is unusable.
Reader = Callable[..., list[Article]]


def as_text(value: object) -> str | None:
    """A metadata value as a trimmed string, or None when it is missing or not text-like."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = " ".join(str(value).split())
    return text or None


def display(path: Path | str) -> str:
    return Path(path).name
