"""Time expressions, the events they anchor and the publication date they imply, in one source.

Merging events across sources is :mod:`briefgen.extract.chronology`.

Detection comes from spaCy's DATE and TIME entities; every value comes from
:func:`briefgen.extract.dates.normalise`, where all the normalisation rules live.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ..model import EventMention, TimeExpression
from .dates import _WORDS, Tense, anchor_range, normalise, value_range
from .docs import doc_text, entities, memo, sentence_index, tokens
from .gazetteer import time_zones

FORWARD_CUES = frozenset(_WORDS["forward_cues"])
INTENTION_CUES = frozenset(_WORDS["intention_cues"])
COMMITMENT_CUES = frozenset(_WORDS["commitment_cues"])
OPENERS = sorted((o.split() for o in _WORDS["discourse_openers"]), key=len, reverse=True)
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_DATE_VALUE = re.compile(r"^\d{4}(?:-|$)")
_CLASSES_DATA = json.loads(files("briefgen.data").joinpath("event_classes.json").read_text("utf-8"))
_CLASSES = {name: frozenset(words) for name, words in _CLASSES_DATA["classes"].items()}
VAGUE_FUTURE = sorted(_CLASSES_DATA["vague_future"], key=len, reverse=True)
NEGATIONS = frozenset(_CLASSES_DATA["negations"])
_STOP = frozenset(
    "the a an of in on at to for by with and or that this was were is are be been has have had "
    "it its as from will would which who said says also".split()
)


# --------------------------------------------------------------------------- tense


def _governing_verb(token: Token) -> Token:
    """The verb a token hangs from: the head of the clause it sits in.

    Verbs used as prepositions ("according to", "following") and bare infinitives ("to resolve")
    are passed over: the event is the clause they attach to.
    """
    while token.head.i != token.i and (
        token.pos_ not in ("VERB", "AUX") or token.dep_ in ("prep", "xcomp", "pcomp") or _infinitive(token)
    ):
        token = token.head
    return token


def _infinitive(verb: Token) -> bool:
    """'In order to resolve ...': a purpose clause, not the event the date belongs to."""
    return verb.dep_ in ("acl", "advcl") and any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)


def clause_tense(token: Token) -> Tense:
    """Past, present or future, from the auxiliaries and tags around the governing verb."""
    verb = _governing_verb(token)
    chain = [verb]
    # "plans to sign in 2020": the cue sits on the verb that governs the clause.
    while chain[-1].dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl", "conj") and len(chain) < 4:
        chain.append(chain[-1].head)
    for v in chain[:2]:
        words = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass", "neg")} | {v.lemma_.lower()}
        if words & {"will", "shall", "'ll", "wo"}:
            return "future"
        if v.lemma_.lower() in FORWARD_CUES and v.i != verb.i:
            return "future"
        # "is going to sign"; not the main verb "going" ("has been going on since ...").
        if any(c.lower_ == "going" and c.dep_ in ("aux", "auxpass") for c in v.children) or (
            v.lower_ == "going" and v.head.dep_ != "ROOT"
        ):
            return "future"
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "VBD" for c in auxiliaries) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and not any(c.tag_ in ("VBZ", "VBP", "MD") for c in auxiliaries):
        return "past"
    if verb.tag_ == "VB" and any(c.lower_ == "would" for c in verb.children):
        return "future"
    return "present"


def _is_forward(verb: Token, date_value: str, published: str | None, *, deadline: bool = False,
                inferred: bool = False, hedges: bool = True) -> bool:
    """A forward-looking clause: its own verb is future or hedged ("could be floated in 2006"), its
    date is a target ("*deadline*": "spending anticipated by 2011") that no finite past verb says
    was met, or its date is after publication.

    A past report of a plan ("X announced that Y plans to ...") is a past event, so only the
    clause's main verb and its auxiliaries count; *hedges* is False for a relative date ("today it
    could be ..." is a remark, not a plan). A publication date *inferred* from the text is
    only the earliest it can have been written, so a date after it is not for that reason ahead.
    """
    if clause_tense(verb) == "future":
        return True
    own = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass", "acomp", "xcomp"))]
    if any(t.lemma_.lower() in FORWARD_CUES for t in own) and verb.tag_ not in ("VBD", "VBN"):
        return True
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if hedges and auxiliaries & _HEDGES and "have" not in auxiliaries:  # not "could have been"
        return True
    finite = verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)
    if deadline and not finite:
        return True
    bounds, pub = value_range(date_value), anchor_range(published)
    return bool(not inferred and bounds and pub and bounds[0] > pub[1])


_HEDGES = frozenset({"could", "might", "may"})


# --------------------------------------------------------------------------- time expressions


def _sentence_of(token: Token, starts: dict[int, int]) -> int:
    return starts[token.sent.start]


def time_expressions(doc: Doc, *, published: str | None, lower_bound: bool = False) -> list[TimeExpression]:
    """Every DATE/TIME entity with its TIMEX3 value, normalised against *published*.

    Relative expressions get value None when *published* is None. When *published* is a month or a
    year, the latest day the text reports in the past tense is a lower bound on it: an article of
    2021-08 that tells what happened on Aug. 23 was written on 2021-08-23 or later, so "earlier in
    the week" falls in 2021-08.

    With *lower_bound*, *published* is only the earliest the text can have been written (a date
    inferred from the text that the text does not corroborate, see :func:`guess_is_corroborated`),
    so nothing is counted from it: "last year", "on Friday" and "in November" have value None, as
    without a publication date. Counted from a lower bound they would be too early by however long
    the text was written after its latest date, and a wrong date is worse than none. A month without
    a year that follows an explicit one closely in the text ("at the end of June 2020 ... in
    mid-July") still continues its year (see :func:`_time_expressions`).
    """
    if lower_bound:
        return [t for t, _ in _time_expressions(doc, None, continue_months=True)]
    found = _time_expressions(doc, published)
    narrowed = _narrowed(published, found)
    return [t for t, _ in (_time_expressions(doc, narrowed) if narrowed != published else found)]


#: How many months after the explicit month before it a month without a year may be and still be
#: read as continuing its year when there is no publication year to read it from.
CONTINUATION_MONTHS = 2


def _time_expressions(
    doc: Doc, published: str | None, *, continue_months: bool = False
) -> list[tuple[TimeExpression, Tense]]:
    """Detect and normalise. When *published* is only a year, a month or day without a year takes
    the year of the explicit date before it in the text ("In October 2004 ... in November" is
    2004-11 in a text of 2005), or the year after when it would go back in time.

    With *continue_months* (and no *published*), a month or day without a year takes the year of the
    explicit month before it only when it comes at most CONTINUATION_MONTHS later in that year: "at
    the end of June 2020 ... in mid-July" is a story told in order, but in "since its launch in March
    2002 ... released in November" the November is as likely the text's own year (there it was two
    years later), which only a publication date can tell.
    """
    starts = sentence_index(doc)
    bounds = anchor_range(published)
    by_year = bounds is not None and (bounds[1] - bounds[0]).days > 31
    context: tuple[int, int] | None = None  # the last explicit (year, month) read
    found: list[tuple[TimeExpression, Tense]] = []
    for ent in entities(doc):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        for span in _parts(ent):
            tense = clause_tense(span.root)
            result = normalise(span.text, published=published, tense=tense)
            value, kind = result if result is not None else (None, "fuzzy")
            if value and _DATE_VALUE.match(value) and kind in ("absolute", "fuzzy"):
                context = (int(value[:4]), int(value[5:7]) if re.match(r"^\d{4}-\d\d", value) else 0)
            elif by_year and kind == "partial" and context and bounds[0].year - 1 <= context[0] <= bounds[1].year:
                month = int(value[5:7]) if value and re.match(r"^\d{4}-\d\d", value) else 0
                year = context[0] + (0 < month < context[1])
                if year <= bounds[1].year:
                    value = normalise(span.text, published=str(year), tense="present")[0]
            elif continue_months and value is None and kind in ("partial", "fuzzy") and context and context[1]:
                within = normalise(span.text, published=f"{context[0]:04d}", tense="present")
                month = int(within[0][5:7]) if within and within[0] and re.match(r"^\d{4}-\d\d", within[0]) else 0
                if 0 <= month - context[1] <= CONTINUATION_MONTHS:
                    value = within[0]
            if tense == "past" and _governing_verb(span.root).lemma_.lower() in FORWARD_CUES:
                tense = "future"  # "was scheduled for Aug. 30" says nothing of when it was written
            found.append((
                TimeExpression(
                    text=span.text, start=span.start_char, end=span.end_char, value=value, kind=kind,
                    sentence=_sentence_of(span.root, starts),
                ),
                tense,
            ))
    return found


def _narrowed(published: str | None, found: list[tuple[TimeExpression, Tense]]) -> str | None:
    """*published* as an interval that starts at the latest past day the text reports inside it."""
    bounds = anchor_range(published)
    if bounds is None or bounds[0] == bounds[1]:
        return published
    days = [
        value_range(t.value)[0] for t, tense in found
        if tense == "past" and t.kind in ("absolute", "partial") and t.value
        and re.match(r"^\d{4}-\d\d-\d\d$", t.value)
    ]
    inside = [d for d in days if bounds[0] < d <= bounds[1]]
    return f"{max(inside).isoformat()}/{bounds[1].isoformat()}" if inside else published


_RANGE_WORDS = frozenset({",", "and", "or", "to", "through", "until", "-", "\u2013", "\u2014", "between", "from"})


def _parts(ent: Span) -> list[Span]:
    """The entity, or its parts when it is a range or list ("between 1994 and 1997")."""
    span = _trim(ent)
    if span is None:
        return []
    if normalise(span.text, published="2000-06-15", tense="past") is not None:
        return [span]
    parts, begin = [], span.start
    for token in span:
        if token.lower_ in _RANGE_WORDS:
            if token.i > begin:
                parts.append(span.doc[begin : token.i])
            begin = token.i + 1
    if begin < span.end:
        parts.append(span.doc[begin : span.end])
    parts = [p for p in (_trim(p) for p in parts) if p is not None]
    return parts if len(parts) > 1 else [span]


def _trim(ent: Span) -> Span | None:
    """Drop punctuation spaCy sometimes includes at the edges of an entity; None when nothing is
    left, or when the entity is a 24-hour clock time the model took for a year ('from 0001 GMT')."""
    start, end = ent.start, ent.end
    while start < end and (ent.doc[start].is_punct or ent.doc[start].is_space):
        start += 1
    while end > start and (ent.doc[end - 1].is_punct or ent.doc[end - 1].is_space):
        end -= 1
    if end <= start:
        return None
    if end - start == 1 and _clock_time(ent.doc[start]):
        return None
    return ent.doc[start:end]


def _clock_time(token: Token) -> bool:
    """Four digits followed by a time zone or 'hours': '0001 GMT', '1800 hours'."""
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return (
        len(token.text) == 4
        and token.text.isdigit()
        and following is not None
        and (following.text in time_zones() or following.lower_ in {"hours", "hrs", "h"})
    )


# --------------------------------------------------------------------------- events


def _clause(expression: Span) -> Span:
    """The clause a time expression anchors: its verb's subtree without side clauses."""
    verb = _governing_verb(expression.root)
    if verb.pos_ not in ("VERB", "AUX"):
        return expression.sent
    inside = set(range(expression.start, expression.end))
    # "seized and sold the unit": a verb without an object of its own shares the next verb's.
    shares = not any(c.dep_ in _OBJECTS for c in verb.children)
    keep = [verb.i]
    for child in verb.children:
        sub = [t.i for t in child.subtree]
        if child.dep_ in ("conj", "cc") and shares and child.i == verb.i + 2 - (child.dep_ == "cc"):
            keep.extend(sub)
            continue
        if child.dep_ in ("advcl", "conj", "cc", "parataxis", "punct", "mark") and not inside & set(sub):
            if not (child.dep_ == "advcl" and _if_clause(child)):  # "will sign in May if X agrees": kept
                continue
        keep.extend(sub)
    return _strip(expression.doc[min(keep) : max(keep) + 1])


def _if_clause(verb: Token) -> bool:
    """A clause opened by 'if', 'unless' or 'whether': a condition, not a fact."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children)


_OBJECTS = ("dobj", "attr", "ccomp", "xcomp", "dative", "oprd", "acomp", "prep", "agent", "pobj")


def _strip(span: Span) -> Span:
    """Without edge punctuation, leading conjunctions and discourse openers ("At the same time, ")."""
    doc, start, end = span.doc, span.start, span.end
    while True:
        while start < end and (doc[start].is_punct or doc[start].dep_ in ("cc", "mark") or doc[start].is_space
                               or (doc[start].tag_ == "WRB" and doc[start].dep_ == "advmod")):  # "when they ..."
            start += 1
        opener = next(
            (o for o in OPENERS
             if start + len(o) < end and [t.lower_ for t in doc[start : start + len(o)]] == o
             and (doc[start + len(o)].lower_ == "," or o[-1] == "that")),
            None,
        )
        if opener is None:
            break
        start += len(opener)
    # "by 27%": a percent sign is tagged punctuation but is the object's head, not punctuation.
    while end > start and ((doc[end - 1].is_punct and doc[end - 1].text != "%") or doc[end - 1].is_space):
        end -= 1
    # Close a quotation the span opens: 'said she will rule "promptly"', not 'rule "promptly'.
    if _open_quote(doc[start:end].text) and end < len(doc) and doc[end].text.startswith(('"', "\u201d")):
        end += 1
    return doc[start:end]


def _open_quote(text: str) -> str | None:
    """The closing mark a text needs when it opens a quotation it does not close."""
    if text.count('"') % 2:
        return '"'
    return "\u201d" if text.count("\u201c") > text.count("\u201d") else None


def _closed(text: str) -> str:
    """A clause cut inside a quotation ends with an ellipsis and the closing mark."""
    mark = _open_quote(text)
    return f"{text}\u2026{mark}" if mark else text


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")), None)


def _event_text(clause: Span, verb: Token) -> str:
    """Who did what: the clause, with the subject a coordinated verb shares with the verb before it
    ("the first contract was signed in April 2017 and [the first contract was] finally implemented
    in the fall of 2019"), or with the noun a relative clause describes.

    A participle is made a sentence with the words it leaves out, in brackets: "the contract,
    signed in 2000" is "the contract [was] signed in 2000"; "X owns a stake, having first bought
    into the business in 1969" is "[X] first bought into the business in 1969"."""
    doc = clause.doc
    if (verb.dep_ == "relcl" and doc[clause.start].tag_ in ("WDT", "WP", "WP$", "IN")) or (
        verb.dep_ == "acl" and verb.head.i < verb.i and verb.tag_ in ("VBN", "VBG")  # "a statement issued on Sunday"
    ):
        noun = verb.head
        # "the summit in the capital, which ...": the noun the prepositional phrase hangs from.
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head
        start = noun.left_edge.i
        if start < clause.start:
            # "the contract, signed in 2000": the participle right after its noun, nothing else between.
            if verb.dep_ == "acl" and verb.tag_ == "VBN" and noun.pos_ in ("NOUN", "PROPN") and all(
                t.is_punct for t in doc[noun.i + 1 : clause.start]
            ) and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
                was = "were" if noun.tag_ in ("NNS", "NNPS") else "was"
                return f"{_strip(doc[start : clause.start]).text} [{was}] {clause.text}"
            return _strip(doc[start : clause.end]).text
    participle = _participle_text(clause, verb)
    if participle is not None:
        return participle
    if verb.dep_ == "conj" and _subject(verb) is None:
        # The nearest verb above with a subject ("X had an attempt turned down and responded ...").
        head = next((a for a in list(verb.ancestors)[:4] if a.pos_ in ("VERB", "AUX") and _subject(a) is not None),
                    verb.head)
        subject = _subject(head)
        if subject is not None and subject.tag_ not in ("WDT", "WP") and subject.i < clause.start:
            # A participle shares the auxiliaries ("was signed ... and implemented"); a finite verb has its own tense.
            own_aux = verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in verb.children)
            aux = [] if own_aux else [c.text for c in head.children if c.dep_ in ("aux", "auxpass", "neg")]
            words = doc[subject.left_edge.i : subject.right_edge.i + 1].text
            return " ".join([words, *aux, clause.text])
    return clause.text


def _participle_text(clause: Span, verb: Token) -> str | None:
    """A participial clause without a subject of its own, with the subject of the clause it hangs
    from: "Having first bought into it in 1969, X ..." is "[X] first bought into it in 1969",
    "Founded in 1990, the firm ..." is "[the firm] [was] founded in 1990". None for any other
    clause, or when that subject is a pronoun or a clause."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBN" or _subject(verb) is not None or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    subject = _subject(verb.head)
    if subject is None or subject.pos_ in ("PRON", "DET") or subject.dep_ in ("expl", "csubj"):
        return None
    doc = clause.doc
    noun = doc[subject.left_edge.i : subject.i + 1].text
    having = [c for c in verb.children if c.dep_ == "aux" and c.lower_ == "having"]
    if having:
        if having[0].i != clause.start or len(clause) < 2:
            return None
        return f"[{noun}] {doc[clause.start + 1 : clause.end].text}"
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None
    was = "were" if subject.tag_ in ("NNS", "NNPS") else "was"
    text = clause.text if clause[0].pos_ == "PROPN" else clause.text[:1].lower() + clause.text[1:]
    return f"[{noun}] [{was}] {text}"


def _negated(verb: Token) -> bool:
    """'No official has spoken about it since January': the clause says nothing happened then;
    'X no longer wants to own ...', 'X never signed ...': the verb is negated by an adverb."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    for child in verb.children:
        if child.dep_ == "advmod" and (
            child.lower_ in NEGATIONS
            or " ".join(t.lower_ for t in child.subtree) in NEGATIONS  # "no longer", "no more"
        ):
            return True
    subject = _subject(verb)
    return subject is not None and (
        subject.lower_ in ("nobody", "none", "nothing", "no one", "neither")
        or any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subject.children)
    )


def _actors(doc: Doc, start: int, end: int, verb: Token | None = None) -> list[str]:
    """Entity texts named in a clause, in order, with who does what first: the agent of a passive
    verb ('was rejected by X'), else its subject (or the subject a coordinated verb shares), so that
    'Facing pressure from X, Y delayed ...' lists Y before X."""
    actors: list[str] = []
    doer = _doer(verb) if verb is not None and verb.pos_ in ("VERB", "AUX") else None
    if doer is not None:
        inside = [e for e in (_entity(t) for t in (doer, *doer.conjuncts)) if e is not None]
        if not inside:  # "Paris and Berlin", "the chief of X": the names in the subject, not in its relative clauses
            aside = {t.i for c in doer.subtree if c.dep_ in ("relcl", "acl") for t in c.subtree}
            inside = [e for e in entities(doc) if doer.left_edge.i <= e.start and e.end <= doer.right_edge.i + 1
                      and e.start not in aside]
        actors.extend(e.text for e in inside if e.label_ in ACTOR_LABELS and e.text not in actors)
    for ent in entities(doc):
        if ent.label_ in ACTOR_LABELS and ent.start >= start and ent.end <= end and ent.text not in actors:
            actors.append(ent.text)
    return actors


def _doer(verb: Token) -> Token | None:
    """Who does what a verb says: the object of its 'by' agent when passive, else its subject,
    else (for a coordinated verb without one) the subject of the verb it is coordinated with."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        by = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if by is not None:
            return by
    subject = _subject(verb)
    if subject is None and verb.dep_ == "conj":
        head = next((a for a in list(verb.ancestors)[:4] if a.pos_ in ("VERB", "AUX") and _subject(a) is not None), None)
        subject = _subject(head) if head is not None else None
    if subject is None or subject.pos_ == "PRON" or subject.dep_ == "expl":
        return None
    return subject


# --------------------------------------------------------------------------- pronouns


_PERSONAL = {"he": ("PERSON",), "she": ("PERSON",), "they": ("ORG", "GPE", "NORP")}
_SPEAKING = frozenset({"we", "i"})
_DEMONSTRATIVE = frozenset({"this", "that"})
_PARAGRAPH_LOOKBACK = 2  # sentences


def _earlier_sentences(sent: Span) -> list[Span]:
    """Up to two sentences before *sent* in its paragraph (a blank line ends a paragraph), nearest first."""
    doc, out = sent.doc, []
    while sent.start > 0 and len(out) < _PARAGRAPH_LOOKBACK:
        before = doc[sent.start - 1].sent
        last = next((t for t in reversed(before) if not t.is_space), before[0])
        if "\n\n" in doc_text(doc)[last.idx + len(last) : sent.start_char + 1]:  # spaCy keeps the blank line in a sentence
            break
        out.append(before)
        sent = before
    return out


def _entity(token: Token) -> Span | None:
    """The named entity a subject is, or names in apposition ('the director, Jane Smith')."""
    for t in (token, *(c for c in token.children if c.dep_ == "appos")):
        if t.ent_type_:
            return next((e for e in entities(t.doc) if e.start <= t.i < e.end), None)
    return None


def _antecedent(pronoun: Token) -> str | None:
    """The actor a he/she/they subject stands for: the named subject of the nearest earlier clause
    (in its sentence, then up to two sentences back in the paragraph) that has one of the right
    kind, when it is the only one there; None when none or several."""
    labels = _PERSONAL[pronoun.lower_]
    doc = pronoun.doc
    scopes = [doc[pronoun.sent.start : pronoun.i], *_earlier_sentences(pronoun.sent)]
    for scope in scopes:
        names: dict[str, str] = {}  # last word -> the fullest name ("Smith", "Jane Ann Smith")
        blocked = False
        for token in scope:
            # "X and Y met ...": both are subjects, so a "he" after them is ambiguous.
            subject = token.dep_ in ("nsubj", "nsubjpass") or (
                token.dep_ == "conj" and token.head.dep_ in ("nsubj", "nsubjpass"))
            if not subject or token.pos_ == "PRON":
                continue
            entity = _entity(token)
            if entity is not None and entity.label_ in labels:
                _add_name(names, entity.text)
            elif labels != ("PERSON",) and token.tag_ in ("NNS", "NNPS") and entity is None:
                blocked = True  # "lawmakers ... they": a group no name stands for
        if len(names) > 1 or blocked:
            return None
        if names:
            return next(iter(names.values()))
    if labels == ("PERSON",):
        # No person is a subject nearby: the only person named at all, in the sentence before the
        # pronoun or else the one before it ("opposed any takeover by X since he first showed interest").
        for scope in scopes[:2]:
            names = {}
            for entity in (e for e in entities(doc) if e.label_ == "PERSON" and scope.start <= e.start and e.end <= scope.end):
                _add_name(names, entity.text)
            if len(names) > 1:
                return None
            if names:
                return next(iter(names.values()))
    return None


def _add_name(names: dict[str, str], name: str) -> None:
    key = name.split()[-1].lower()
    if len(name) > len(names.get(key, "")):
        names[key] = name


def _paragraph_bounds(token: Token) -> tuple[int, int]:
    text = doc_text(token.doc)
    start = text.rfind("\n\n", 0, token.idx)
    end = text.find("\n\n", token.idx)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def _quote_speaker(pronoun: Token) -> str | None:
    """Who says a 'we' or 'I' inside a quotation: the named subject of the reporting verb right
    after the quotation closes, or right before it opens, in the same paragraph."""
    from .gazetteer import reporting_verbs

    doc, verbs = pronoun.doc, reporting_verbs()
    start, end = _paragraph_bounds(pronoun)
    before = doc_text(doc)[start : pronoun.idx]
    opened = before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")
    if not opened:
        return None
    close = min((i for i in (doc_text(doc).find(m, pronoun.idx, end) for m in ('"', "\u201d")) if i >= 0), default=-1)
    open_at = max(before.rfind('"'), before.rfind("\u201c")) + start
    candidates = []
    if close >= 0:
        after = next((t for t in tokens(doc) if t.idx > close), None)  # the words that follow the quotation
        if after is not None and after.idx < end:
            candidates += [t for t in after.sent if t.idx > close]
    candidates += [t for t in tokens(doc) if start <= t.idx < open_at and t.sent.end_char >= open_at]
    for token in candidates:
        if token.lemma_.lower() in verbs and token.pos_ == "VERB":
            subject = _subject(token)
            entity = _entity(subject) if subject is not None else None
            if entity is not None and (entity.label_ in ("PERSON", "ORG") or subject.pos_ == "PROPN"):
                return entity.text  # a speaker's name, whatever type the tagger gave it
            if subject is not None and entity is None and subject.pos_ == "PROPN":  # a name no entity type claims
                return token.doc[subject.left_edge.i : subject.i + 1].text
    return None


def _referent(token: Token) -> str | None:
    """What a 'this' that was announced or said stands for: what the sentence before reports
    ('X emphasized that <it>'), or that sentence itself; None when there is none or it is long."""
    from .gazetteer import reporting_verbs

    earlier = _earlier_sentences(token.sent)
    if not earlier:
        return None
    sent = earlier[0]
    root = sent.root
    content = None
    if root.lemma_.lower() in reporting_verbs():
        content = next((c for c in root.children if c.dep_ == "ccomp"), None)
    span = _strip(token.doc[content.left_edge.i : content.right_edge.i + 1] if content is not None else sent)
    if not 3 <= len(span) <= 45:
        return None
    text = span.text
    return text if span[0].pos_ == "PROPN" or text[:2].isupper() else text[:1].lower() + text[1:]


def _resolve(text: str, verb: Token, clause: Span) -> tuple[str, list[str]] | None:
    """*text* with its pronoun subject (and a 'this' that was said) replaced by what it stands for,
    in brackets: '[Name] announced [that ...]'; the names added; None when a he/she/they/we/I
    subject or a said 'this' cannot be resolved, so the event cannot stand alone."""
    from .gazetteer import reporting_verbs

    subject = _subject(verb)
    if subject is None and verb.dep_ == "conj":
        head = next((a for a in list(verb.ancestors)[:4] if a.pos_ in ("VERB", "AUX") and _subject(a) is not None), None)
        subject = _subject(head) if head is not None else None
    added: list[str] = []
    said = verb.lemma_.lower() in reporting_verbs() or verb.lemma_.lower() in _CLASSES["statement"]
    for token in (subject, *(c for c in verb.children if c.dep_ == "dobj" and said)):
        if token is None or token.pos_ not in ("PRON", "DET"):
            continue
        word = token.lower_
        if word in _PERSONAL:
            name = _antecedent(token)
            if name is None:
                return None
            replacement, added = f"[{name}]", [*added, name]
        elif word in _SPEAKING:
            name = _quote_speaker(token)
            if name is None:
                return None
            text, added = f"[{name}:] {text}", [*added, name]
            continue
        elif word in _DEMONSTRATIVE and said and not list(token.children):
            referent = _referent(token)
            if referent is None:
                return None
            replacement = f"[that {referent}]"
        else:
            continue
        if token.i >= clause.start and any(t.lower_ == word for t in clause if t.i < token.i):
            continue  # an earlier word of the same spelling: leave the text as it is
        pattern = re.compile(rf"\b{re.escape(token.text)}\b")
        if token.i == clause.start or (token.i < clause.start and text.startswith(token.text)):
            replacement = replacement[:2].upper() + replacement[2:] if replacement.startswith("[that") else replacement
        text = pattern.sub(replacement, text, count=1)
    return text, added


def _lemmas(doc: Doc, start: int, end: int, verb: Token | None = None) -> list[str]:
    """Content lemmas of a clause, with the subject it borrows from a coordinated verb or the noun
    its relative clause describes, without relative clauses and modifiers of its nouns ('systems
    acquired from X' is about the systems, not an acquisition) and without its dates; modal and
    forward words are kept so that a plan is not taken for a report that something happened."""
    tokens = list(doc[start:end])
    if verb is not None and verb.dep_ in ("relcl", "acl") and verb.head.i < start:
        tokens = [*verb.head.subtree, *tokens]
    elif verb is not None and verb.dep_ == "conj" and _subject(verb) is None:
        head = next((a for a in list(verb.ancestors)[:4] if a.pos_ in ("VERB", "AUX") and _subject(a) is not None), None)
        if head is not None and _subject(head).i < start:
            tokens = [*_subject(head).subtree, *tokens]
    skip: set[int] = set()
    for token in tokens:
        if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN") and token != verb:
            skip.update(t.i for t in token.subtree)
    out: list[str] = []
    for token in tokens:
        if token.i in skip or token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
            continue
        lemma = token.lemma_.lower()
        if token.tag_ == "MD" or lemma in FORWARD_CUES or (
            token.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and not token.is_stop and len(lemma) > 2
        ):
            if lemma not in out:
                out.append(lemma)
    return out


def event_mentions(
    doc: Doc, *, times: list[TimeExpression], published: str | None = None, inferred: bool = False
) -> list[EventMention]:
    """One event per time expression with a calendar value: the clause it anchors.

    An event is expected when its clause looks forward (will, plans to, ...) or its date lies after
    *published* (inferred from the text when not given). Negated clauses ("no official has spoken
    since January") are not events. Stated plans without a date ("X plans to activate ...") are
    expected events dated FUTURE_REF. Each expected event records when it was stated: the date of
    the past event whose clause carries it ("in November, X announced that Y plans to ..."), or else
    *published* when that comes from metadata (an *inferred* one is only a lower bound). A date
    that labels a noun ("will raise its 2004 dividend", "contrary to the 1994 treaty") does not
    date the clause, and a date after "since" or "until" or before "onwards" bounds a state, not
    an event.
    """
    inferred = inferred or published is None
    published = published or infer_published(doc)
    events: list[EventMention] = []
    for time in times:
        if not time.value or not _DATE_VALUE.match(time.value):
            continue
        expression = doc.char_span(time.start, time.end, alignment_mode="expand")
        if expression is None:
            continue
        clause = _clause(expression)
        verb = _governing_verb(expression.root)
        tense = clause_tense(expression.root)
        expected = _is_forward(verb, time.value, published, deadline=_deadline(expression), inferred=inferred,
                               hedges=time.kind != "relative")
        # "Today it could be X", "which today includes": present-tense remarks, not events.
        if len(clause) < 3 or (time.kind == "relative" and tense == "present" and not expected):
            continue
        if verb.pos_ in ("VERB", "AUX") and (_negated(verb) or _if_clause(verb)):
            continue  # "no official has spoken since January", "if the deal is signed in May"
        if _premodifier(expression) or (
            expression.root.dep_ == "pobj" and expression.root.head.lower_ in ("since", "until", "till")
        ) or (expression.end < len(doc) and doc[expression.end].lower_ in ("onwards", "onward")):
            continue
        same_clause = next((e for e in events if (e.start, e.end) == (clause.start_char, clause.end_char)), None)
        if same_clause is not None:
            # Two times in one clause ("in 2017 ... on April 5"): keep the more precise one.
            if _width(time.value) < _width(same_clause.date):
                same_clause.date = time.value
            continue
        resolved = _resolve(_event_text(clause, verb), verb, clause) if verb.pos_ in ("VERB", "AUX") else None
        if resolved is None and verb.pos_ in ("VERB", "AUX"):
            continue  # "He announced this": nobody the text names, so it cannot stand alone
        text, names = resolved or (_event_text(clause, verb), [])
        actors = _actors(doc, clause.start, clause.end, verb)
        events.append(
            EventMention(
                date=time.value, text=_closed(text), start=clause.start_char, end=clause.end_char,
                sentence=time.sentence, expected=expected, actors=[*names, *(a for a in actors if a not in names)],
                lemmas=_lemmas(doc, clause.start, clause.end, verb),
            )
        )
    events.extend(_intentions(doc, times, events))
    events.extend(_vague_plans(doc, times, events))
    for event in events:
        if event.expected:
            carrier = next(
                (e for e in events if not e.expected and e.sentence == event.sentence
                 and e.start <= event.start and event.end <= e.end and e is not event),
                None,
            )
            event.stated = carrier.date if carrier else None if inferred else published
    return events


def _intentions(doc: Doc, times: list[TimeExpression], events: list[EventMention]) -> list[EventMention]:
    """Plans an actor states in the present tense without a date: 'X plans to activate ...',
    'X and Y are about to sign ...'. The subject must name an actor (no pronouns), the clause must
    not be negated or conditional, and a dated time inside the plan leaves it to the dated events."""
    starts = sentence_index(doc)
    dated = _timing_dates(doc, times)
    found: list[EventMention] = []
    for cue in tokens(doc):
        if cue.lemma_.lower() not in INTENTION_CUES and cue.lower_ not in INTENTION_CUES:
            continue
        plan = next(
            (c for c in cue.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
             and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)),
            None,
        )
        if plan is None:
            continue
        carrier = cue.head if cue.dep_ == "acomp" and cue.head.lemma_ == "be" else cue
        auxiliaries = [c for c in carrier.children if c.dep_ in ("aux", "auxpass")]
        present = carrier.tag_ in ("VBZ", "VBP") or (
            carrier.tag_ in ("VBG", "VBN") and any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries)
        )
        # A past tense is the report's in reported speech ("The paper reported that X were planning to
        # ..."), and a promise or a vow stands once made ("X promised to protect ..."); a plain past
        # plan ("officials planned to attend") may be over.
        past = carrier.tag_ == "VBD" or (carrier.tag_ in ("VBG", "VBN") and any(a.tag_ == "VBD" for a in auxiliaries))
        binding = cue.lemma_.lower() in COMMITMENT_CUES
        if not (present or (past and (binding or _reported(carrier)))):
            continue
        if _negated(carrier) or any(a.lower_ in ("will", "would", "could", "might") for a in auxiliaries):
            continue
        if _conditional(carrier) or _conditional(plan):
            continue
        subject = _subject(carrier)
        if subject is None and carrier.dep_ == "conj":  # "X was angry and planned to ...": the subject it shares
            head = next((a for a in list(carrier.ancestors)[:4] if a.pos_ in ("VERB", "AUX") and _subject(a) is not None), None)
            subject = _subject(head) if head is not None else None
        names: list[str] = []
        if subject is not None and subject.tag_ in ("WDT", "WP") and carrier.dep_ == "relcl":
            subject = carrier.head  # "Acme, which is due to merge with ...": the noun it describes
            subject_span = (subject.left_edge.i, subject.i + 1)
        elif subject is None:
            continue
        elif subject.pos_ == "PRON":
            # "He plans to stand ...": the person it stands for, in brackets, when the text says who.
            name = _antecedent(subject) if subject.lower_ in _PERSONAL else None
            if name is None:
                continue
            names = [name]
            subject_span = (subject.i, subject.i + 1)
        else:
            subject_span = (subject.left_edge.i, subject.right_edge.i + 1)
        if not names and not _names_actor(subject):
            continue
        keep = [carrier.i, cue.i, *(a.i for a in auxiliaries)]
        # The carrier's adverbs between its subject and the plan ("still", "now") stay with it.
        keep.extend(t.i for c in carrier.children if c.dep_ in ("advmod", "neg") and c.i < plan.i
                    and (subject is None or c.i > subject.i) for t in c.subtree)
        for child in plan.children:
            if child.dep_ not in ("advcl", "conj", "cc", "parataxis"):
                keep.extend(t.i for t in child.subtree)
        keep.append(plan.i)
        # The subject a coordinated verb borrows is written before it, without what lies between
        # ("she was angry and planned to ..." is "[Name] planned to ...").
        borrowed = subject_span[1] < min(keep) and any(not t.is_punct for t in doc[subject_span[1] : min(keep)])
        if not borrowed:
            keep.extend(range(*subject_span))
        span = _strip(doc[min(subject_span[0], *keep) : max(keep) + 1])
        rest = _strip(doc[min(keep) : max(keep) + 1]) if borrowed else span
        if any(span.start_char <= s and e <= span.end_char for s, e in dated):
            continue
        subject_text = f"[{names[0]}]" if names else doc[subject_span[0] : subject_span[1]].text
        text = f"{subject_text} {rest.text}" if borrowed or names else span.text
        if names and not borrowed:
            text = f"{subject_text} {doc[subject.i + 1 : span.end].text}"
        if any(e.text == _closed(text) for e in found):
            continue
        actors = _actors(doc, span.start, span.end, carrier)
        found.append(
            EventMention(
                date="FUTURE_REF", text=_closed(text), start=span.start_char, end=span.end_char,
                sentence=_sentence_of(cue, starts), expected=True,
                actors=[*names, *(a for a in actors if a not in names)], lemmas=_lemmas(doc, rest.start, rest.end),
            )
        )
    found.extend(_announced(doc, dated, starts, found))
    return found


def _announced(
    doc: Doc, dated: list[tuple[int, int]], starts: dict[int, int], found: list[EventMention]
) -> list[EventMention]:
    """Plans an actor announces: 'X says it will ask ...', 'X said it would fight any move'. The
    speaker must be named, the future clause's subject must be the speaker (a pronoun), and it
    must be neither negated nor conditional."""
    from .gazetteer import reporting_verbs

    verbs = reporting_verbs()
    out: list[EventMention] = []
    for report in tokens(doc):
        if report.lemma_.lower() not in verbs or report.pos_ != "VERB":
            continue
        speaker = _subject(report)
        if speaker is None:
            continue
        # "She says she will fight on": the person the text names before, in brackets.
        name = _antecedent(speaker) if speaker.pos_ == "PRON" and speaker.lower_ in ("he", "she") else None
        if (speaker.pos_ == "PRON" and name is None) or (name is None and not _names_actor(speaker)):
            continue
        for clause in (c for c in report.children if c.dep_ == "ccomp"):
            auxiliaries = {a.lower_ for a in clause.children if a.dep_ in ("aux", "auxpass")}
            if not auxiliaries & {"will", "would", "'ll", "shall"} or _negated(clause):
                continue
            if any(c.dep_ in ("advcl", "mark") and (c.lower_ in ("if", "unless")
                   or any(m.lower_ in ("if", "unless") for m in c.children)) for c in clause.children):
                continue
            subject = _subject(clause)
            # The speaker's own plan ("X says it will"), reported after the verb, not a forecast
            # about someone else ("X said Y would do better") nor a quote put before its speaker.
            if subject is None or subject.lower_ not in ("it", "they", "he", "she", "we") or clause.i < report.i:
                continue
            span = _strip(doc[speaker.left_edge.i : clause.right_edge.i + 1])
            if any(span.start_char <= s and e <= span.end_char for s, e in dated):
                continue
            if any(e.start < span.end_char and span.start_char < e.end for e in [*found, *out]):
                continue
            text = f"[{name}] {doc[speaker.i + 1 : span.end].text}" if name else span.text
            actors = _actors(doc, span.start, span.end, report)
            out.append(
                EventMention(
                    date="FUTURE_REF", text=_closed(text), start=span.start_char, end=span.end_char,
                    sentence=_sentence_of(report, starts), expected=True,
                    actors=[name, *actors] if name else actors, lemmas=_lemmas(doc, span.start, span.end),
                )
            )
    return out


def _vague_plans(doc: Doc, times: list[TimeExpression], events: list[EventMention]) -> list[EventMention]:
    """Future statements with a vague time ('the delivery will be carried out in a short time',
    'X will sign soon'): expected events without a date, their vague time kept. The clause must
    say will/shall/going to, be neither negated nor conditional, and have a subject that stands
    alone (a pronoun only when it resolves); a clause with a calendar date is left to the dated events."""
    starts = sentence_index(doc)
    dated = _timing_dates(doc, times)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in VAGUE_FUTURE) + r")\b", re.I)
    out: list[EventMention] = []
    for match in pattern.finditer(doc_text(doc)):
        phrase = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if phrase is None:
            continue
        verb = _governing_verb(phrase.root)
        if verb.pos_ not in ("VERB", "AUX") or _negated(verb):
            continue
        auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        going = verb.head.lower_ == "going" and verb.dep_ == "xcomp"
        if not auxiliaries & {"will", "shall", "'ll"} and not going:
            continue
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children) or any(
            c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children) for c in verb.children
        ):
            continue  # "if the deal is signed, the delivery will follow soon"
        subject = _subject(verb)
        if subject is None:
            continue
        clause = _clause(phrase)
        if any(clause.start_char <= s and e <= clause.end_char for s, e in dated):
            continue
        if any(e.start < clause.end_char and clause.start_char < e.end for e in [*events, *out]):
            continue
        resolved = _resolve(_event_text(clause, verb), verb, clause)
        if resolved is None:
            continue
        text, names = resolved
        actors = _actors(doc, clause.start, clause.end, verb)
        out.append(
            EventMention(
                date="FUTURE_REF", text=_closed(text), start=clause.start_char, end=clause.end_char,
                sentence=_sentence_of(verb, starts), expected=True, vague=match.group(0).lower(),
                actors=[*names, *(a for a in actors if a not in names)], lemmas=_lemmas(doc, clause.start, clause.end, verb),
            )
        )
    return out


def _timing_dates(doc: Doc, times: list[TimeExpression]) -> list[tuple[int, int]]:
    """Character spans of the calendar dates that time a clause; a date that labels a noun ("will
    lift its 2004 dividend") leaves an undated plan undated."""
    out = []
    for t in times:
        if not t.value or not _DATE_VALUE.match(t.value):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or not _premodifier(span):
            out.append((t.start, t.end))
    return out


def _reported(verb: Token) -> bool:
    """A clause a reporting verb introduces ("X told reporters he ... planned to"): its past tense
    is the report's, not the plan's."""
    from .gazetteer import reporting_verbs

    for clause in (verb, *list(verb.ancestors)[:3]):
        if clause.dep_ in ("ccomp", "conj") and clause.head.lemma_.lower() in reporting_verbs():
            return True
        if clause.dep_ not in ("conj", "ccomp"):
            return False
    return False


def _conditional(verb: Token) -> bool:
    """'if the deal is signed', 'unless X agrees': a clause, or an adverbial clause of it with a verb,
    opened by if/unless ('if necessary' is no condition on the plan)."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children) or any(
        c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX")
        and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in verb.children
    )


def _names_actor(subject: Token) -> bool:
    """The subject is an actor ("Paris", "the United States") or a group named by one ("Paris
    officials"), not a thing an actor has ("France's messages")."""
    heads = [subject, *(c for c in subject.children if c.dep_ in ("conj", "compound", "appos"))]
    return any(h.ent_type_ in ACTOR_LABELS or (h.pos_ == "PROPN" and not h.ent_type_) for h in heads)


def _width(value: str) -> int:
    bounds = value_range(value)
    return (bounds[1] - bounds[0]).days if bounds else 10**6


# --------------------------------------------------------------------------- publication date


_PROBE = 2199  # a publication year no text names, to tell relative values from explicit ones


def _premodifier(span: Span) -> bool:
    """A date that labels a noun ("its 2004 dividend", "the 1994 treaty") rather than timing a clause."""
    root = span.root
    return root.dep_ in ("compound", "nummod", "amod", "nmod", "poss") and root.head.i >= span.end and (
        root.head.pos_ in ("NOUN", "PROPN")
    )


def _deadline(span: Span) -> bool:
    """A date after 'by', 'until' or 'till': in a clause that is not past, a target ahead."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in ("by", "until", "till")


def infer_published(doc: Doc) -> str | None:
    """The publication date the text implies: its latest past date, as precise as justified.

    Years come from explicit dates in past-tense clauses, moved by 'next year' against dates the
    text puts in the future. The year after is taken instead when the text's own relative dates
    agree better with it: "in October last year" beside "In October 2004" is written in 2005. A
    month written without a year continues the year of the explicit date before it, or the next
    year when it would go back in time ("October 2020 ... Aug. 18" is 2021); "July of this year"
    is the publication year. Days are never guessed, and the month only when a phrase shows the
    text was written close to it ("last week", "yesterday", "on Friday").

    Only a date the text reports as past is evidence; when in doubt, there is no guess. Not
    evidence: a date in a clause that is present ("the option runs between January 2004 and July
    2009", "is expected to make a loss in 2004"), future, modal or forward-looking ("could be
    floated in 2007", "less spending than that anticipated by 2011"); a target after "by" or
    "until" unless its verb is a finite past ("had cut 2,000 jobs by 2003"); the end of a range
    ("between 2004 and 2009"); a date that labels a noun ("will raise its 2004 dividend", "their
    worst defeat since Labour's 1906 landslide"): history, not news. A year the text puts ahead
    (not a target after "by") moves the guess only in a text that says "next year": "will be
    signed in 2020" beside "next year" is written in 2019.

    The result is the earliest the text can have been written, not when it was: see
    :func:`guess_is_corroborated` for when relative dates may be counted from it.
    """
    evidence = _evidence(doc)
    past_years, future_years, months = evidence.past_years, evidence.future_years, evidence.months
    relatives, explicit_dates = evidence.relatives, evidence.explicit
    if not past_years and not (future_years and _NEXT_YEAR.search(doc_text(doc))):
        return None
    year = max(past_years, default=0)
    if future_years and _NEXT_YEAR.search(doc_text(doc)) and min(future_years) - 1 > year:
        year = min(future_years) - 1
    if _agreement(relatives, explicit_dates, year + 1) > _agreement(relatives, explicit_dates, year):
        year += 1
    candidates = [(y or year, m) for y, m in months if (y or year) in (year, year + 1)]
    if not candidates or not _recent(doc_text(doc)):
        return f"{year:04d}"
    latest = max(candidates)
    return f"{latest[0]:04d}-{latest[1]:02d}"


class _Evidence(NamedTuple):
    """What a text's dates say about when it was written (see :func:`infer_published`)."""

    past_years: list[int]
    future_years: list[int]
    months: list[tuple[int | None, int]]  # (year, month); None: the publication year
    explicit: set[str]  # every explicit year and year-month the text names
    relatives: list[tuple[str, Tense]]  # "last year", "October last year", "last November"


def _evidence(doc: Doc) -> _Evidence:
    """The text's date evidence, read once per Doc: the analysis asks for it up to three times (the
    guess, its corroboration, the events' own guess). Read-only."""
    return memo(doc, "date_evidence", _read_evidence)


def _read_evidence(doc: Doc) -> _Evidence:
    past_years: list[int] = []
    future_years: list[int] = []
    months: list[tuple[int | None, int]] = []
    explicit_dates: set[str] = set()
    relatives: list[tuple[str, Tense]] = []
    last: tuple[int, int] | None = None  # the latest explicit (year, month) read so far
    for ent in entities(doc):
        span = _trim(ent) if ent.label_ == "DATE" else None
        if span is None:
            continue
        tense = clause_tense(span.root)
        result = normalise(span.text, published=str(_PROBE), tense="present")
        if not result or not result[0] or not _DATE_VALUE.match(result[0]):
            continue
        value, kind = result
        explicit = kind in ("absolute", "fuzzy") and abs(int(value[:4]) - _PROBE) > 1
        if explicit:
            explicit_dates.update({value[:4], value[:7]})
        elif kind == "relative":
            relatives.append((span.text, tense))
        if _premodifier(span):
            continue  # "will raise its 2004 dividend", "the 1906 landslide": a label, not when anything happened
        if tense == "present" and _deadline(span):
            tense = "future"  # "aims to double sales by 2010", "is likely to grow until 2007"
        reported = _reported_past(span, tense)
        if explicit and reported:
            past_years.append(int(value[:4]))
        elif explicit and tense == "future" and not _deadline(span):
            future_years.append(int(value[:4]))
        if tense == "future" or not re.match(r"^\d{4}-\d\d", value):
            if explicit and tense != "future":
                last = (int(value[:4]), 0)
            continue
        month = int(value[5:7])
        if explicit:
            last = (int(value[:4]), month)
        if not reported:
            continue
        if explicit:
            months.append(last)
        elif kind == "relative":
            if int(value[:4]) == _PROBE:  # "July of this year"
                months.append((None, month))
        elif last is None:
            months.append((None, month))
        else:
            months.append((last[0] + (month < last[1]), month))
    return _Evidence(past_years, future_years, months, explicit_dates, relatives)


_NEXT_YEAR = re.compile(r"\bnext year\b", re.I)
_MODALS = frozenset({"will", "shall", "would", "could", "might", "may", "should", "must", "can", "'ll", "wo", "ca"})
_RANGE_OPENERS = frozenset({"between", "from"})
_PERIOD_ENDS = frozenset({"to", "until", "till", "through"})
_RANGE_CLOSERS = frozenset({"and", "to", "until", "till", "through", "-", "\u2013"})


def _reported_past(span: Span, tense: Tense) -> bool:
    """Whether a date is one the text reports as past, and so a lower bound on when it was written.

    The clause must be past (a participle takes the tense of the verb it depends on), and neither it nor a clause it depends on modal or forward-looking
    ("would increase ... than that anticipated by 2011"); a date after "by" or "until" must have a
    finite past verb ("had cut 2,000 jobs by 2003", not "spending anticipated by 2011"); and the
    date must not end a range ("between January 2004 and July 2009", "the year to March 2005"). A
    participle that describes a noun ("Established in 1981, the awards ...", "the contract, signed
    in 2000") gives background, often a founding year, not news."""
    if tense == "future":
        return False
    verb = _governing_verb(span.root)
    finite = verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)
    # "had cut 2,000 jobs by 2003" is reported; "a target of 1.5 million by 2010 needed ideas" is not.
    if _deadline(span) and not (finite and span.root.head.head.i == verb.i):
        return False
    before = [t.lower_ for t in span.doc[max(span.sent.start, span.start - 8) : span.start]]
    if before and (before[-1] in _PERIOD_ENDS or (before[-1] in _RANGE_CLOSERS and _RANGE_OPENERS & set(before[:-1]))):
        return False  # "between January 2004 and July 2009", "the year to March 2005"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl", "amod") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children
    ):
        return False  # "Established in 1981, the awards ...", "the contract, signed in 2000": background
    past = tense == "past"
    v = verb
    for _ in range(4):
        if v.pos_ not in ("VERB", "AUX"):
            break
        if _forward_word(v) or any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in v.children):
            return False
        auxiliaries = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        if v.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in auxiliaries):
            return past and v.i != verb.i  # present ("the option runs", "we're not looking at 2006")
        # "had reached a milestone, selling five million since its launch in March 2002": a
        # participle takes the tense of the finite past verb it depends on.
        past = past or v.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxiliaries)
        if v.dep_ not in ("xcomp", "ccomp", "advcl", "acl", "relcl", "conj") or v.head.i == v.i:
            break
        v = v.head
    return past


def _forward_word(verb: Token) -> bool:
    """A forward cue, also when the lemmatiser misses it ('hoped' as 'hop')."""
    word = verb.lower_
    return verb.lemma_.lower() in FORWARD_CUES or any(
        word[: len(word) - k] in FORWARD_CUES for k in (1, 2, 3) if len(word) - k >= 3
    )


_GIVEAWAY = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(p) for p, g in _WORDS["giveaway_phrases"].items() if g == "month"),
                               key=len, reverse=True))
    + "|" + "|".join(name for name in _WORDS["weekdays"] if len(name) > 4) + r")\b",
    re.I,
)


def _recent(text: str) -> bool:
    """The text says it was written close to what it reports ("last week", "yesterday", "on
    Friday"), so its latest month can stand for the publication month; otherwise only the year."""
    return bool(_GIVEAWAY.search(text))


def _agreement(relatives: list[tuple[str, Tense]], explicit: set[str], year: int) -> int:
    """How many relative dates, read in *year*, land on a year or month the text also names."""
    count = 0
    for text, tense in relatives:
        result = normalise(text, published=str(year), tense=tense)
        if result and result[0] and _DATE_VALUE.match(result[0]) and result[0][:7] in explicit:
            count += 1
    return count


def guess_is_corroborated(doc: Doc, guess: str) -> bool:
    """Whether *guess*, from :func:`infer_published`, is good enough to count relative dates from.

    The guess is the text's latest date, so only the earliest it can have been written: a text of
    2005 that names nothing after "since 2003" is guessed 2003, and its "last year" counted from
    that would be 2002, an invented date. It is corroborated when the text's own relative dates,
    read from it, land on months the text also names ("in October last year" beside "In October
    2004", read from 2005), and on more of them than when read from any later date a little after
    it (the next twelve months, the next three years), since those are what a lower bound leaves
    open. Dates that land on the guess's own year or month prove nothing ("this year", "earlier
    this month" always do, as the guess is a year or month the text names), and neither does a
    relative year landing on a named year ("last year" beside "in 2003"): texts name the years
    around the events they report, so that agrees as often as not with a wrong guess (on 300 BBC
    articles of 2004-2005 with no date, 19 guesses agreed so, 10 of them outside those years). Nor
    does a phrase that shows the text was written close to what it reports ("last week", "on
    Friday"): it does not say close to which of its dates (on the same articles, 23 of the 33
    guesses given to the month because of one were outside 2004-2005).
    """
    evidence = _evidence(doc)
    here = _named_months(evidence, guess)
    if here == 0:
        return False
    year, month = int(guess[:4]), int(guess[5:7]) if re.match(r"^\d{4}-\d\d", guess) else 0
    later = [f"{year + k:04d}" + (f"-{month:02d}" if month else "") for k in (1, 2, 3)]
    if month:
        later += [f"{year + (month + k - 1) // 12:04d}-{(month + k - 1) % 12 + 1:02d}" for k in range(1, 12)]
    return all(_named_months(evidence, anchor) < here for anchor in later)


def _named_months(evidence: _Evidence, anchor: str) -> int:
    """How many relative dates, read from *anchor*, land on a month the text names, other than the
    anchor's own."""
    count = 0
    for text, tense in evidence.relatives:
        result = normalise(text, published=anchor, tense=tense)
        value = result[0] if result else None
        month = value[:7] if value and re.match(r"^\d{4}-\d\d(?:-|$)", value) else None
        if month and month in evidence.explicit and month != anchor[:7]:
            count += 1
    return count
