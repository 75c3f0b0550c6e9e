"""Which sources tell the same story, for merging what they report.

A folder may hold articles on unrelated stories: "$300m" or "last year BA introduced a surcharge" in
two of them are two facts, however alike. Two sources tell the same story when the names each
mentions most share a word; a source that names nobody could tell any story.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Set as AbstractSet

from ..model import Analysis

STORY_NAMES = 5  #: a source's most mentioned names, which say what story it tells
_STOP = frozenset("the of and for in on to at by an de la le du".split())


def story_words(analysis: Analysis) -> frozenset[str]:
    """The words of a source's most mentioned names ("Time Warner", "AOL" → time, warner, aol)."""
    counts = Counter(e.text.casefold() for e in analysis.entities)
    return frozenset(w for name, _ in counts.most_common(STORY_NAMES)
                     for w in re.findall(r"[^\W\d_]{2,}", name) if w not in _STOP)


def same_story(words: AbstractSet[str], other: AbstractSet[str]) -> bool:
    """Whether the story words of a source (or gathered from several) and *other* can be one
    story: they share a word, or either side names nobody."""
    return not words or not other or not words.isdisjoint(other)
