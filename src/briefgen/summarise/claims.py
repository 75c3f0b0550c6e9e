"""Whether two sentences from different outlets make the same claim, not merely give the same figure.

The executive summary cites one sentence for a fact several outlets report. A citation must lead to a
sentence that makes the claim: the same figure (allowing for rounding), a predicate in common (a lemma
of one synonym group in ``briefgen/data/summary_cues.toml``), compatible polarity (no rejection or
denial on one side only), the same modality (not threatened beside done) and most content words in
common. When in doubt two sentences stay apart: a missing citation costs less than a false one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Sentence
from .rules import cues

#: Two sentences that give the same figure make the same claim only if they share this much of their
#: content words (Dice coefficient); half as much with a second figure or year in common.
CLAIM_CONTENT_OVERLAP = 0.4

#: A figure standing alone ("$1.13bn", "76%"), not part of a name such as "F-16" or "A-320".
_FIGURE = re.compile(r"(?<![\w-])\d[\d,.]*\d|(?<![\w-])\d")
_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-zA-Z]+")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NUMBER_WORDS_VALUE = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBER_WORDS = frozenset(_NUMBER_WORDS_VALUE)
_FIGURE_UNIT = re.compile(r"(?<![\w-])(\d[\d,]*(?:\.\d+)?)\s?(%|per cent|[a-zA-Z]+)?")
_UNITS = {"billion": "bn", "b": "bn", "million": "m", "mn": "m", "per cent": "%", "percent": "%", "thousand": "k"}


def figures(text: str) -> list[tuple[float, int, str]]:
    """Every figure in *text* but years: value, decimals given and unit word ("$1.35bn": 1.35, 2, "bn")."""
    found = []
    for number, unit in _FIGURE_UNIT.findall(text):
        if YEAR.fullmatch(number):
            continue
        try:
            value = float(number.replace(",", ""))
        except ValueError:
            continue
        decimals = len(number.partition(".")[2])
        found.append((value, decimals, _UNITS.get(unit.lower(), unit.lower())))
    return found


def same_figure(a: list[tuple[float, int, str]], b: list[tuple[float, int, str]]) -> bool:
    """One figure of *a* and one of *b* have the same unit and differ by less than the last digit of
    the less precise one: "£1.3bn" and "about £1.35bn" agree, "$27.5bn" and "$28.3bn" do not."""
    return any(
        unit_a == unit_b and abs(value_a - value_b) < 10.0 ** -min(decimals_a, decimals_b) - 1e-9
        for value_a, decimals_a, unit_a in a
        for value_b, decimals_b, unit_b in b
    )


def shares_fact(a: str, b: str) -> bool:
    """Two sentences give the same figure (not merely the same year), allowing for rounding, and one
    more shared detail: a named party, or another figure or year ("$2.5 billion ... in 2017" in both)."""
    if not same_figure(figures(a), figures(b)):
        return False
    names = set(_NAME.findall(a)) & set(_NAME.findall(b))
    return bool(names) or len(set(_FIGURE.findall(a)) & set(_FIGURE.findall(b))) > 1


@dataclass(frozen=True)
class Claim:
    """What a sentence says, coarsely: its predicate groups, polarity, modality and content words.

    With the parse (``Sentence.clause_lemmas``), polarity and modality are those of the main clause:
    "own 29% ..., and have yet to express a view" owns without reserve, while "who own 29%, will
    reject ..." rejects. Without it (a hand-made record), they are read from every word."""

    predicates: frozenset[str]
    #: the words by which it turns something down or denies it ("reject", "not"); empty if none
    opposed: frozenset[str]
    unrealised: bool
    content: frozenset[str]
    #: predicate groups of the main clause's words, verbs and nouns alike; empty when unknown
    main: frozenset[str] = frozenset()
    #: predicate groups of the main verb ("bought" → transaction); empty when unknown or in none
    verb: frozenset[str] = frozenset()


def _groups(lemma: str) -> frozenset[str]:
    return cues().predicates.get(lemma, frozenset())


def claim_of(sentence: Sentence) -> Claim:
    text = sentence.text
    lemmas = set(sentence.lemmas)
    tokens = lemmas | {w.lower() for w in WORD.findall(text)}
    groups = frozenset(g for t in tokens for g in _groups(t))
    if sentence.clause_lemmas:
        clause = set(sentence.clause_lemmas)
        opposed = frozenset(clause & cues().opposition) | ({"not"} if sentence.negated else frozenset())
        unrealised = bool(clause & cues().unrealised)
        main = frozenset(g for lemma in clause for g in _groups(lemma))
    else:
        opposed = frozenset(tokens & cues().opposition) | frozenset(m.lower() for m in cues().negation.findall(text))
        unrealised = bool(tokens & cues().unrealised)
        main = frozenset()
    return Claim(
        predicates=groups,
        opposed=opposed,
        unrealised=unrealised,
        # Figures are compared on their own, with rounding allowed; here only the words count.
        # Unit words ("m", "bn") go with their figures; a predicate counts by its synonym group, so
        # that "a contract" and "the deal" are one word in common.
        content=frozenset(
            min(cues().predicates[l]) if l in cues().predicates else l
            for l in lemmas
            if l.isalpha() and len(l) > 2 and l not in _UNITS
        ),
        main=main,
        verb=_groups(sentence.verb) if sentence.verb else frozenset(),
    )


def compatible(a: Claim, b: Claim) -> bool:
    """Neither sentence turns down or denies what the other states, and if both turn something
    down, they say so in a word in common ("rejected" in both; a complaint is not a rejection)."""
    return a.opposed == b.opposed == frozenset() or bool(a.opposed & b.opposed)


def content_overlap(a: Claim, b: Claim) -> float:
    """How many content words the two sentences share (Dice coefficient): a short sentence ("X owns
    28.1%") does not make the same claim as every long one that contains its words."""
    return 2 * len(a.content & b.content) / max(1, len(a.content) + len(b.content))


def same_claim(a: Sentence, b: Sentence, claim_a: Claim | None = None, claim_b: Claim | None = None) -> bool:
    """Two sentences from different outlets make the same claim, not merely name the same figure:
    the same figure, a predicate in common ("values ... at £800m" and "a bid valuing ... at £800m"),
    in the main clause of each when the parse is known, compatible polarity (not "will oppose any
    £800m bid") and many content words in common.
    When in doubt they stay apart: a missing citation costs less than a false one."""
    if not shares_fact(a.text, b.text):
        return False
    claim_a, claim_b = claim_a or claim_of(a), claim_b or claim_of(b)
    shared = claim_a.predicates & claim_b.predicates
    if claim_a.main and claim_b.main:
        # The predicate they share must be what each sentence states, not a word of a clause on the
        # side ("X, who own 29% of the club, will reject the bid" states a rejection, not a holding).
        shared &= claim_a.main & claim_b.main
    if claim_a.verb and claim_b.verb and not claim_a.verb & claim_b.verb:
        return False  # "sued ... for $28bn" and "owes $28bn": two predicates, two claims
    if not shared or not compatible(claim_a, claim_b):
        return False
    if claim_a.unrealised != claim_b.unrealised:
        return False  # "threatened to sue for $28bn" is not "has sued for $28.3bn"
    overlap = content_overlap(claim_a, claim_b)
    # Outlets word one fact differently ("a contract for $2.5 billion" signed "in 2017", "the $2.5
    # billion deal signed in 2017"); a second figure or year in common makes up for fewer words.
    return overlap >= CLAIM_CONTENT_OVERLAP or (overlap >= CLAIM_CONTENT_OVERLAP / 2 and second_detail(a, b))


def second_detail(a: Sentence, b: Sentence) -> bool:
    """The two sentences share a year or a count in words ("in 2017", "four") besides the figure."""
    def details(text: str) -> set[str]:
        words = {w.lower() for w in WORD.findall(text)} & _NUMBER_WORDS
        return set(YEAR.findall(text)) | {str(_NUMBER_WORDS_VALUE[w]) for w in words}
    # Only years and counts: a currency conversion ("£800m ($1.5bn)") repeats the first figure.
    return bool(details(a.text) & details(b.text))
