"""Merging the names one actor goes by across sources.

Surname ↔ full name (when only one full name ends that way), spelling and transliteration variants
(folded to ASCII, then a small edit distance for long names), acronym ↔ expansion as the text
introduces it ('Long Name (LN)'), capitals, seats of government and demonyms → their country, and
a country prefix on an organisation ('US State Department' ↔ 'State Department').
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from .gazetteer import country_of, fold, strip_article

_ACRONYM = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:of|for|the|and|on|in|to|Through)\s+)*){1,10}[A-Z][\w’'-]*)\s*\(([A-Z][A-Za-z]{1,9})\)")
_FUZZY_MIN_LENGTH = 10
_FUZZY_SCORE = 90


def acronyms(texts: Iterable[str]) -> dict[str, str]:
    """Folded acronym → folded expansion, from 'Federal Service for ... (FSVTS)' in the texts."""
    found = {}
    for text in texts:
        for match in _ACRONYM.finditer(text):
            expansion = strip_article(match.group(1))
            if len(expansion.split()) >= 2:
                found[fold(match.group(2))] = fold(expansion)
    return found


class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def name_key(text: str, label: str) -> str:
    """The key a name is grouped by before merging: the country for states, folded text otherwise."""
    if label in {"GPE", "NORP"}:
        hit = country_of(text)
        if hit:
            return "country:" + fold(hit[0])
    return fold(strip_article(text))


def _same_person(a: list[str], b: list[str]) -> bool:
    """Two full names of one person: the same surname and nearly the same given name ('Hulusi Akar' /
    'Khulusi Akar'), or the same given name and one surname cut short ('Jane Doeson' / 'Jane Does')."""
    if a[-1] == b[-1]:
        return fuzz.ratio(" ".join(a), " ".join(b)) >= 80
    short, long = sorted((a[-1], b[-1]), key=len)
    return a[:-1] == b[:-1] and len(short) >= 5 and long.startswith(short)


def cluster(names: dict[str, str], texts: Iterable[str]) -> dict[str, str]:
    """Map each key in *names* (key → type) to the key of its cluster."""
    uf = _UnionFind()
    keys = list(names)
    for key in keys:
        uf.find(key)
    people = [k for k in keys if names[k] == "PERSON"]
    full = [k for k in people if len(k.split()) >= 2]
    singles = [k for k in keys if len(k.split()) == 1 and not k.startswith("country:")]
    for i, a in enumerate(full):
        for b in full[i + 1 :]:
            if _same_person(a.split(), b.split()):
                uf.union(a, b)
    # A surname goes with the full name it ends, when all such full names are one person
    # (merged above), so 'Akar' joins 'Hulusi Akar' even when 'Khulusi Akar' is written too.
    for key in singles:
        owners = {uf.find(f) for f in full if f.endswith(" " + key)}
        if len(owners) == 1:
            uf.union(key, owners.pop())
    for acronym, expansion in acronyms(texts).items():
        if acronym in names and expansion in names:
            uf.union(acronym, expansion)
    for key in keys:
        if key.startswith("country:") or names[key] == "PERSON":
            continue
        words = key.split()
        # 'us state department' ↔ 'state department': a country prefix on an organisation.
        for n in (1, 2, 3):
            if len(words) > n and country_of(" ".join(words[:n])):
                rest = " ".join(words[n:])
                if rest in names and names[rest] == names[key]:
                    uf.union(rest, key)
    long_keys = [k for k in keys if len(k) >= _FUZZY_MIN_LENGTH and not k.startswith("country:")]
    for i, a in enumerate(long_keys):
        for b in long_keys[i + 1 :]:
            if names[a] == names[b] and fuzz.ratio(a, b) >= _FUZZY_SCORE:
                uf.union(a, b)
    return {key: uf.find(key) for key in keys}
