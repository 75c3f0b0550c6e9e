"""What bears on the brief's issue: crude stems shared with the issue sentence from briefgen.toml.

The issue sentence is cut into stems (first five letters), so 'acquisition' meets 'acquire' and
a country meets its adjective and capital ('French', 'Paris' → France). Words for
the kind of matter ('acquisition', 'takeover', 'seizure', 'party'…) bring their everyday family
from ``data/issue_words.json`` ('acquisition' → buy, purchase, deal, contract…), since articles
name the issue in many ways. Names (capitalised words and countries) are kept apart: a sentence
that only names a party of the issue does not, by that alone, bear on it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Sentence
from .gazetteer import country_of, data_mapping

_STEM = 5
_NEIGHBOUR = 0.5  # a sentence next to one on the issue ('This was stated by X.', a quote's next line)
_WINDOW = 2  # sentences before that lend their relevance
_ONE_WORD = 0.5  # a sentence sharing one word for the matter ('the deal', 'the bid')
_VAGUE = {"new", "old", "former", "current", "recent", "possible", "planned", "proposed"}


class IssueStems(set):
    """Stems of a text. ``names`` are those of names and countries. For an issue of the form
    "X's <matter> of Y", ``owner`` is X (the one whose act the issue is), ``matter`` the stem of
    the matter's word and ``object_names`` the name stems of Y."""

    names: frozenset[str] = frozenset()
    parties: tuple[frozenset[str], ...] = ()  # name stems grouped by the name they come from
    owner: str | None = None
    matter: str | None = None
    object_names: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def _families() -> dict[str, list[str]]:
    return {key[:_STEM]: value for key, value in data_mapping("issue_words.json").items()}


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return word if _DIGIT.search(word) else word[:_STEM]


@lru_cache(maxsize=4096)
def _country_stem(word: str) -> str | None:
    hit = country_of(word)
    return "country:" + re.sub(r"\W+", "-", hit[0].lower()) if hit else None


def stems(text: str) -> IssueStems:
    """Crude stems (first five letters) of the content words; words with a digit (codes, model
    numbers) are kept whole; countries, their adjectives and capitals become 'country:<name>';
    a word for the kind of matter brings its family."""
    found = _word_stems(text)
    found.parties = tuple(_parties(text))
    parts = re.match(r"^\s*(?:the\s+)?(.+?)['’]s\s+(.+)$", text, flags=re.I)
    if parts and len(text) < 200:
        found.owner = parts.group(1)
        rest = parts.group(2)
        words = [w for w in re.findall(r"[\w-]+", rest) if w.lower() not in _VAGUE and w.lower() not in STOP_WORDS]
        found.matter = _stem(words[0].lower()) if words else None
        tail = rest.split(" of ", 1)[1] if " of " in rest else rest
        found.object_names = frozenset(stems(tail).names) if tail != text else frozenset()
    return found


def _word_stems(text: str) -> IssueStems:
    """The stems and names of :func:`stems`, without the parties and the owner: what a sentence's
    words are matched on (those are read from the issue only)."""
    found = IssueStems()
    names = set()
    for raw in re.findall(r"[\w-]+", re.sub(r"[^\w\s-]", " ", text)):
        stem, is_name, relatives = _word_stem(raw)
        if stem is None:
            continue
        found.add(stem)
        found.update(relatives)
        if is_name:
            names.add(stem)
    found.names = frozenset(names | _acronyms(text))
    found |= found.names
    return found


@lru_cache(maxsize=65536)
def _word_stem(raw: str) -> tuple[str | None, bool, tuple[str, ...]]:
    """One word's stem (None for a stop word), whether it is a name, and its family's stems."""
    word = raw.lower()
    country = _country_stem(raw) if raw[:1].isupper() else None
    acronym = raw.isupper() and len(raw) >= 2  # 'EU', 'IMF'
    if not country and not acronym and (word in STOP_WORDS or word in _VAGUE or len(word) <= 2):
        return None, False, ()
    stem = country or _stem(word)
    is_name = bool(country) or raw[:1].isupper()
    # 'party' brings its family; 'Green Party' is a name
    relatives = () if raw[:1].isupper() else tuple(_stem(relative) for relative in _families().get(stem, []))
    return stem, is_name, relatives


def _parties(text: str) -> list[frozenset[str]]:
    """The name stems of each name in *text*: 'Jane Smith' is one party, 'Acme Holdings' another."""
    groups = []
    for run in re.findall(r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*", text):
        group = set()
        for word in run.split():
            group.add(_country_stem(word) or _stem(word.lower()))
        group |= _acronyms(run)
        groups.append(frozenset(group))
    return groups


def _acronyms(text: str) -> set[str]:
    """'International Monetary Fund' also goes by 'IMF': initials of runs of capitalised words."""
    found = set()
    for run in re.findall(r"(?:[A-Z][\w-]*\s+){1,5}[A-Z][\w-]*", text):
        if any(ch.isdigit() for ch in run):
            continue  # 'French A-320' is a product, not a name with initials
        initials = "".join(w[0] for w in run.split() if w.lower() not in STOP_WORDS)
        if len(initials) >= 3:
            found.add(initials.lower())
    return found


def _shared(sentence: Sentence, issue_stems: set[str]) -> set[str]:
    return (_word_stems(sentence.text) | {_stem(lemma) for lemma in sentence.lemmas}) & issue_stems


def _direct(shared: set[str], issue_stems: set[str] | None = None) -> bool:
    """Two issue stems, or a code; names count once per party ('Jane Smith' is one)."""
    if any(any(c.isdigit() for c in s) for s in shared):
        return True
    parties = getattr(issue_stems, "parties", ())
    if parties:
        names = getattr(issue_stems, "names", frozenset())
        hit = sum(1 for group in parties if group & shared)
        return len(shared - names) + hit >= 2
    return len(shared) >= 2


def bears_on(sentence_text: str, lemmas: list[str], issue_stems: set[str]) -> bool:
    """A sentence bears on the issue when it shares two issue stems, or one with a code in it."""
    return _direct(_shared(Sentence(start=0, end=0, text=sentence_text, lemmas=lemmas), issue_stems), issue_stems)


def relevance(sentences: list[Sentence], index: int, issue_stems: set[str]) -> float:
    """How far sentence *index* bears on the issue: 1 when it shares two issue stems (or a code);
    0.5 when it shares one word for the matter (not a name), or comes within two sentences after
    one that bears on the issue; else 0."""
    if not issue_stems:
        return 0.0
    shared = _shared(sentences[index], issue_stems)
    if _direct(shared, issue_stems):
        return 1.0
    names = getattr(issue_stems, "names", frozenset())
    if shared - names:
        return _ONE_WORD
    if any(_direct(_shared(sentences[i], issue_stems), issue_stems) for i in range(max(0, index - _WINDOW), index)):
        return _NEIGHBOUR
    return 0.0


def relevances(sentences: list[Sentence], issue_stems: set[str]) -> list[float]:
    """:func:`relevance` of every sentence of one text, each sentence's stems read once."""
    if not issue_stems:
        return [0.0] * len(sentences)
    names = getattr(issue_stems, "names", frozenset())
    shared = [_shared(sentence, issue_stems) for sentence in sentences]
    direct = [_direct(found, issue_stems) for found in shared]
    scores = []
    for index, found in enumerate(shared):
        if direct[index]:
            scores.append(1.0)
        elif found - names:
            scores.append(_ONE_WORD)
        elif any(direct[max(0, index - _WINDOW) : index]):
            scores.append(_NEIGHBOUR)
        else:
            scores.append(0.0)
    return scores
