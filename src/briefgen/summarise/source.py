"""The per-source summary: the few sentences that best stand for one article.

The lead comes first, when it can stand alone. The other sentences are scored by centrality,
position and title overlap (``scoring``), chosen by maximal marginal relevance, and never chosen
when they cannot stand alone (``rules``); the first sentence of a summary does not open with a
connective that answers an earlier one ("However, ..."). Everything returned is a verbatim sentence
with the span it came from, in the article's order.
"""

from __future__ import annotations

from ..model import Analysis, Citation, CitedSentence, Sentence, Source
from .rules import dependencies, normalised, standalone
from .scoring import mmr, rank_sentences, tfidf


def cite(source_id: int, sentence: Sentence) -> Citation:
    return Citation(source_id=source_id, start=sentence.start, end=sentence.end)


#: The lead is looked for among the article's first sentences only: past them, the first usable
#: sentence is no longer the one that states the story.
LEAD_SENTENCES = 2


def _lead(allowed: list[bool], follows: list[int | None]) -> list[int]:
    """The article's lead, as a one-sentence start for the summary, or nothing when it cannot stand alone."""
    for i in range(min(LEAD_SENTENCES, len(allowed))):
        if allowed[i] and follows[i] is None:
            return [i]
    return []


def summarise_source(source: Source, analysis: Analysis, *, sentences: int = 4) -> list[CitedSentence]:
    """The *sentences* most representative sentences of one source, cited, in text order."""
    records = analysis.sentences
    if not records:
        return []
    scores = rank_sentences(records, title=source.title)
    vectors = tfidf([s.lemmas for s in records])
    allowed = standalone(records, title=source.title)
    follows = [None if not allowed[i] else d for i, d in enumerate(dependencies(records, strict=False))]
    # A sentence that points back to an unusable one can never be chosen.
    allowed = [ok and (follows[i] is None or allowed[follows[i]]) for i, ok in enumerate(allowed)]
    similarity = vectors @ vectors.T
    # A news article's lead states the story; the sentences after it lean on it ("The deadline marks
    # ...", "The big idea is his ..."). A summary without it reads as answers to an unseen question,
    # so the lead, when it can stand alone, is always the first sentence chosen.
    start = _lead(allowed, follows)
    chosen = mmr(scores, similarity, count=sentences, allowed=allowed, follows=follows, start=start)
    # A connective is read past inside a summary ("But the minister said ..."), never at its head: a
    # summary that opens "However, ..." answers something the reader has not seen. The opening
    # sentence then gives way to the next best choice (or comes with the sentence before it).
    strict = dependencies(records)
    for _ in range(3):
        first = min(chosen, default=None)
        if first is None or strict[first] is None or strict[first] in chosen:
            break
        follows[first] = strict[first]
        chosen = mmr(scores, similarity, count=sentences, allowed=allowed, follows=follows, start=start)
    return [
        CitedSentence(text=normalised(records[i].text), citations=[cite(source.id, records[i])])
        for i in sorted(chosen)
    ]
