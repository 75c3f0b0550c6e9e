"""Near-duplicate sources: the same story carried by two outlets.

Two texts are near-duplicates when the Jaccard similarity of their word 5-shingles is above a
threshold. Comparing every pair would be quadratic, so candidates are found through an inverted
index over a fixed sample of shingle hashes (those whose hash is 0 modulo ``SAMPLE``); only pairs
that share many sampled shingles are compared exactly.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict

SHINGLE = 5
SAMPLE = 4
THRESHOLD = 0.8
_COMMON = 50  # a sampled shingle in more documents than this is boilerplate, not a shared story
_WORD = re.compile(r"\w+")


def shingles(text: str, *, size: int = SHINGLE) -> frozenset[int]:
    """Hashes of the text's word n-grams, case and punctuation ignored."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return frozenset({zlib.crc32(" ".join(words).encode())}) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i:i + size]).encode()) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def find_duplicates(texts: list[str], *, threshold: float = THRESHOLD) -> dict[int, tuple[int, float]]:
    """Map index of each later near-duplicate to (index of the first text it repeats, similarity)."""
    sets = [shingles(text) for text in texts]
    sampled = [frozenset(h for h in s if h % SAMPLE == 0) or s for s in sets]
    index: dict[int, list[int]] = defaultdict(list)
    duplicates: dict[int, tuple[int, float]] = {}
    # Identical wording is caught directly, even when every shingle is common in the corpus.
    first_with: dict[frozenset[int], int] = {}
    for i, sample in enumerate(sampled):
        if not sets[i]:
            continue
        if sets[i] in first_with:
            duplicates[i] = (first_with[sets[i]], 1.0)
            continue
        first_with[sets[i]] = i
        shared = Counter()
        for h in sample:
            posting = index[h]
            if len(posting) <= _COMMON:
                shared.update(posting)
        # Jaccard >= t needs at least t of the smaller sample in common; allow sampling noise.
        for j, count in shared.most_common():
            if count < 0.5 * threshold * min(len(sample), len(sampled[j])):
                break
            if j in duplicates:
                continue
            similarity = jaccard(sets[i], sets[j])
            if similarity > threshold:
                duplicates[i] = (j, similarity)
                break
        if i not in duplicates:
            for h in sample:
                index[h].append(i)
    return duplicates
