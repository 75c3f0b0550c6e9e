"""Sentence scores: centrality in a similarity graph, position, title overlap; and MMR selection.

Centrality is PageRank over two graphs of the same sentences: TF-IDF cosine over content lemmas
(LexRank) and TextRank's word overlap. Selection is greedy maximal marginal relevance, which keeps a
summary from saying the same thing twice and keeps a sentence that points back next to its antecedent.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Sentence

#: Weights of the three signals in a sentence's score, tuned on a dev tenth of BBC News Summary
#: (docs/quality.md): centrality carries it; a strong lead weight cost 4 ROUGE-2 points there, so
#: position only breaks near-ties.
CENTRALITY_WEIGHT = 1.0
#: TextRank's word-overlap graph, added to LexRank's: it favours sentences that carry many of the
#: article's words, which LexRank's cosine ignores (+0.9 ROUGE-2 on the dev split).
OVERLAP_CENTRALITY_WEIGHT = 0.5
POSITION_WEIGHT = 0.1
TITLE_WEIGHT = 0.25
#: MMR trade-off between a sentence's own score and its similarity to those already chosen.
MMR_LAMBDA = 0.8
#: Above this similarity to a chosen sentence a candidate says the same thing again (a wire story
#: repeating its lead, say) and is never chosen, however central.
REDUNDANT_SIMILARITY = 0.7
#: Sentences longer than this lose score in proportion: a 90-word sentence is hard to read in a
#: brief, and the penalty cost nothing on the benchmark.
LONG_SENTENCE_WORDS = 45
#: Cosine similarity above which two sentences from different sources report the same fact.
_WORD = re.compile(r"[A-Za-z]+")


def tfidf(lemma_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """Unit-length TF-IDF rows (sublinear tf, smoothed idf) over the given lemma lists."""
    vocabulary: dict[str, int] = {}
    for lemmas in lemma_lists:
        for lemma in lemmas:
            vocabulary.setdefault(lemma, len(vocabulary))
    matrix = np.zeros((len(lemma_lists), max(len(vocabulary), 1)))
    for row, lemmas in enumerate(lemma_lists):
        for lemma, count in Counter(lemmas).items():
            matrix[row, vocabulary[lemma]] = 1.0 + np.log(count)
    document_frequency = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(lemma_lists)) / (1 + document_frequency)) + 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


#: Above this many cells (sentences × vocabulary), ``cosine_similarity`` skips the dense TF-IDF
#: matrix: across hundreds of sources it would take gigabytes and a matrix product of some 10^12
#: operations, for rows with a dozen non-zero cells each.
DENSE_CELLS = 4_000_000


def cosine_similarity(lemma_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """The TF-IDF cosine similarity of every pair of lemma lists: ``tfidf(x) @ tfidf(x).T``.

    Small inputs take exactly that product. Large ones add, lemma by lemma, the products of the
    weights of the sentences sharing it (the sum of each lemma's document frequency squared, a few
    million products for 500 articles): the same values up to the last bit of rounding."""
    vocabulary: dict[str, int] = {}
    for lemmas in lemma_lists:
        for lemma in lemmas:
            vocabulary.setdefault(lemma, len(vocabulary))
    n = len(lemma_lists)
    if n * max(len(vocabulary), 1) <= DENSE_CELLS:
        vectors = tfidf(lemma_lists)
        return vectors @ vectors.T
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for row, lemmas in enumerate(lemma_lists):
        for lemma, count in Counter(lemmas).items():
            rows.append(row)
            columns.append(vocabulary[lemma])
            values.append(1.0 + np.log(count))
    row_index, column_index = np.array(rows, dtype=np.intp), np.array(columns, dtype=np.intp)
    weights = np.array(values, dtype=np.float64)
    document_frequency = np.bincount(column_index, minlength=len(vocabulary))
    weights *= (np.log((1 + n) / (1 + document_frequency)) + 1.0)[column_index]
    norms = np.sqrt(np.bincount(row_index, weights=weights * weights, minlength=n))
    weights /= np.where(norms == 0, 1.0, norms)[row_index]
    similarity = np.zeros((n, n))
    order = np.argsort(column_index, kind="stable")
    bounds = np.flatnonzero(np.diff(column_index[order])) + 1
    for group in np.split(order, bounds):
        members, w = row_index[group], weights[group]
        # A sentence holds a lemma once (counted above), so no cell is written twice here.
        similarity[np.ix_(members, members)] += np.outer(w, w)
    return similarity


def overlap_similarity(lemma_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """TextRank's similarity: shared lemmas over the sum of the log lengths of the two sentences."""
    unique = dict.fromkeys(lemma for lemmas in lemma_lists for lemma in lemmas)  # ordered: reproducible sums
    vocabulary = {lemma: i for i, lemma in enumerate(unique)}
    present = np.zeros((len(lemma_lists), max(len(vocabulary), 1)))
    for row, lemmas in enumerate(lemma_lists):
        present[row, [vocabulary[lemma] for lemma in lemmas]] = 1.0
    log_lengths = np.log(present.sum(axis=1) + 1.0)
    denominator = log_lengths[:, None] + log_lengths[None, :]
    return (present @ present.T) / np.where(denominator == 0, 1.0, denominator)


def centrality(
    similarity: np.ndarray, *, damping: float = 0.85, iterations: int = 60, overwrite: bool = False
) -> np.ndarray:
    """PageRank over the weighted similarity graph (continuous LexRank), scaled to a maximum of 1.

    With *overwrite* the similarity matrix itself becomes the transition matrix, which saves a
    copy of it (600 MB for the 8,600 sentences of 500 articles)."""
    n = len(similarity)
    if n == 0:
        return np.zeros(0)
    weights = similarity if overwrite else similarity.copy()
    np.fill_diagonal(weights, 0.0)
    row_sums = weights.sum(axis=1, keepdims=True)
    # A sentence sharing nothing with the rest spreads its vote evenly, as in PageRank. (Divided
    # in place: the same values as a new matrix, without two more of its size.)
    np.divide(weights, np.where(row_sums == 0, 1.0, row_sums), out=weights)
    weights[row_sums[:, 0] <= 0] = 1.0 / n
    transition = weights
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        rank = (1 - damping) / n + damping * transition.T @ rank
    return rank / rank.max()


def position_scores(sentences: Sequence[Sentence]) -> np.ndarray:
    """News puts its point first: the weight falls with the sentence's rank and paragraph."""
    return np.array([1.0 / np.sqrt(1.0 + i) for i, _ in enumerate(sentences)])


def title_scores(sentences: Sequence[Sentence], title: str | None) -> np.ndarray:
    """Share of the title's content words found in each sentence (prefix match stands in for lemmas)."""
    words = {w.lower() for w in _WORD.findall(title or "") if w.lower() not in STOP_WORDS and len(w) > 2}
    if not words:
        return np.zeros(len(sentences))
    stems = {w[:5] for w in words}
    return np.array([len(stems & {lemma[:5] for lemma in s.lemmas}) / len(stems) for s in sentences])


def length_penalty(sentences: Sequence[Sentence]) -> np.ndarray:
    return np.array([max(0, len(s.text.split()) - LONG_SENTENCE_WORDS) / LONG_SENTENCE_WORDS for s in sentences])


def rank_sentences(sentences: Sequence[Sentence], *, title: str | None = None) -> list[float]:
    """The score of each sentence: centrality, position and title overlap, less a length penalty."""
    if not sentences:
        return []
    similarity = tfidf([s.lemmas for s in sentences])
    similarity = similarity @ similarity.T
    score = (
        CENTRALITY_WEIGHT * centrality(similarity)
        + OVERLAP_CENTRALITY_WEIGHT * centrality(overlap_similarity([s.lemmas for s in sentences]))
        + POSITION_WEIGHT * position_scores(sentences)
        + TITLE_WEIGHT * title_scores(sentences, title)
        - length_penalty(sentences)
    )
    return [float(x) for x in score]


def mmr(
    scores: Sequence[float],
    similarity: np.ndarray,
    *,
    count: int,
    allowed: Sequence[bool],
    follows: Sequence[int | None],
    bonus=None,
    start: Sequence[int] = (),
) -> list[int]:
    """Greedy maximal-marginal-relevance choice of at most *count* indices.

    ``follows[i]`` is the sentence that sentence *i* points back to: *i* is only taken together with
    it, either once it is chosen or as a pair (scored by the pair's mean) when two places are left.
    ``bonus(i, chosen)`` adds a coverage reward, when given. The choice extends *start*, if given.
    """
    top = max(scores, default=1.0) or 1.0
    relevance = np.asarray(scores) / top
    chosen: list[int] = list(start)

    def value(i: int, picked: list[int]) -> float:
        redundancy = max((similarity[i, j] for j in picked), default=0.0)
        if redundancy > REDUNDANT_SIMILARITY:
            return -np.inf
        gain = MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * redundancy
        return gain + (bonus(i, picked) if bonus is not None else 0.0)

    while len(chosen) < count:
        best, best_value = None, -np.inf
        for i, ok in enumerate(allowed):
            if not ok or i in chosen:
                continue
            needed = follows[i]
            if needed is None or needed in chosen:
                candidate, candidate_value = [i], value(i, chosen)
            elif follows[needed] is None and allowed[needed] and len(chosen) + 2 <= count:
                candidate = [needed, i]
                candidate_value = (value(needed, chosen) + value(i, chosen + [needed])) / 2
            else:
                continue
            if candidate_value > best_value:
                best, best_value = candidate, candidate_value
        if best is None:
            break
        chosen.extend(best)
    return chosen
