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

from .gazetteer import country_of, fold, org_words, strip_article

_ACRONYM = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:of|for|the|and|on|in|to|Through)\s+)*){1,10}[A-Z][\w’'-]*)\s*\(([A-Z][A-Za-z]{1,9})\)")
_FUZZY_MIN_LENGTH = 10
_CLIPPED_MIN_LENGTH = 5
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


_SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "to", "&"}


def _initials(name: str) -> set[str]:
    """Acronyms a folded name could go by: 'uk independence party' → {'uip', 'ukip'}."""
    found = {""}
    for word in [w for w in name.split() if w not in _SMALL_WORDS][:6]:
        found = {f + word[0] for f in found} | ({f + word for f in found} if len(word) <= 3 else set())
    return found


def _abbreviates(a: list[str], b: list[str]) -> bool:
    """Word by word, one name shortens the other: 'man utd' ↔ 'manchester united'."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        short, long = sorted((x, y), key=len)
        letters = iter(long)
        if short[0] != long[0] or not all(c in letters for c in short):
            return False
    return True


def _same_person(a: list[str], b: list[str]) -> bool:
    """Two full names of one person: the same surname and nearly the same given name ('Hulusi Akar' /
    'Khulusi Akar'), one name ending the other ('JP Doe' / 'Irishman JP Doe'), or the same given
    name and one surname cut short ('Jane Doeson' / 'Jane Does')."""
    short_name, long_name = sorted((a, b), key=len)
    if len(short_name) >= 2 and long_name[-len(short_name) :] == short_name:
        return True
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
    # Full names: people's, and short names the model typed as organisations ('JP Doe') that end
    # in no organisation word.
    full = [k for k in people if len(k.split()) >= 2] + [
        k for k in keys
        if names[k] == "ORG" and 2 <= len(k.split()) <= 3 and k.split()[-1] not in org_words()
        and not country_of(k.split()[0])
    ]
    singles = [k for k in keys if len(k.split()) == 1 and not k.startswith("country:")]
    # Two full names of one person share their last word or all the words before it, so only
    # such pairs are compared (in the same order as all pairs would be: unions are not symmetric).
    words_of = [f.split() for f in full]
    by_last: dict[str, list[int]] = {}
    by_head: dict[tuple[str, ...], list[int]] = {}
    for index, words in enumerate(words_of):
        by_last.setdefault(words[-1], []).append(index)
        by_head.setdefault(tuple(words[:-1]), []).append(index)
    for i, a in enumerate(full):
        pairs = {j for j in by_last[words_of[i][-1]] if j > i} | {j for j in by_head[tuple(words_of[i][:-1])] if j > i}
        for j in sorted(pairs):
            if _same_person(words_of[i], words_of[j]):
                uf.union(a, full[j])
    # The full names that end in a given word after a space, found by that word.
    ending: dict[str, list[str]] = {}
    for f in full:
        if " " in f:
            ending.setdefault(f.rsplit(" ", 1)[1], []).append(f)

    def ending_in(key: str) -> list[str]:
        if " " in key:  # never for a one-word key; kept exact all the same
            return [f for f in full if f.endswith(" " + key)]
        return ending.get(key, [])

    # A surname goes with the full name it ends, when all such full names are one person
    # (merged above), so 'Akar' joins 'Hulusi Akar' even when 'Khulusi Akar' is written too.
    for key in singles:
        owners = {uf.find(f) for f in ending_in(key)}
        if len(owners) == 1:
            uf.union(key, owners.pop())
    # A double-barrelled surname alone ('kilroy silk' in 'robert kilroy silk').
    for key in [k for k in people if len(k.split()) == 2]:
        owners = {uf.find(f) for f in full if f.endswith(" " + key) and len(f.split()) > 2}
        if len(owners) == 1 and not any(f.endswith(" " + key.split()[-1]) and not f.endswith(" " + key) for f in full):
            uf.union(key, owners.pop())
    # The first half of a double-barrelled surname alone ('Kilroy' for 'Robert Kilroy-Silk'), when
    # the texts also write the surname alone ('Kilroy-Silk') and only one person has it.
    for key in [k for k in singles if names[k] in {"PERSON", "ORG"}]:
        owners = {
            uf.find(k) for k in people
            if len(k.split()) == 2 and k.split()[0] == key and any(f.endswith(" " + k) and len(f.split()) > 2 for f in full)
        }
        if len(owners) == 1:
            uf.union(key, owners.pop())
    # A given name alone joins the one full name it begins, when it is no one's surname.
    for key in [k for k in singles if names[k] == "PERSON"]:
        if ending_in(key):
            continue
        owners = {uf.find(f) for f in full if f.startswith(key + " ")}
        if len(owners) == 1:
            uf.union(key, owners.pop())
    # An organisation's first or last word alone ('Atticus' for 'Atticus Capital'), when only one fits.
    organisations = [k for k in keys if names[k] == "ORG" and len(k.split()) >= 2]
    for key in [k for k in singles if names[k] in {"ORG", "PERSON"}]:
        if ending_in(key):
            continue
        owners = {uf.find(o) for o in organisations if o.startswith(key + " ") or o.endswith(" " + key)}
        if len(owners) == 1:
            uf.union(key, owners.pop())
    texts = list(texts)
    for acronym, expansion in acronyms(texts).items():
        if acronym in names and expansion in names:
            uf.union(acronym, expansion)
    # 'EU' / 'European Union', 'UKIP' / 'UK Independence Party': an acronym that spells the
    # initials of exactly one longer organisation name in the brief.
    organisations = [k for k in keys if names[k] in {"ORG", "NORP"} and len(k.split()) >= 2]
    for key in keys:
        if names[key] not in {"ORG", "NORP"} or " " in key or not 2 <= len(key) <= 6:
            continue
        owners = {uf.find(o) for o in organisations if key in _initials(o)}
        if len(owners) == 1:
            uf.union(key, owners.pop())
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
            # A one-word name spelt two ways may have been typed differently in each article.
            comparable = names[a] == names[b] or " " not in a + b and {names[a], names[b]} <= {"PERSON", "ORG"}
            if comparable and fuzz.ratio(a, b) >= _FUZZY_SCORE:
                uf.union(a, b)
    # 'Man Utd' / 'Manchester United': each word an abbreviation of the other's.
    multiword = [k for k in keys if names[k] == "ORG" and len(k.split()) >= 2]
    for i, a in enumerate(multiword):
        for b in multiword[i + 1 :]:
            if a != b and _abbreviates(a.split(), b.split()):
                uf.union(a, b)
    # 'JP Doe' / 'JPDoe': the same letters spaced differently.
    by_letters: dict[str, str] = {}
    for key in keys:
        letters = key.replace(" ", "")
        if len(letters) >= 6 and not key.startswith("country:"):
            if letters in by_letters:
                uf.union(key, by_letters[letters])
            by_letters.setdefault(letters, key)
    # 'Group Menatep' / 'Menatep Group': the same words in another order.
    by_words: dict[frozenset[str], str] = {}
    for key in keys:
        words = frozenset(key.split())
        if len(words) >= 2 and not key.startswith("country:"):
            if words in by_words and names[by_words[words]] == names[key]:
                uf.union(key, by_words[words])
            by_words.setdefault(words, key)
    # Last, once spellings have merged: 'Yugansk' / 'Yuganskneftegas'. A one-word name cut short
    # (5 letters or more) joins the one longer one-word name it begins, unless the texts name both
    # in one sentence ('Gazprom and Gazpromneft withdrew': two companies).
    sentences = [fold(s) for text in texts for s in re.split(r"(?<=[.!?])\s+|\n+", text)]
    for key in [k for k in singles if len(k) >= _CLIPPED_MIN_LENGTH and names[k] in {"ORG", "PERSON"}]:
        # The two may have been typed differently in each article, like a name spelt two ways.
        longer = [k for k in singles if k != key and k.startswith(key) and names[k] in {"ORG", "PERSON"}]
        if len({uf.find(k) for k in longer}) != 1 or uf.find(key) == uf.find(longer[0]):
            continue
        together = any(
            re.search(rf"\b{key}\b", s) and any(re.search(rf"\b{other}\b", s) for other in longer) for s in sentences
        )
        if not together:
            uf.union(key, longer[0])
    return {key: uf.find(key) for key in keys}
