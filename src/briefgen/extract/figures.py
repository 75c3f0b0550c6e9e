"""Key figures: money, percentages, counts and quantities, each a number, a unit and what it measures.

Money and percentages are found by pattern (spaCy often leaves the currency sign outside its MONEY
entity); counts and quantities come from spaCy's CARDINAL and QUANTITY entities. Years, dates,
ordinals, ages, list numbering, reading-time badges and numbers inside names are left out.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..model import Analysis, Citation, FigureMention, FigureValue, KeyFigure
from .dates import NUMBER_WORDS
from .docs import doc_text, entities, sentence_index
from .story import same_story, story_words

_UNITS = json.loads(resources.files("briefgen.data").joinpath("units.json").read_text("utf-8"))
SYMBOLS: dict[str, str] = _UNITS["currency_symbols"]
CURRENCY_NAMES: dict[str, str] = _UNITS["currency_names"]
CODES: set[str] = set(_UNITS["currency_codes"])
SCALES: dict[str, float] = _UNITS["scales"]
QUANTITY_UNITS: dict[str, str] = _UNITS["quantity_units"]
NOT_COUNTED = frozenset(_UNITS["not_counted"])
MONEY_VERBS: dict[str, str] = {k: v for k, v in _UNITS["money_verbs"].items() if not k.startswith("_")}
MONEY_NOUNS = frozenset(_UNITS["money_nouns"])
_STAKE = json.loads(resources.files("briefgen.data").joinpath("stake_words.json").read_text("utf-8"))
STAKE_VERBS = frozenset(_STAKE["verbs"])
#: verbs whose subject holds the stake that is their object ('X raised its stake in Y to 29%')
HOLDER_VERBS = frozenset(_STAKE["holder_verbs"])
#: nouns for a part owned, each mapped to the first one ('shareholding' → 'stake'), so their measures compare
STAKE_NOUNS: dict[str, str] = {noun: _STAKE["nouns"][0] for noun in _STAKE["nouns"]}


def _alternatives(words, *, escape=True) -> str:
    return "|".join(re.escape(w) if escape else w for w in sorted(words, key=len, reverse=True))


_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = rf"(?:\s?(?P<scale>{_alternatives(SCALES)})\b)?"
_MONEY = (
    re.compile(rf"(?<![\w$])(?P<cur>{_alternatives(SYMBOLS)}|(?:{_alternatives(CODES)})\s?)\s?{_NUM}{_SCALE}"),
    re.compile(
        rf"(?<![\w.,]){_NUM}{_SCALE}\s(?P<name>{_alternatives(CURRENCY_NAMES)}|{_alternatives(CODES)})\b",
        re.IGNORECASE,
    ),
)
_PERCENT = re.compile(
    rf"(?<![\w.,]){_NUM}\s?(?P<unit>%|percent\b|per cent\b|pct\b|percentage points?\b)", re.IGNORECASE
)
_QUANTIFIER_NOUNS = {"excess", "total", "sum", "upwards", "order", "region", "tune", "maximum", "minimum", "average"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"}


# --------------------------------------------------------------------------- numbers


def parse_number(text: str) -> float | None:
    """The value of '2.5', '1,200', 'four', 'twenty-five', '2.3 trillion', 'a dozen'."""
    words = re.sub(r"[-\s]+", " ", text.lower().replace(",", "")).split()
    total, current, seen = 0.0, None, False
    for word in words:
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            current, seen = (current or 0) + float(word), True
        elif word in NUMBER_WORDS and word not in ("a", "an") or (word in ("a", "an") and not seen):
            n = NUMBER_WORDS[word]
            if word in ("hundred", "dozen") and current:
                current *= n
            else:
                current = (current or 0) + n
            seen = True
        elif word in SCALES and len(word) > 1 or word in ("million", "billion"):
            total += (current if current is not None else 1) * SCALES[word]
            current = None
        elif word in ("and", "about", "some", "nearly", "around", "over", "almost", "more", "than", "up", "to"):
            continue
        else:
            return None
    if not seen:
        return None
    return total + (current or 0)


# --------------------------------------------------------------------------- measures


def _in_brackets(token: Token) -> bool:
    """Inside '( … )' within the sentence: conversions like '$900m (£479m)' and asides."""
    sent = token.sent
    depth = 0
    for t in sent:
        if t.i >= token.i:
            return depth > 0 or token.text in "()"
        depth += t.text == "("
        depth -= t.text == ")" and depth > 0
    return False


def _phrase(tokens: list[Token], *, limit: int = 8) -> str:
    tokens = sorted((t for t in tokens if not _in_brackets(t)), key=lambda t: t.i)
    while tokens and (tokens[0].lower_ in _DETERMINERS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return ""
    first = tokens[0].i
    kept = [t for t in tokens if t.i < first + limit + 4][:limit]
    while kept and kept[-1].is_punct:
        kept = kept[:-1]
    return re.sub(r"\s+", " ", "".join(t.text_with_ws for t in kept)).strip()


def _noun_phrase(noun: Token, *, skip: Span) -> str:
    """A noun with its modifiers and an 'of'-complement (a stake's 'in' too), leaving out the figure
    itself, after whose it is when the clause names the owner (see _owner)."""
    tokens = [t for t in noun.subtree if not (skip.start <= t.i < skip.end)]
    right = [t for t in tokens if t.i > noun.i]
    keep = [t for t in tokens if t.i <= noun.i]
    stake = _word(noun.lower_) in STAKE_NOUNS
    preps = ("of", "to", "for", "on", "in") if stake else ("of", "to", "for", "on")
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in preps and not _holds(c, skip)), None)
    if of is not None and of.i > noun.i:
        keep += [t for t in of.subtree if t in right]
    keep = [t for t in keep if t.i >= _left_edge(noun, skip)]
    phrase = _phrase(keep)
    owner = _owner(noun, skip)
    if phrase and owner and owner.lower() not in phrase.lower():
        return f"{_possessive(owner)} {phrase}"
    return phrase


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _owner(noun: Token, figure: Span) -> str | None:
    """Whose the thing a figure measures is, when the clause names the owner: a possessive
    ('Acme's £1.35bn offer'), or for a stake the subject of the verb that holds it ('Acme, which
    owns a 1% stake', 'Acme raised its stake to 29%'). A pronoun or a common noun ('the group')
    names nobody."""
    poss = next((c for c in noun.children if c.dep_ == "poss" and not _holds(c, figure)), None)
    if poss is not None and poss.pos_ != "PRON":
        return _name(poss)
    if _word(noun.lower_) in STAKE_NOUNS and noun.dep_ == "dobj" and noun.head.lemma_ in HOLDER_VERBS:
        return _holder(noun.head, figure)
    return None


def _holder(verb: Token, figure: Span) -> str | None:
    """The named subject of a verb of holding: 'Acme owns 5%', 'Acme, holding 2% of X', 'A and B,
    who own 29% of X'."""
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return _name(verb.head)
    relative = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if verb.dep_ == "relcl" and relative is not None and relative.lower_ in ("which", "that", "who"):
        return _name(verb.head)  # _subject's subject holds the figure: 'Acme, which owns 5%'
    subject, _ = _subject(verb, figure)
    return _name(subject) if subject is not None else None


def _name(token: Token, *, depth: int = 0) -> str | None:
    """The name *token* is the head of ('Mr Acme', 'A and B', 'A and his family'), None for a common
    noun without a name in apposition ('major shareholders A and B' is 'A and B')."""
    if token.pos_ != "PROPN":
        token = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if token is None:
            return None
    while depth == 0 and token.dep_ == "conj" and token.head.pos_ == "PROPN" and token.head.i < token.i:
        token = token.head  # 'A and B, who own 29%': the clause hangs on the last name of the two
    start = token.i
    while start > 0 and token.doc[start - 1].dep_ == "compound" and token.doc[start - 1].pos_ == "PROPN" \
            and token.doc[start - 1].head.i in range(start, token.i + 1):
        start -= 1
    if start < token.i and token.doc[start].tag_ == "NNPS":
        start += 1  # 'Irishmen A B': a plural before a name describes the holder
    names = [token.doc[start : token.i + 1].text]
    for conj in (c for c in token.children if c.dep_ == "conj"):
        if conj.pos_ == "PROPN" and depth < 3:
            names.append(_name(conj, depth=depth + 1) or conj.text)
        elif len(list(conj.subtree)) <= 3:
            names.append(token.doc[conj.left_edge.i : conj.i + 1].text)  # 'A and his family'
    names = [n for n in names if n]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def _left_edge(noun: Token, skip: Span) -> int:
    """Start the phrase after the figure when the figure modifies the noun ('four A-320 aircraft')."""
    return skip.end if skip.start < noun.i and skip.end <= noun.i else noun.left_edge.i


# Nouns too vague to say what a share of them is: '45% of this amount' needs its clause.
_VAGUE_NOUNS = {"amount", "sum", "total", "figure", "value", "number", "it", "this", "that"}


def measures(figure: Span) -> str:
    """A short phrase saying what a figure measures, from the noun it modifies or its clause."""
    phrase = _measure(figure)
    claimant = _claimant(figure) if _is_money(figure) else None
    if claimant and phrase.split()[-1:] and phrase.split()[-1].lower() in MONEY_NOUNS and claimant.lower() not in phrase.lower():
        # '$20bn in damages' sought by one party and '$28.3bn in damages' by another are two claims.
        return f"{phrase} sought by {claimant}"
    return phrase


def _claimant(figure: Span) -> str | None:
    """The named party that claims, seeks or is owed a sum: the subject of the verb it is the
    object of ('Acme is claiming more than $20bn', 'Acme Group is suing the state for $28.3bn')."""
    token = figure.root
    for _ in range(3):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            break
    else:
        return None
    if token.lemma_ not in {"claim", "seek", "sue", "demand", "want", "ask", "win", "award"}:
        return None
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or token.lemma_ == "award" and subject.dep_ == "nsubj":
        return None  # who awards a sum pays it: 'the Council has awarded a contract worth £11.5m'
    if subject.pos_ != "PROPN":
        subject = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if subject is None or not subject.ent_type_:
        return None
    ent = next((e for e in entities(figure.doc) if e.start <= subject.i < e.end), None)
    return re.sub(r"^the\s+", "", ent.text, flags=re.I) if ent is not None else subject.text


def _measure(figure: Span) -> str:
    root = figure.root
    head = root.head
    if root.dep_ in ("nummod", "compound", "quantmod", "nmod", "amod") and head.pos_ in ("NOUN", "PROPN"):
        return _noun_phrase(head, skip=figure)
    after = _after_brackets(figure)
    if after is not None and after.pos_ == "NOUN" and after.tag_ in ("NN", "NNS") and after.i > figure.end - 1 and not after.is_stop:
        # 'any formal £800m offer for the club': the noun right after a sum is what it measures,
        # whatever the parser hung the sum on.
        return _noun_phrase(after, skip=figure)
    if root.dep_ in ("dobj", "attr") and head.pos_ == "NOUN":
        # 'he argued asylum cost £2bn a year': a verb the tagger took for a noun ('cost') and its subject.
        return _noun_phrase(head, skip=figure)
    if _is_money(figure) and after is not None and after.lower_ == "in":
        # Only a bare noun says what the money is ('in damages'); 'in a sale' says where it went.
        objects = [
            c for c in after.children
            if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN") and not any(d.dep_ == "det" for d in c.children)
        ]
        if objects:
            return _noun_phrase(objects[0], skip=figure)  # '$27bn (£14bn) in unpaid taxes'
    if root.dep_ == "npadvmod" and head.pos_ == "ADJ" and head.dep_ == "amod" and head.head.pos_ == "NOUN":
        # '£200m less debt', '5% more staff': the amount by which the noun is more or less.
        return _noun_phrase(head.head, skip=figure)
    if _is_percent(figure) and root.dep_ == "dobj" and head.lemma_ in STAKE_VERBS:
        # 'X owns 28.1%', 'a fund which holds about 5%', 'who own 28.9% of the club': a stake. What is
        # held in shares is one thing: '10% of the top positions' (a plural) is no stake.
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        owned = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        holder = _holder(head, figure)
        stake = f"{_possessive(holder)} stake" if holder else "stake"
        if owned is None:
            return stake
        if _word(owned.lower_) in STAKE_NOUNS:  # '10% of its stake in Acme'
            return _phrase([t for t in owned.subtree if not _holds(t, figure)])
        if owned.tag_ not in ("NNS", "NNPS"):
            return f"{stake} in {_owned(owned, figure)}"
    # '45% of the vote', '$20bn in damages': what the figure is an amount or a share of.
    preps = ("of", "in") if _is_money(figure) else ("of",)
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ in preps), None)
    if of is not None and (objects := [c for c in of.children if c.dep_ == "pobj"]):
        noun = objects[0]
        if not (noun.lemma_.lower() in _VAGUE_NOUNS and any(c.lower_ in ("this", "that") for c in noun.children)):
            phrase = _noun_phrase(noun, skip=figure)
            return f"stake in {phrase}" if noun.pos_ == "PROPN" and of.lower_ == "of" else phrase
    if _is_money(figure) and root.dep_ == "dobj" and head.lemma_ in MONEY_VERBS:
        # 'Acme has offered £1.3bn for X' is an offer for X, as 'Acme's £1.35bn offer for X' is.
        noun = MONEY_VERBS[head.lemma_]
        prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "to", "on") and not _holds(c, figure)), None)
        if prep is None:  # 'offered £1.3bn ($2.48bn) for X': the parser may hang the 'for' on the sum
            prep = next((c for c in root.children if c.dep_ == "prep" and c.lower_ in ("for", "to", "on") and c.i >= figure.end), None)
        subject, _ = _subject(head, figure)
        if subject is not None and (payer := _name(subject)):
            noun = f"{_possessive(payer)} {noun}"  # 'Acme's offer for X'
        return f"{noun} {_phrase(list(prep.subtree), limit=6)}" if prep is not None else noun
    if root.dep_ == "pobj" and head.dep_ == "prep":
        holder = head.head
        # "in excess of $10 million", "a total of 300": the measure is what the quantifier qualifies.
        quantified = False
        while holder.lemma_.lower() in _QUANTIFIER_NOUNS and holder.head.dep_ == "prep":
            holder, quantified = holder.head.head, True
        if quantified and _is_money(figure) and holder.lower_ not in MONEY_NOUNS:
            # 'granting loans to run the industry in excess of $10 million': the parser hangs the
            # amount on the nearest noun; a sum is a cap on the money noun of the clause above.
            holder = _money_noun_above(holder) or holder
        if holder.pos_ in ("NOUN", "PROPN"):
            return _noun_phrase(holder, skip=figure)
        # 'raised its bid to £1.5bn', 'boost the dividend by 27%': what the verb changes or values.
        changed = next((c for c in holder.children if c.dep_ == "dobj" and not _holds(c, figure)), None)
        if changed is not None and changed.pos_ in ("NOUN", "PROPN"):
            return _noun_phrase(changed, skip=figure)
        return _clause_measure(holder, figure)
    return _clause_measure(head if root.dep_ != "ROOT" else root, figure)


def _owned(noun: Token, figure: Span) -> str:
    """What a stake is in: 'Acme', 'the club' (a common noun keeps its 'the')."""
    phrase = _noun_phrase(noun, skip=figure)
    if noun.pos_ != "PROPN" and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return f"the {phrase}"
    return phrase


def _is_percent(figure: Span) -> bool:
    return bool(re.search(r"%|\bper\s?cent\b|\bpct\b", figure.text, re.IGNORECASE)) and "point" not in figure.text.lower()


def _money_noun_above(token: Token) -> Token | None:
    """The nearest noun for money ('loans', 'payment') that is the object of a verb above *token*."""
    for _ in range(5):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            found = next((c for c in token.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.lower_ in MONEY_NOUNS), None)
            if found is not None:
                return found
    return None


def _after_brackets(figure: Span) -> Token | None:
    """The token after a figure, past a bracketed conversion: '$900m (£479m) loan' → 'loan'."""
    doc = figure.doc
    i = figure.end
    if i < len(doc) and doc[i].text == "(":
        while i < len(doc) and doc[i].text != ")" and i - figure.end < 12:
            i += 1
        i += 1
    return doc[i] if i < len(doc) else None


def _is_money(figure: Span) -> bool:
    return bool(re.search(rf"{_alternatives(SYMBOLS)}|{_alternatives(CURRENCY_NAMES)}", figure.text, re.IGNORECASE))


_COMPLEMENTS = ("dobj", "attr", "dative", "acomp", "oprd", "agent")
# Verbs that only link a subject to its amount: the subject alone says what is measured.
_LINKING_VERBS = {"be", "amount", "total", "stand", "reach", "come", "rise", "climb", "fall", "drop", "grow", "surge", "jump", "increase", "decline", "soar", "plunge", "remain", "close", "end", "finish", "open", "trade"}


def _holds(token: Token, figure: Span) -> bool:
    return any(figure.start <= t.i < figure.end for t in token.subtree)


def _subject(verb: Token, figure: Span) -> tuple[Token | None, Token]:
    """The subject of *verb*, looking up through 'undertook to pay', and the verb that has it."""
    current = verb
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ in ("which", "that", "who") and current.dep_ == "relcl":
            subject = current.head  # 'TCI, which holds about 5%'
        if subject is not None:
            if subject.pos_ == "PRON" or _holds(subject, figure):
                return None, current
            return subject, current
        if current.dep_ not in ("xcomp", "advcl", "conj", "ccomp", "acomp") or current.head.i == current.i:
            break
        current = current.head
    return None, verb


def _clause_measure(verb: Token, figure: Span) -> str:
    """What a figure in a clause measures: 'Acme earns … from exports', 'the Treasury lent … to Y'.

    The subject, the verb (with 'undertook to' when the subject belongs to a verb above it) and the
    verb's complements or, failing those, its first prepositional phrase, all without the figure.
    """
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject, owner = _subject(verb, figure)
    parts: list[str] = []
    if subject is not None:
        subject_phrase = _phrase([t for t in subject.subtree if not _holds(t, figure)], limit=8)
        if verb.lemma_ in _LINKING_VERBS:
            return subject_phrase  # 'the cost of the systems amounted to $2.5bn', 'profit was …'
        parts.append(_phrase([t for t in subject.subtree if t.i <= subject.i], limit=5))
    chain = verb.doc[owner.i : verb.i + 1] if owner.i < verb.i and verb.i - owner.i <= 4 else [verb]
    verb_words = [t for t in chain if t.pos_ in ("VERB", "AUX", "PART") or t is verb]
    verb_words += [c for c in verb.children if c.dep_ == "prt"]
    is_copula = verb.lemma_ == "be" and subject is None
    complements = [
        c for c in verb.children
        if c.dep_ in _COMPLEMENTS and c.i > verb.i and not _holds(c, figure) and not _in_brackets(c)
    ]
    if not complements:
        complements = [
            c for c in verb.children
            if c.dep_ in ("prep", "advmod", "npadvmod") and c.i > verb.i and not _holds(c, figure)
            and not _in_brackets(c) and len(list(c.subtree)) > 1
        ][:1]
    bare_verb = subject is None and not complements and verb.pos_ in ("VERB", "AUX")  # a noun root ('sale') says it
    if bare_verb or _in_brackets(verb) and not _in_brackets(figure.root):
        # A verb alone ('worked out', 'holds', 'be') or an aside's ('(compared to …) other than £200m')
        # does not say what is measured. What may: the noun the verb's clause qualifies ('schemes
        # costing £885m', 'reserves, which it set at $500m'), a verb the tagger took for the noun
        # after the figure ('£12.5m funding'), a rate the figure carries ('£143,000 per asylum
        # seeker'); else nothing.
        qualifies = verb.dep_ == "relcl" or verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBN")  # not 'ability to run'
        if qualifies and verb.head.pos_ in ("NOUN", "PROPN") and not _in_brackets(verb):
            return _noun_phrase(verb.head, skip=figure)
        if verb.i == figure.end and verb.tag_ in ("VBG", "NN"):
            return verb.text
        per = next((c for c in figure.root.children if c.dep_ == "prep" and c.lower_ == "per"), None)
        return _phrase(list(per.subtree), limit=6) if per is not None else ""
    if not is_copula:
        parts.append(" ".join(t.text for t in sorted(verb_words, key=lambda t: t.i)))
    parts += [_phrase(list(c.subtree), limit=6) for c in sorted(complements, key=lambda t: t.i)]
    text = " ".join(p for p in parts if p)
    return " ".join(text.split()[:12])


# --------------------------------------------------------------------------- detection


def figure_mentions(doc: Doc) -> list[FigureMention]:
    """Money, percentages, counts and quantities in *doc*, in text order."""
    starts = sentence_index(doc)
    text = doc_text(doc)
    found: list[FigureMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: float, unit: str) -> None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(FigureMention(
            value=value, unit=unit, text=text[start:end], measures=measures(span),
            start=start, end=end, sentence=starts[span[0].sent.start],
        ))

    for m in (m for pattern in _MONEY for m in pattern.finditer(text)):
        number = float(m["num"].replace(",", ""))
        scale = m["scale"].lower() if m["scale"] else None
        if "cur" in m.groupdict():
            unit = SYMBOLS.get(m["cur"].strip(), m["cur"].strip().upper())
        else:
            unit = CURRENCY_NAMES.get(m["name"].lower(), m["name"].upper())
        if unit not in CODES and unit not in SYMBOLS.values():
            continue
        value, end = number * (SCALES[scale] if scale else 1), m.end()
        if "name" in m.groupdict() and (cents := re.match(r"\s+cents?\b", text[end:])):
            value, end = value / 100, end + cents.end()  # '70 euro cents' is 0.70 EUR
        add(m.start(), end, value, unit)
    _drop_conversions(found, taken, text)
    for m in _PERCENT.finditer(text):
        unit = "percentage points" if m["unit"].lower().startswith("percentage") else "percent"
        add(m.start(), m.end(), float(m["num"].replace(",", "")), unit)
    for ent in entities(doc):
        if ent.label_ not in ("CARDINAL", "QUANTITY", "MONEY"):
            continue
        # spaCy sometimes takes in a word before the number ("flew 300 kilometers").
        first = next((t.i for t in ent if t.like_num or t.lower_ in NUMBER_WORDS), None)
        if first is not None and (figure := _count_or_quantity(doc[first : ent.end])):
            add(doc[first].idx, ent.end_char, *figure)
    return sorted(found, key=lambda f: f.start)


_CONVERSION_GAP = re.compile(r"\s*(?:\(|;|,|/)\s*(?:about\s+|around\s+|roughly\s+|some\s+)?$")


def _drop_conversions(found: list[FigureMention], taken: list[tuple[int, int]], text: str) -> None:
    """'$900m (£479m)', '£1.3bn ($2.48bn; 1.88bn euros)': the bracketed sums convert the first one."""
    money = sorted(found, key=lambda f: f.start)
    anchor = None
    for figure in money:
        if anchor is not None and _CONVERSION_GAP.fullmatch(text[anchor.end : figure.start]) and "(" in text[anchor.end : figure.start + 1] + text[max(0, figure.start - 40) : figure.start]:
            found.remove(figure)
            taken.remove((figure.start, figure.end))
            anchor = figure  # a third value after a ';' converts the same first one
            continue
        anchor = figure


def _count_or_quantity(ent: Span) -> tuple[float, str] | None:
    """(value, unit) for a count or a quantity worth reporting, None for noise."""
    doc = ent.doc
    text = ent.text
    before = doc_text(doc)[max(0, ent.start_char - 1) : ent.start_char]
    after = doc_text(doc)[ent.end_char : ent.end_char + 2]
    if re.match(r"[-\w/]", before) or re.match(r"-\w|/\d", after):  # A-320, F-16, 24/7
        return None
    number_tokens = [t for t in ent if t.like_num or t.lower_ in NUMBER_WORDS or t.lower_ in SCALES]
    unit_tokens = [t for t in ent if t not in number_tokens and not t.is_punct]
    value = parse_number(" ".join(t.text for t in number_tokens))
    if value is None or ent.root.tag_ == "CD" and re.fullmatch(r"(1[89]|20)\d\d", text):
        return None
    first = ent[0]
    sentence = first.sent
    if first.i == sentence.start and (
        len(sentence) <= 2 or doc[first.i + 1 : first.i + 2].text in (".", ")")
    ):  # list numbering "1." or a bare number on its own line
        return None
    unit_words = " ".join(t.lower_ for t in unit_tokens)
    if unit_words in QUANTITY_UNITS:
        return value, QUANTITY_UNITS[unit_words]
    if unit_tokens:
        return None
    written_on = doc[ent.end] if ent.end < len(doc) and not ent[-1].whitespace_ else None
    if written_on is not None and written_on.is_alpha:
        return None  # "200m", "4x4", "3G": a unit or a scale written onto the number (metres or millions?)
    head = ent.root.head
    following = doc[ent.end : ent.end + 2]
    if any(t.lower_ in NOT_COUNTED for t in following) or head.lower_ in NOT_COUNTED:
        return None  # durations, ages, "6 Min Read"
    if ent.root.dep_ == "appos" or head.ent_type_ in ("PERSON", "ORG", "GPE", "FAC", "WORK_OF_ART"):
        return None  # "Kopp, 44," is an age; "Arabi 21" a name
    if ent.root.dep_ != "nummod" or head.pos_ != "NOUN":
        return None
    if value == 1 and first.lower_ in ("one", "a", "an"):
        return None
    return value, "count"


# --------------------------------------------------------------------------- merging


_STOP = frozenset("the a an of in on for to and by with its their this that s".split())


def _word(word: str) -> str:
    """A measure's word as compared: no plural 's', and one noun for a part owned ('shareholding' → 'stake')."""
    word = word.rstrip("s")
    return STAKE_NOUNS.get(word, word)


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    return frozenset(_word(w) for w in re.findall(r"[a-z0-9-]+", text.lower()) if w not in _STOP)


def _similar(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return not wa and not wb
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.5


@lru_cache(maxsize=4096)
def _head(measure: str) -> tuple[str, str | None]:
    """The noun a measure is about and its complement: 'stake in Acme' → ('stake', 'acme')."""
    parts = re.split(r"\s(?:of|for|to|in|on)\s", measure.lower(), maxsplit=1)
    words = re.findall(r"[a-z0-9-]+", parts[0])
    complement = " ".join(re.findall(r"[a-z0-9-]+", parts[1])) if len(parts) > 1 else None
    return (_word(words[-1]) if words else ""), complement


def significant_digits(text: str) -> int:
    """How many significant digits the first number written in *text* has: '28.1%' 3, '4.75' 3,
    '1,200' 2, '0.05' 1, '5%' 1; a number in words ('four') has none."""
    number = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if number is None:
        return 0
    digits = number[0].replace(",", "")
    whole, _, fraction = digits.partition(".")
    if fraction:
        return len((whole + fraction).lstrip("0"))
    return len(whole.strip("0"))


#: A value written with this many significant digits or more ('28.1%', '6,932') is one fact wherever
#: one story gives it, whatever each writer says it measures; '5%' or '300' may be several.
PRECISE_DIGITS = 3


def _precise(figure: KeyFigure | FigureMention) -> bool:
    return figure.unit not in CODES and significant_digits(figure.text) >= PRECISE_DIGITS


def _same_thing(figure: KeyFigure, mention: FigureMention) -> bool:
    """Strong enough evidence to call two values a discrepancy: the same head noun and complement,
    and, for counts and shares, more than one bare word ('companies' alone is anybody's)."""
    owners = {_sought_by(figure.measures), _sought_by(mention.measures)}
    if len(owners) == 2 and None not in owners:
        return False  # two parties' claims, not two reports of one
    if figure.unit not in CODES and _owners_differ(figure.measures, mention.measures):
        return False  # 'TCI's 5% stake' and 'Atticus Capital's 2% stake' are two stakes
    (head, complement), (other_head, other_complement) = (
        _head(_without_claimant(figure.measures)), _head(_without_claimant(mention.measures))
    )
    if head != other_head or (complement and other_complement and not _same_complement(complement, other_complement)):
        return False
    if head in STAKE_NOUNS and not _owner_words(figure.measures) & _owner_words(mention.measures):
        return False  # many hold stakes in one company: 'stake in X' of 28.1% and of 28.9% may be two holders'
    # Whose it is says nothing of what is counted: 'Acme's stake' is one word, as 'stake' is.
    shortest = min(len(_words(figure.measures) - _owner_words(figure.measures)),
                   len(_words(mention.measures) - _owner_words(mention.measures)))
    if shortest < 2 and max(abs(figure.value), abs(mention.value)) > 2 * min(abs(figure.value), abs(mention.value)):
        return False  # a bare 'loan' of $900m and a bare 'loan' of $6bn are two loans, not one misreported
    return mention.unit in CODES or shortest >= 2


def _owner_words(measure: str) -> frozenset[str]:
    """The words of whose a measure says it is: 'Acme's stake in X' → {'acme'}, a claimant."""
    if (claimant := _sought_by(measure)) is not None:
        return _words(claimant)
    head_part = re.split(r"\s(?:of|for|to|in|on)\s", measure, maxsplit=1)[0]
    owner = re.match(r"(.+?)'s?\s", head_part)
    return _words(owner[1]) if owner else frozenset()


def _owners_differ(a: str, b: str) -> bool:
    """Two stakes credited to holders with no word in common ('TCI's stake', 'Atticus Capital's
    stake'). Only stakes: in 'Acme's shares' the possessive names the company, not who holds them."""
    if _head(a)[0] not in STAKE_NOUNS or _head(b)[0] not in STAKE_NOUNS:
        return False
    wa, wb = _owner_words(a), _owner_words(b)
    return bool(wa and wb and not wa & wb)


def _label_rank(measure: str) -> tuple[int, int]:
    """How much a wording says of what a figure measures: how many of whose it is and what it is of
    or in it says, then how many names (capitalised words after the first) it gives."""
    _, complement = _head(_without_claimant(measure))
    names = sum(1 for w in measure.split()[1:] if w[:1].isupper())
    return bool(_owner_words(measure)) + (complement is not None), names


def _better_label(new: str, shown: str) -> bool:
    """Whether a merged mention's wording says more than the row's: any wording beats none; else only
    one of the same thing (the same head noun) that ranks higher (see _label_rank); ties keep the first."""
    if not new or not shown:
        return bool(new) and not shown
    if _head(_without_claimant(new))[0] != _head(_without_claimant(shown))[0]:
        return False
    return _label_rank(new) > _label_rank(shown)


def _step(text: str, value: float) -> float:
    """The step a value is written to: '29%' 1, '28.9%' 0.1, '$2.5bn' 1e8, '1,200' 100, 'four' 1."""
    number = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if number is None or not float(number[0].replace(",", "")):
        return 10 ** math.floor(math.log10(abs(value))) if value else 1.0
    digits = number[0].replace(",", "")
    scale = value / float(digits)
    whole, _, fraction = digits.partition(".")
    if fraction:
        return scale * 10 ** -len(fraction)
    return scale * 10 ** (len(whole) - len(whole.rstrip("0")))


def _consistent(a_text: str, a: float, b_text: str, b: float) -> bool:
    """Whether two close values can be one value written to different steps: '29%' and '28.9%' (the
    one rounds to the other), not '28.7%' and '28.9%' (a discrepancy, however close)."""
    coarse = max(_step(a_text, a), _step(b_text, b))
    return abs(a - b) <= coarse / 2 * (1 + 1e-9)


def _same_complement(a: str, b: str) -> bool:
    """'the london stock exchange' and 'the lse' (its initials), 'deutsche boerse' and 'deutsche'
    (the words of one among the other's); not 'manchester united' and 'newcastle united'."""
    wa, wb = _words(a), _words(b)
    if wa and wb and (wa <= wb or wb <= wa):
        return True
    initials = lambda words: "".join(w[0] for w in words.split() if w not in _STOP)
    return any(len(w) >= 2 and (w == initials(a) or w == initials(b)) for w in wa | wb)


def _sought_by(measure: str) -> str | None:
    parts = measure.lower().rsplit(" sought by ", 1)
    return parts[1] if len(parts) == 2 else None


def _without_claimant(measure: str) -> str:
    return measure.rsplit(" sought by ", 1)[0]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(abs(a), abs(b))


def _value_bucket(value: float) -> tuple[int, int]:
    """A bucket of values such that two values within 1% of each other (see _close) fall in the
    same bucket or adjacent ones: the sign, and the logarithm in steps of 5%."""
    if value == 0:
        return 0, 0
    if not math.isfinite(value):
        return 2, 0  # close to nothing, itself included
    return (1 if value > 0 else -1), math.floor(math.log(abs(value)) / _BUCKET_STEP)


_BUCKET_STEP = math.log(1.05)  # wider than the 1% of _close, so close values are one bucket apart at most


def _near(index: dict, unit: str, value: float, words: frozenset[str] | None = None) -> list:
    """The entries of *index* (unit, bucket, word) → entries near *value*: a superset of the close
    ones. With *words*, those indexed under one of them (None: under no word, for no words)."""
    sign, step = _value_bucket(value)
    buckets = [(0, 0)] if sign == 0 else [(sign, n) for n in (step - 1, step, step + 1)]
    keys = [None] if words is None or not words else list(words)
    return [e for b in buckets for w in keys for e in index.get((unit, b, w), ())]


def merge_figures(analyses: Mapping[int, Analysis]) -> list[KeyFigure]:
    """One KeyFigure per fact across sources, most important first.

    The same unit, a value within 1% and a similar measure are one fact (for money the amount is
    enough, however each writer phrases what it pays for), but only between sources that tell the
    same story (their most mentioned names share a word, see story_words): in a folder of unrelated
    articles, "$300m" in one and "$300m" in another are two facts. Another value for the same
    measure from a different source of the same story is listed under ``conflicting``. Order: money
    first, then the number of sources, then magnitude.

    A value written precisely (three significant digits or more, not money: '28.1%', '6,932') is one
    fact wherever one story gives it, whatever each writer says it measures ('a 28.1% stake', 'his
    28.1% shareholding', 'X owns 28.1%'); a round one ('5%', 'two') needs a similar measure too. A
    figure whose measure is empty (see measures: nothing better than a bare verb) takes the measure
    of the first mention merged into it that has one.

    Each mention is compared with the figures and listed values of its unit near its value (indexed
    by unit and by value in steps of 5%, and but for money by the words of the measure, as a similar
    measure shares one) and, for a discrepancy, with those of its unit whose
    measure has the same head noun (see _same_thing), in the order they were made, so it matches
    the same one a scan of every figure would.
    """
    figures: list[KeyFigure] = []
    words_of: list[frozenset[str]] = []  # _words of each figure's measure
    story = {source_id: story_words(analysis) for source_id, analysis in analyses.items()}
    story_of: list[set[str]] = []  # story words of each figure's sources
    # (unit, bucket, word of the measure) → figures; money under None only, as a measure without words
    by_value: dict[tuple[str, tuple[int, int], str | None], list[int]] = {}
    by_head: dict[tuple[str, str], list[int]] = {}  # (unit, head noun of the measure) → figures
    # (unit, bucket, word) → (figure, its n-th listed value) for each value listed as a discrepancy
    listed_by_value: dict[tuple[str, tuple[int, int], str | None], list[tuple[int, int]]] = {}
    by_exact: dict[tuple[str, float], list[int]] = {}  # (unit, value) → figures written precisely (see _precise)
    written: list[dict[float, str]] = []  # each figure's values as first written, the first one first

    def keys(unit: str, words: frozenset[str]) -> list[str | None]:
        return [None] if unit in CODES or not words else list(words)

    def similar(n: int, words: frozenset[str]) -> bool:  # _similar(figures[n].measures, mention.measures)
        wa = words_of[n]
        if not wa or not words:
            return not wa and not words
        return len(wa & words) / min(len(wa), len(words)) >= 0.5

    def told_alike(n: int, source_id: int) -> bool:
        return source_id in figures[n].sources or same_story(story_of[n], story[source_id])

    def list_value(n: int, value: FigureValue) -> None:
        figure = figures[n]
        for w in keys(figure.unit, words_of[n]):
            listed_by_value.setdefault((figure.unit, _value_bucket(value.value), w), []).append((n, len(figure.conflicting)))
        figure.conflicting.append(value)

    def index(n: int, *, again: bool = False) -> None:
        """File figure *n* under its unit, value and measure; *again* after its measure changed (the
        entries under the old measure stay: a lookup checks the measure a figure has now)."""
        figure = figures[n]
        for w in keys(figure.unit, words_of[n]):
            entries = by_value.setdefault((figure.unit, _value_bucket(figure.value), w), [])
            if not again or n not in entries:
                entries.append(n)
            for k, value in enumerate(figure.conflicting):
                listed = listed_by_value.setdefault((figure.unit, _value_bucket(value.value), w), [])
                if (n, k) not in listed:
                    listed.append((n, k))
        heads = by_head.setdefault((figure.unit, _head(_without_claimant(figure.measures))[0]), [])
        if not again:
            heads.append(n)
        elif n not in heads:
            bisect.insort(heads, n)  # in the order the figures were made, as a scan would meet them

    for source_id, analysis in analyses.items():
        for mention in analysis.figures:
            sentence = analysis.sentences[mention.sentence]
            citation = Citation(source_id=source_id, start=sentence.start, end=sentence.end)
            unit, money = mention.unit, mention.unit in CODES
            words = _words(mention.measures)
            # The same sum of money is the same fact however each writer phrases what it pays for.
            agreeing = next(
                (
                    n for n in sorted(set(_near(by_value, unit, mention.value, None if money else words)))
                    if (money or similar(n, words) and not _owners_differ(figures[n].measures, mention.measures))
                    and told_alike(n, source_id) and _close(figures[n].value, mention.value)
                    and _consistent(figures[n].text, figures[n].value, mention.text, mention.value)
                ),
                None,
            )
            if agreeing is None and _precise(mention):
                # '28.1%' in one story is one fact, be it called a stake, a shareholding or what X owns.
                agreeing = next(
                    (n for n in by_exact.get((unit, mention.value), ())
                     if figures[n].value == mention.value and told_alike(n, source_id)),  # not a value it gave up
                    None,
                )
            if agreeing is not None:
                figure = figures[agreeing]
                _cite(figure, source_id, citation)
                story_of[agreeing] |= story[source_id]
                written[agreeing].setdefault(mention.value, mention.text)
                if _step(mention.text, mention.value) < _step(figure.text, figure.value):
                    # '28.9%' after '29%': the row shows the value as precisely as a source gives it.
                    figure.value, figure.text = mention.value, mention.text
                    exact = by_exact.setdefault((unit, mention.value), [])
                    if _precise(mention) and agreeing not in exact:
                        bisect.insort(exact, agreeing)  # in the order made, as a scan would meet them
                    index(agreeing, again=True)
                if _better_label(mention.measures, figure.measures):
                    # The wording that says most ('Acme's stake in X' over 'stake'), the citations unchanged.
                    figure.measures = mention.measures
                    words_of[agreeing] = words
                    index(agreeing, again=True)
                continue
            # A value already shown beside another as a discrepancy gathers its own sources there.
            listed = next(
                (
                    figures[n].conflicting[k]
                    for n, k in sorted(set(_near(listed_by_value, unit, mention.value, None if money else words)))
                    if (money or similar(n, words)) and told_alike(n, source_id)
                    and _close(figures[n].conflicting[k].value, mention.value)
                    and _consistent(figures[n].conflicting[k].text, figures[n].conflicting[k].value, mention.text, mention.value)
                ),
                None,
            )
            if listed is not None:
                _cite(listed, source_id, citation)
                continue
            # A discrepancy needs the same thing counted: 'two bank accounts' and 'five banks' differ.
            # (Which needs a head noun in common, and for what is not money two words or more.)
            rival = None
            if money or len(words) >= 2:
                rival = next(
                    (
                        n for n in by_head.get((unit, _head(_without_claimant(mention.measures))[0]), ())
                        if similar(n, words) and source_id not in figures[n].sources and _same_thing(figures[n], mention)
                        and told_alike(n, source_id)
                    ),
                    None,
                )
            if rival is not None:
                story_of[rival] |= story[source_id]
                other = next(
                    (v for v in figures[rival].conflicting
                     if _close(v.value, mention.value) and _consistent(v.text, v.value, mention.text, mention.value)),
                    None,
                )
                if other is None:
                    list_value(rival, FigureValue(value=mention.value, text=mention.text, sources=[source_id], citations=[citation]))
                else:
                    _cite(other, source_id, citation)
                continue
            n = len(figures)
            figures.append(KeyFigure(
                value=mention.value, unit=mention.unit, text=mention.text, measures=mention.measures,
                sources=[source_id], citations=[citation],
            ))
            words_of.append(words)
            story_of.append(set(story[source_id]))
            written.append({mention.value: mention.text})
            index(n)
            if _precise(mention):
                by_exact.setdefault((unit, mention.value), []).append(n)
    for figure, values in zip(figures, written):
        if others := [text for value, text in values.items() if value != figure.value]:
            figure.text = f"{figure.text} (also written {', '.join(others)})"
    return sorted(figures, key=lambda f: (f.unit not in CODES, -len(f.sources), -abs(f.value)))


def _cite(target: KeyFigure | FigureValue, source_id: int, citation: Citation) -> None:
    if source_id not in target.sources:
        target.sources.append(source_id)
    if citation not in target.citations:
        target.citations.append(citation)
