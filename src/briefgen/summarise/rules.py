"""The selection rules: which sentences can never stand alone in a summary, and which point back.

A summary sentence must make sense read on its own. Captions, credits, calls to action, fragments of
quotes, questions and lines with no verb never qualify; a sentence that opens by pointing back ("He
added", "However,") qualifies only together with the sentence before it. The cue words live in
``briefgen/data/summary_cues.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Sentence

MIN_WORDS = 6

_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
#: A named speaker, a colon, then a quotation that runs on into the next sentence ('X told the BBC: "...').
#: The sentence is complete and says who is speaking, so it stands alone.
_ATTRIBUTED_OPENING = re.compile(r"^[^“”\"«»]*[A-Z][^“”\"«»]*:\s*[“\"«][^“”\"«»]+$")
_AFTER_CLAUSE = re.compile(r"^[^,;:]*,\s*([^\W\d_]+)")
_BULLET = re.compile(r"^\s*([•·▪●◦‣∙*+>|]|[-–—]\s|\d+[.)]\s)")


@dataclass(frozen=True)
class _Cues:
    openers: frozenset[str]
    phrases: tuple[str, ...]
    boilerplate: re.Pattern
    future: re.Pattern
    background: re.Pattern
    pronouns: frozenset[str]
    vague: re.Pattern
    connectives: frozenset[str]
    honorifics: frozenset[str]
    #: lemma -> the names of the claim-predicate groups it belongs to
    predicates: dict[str, frozenset[str]]
    opposition: frozenset[str]
    negation: re.Pattern
    unrealised: frozenset[str]
    reporting: re.Pattern
    self_reference: frozenset[str]
    calendar: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> _Cues:
    raw = tomllib.loads(resources.files("briefgen.data").joinpath("summary_cues.toml").read_text("utf-8"))

    def joined(patterns: list[str]) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    return _Cues(
        openers=frozenset(raw["dangling_openers"]),
        phrases=tuple(p.lower() for p in raw["dangling_phrases"]),
        boilerplate=joined(raw["boilerplate"]),
        future=joined(raw["future"]),
        background=joined(raw["background"]),
        pronouns=frozenset(raw["referring_pronouns"]),
        vague=joined(raw["vague_reference"]),
        connectives=frozenset(raw["connectives"]),
        honorifics=frozenset(h.lower() for h in raw["honorifics"]),
        predicates=_predicate_groups(raw["claim_predicates"]),
        opposition=frozenset(raw["opposition_lemmas"]),
        negation=_words_pattern(raw["negation_words"]),
        unrealised=frozenset(raw["unrealised_lemmas"]),
        reporting=_words_pattern(raw["reporting_verbs"]),
        self_reference=frozenset(raw["self_reference"]),
        calendar=frozenset(w.lower() for w in raw["calendar_words"]),
    )


def _words_pattern(words: list[str]) -> re.Pattern:
    """Any of *words* as a whole word; a contraction ("n't") ends the word before it."""
    parts = [
        re.escape(w).replace("'", "['’]") if w.startswith("n'") else rf"(?<![\w'’]){re.escape(w)}" for w in words
    ]
    return re.compile("|".join(rf"{p}\b" for p in parts), re.IGNORECASE)


def _predicate_groups(groups: list[dict]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for group in groups:
        for lemma in group["lemmas"]:
            found.setdefault(lemma, set()).add(group["name"])
    return {lemma: frozenset(names) for lemma, names in found.items()}


# --------------------------------------------------------------------------- selection rules


def unusable_reason(sentence: Sentence) -> str | None:
    """Why *sentence* can never be a summary sentence (caption, credit, fragment), or None."""
    text = " ".join(sentence.text.split())
    if not sentence.has_verb:
        return "no verb"
    if len(text.split()) < MIN_WORDS:
        return "too short"
    if _BULLET.match(text):
        return "list item"
    if cues().boilerplate.search(text):
        return "boilerplate"
    first = text[0]
    if first.islower() or first in "”’»)]…,;:":
        return "starts mid-sentence"
    if not _TERMINAL.search(text):
        return "no terminal punctuation"
    if text.rstrip("\"'”’»)").endswith("?"):
        return "question"  # headlines and rhetorical questions state nothing on their own
    if unbalanced_quotes(text) and not _ATTRIBUTED_OPENING.match(text):
        return "unbalanced quotes"
    return None


def unbalanced_quotes(text: str) -> bool:
    """A quotation opens or closes in another sentence."""
    return text.count("“") != text.count("”") or bool(text.count('"') % 2) or text.count("«") != text.count("»")


def points_back(sentence: Sentence, *, strict: bool = True) -> bool:
    """True when the sentence needs an earlier one to make sense.

    It opens with a word that points back ("He added", "However,"), names a speaker only by a
    description given earlier ("the newspaper said"), or uses a pronoun before naming anyone. Unless
    *strict*, a connective that only links it to what came before ("But", "However,") is read past:
    "But the minister said ..." is complete in a summary of one article, if not beside other outlets.
    """
    text = sentence.text.lstrip("\"“'‘ ")
    first = re.split(r"[\s,;:]", text, maxsplit=1)[0]
    if not strict:
        linking = _linking_opener(text)
        if linking:
            text = text[len(linking) :].lstrip(" ,")
            first = re.split(r"[\s,;:]", text, maxsplit=1)[0]
            first = first[:1].upper() + first[1:]  # "But this ..." opens with "This"
    if first in cues().openers:
        return True
    lowered = text.lower()
    if any(lowered.startswith(phrase) for phrase in cues().phrases) or cues().vague.search(text):
        return True
    return _pronoun_before_name(sentence)


def _linking_opener(text: str) -> str | None:
    """The connective *text* opens with ("But", "By contrast"), as written, or None."""
    for connective in cues().connectives:
        if text.startswith(connective) and not text[len(connective) : len(connective) + 1].isalnum():
            return connective
    return None


def _pronoun_before_name(sentence: Sentence) -> bool:
    """A person's pronoun comes before anyone it could stand for: a name or a noun such as "the minister".

    Quoted words are left out: they are someone else's, and the speaker is named after them or not at all.
    """
    content = set(sentence.lemmas)
    text = _QUOTED.sub(" ", sentence.text)
    for number, match in enumerate(_WORDS.finditer(text)):
        word = match.group()
        lowered = word.lower()
        if lowered in cues().pronouns:
            # "Asked about his plans, Mr X said": the name comes right after the opening clause.
            return not _named_after_clause(text[match.end():])
        if lowered in cues().calendar:
            continue  # "On Thursday he ...": a day names no one
        if (number > 0 and word[0].isupper() and word != "I") or lowered in content or lowered.rstrip("s") in content:
            return False
    return False


#: A person's pronoun that needs a person before it: a common noun ("the big idea is his") will not do.
_PERSONAL = frozenset({"he", "she", "him", "his", "her"})


def person_unnamed(sentence: Sentence) -> bool:
    """A singular personal pronoun comes before any name, quoted words aside.

    Stricter than ``points_back``, which lets any content word stand for the person ("The striker
    hurt his knee"): across sources a reader cannot guess who "he" is, and a common noun before
    the pronoun is often no person at all ("The big idea is his £35bn savings ..., which Mr X has
    pledged"). Only the executive summary asks this.
    """
    text = _QUOTED.sub(" ", sentence.text)
    for number, match in enumerate(_WORDS.finditer(text)):
        word = match.group()
        lowered = word.lower()
        if lowered in _PERSONAL:
            return not _named_after_clause(text[match.end():])
        if lowered in cues().calendar or not word[0].isupper() or word == "I":
            continue
        if number > 0 or lowered not in STOP_WORDS:  # a capitalised first word may be "The"
            return False
    return False


def _named_after_clause(rest: str) -> bool:
    """*rest* (what follows a pronoun) ends its clause with a comma and goes on with a name."""
    # A slice, not search(text, pos): "^" would only ever match at the start of the whole text.
    after = _AFTER_CLAUSE.match(rest)
    return bool(after and after.group(1)[0].isupper() and after.group(1).lower() not in cues().pronouns)


def normalised(text: str) -> str:
    return " ".join(text.split())


def dependencies(sentences: Sequence[Sentence], *, strict: bool = True) -> list[int | None]:
    """For each sentence, the index it depends on when it points back (the one before it)."""
    return [i - 1 if i > 0 and points_back(s, strict=strict) else None for i, s in enumerate(sentences)]


def standalone(sentences: Sequence[Sentence], *, title: str | None) -> list[bool]:
    """Which sentences may be chosen at all; the headline, repeated as the first line, may not."""
    headline = normalised(title or "").lower()
    return [unusable_reason(s) is None and normalised(s.text).lower() != headline for s in sentences]
