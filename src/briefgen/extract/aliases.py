"""Merging the names one actor goes by across sources.

Surname ↔ full name (when only one full name ends that way), spelling and transliteration variants
(folded to ASCII, then a small edit distance for long names), acronym ↔ expansion as the text
introduces it ('Long Name (LN)'), capitals, seats of government and demonyms → their country, and
a country prefix on an organisation ('US State Department' ↔ 'State Department').
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from collections.abc import Iterable

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .gazetteer import country_of, fold, org_words, strip_article
from .mentions import group_nouns

_ACRONYM = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:of|for|the|and|&|on|in|to|Through)\s+)*){1,10}[A-Z][\w’'-]*)\s*\(([A-Z][A-Za-z&]{1,9})\)")
_TAGGED = ("country:", "group:")  # keys that stand for a state or a group, not for a name as written
_FUZZY_MIN_LENGTH = 10
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
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
    words = fold(strip_article(text)).split()
    if label == "NORP" and len(words) >= 2 and words[-1] in group_nouns()[0]:
        # 'Western states', 'Western partners', 'Western officials': the states of one group.
        return "group:" + " ".join(words[:-1])
    return " ".join(words)


_SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "to", "&"}


def _initials(name: str) -> set[str]:
    """Acronyms a folded name could go by: 'uk independence party' → {'uip', 'ukip'}."""
    found = {""}
    for word in [w for w in name.split() if w not in _SMALL_WORDS][:6]:
        found = {f + word[0] for f in found} | ({f + word for f in found} if len(word) <= 3 else set())
    return found


def _abbreviates(a: list[str], b: list[str]) -> bool:
    """Word by word, one name shortens the other: 'intl airlines' ↔ 'international airlines'."""
    if len(a) != len(b) or all(len(w) == 1 for w in a) or all(len(w) == 1 for w in b):
        return False  # initials alone ('A.D.', 'S&P') fit any name with those first letters
    for x, y in zip(a, b):
        short, long = sorted((x, y), key=len)
        letters = iter(long)
        if short[0] != long[0] or not all(c in letters for c in short):
            return False
    return True


def _same_person(a: list[str], b: list[str]) -> bool:
    """Two full names of one person: the same surname and nearly the same given name ('Jana Novak' /
    'Yana Novak'), one name ending the other ('JP Doe' / 'Irishman JP Doe'), or the same given
    name and one surname cut short ('Jane Doeson' / 'Jane Does')."""
    short_name, long_name = sorted((a, b), key=len)
    if len(short_name) >= 2 and long_name[-len(short_name) :] == short_name:
        return True
    if a[-1] == b[-1]:
        # The given names must be near alike on their own: 'Ali Smith' and 'Zadie Smith' are two.
        return _given_names_alike(" ".join(a[:-1]), " ".join(b[:-1]))
    short, long = sorted((a[-1], b[-1]), key=len)
    return a[:-1] == b[:-1] and len(short) >= 5 and long.startswith(short)


def _given_names_alike(a: str, b: str) -> bool:
    """One letter off ('Jana'/'Yana'), nearly all alike ('Mihkail'/'Mikhail') or one the start of
    the other ('George'/'George W'); not 'Michael'/'Michelle'."""
    return Levenshtein.distance(a, b) <= 1 or fuzz.ratio(a, b) >= 85 or a.startswith(b) or b.startswith(a)


def _edits_allowed(la: int, lb: int, score: int) -> int:
    """The most insertions and deletions two strings of these lengths can differ by with a
    ``fuzz.ratio`` of *score* or more: the ratio is 100 · (1 − d / (la + lb))."""
    return (100 - score) * (la + lb) // 100


def _maybe_similar(strings: list[str], score: int) -> list[tuple[int, int]]:
    """Every pair (i < j) of *strings* whose ``fuzz.ratio`` may reach *score*, and some that do not,
    in order; the others cannot reach it.

    Pigeonhole (as in Pass-Join): a string cut into t + 1 pieces keeps at least one of them whole in
    any string it is t insertions or deletions away from, shifted by t places at most. Each string
    is cut for the most edits a longer (or as long) string may be away, its pieces are indexed, and
    each string looks up its substrings near where the pieces of each shorter length fit."""
    @lru_cache(maxsize=None)
    def edits_for(length: int) -> int:  # the most edits to any string of this length or longer
        most, other = 0, length
        while other - length <= _edits_allowed(length, other, score):
            most = max(most, _edits_allowed(length, other, score))
            other += 1
        return most

    @lru_cache(maxsize=None)
    def pieces(length: int) -> list[tuple[int, int]]:  # (start, length) of each piece
        count = edits_for(length) + 1
        short, extra = divmod(length, count)
        found, start = [], 0
        for n in range(count):
            size = short + (1 if n >= count - extra else 0)
            found.append((start, size))
            start += size
        return found

    order = sorted(range(len(strings)), key=lambda i: len(strings[i]))
    index: dict[tuple[int, int, str], list[int]] = {}  # (length, piece, text) → strings
    everywhere: list[int] = []  # strings too short to cut: compared with all
    lengths: list[int] = []  # lengths indexed so far, ascending
    pairs = set()
    for done, i in enumerate(order):
        text = strings[i]
        pairs.update((min(i, j), max(i, j)) for j in everywhere)
        for length in lengths:
            if len(text) - length > _edits_allowed(length, len(text), score):
                continue
            shift = edits_for(length)
            for n, (start, size) in enumerate(pieces(length)):
                for at in range(max(0, start - shift), min(len(text) - size, start + shift) + 1):
                    for j in index.get((length, n, text[at : at + size]), ()):
                        pairs.add((min(i, j), max(i, j)))
        cut = pieces(len(text))
        if any(size == 0 for _, size in cut):
            pairs.update((min(i, j), max(i, j)) for j in order[:done])
            everywhere.append(i)
            continue
        if not lengths or lengths[-1] != len(text):
            lengths.append(len(text))
        for n, (start, size) in enumerate(cut):
            index.setdefault((len(text), n, text[start : start + size]), []).append(i)
    return sorted(pairs)


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
    singles = [k for k in keys if len(k.split()) == 1 and not k.startswith(_TAGGED)]
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
    # (merged above), so 'Novak' joins 'Jana Novak' even when 'Yana Novak' is written too.
    # A word the texts also write in lower case ('athletics', 'express') is no surname of a name
    # typed as an organisation ('European Athletics', 'Polar Express'): it is a common noun.
    texts = list(texts)
    common = {w for text in texts for w in _LOWER_WORD.findall(text)}
    for key in singles:
        owners = {uf.find(f) for f in ending_in(key)}
        if key in common and all(names[f] != "PERSON" for f in ending_in(key)):
            continue
        if len(owners) == 1:
            uf.union(key, owners.pop())
    # Indexes over the word lists, so that each step below looks at the names it could accept
    # instead of every name (keys are folded: lower-case words split by single spaces).
    starting: dict[str, list[str]] = {}  # first word → full names
    barrelled: set[str] = set()  # the last two words of full names of three words or more
    for f in full:
        words = f.split()
        starting.setdefault(words[0], []).append(f)
        if len(words) > 2:
            barrelled.add(" ".join(words[-2:]))
    # A double-barrelled surname alone ('lloyd webb' in 'anna lloyd webb').
    for key in [k for k in people if len(k.split()) == 2]:
        last = key.split()[-1]
        owners = {uf.find(f) for f in ending.get(last, []) if f.endswith(" " + key) and len(f.split()) > 2}
        if len(owners) == 1 and not any(not f.endswith(" " + key) for f in ending.get(last, [])):
            uf.union(key, owners.pop())
    # The first half of a double-barrelled surname alone ('Lloyd' for 'Anna Lloyd-Webb'), when
    # the texts also write the surname alone ('Lloyd-Webb') and only one person has it.
    two_word_people: dict[str, list[str]] = {}  # first word → people's two-word names
    for k in people:
        if len(k.split()) == 2:
            two_word_people.setdefault(k.split()[0], []).append(k)
    for key in [k for k in singles if names[k] in {"PERSON", "ORG"}]:
        owners = {uf.find(k) for k in two_word_people.get(key, []) if k in barrelled}
        if len(owners) == 1:
            uf.union(key, owners.pop())
    # A given name alone joins the one full name it begins, when it is no one's surname.
    for key in [k for k in singles if names[k] == "PERSON"]:
        if ending_in(key):
            continue
        owners = {uf.find(f) for f in starting.get(key, [])}
        if len(owners) == 1:
            uf.union(key, owners.pop())
    # An organisation's first or last word alone ('Atticus' for 'Atticus Capital'), when only one fits.
    organisations = [k for k in keys if names[k] == "ORG" and len(k.split()) >= 2]
    by_end_word: dict[str, list[str]] = {}  # first or last word → organisations
    for o in organisations:
        words = o.split()
        by_end_word.setdefault(words[0], []).append(o)
        if words[-1] != words[0]:
            by_end_word.setdefault(words[-1], []).append(o)
    for key in [k for k in singles if names[k] in {"ORG", "PERSON"}]:
        if ending_in(key):
            continue
        owners = {uf.find(o) for o in by_end_word.get(key, [])}
        if len(owners) == 1:
            uf.union(key, owners.pop())
    texts = list(texts)
    for acronym, expansion in acronyms(texts).items():
        if acronym in names and expansion in names:
            uf.union(acronym, expansion)
    # 'EU' / 'European Union', 'UKIP' / 'UK Independence Party': an acronym that spells the
    # initials of exactly one longer organisation name in the brief.
    spelling: dict[str, list[str]] = {}  # initials → the organisations they could stand for
    for o in [k for k in keys if names[k] in {"ORG", "NORP"} and len(k.split()) >= 2]:
        for initials in _initials(o):
            spelling.setdefault(initials, []).append(o)
    for key in keys:
        if names[key] not in {"ORG", "NORP"} or " " in key or not 2 <= len(key) <= 6:
            continue
        owners = {uf.find(o) for o in spelling.get(key, [])}
        if len(owners) == 1:
            uf.union(key, owners.pop())
    for key in keys:
        if key.startswith(_TAGGED) or names[key] == "PERSON":
            continue
        words = key.split()
        # 'us state department' ↔ 'state department': a country prefix on an organisation.
        for n in (1, 2, 3):
            if len(words) > n and country_of(" ".join(words[:n])):
                rest = " ".join(words[n:])
                if rest in names and names[rest] == names[key]:
                    uf.union(rest, key)
    long_keys = [k for k in keys if len(k) >= _FUZZY_MIN_LENGTH and not k.startswith(_TAGGED)]
    # Only the pairs that share enough pairs of letters to reach the score are compared (see
    # _maybe_similar), in the order of all pairs.
    for i, j in _maybe_similar(long_keys, _FUZZY_SCORE):
        a, b = long_keys[i], long_keys[j]
        # A one-word name spelt two ways may have been typed differently in each article.
        comparable = names[a] == names[b] or " " not in a + b and {names[a], names[b]} <= {"PERSON", "ORG"}
        if comparable and names[a] == names[b] == "PERSON" and " " in a and " " in b:
            # Two people's full names: a surname one letter off is another name ('Eyre', 'Gere').
            (given_a, last_a), (given_b, last_b) = a.rsplit(" ", 1), b.rsplit(" ", 1)
            comparable = fuzz.ratio(last_a, last_b) >= 80 and (last_a != last_b or _given_names_alike(given_a, given_b))
        if comparable and fuzz.ratio(a, b) >= _FUZZY_SCORE:
            uf.union(a, b)
    # 'Intl Airlines' / 'International Airlines': each word an abbreviation of the other's. Such names have
    # as many words, with the same first letters, so only those are compared (in the same order).
    multiword = [k for k in keys if names[k] == "ORG" and len(k.split()) >= 2]
    by_first_letters: dict[tuple[str, ...], list[int]] = {}
    for i, a in enumerate(multiword):
        by_first_letters.setdefault(tuple(w[0] for w in a.split()), []).append(i)
    for i, j in sorted(
        (i, j) for group in by_first_letters.values() for n, i in enumerate(group) for j in group[n + 1 :]
    ):
        a, b = multiword[i], multiword[j]
        if a != b and _abbreviates(a.split(), b.split()):
            uf.union(a, b)
    # 'JP Doe' / 'JPDoe': the same letters spaced differently.
    by_letters: dict[str, str] = {}
    for key in keys:
        letters = key.replace(" ", "")
        if len(letters) >= 6 and not key.startswith(_TAGGED):
            if letters in by_letters:
                uf.union(key, by_letters[letters])
            by_letters.setdefault(letters, key)
    # 'Group Acme' / 'Acme Group': the same words in another order.
    by_words: dict[frozenset[str], str] = {}
    for key in keys:
        words = frozenset(key.split())
        if len(words) >= 2 and not key.startswith(_TAGGED):
            if words in by_words and names[by_words[words]] == names[key]:
                uf.union(key, by_words[words])
            by_words.setdefault(words, key)
    # Last, once spellings have merged: 'Petrol' / 'Petrolneftegaz'. A one-word name cut short
    # (5 letters or more) joins the one longer one-word name it begins, unless the texts name both
    # in one sentence ('Acme and Acmetel withdrew': two companies).
    named = [k for k in singles if names[k] in {"ORG", "PERSON"}]
    # Two people's names are not one cut short ('Church', 'Churchill'), nor is a name one or two letters
    # shorter than another ('Richard' / 'Richards', 'Williams' / 'Williamson'): those are other names.
    # The names that begin with a given one are a run of them in alphabetical order.
    alphabetical = sorted(named)
    order = {k: i for i, k in enumerate(named)}
    # The sentences each name is a word of (folded sentences are words split by spaces, and a
    # one-word key is one such word, so this is where '\bkey\b' would match).
    in_sentences: dict[str, set[int]] = {}
    wanted = set(named)
    sentences = (fold(s) for text in texts for s in re.split(r"(?<=[.!?])\s+|\n+", text))
    for n, sentence in enumerate(sentences):
        for word in set(sentence.split()) & wanted:
            in_sentences.setdefault(word, set()).add(n)
    for key in [k for k in named if len(k) >= _CLIPPED_MIN_LENGTH]:
        # The two may have been typed differently in each article, like a name spelt two ways.
        start = bisect.bisect_left(alphabetical, key)
        end = start
        while end < len(alphabetical) and alphabetical[end].startswith(key):
            end += 1
        longer = sorted((k for k in alphabetical[start:end] if k != key), key=order.__getitem__)
        longer = [k for k in longer if len(k) >= len(key) + 3 and not names[key] == names[k] == "PERSON"]
        if not longer:
            continue
        if len({uf.find(k) for k in longer}) != 1 or uf.find(key) == uf.find(longer[0]):
            continue
        mine = in_sentences.get(key, set())
        together = any(mine & in_sentences.get(other, set()) for other in longer)
        if not together:
            uf.union(key, longer[0])
    return {key: uf.find(key) for key in keys}
