"""Stance cues: sentences in which an entity does or says something that bears on a position.

A cue word from the lexicon in ``data/stance_cues.json`` gives a direction (+1 pushes the matter
forward, -1 pushes against it); negation flips it. The dependency parse decides who holds it: the
agent of 'sanction' opposes, its patient does not; whoever is quoted saying it holds it too.
``actor_stance`` weighs one actor's cues across sources, keeping those that bear on the issue.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.tokens import Doc, Token

from ..model import Analysis, Citation, CitedSentence, EntityMention, Stance, StanceCue
from .gazetteer import reporting_verbs, stance_lexicon
from .issue import bears_on
from .quotes import quote_mentions
from .roles import sentence_index

_NEGATORS = {"not", "never", "no", "n't", "without", "nor"}
_MIN_SCORE = 0.3  # below this, cues pointing both ways are 'mixed'
_MAX_EVIDENCE = 3
# Verbs that turn what follows around: 'refuse to buy', 'stop supplying'.
_REVERSERS = {"refuse", "stop", "reject", "abandon", "cease", "fail", "avoid", "halt", "impossible"}


def _negated(token: Token) -> bool:
    if any(child.dep_ == "neg" or child.lower_ in _NEGATORS for child in token.children):
        return True
    head = token.head
    # 'will not stop at ...', 'does not intend to buy': negation on the governing verb.
    return token.dep_ in {"xcomp", "ccomp"} and any(c.dep_ == "neg" for c in head.children)


def _reversed(token: Token) -> bool:
    head = token.head
    return token.dep_ in {"xcomp", "pobj", "pcomp", "dobj"} and head.lemma_ in _REVERSERS and head.i != token.i


def _entity_at(position: int, entities: list[EntityMention]) -> EntityMention | None:
    return next((e for e in entities if e.start <= position < e.end), None)


def _holder(token: Token, entities: list[EntityMention]) -> EntityMention | None:
    """The entity covering *token* or naming its owner ('the Turkish side', 'US sanctions')."""
    hit = _entity_at(token.idx, entities)
    if hit:
        return hit
    for child in token.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"}:
            hit = _entity_at(child.idx, entities)
            if hit:
                return hit
    return None


def _agents_and_patients(cue: Token, entities: list[EntityMention]) -> tuple[list[EntityMention], list[EntityMention]]:
    agents, patients = [], []
    verb = cue
    # 'continue to buy', 'plans to activate': the agent is the subject of the governing verb.
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
    for child in list(verb.children) + list(cue.children):
        if child.dep_ in {"nsubj", "agent"}:
            target = child if child.dep_ == "nsubj" else next((c for c in child.children if c.dep_ == "pobj"), child)
            holder = _holder(target, entities)
            if holder:
                agents.append(holder)
        elif child.dep_ in {"dobj", "nsubjpass", "dative"}:
            holder = _holder(child, entities)
            if holder:
                patients.append(holder)
        elif child.dep_ == "prep" and child.lower_ in {"against", "on", "for"}:
            for obj in child.children:
                holder = _holder(obj, entities)
                if holder:
                    patients.append(holder)
    if cue.pos_ == "NOUN":
        for child in cue.children:
            if child.dep_ in {"poss", "compound", "amod"}:
                holder = _entity_at(child.idx, entities)
                if holder:
                    agents.append(holder)  # 'Washington's sanctions', 'US sanctions'
        if not agents and cue.dep_ in {"dobj", "pobj"}:
            verb = cue.head if cue.dep_ == "dobj" else cue.head.head
            for child in verb.children:
                if child.dep_ == "nsubj" and (holder := _holder(child, entities)):
                    agents.append(holder)  # 'the Congress called for sanctions'
    return agents, [p for p in patients if p not in agents]


def _speaker_of(token: Token, entities: list[EntityMention]) -> EntityMention | None:
    """'X said that Turkey will buy': X holds the content of what they report."""
    node = token
    for _ in range(6):
        if node.head is node:
            return None
        node = node.head
        if node.lemma_ in reporting_verbs():
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            return _holder(subject, entities) if subject is not None else None
    return None


def stance_cues(doc: Doc, *, entities: list[EntityMention]) -> list[StanceCue]:
    """Cue words with their holders: agents and speakers take the cue's direction, patients are noted."""
    lexicon = stance_lexicon()
    starts = sentence_index(doc)
    quotes = [q for q in quote_mentions(doc) if q.speaker]
    cues: list[StanceCue] = []
    for token in doc:
        weight = lexicon.get(token.lemma_.lower())
        if weight is None or token.pos_ not in {"VERB", "NOUN", "ADJ"}:
            continue
        polarity = weight * (-1 if _negated(token) else 1) * (-1 if _reversed(token) else 1)
        sentence = starts[token.sent.start]
        agents, patients = _agents_and_patients(token, entities)
        speaker = _speaker_of(token, entities)
        held = set()
        for entity, role in [(a, "agent") for a in agents] + [(p, "patient") for p in patients]:
            key = (entity.text, role)
            if key not in held:
                held.add(key)
                cues.append(StanceCue(entity=entity.text, cue=token.lemma_.lower(), polarity=polarity, role=role, sentence=sentence))
        if speaker is not None and (speaker.text, "agent") not in held:
            cues.append(StanceCue(entity=speaker.text, cue=token.lemma_.lower(), polarity=polarity, role="speaker", sentence=sentence))
        for quote in quotes:
            if quote.start <= token.idx < quote.end:
                cues.append(
                    StanceCue(entity=quote.speaker, cue=token.lemma_.lower(), polarity=polarity, role="speaker", sentence=sentence)
                )
                break
    return cues


def actor_stance(
    analyses: Mapping[int, Analysis], matches: Callable[[str], bool], issue_stems: set[str]
) -> Stance:
    """One actor's stance on the issue from the cues it holds, across all sources.

    *matches* says whether an entity's text names the actor. Only cues in sentences that bear on
    the issue count; with none, the stance is 'unknown'.
    """
    weighed: list[tuple[float, int, int]] = []  # polarity, source, sentence
    for source_id, analysis in analyses.items():
        for cue in analysis.stance_cues:
            if cue.role == "patient" or not matches(cue.entity):
                continue
            sentence = analysis.sentences[cue.sentence]
            if bears_on(sentence.text, sentence.lemmas, issue_stems):
                weighed.append((cue.polarity, source_id, cue.sentence))
    if not weighed:
        return Stance(label="unknown", score=0.0)
    total = sum(p for p, _, _ in weighed)
    score = max(-1.0, min(1.0, total / (len(weighed) + 1)))
    has_both = any(p > 0 for p, _, _ in weighed) and any(p < 0 for p, _, _ in weighed)
    if score >= _MIN_SCORE:
        label = "support"
    elif score <= -_MIN_SCORE:
        label = "oppose"
    else:
        label = "mixed" if has_both else "neutral"
    strongest = sorted({(s, i): p for p, s, i in weighed}.items(), key=lambda kv: -abs(kv[1]) * (1 if (kv[1] > 0) == (score > 0) else 0.5))
    evidence = []
    for (source_id, index), _ in strongest[:_MAX_EVIDENCE]:
        sentence = analyses[source_id].sentences[index]
        evidence.append(
            CitedSentence(text=sentence.text, citations=[Citation(source_id=source_id, start=sentence.start, end=sentence.end)])
        )
    return Stance(label=label, score=round(score, 3), evidence=evidence)
