"""What bears on the brief's issue: crude stems shared with the issue sentence from briefgen.toml."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS


def stems(text: str) -> set[str]:
    """Crude stems (first five letters), so 'acquisition' meets 'acquire' and a country its adjective.

    Words with a digit in them (codes, model numbers) are kept whole.
    """
    words = re.findall(r"[\w-]+", re.sub(r"[^\w\s-]", " ", text.lower()))
    return {w[:5] if not any(c.isdigit() for c in w) else w for w in words if w not in STOP_WORDS and len(w) > 2}


def bears_on(sentence_text: str, lemmas: list[str], issue_stems: set[str]) -> bool:
    """A sentence bears on the issue when it shares two issue stems, or one with a code in it."""
    shared = (stems(sentence_text) | {lemma[:5] for lemma in lemmas}) & issue_stems
    return len(shared) >= 2 or any(any(c.isdigit() for c in s) for s in shared)
