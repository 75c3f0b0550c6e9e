"""Sentence scores: centrality in a similarity graph, position, title overlap; and MMR selection.

Centrality is PageRank over two graphs of the same sentences: TF-IDF cosine over content lemmas
(LexRank) and TextRank's word overlap. Selection is greedy maximal marginal relevance, which keeps a
summary from saying the same thing twice and keeps a sentence that points back next to its antecedent.

For the executive summary across thousands of sources, ``SparseTfidf``, ``centrality_of_product``
and ``mmr_rows`` do the same on sparse TF-IDF entries, without any matrix of all pairs.
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


class SparseTfidf:
    """The unit-length TF-IDF rows of ``tfidf``, kept sparse: one entry per (sentence, lemma).

    A brief over thousands of sources has tens of thousands of sentences of a dozen lemmas each;
    their similarity matrix would take gigabytes (11 GB for 38,000 sentences) to hold numbers that
    are almost all zero. Everything the executive summary needs from it is had from these entries:
    a row of the matrix on demand (``row``), its product with a vector (``product``, for PageRank)
    and the pairs above a threshold (``pairs_above``), each in time and memory in proportion to the
    entries, not to the square of the sentences. The values are ``tfidf(x) @ tfidf(x).T``'s up to
    the last bit of rounding."""

    def __init__(self, lemma_lists: Sequence[Sequence[str]]):
        vocabulary: dict[str, int] = {}
        rows: list[int] = []
        columns: list[int] = []
        values: list[float] = []
        for row, lemmas in enumerate(lemma_lists):
            for lemma, count in Counter(lemmas).items():
                rows.append(row)
                columns.append(vocabulary.setdefault(lemma, len(vocabulary)))
                values.append(1.0 + np.log(count))
        n = self.n = len(lemma_lists)
        self.vocabulary_size = len(vocabulary)
        #: entries in row order (each sentence's lemmas in the order they first occur in it)
        self.rows = np.array(rows, dtype=np.intp)
        self.columns = np.array(columns, dtype=np.intp)
        weights = np.array(values, dtype=np.float64)
        self.document_frequency = np.bincount(self.columns, minlength=len(vocabulary))
        weights *= (np.log((1 + n) / (1 + self.document_frequency)) + 1.0)[self.columns]
        norms = np.sqrt(np.bincount(self.rows, weights=weights * weights, minlength=n))
        weights /= np.where(norms == 0, 1.0, norms)[self.rows]
        self.weights = weights
        self.row_start = np.searchsorted(self.rows, np.arange(n + 1))
        # The same entries by lemma: each lemma's posting list of sentences.
        self._by_column = np.argsort(self.columns, kind="stable")
        self._column_start = np.searchsorted(self.columns[self._by_column], np.arange(len(vocabulary) + 1))
        self._keys: np.ndarray | None = None
        self._key_order: np.ndarray | None = None

    def __len__(self) -> int:
        return self.n

    def entries(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """The lemmas (columns) of sentence *i* and their weights."""
        a, b = self.row_start[i], self.row_start[i + 1]
        return self.columns[a:b], self.weights[a:b]

    def row(self, i: int) -> np.ndarray:
        """The cosine similarity of sentence *i* to every sentence (itself included): one row of
        the matrix, from the posting lists of its lemmas."""
        columns, weights = self.entries(i)
        members, products = [], []
        for column, weight in zip(columns, weights):
            posting = self._by_column[self._column_start[column] : self._column_start[column + 1]]
            members.append(self.rows[posting])
            products.append(weight * self.weights[posting])
        if not members:
            return np.zeros(self.n)
        return np.bincount(np.concatenate(members), weights=np.concatenate(products), minlength=self.n)

    def product(self, x: np.ndarray, *, columns: np.ndarray | None = None) -> np.ndarray:
        """``S @ x`` for the similarity matrix S, as ``W @ (W.T @ x)`` through the entries.

        With *columns* from ``grouped_columns``, only the similarity within each group: the block
        diagonal of S."""
        columns = self.columns if columns is None else columns
        size = (columns.max() + 1) if len(columns) else 0
        totals = np.bincount(columns, weights=self.weights * x[self.rows], minlength=size)
        return np.bincount(self.rows, weights=self.weights * totals[columns], minlength=self.n)

    def grouped_columns(self, groups: np.ndarray) -> np.ndarray:
        """The entries' lemmas renumbered as if each lemma were a different word in each group (a
        group number per sentence), for ``product`` within groups."""
        key = np.asarray(groups, dtype=np.int64)[self.rows] * max(self.vocabulary_size, 1) + self.columns
        return np.unique(key, return_inverse=True)[1].reshape(-1)

    def shares_a_lemma(self) -> np.ndarray:
        """Whether each sentence has a lemma in common with another: its row of S is non-zero off
        the diagonal (every weight is positive, so no sum of them cancels)."""
        shared = self.document_frequency[self.columns] > 1
        return np.bincount(self.rows[shared], minlength=self.n) > 0

    def pairs_above(
        self,
        threshold: float,
        *,
        apart: np.ndarray | None = None,
        among: np.ndarray | None = None,
        batch: int = 1_000_000,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every pair ``i < j`` whose cosine similarity is above *threshold*, in order, and that
        similarity. With *apart* (a group number per sentence), only pairs from different groups;
        with *among* (a mask), only pairs of the sentences it marks.

        Only pairs sharing a lemma have a non-zero cosine, but joining every lemma's posting list
        with itself is quadratic in the commonest lemmas ("say" is in a fifth of news sentences,
        and the sum of the squared document frequencies is 164 million for 2,225 articles). So, as
        in all-pairs similarity search (Bayardo et al. 2007; Anastasiu and Karypis 2014), each
        sentence is indexed only by its rarer lemmas: its commonest ones, in decreasing order of
        document frequency, are left out while they could add up to no more than *threshold* with
        any other sentence. That bound is the lesser of the Euclidean norm of their weights
        (Cauchy–Schwarz against a unit vector) and the sum of each weight times the lemma's largest
        weight in any sentence. Two sentences above the threshold then share a lemma indexed for
        each of them, in particular for the first, so each sentence looks up the earlier sentences
        indexed by any of its lemmas and adds up what they share there. A pair whose sum plus the
        bound of the first sentence's unindexed lemmas cannot pass the threshold is dropped; the
        others get their cosine in full. Exact: no pair above the threshold is missed, and a
        sentence made mostly of common words is still indexed by them. The work is the size of
        that join (25 million products at 2,225 articles for the threshold of 0.5), done in
        batches of *batch* products."""
        n = self.n
        empty = (np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp), np.zeros(0))
        keep = np.ones(len(self.rows), dtype=bool) if among is None else np.asarray(among, dtype=bool)[self.rows]
        rows, columns, weights = self.rows[keep], self.columns[keep], self.weights[keep]
        if not len(rows):
            return empty
        size = self.vocabulary_size
        # Rank lemmas from the commonest; sort each sentence's entries by that rank.
        frequency = np.bincount(columns, minlength=size)
        rank = np.empty(size, dtype=np.intp)
        rank[np.lexsort((np.arange(size), -frequency))] = np.arange(size)
        order = np.lexsort((rank[columns], rows))
        rows, columns, weights = rows[order], columns[order], weights[order]
        largest = np.zeros(size)
        np.maximum.at(largest, columns, weights)
        row_first = np.searchsorted(rows, rows)  # where each entry's sentence starts

        def within_rows(values: np.ndarray) -> np.ndarray:
            total = np.cumsum(values)
            return total - (total - values)[row_first]  # a running sum restarting at each sentence

        norm = np.sqrt(within_rows(weights * weights))
        bound = np.minimum(norm, within_rows(weights * largest[columns]))
        # A margin of 1e-9 keeps rounding from losing a pair exactly at the bound.
        indexed = bound > threshold - 1e-9
        # Of each sentence's unindexed lemmas: their bound, their norm, and the rank of the rarest.
        left_out, left_out_norm, left_out_rank = np.zeros(n), np.zeros(n), np.full(n, -1, dtype=np.int64)
        np.maximum.at(left_out, rows[~indexed], bound[~indexed])
        np.maximum.at(left_out_norm, rows[~indexed], norm[~indexed])
        np.maximum.at(left_out_rank, rows[~indexed], rank[columns[~indexed]])
        # The norm of each sentence's lemmas up to a rank, for ranks growing by √2 (a table of a few
        # dozen columns, not a search per pair): a bound on them up to any rank below.
        cutoffs = np.unique(np.round(np.sqrt(2.0) ** np.arange(2 * int(np.log2(max(size, 2))) + 3)).astype(np.int64))
        cutoffs = np.r_[0, cutoffs[cutoffs < size], size]
        common_norm = np.sqrt(
            np.stack([np.bincount(rows, weights=np.where(rank[columns] <= c, weights * weights, 0.0), minlength=n) for c in cutoffs], axis=1)
        )
        cutoff_of = np.searchsorted(cutoffs, np.maximum(left_out_rank, 0))

        def unindexed_share(first: np.ndarray, second: np.ndarray) -> np.ndarray:
            """A bound on what the lemmas unindexed for *first* add to its cosine with *second*:
            the lesser of their own bound and, by Cauchy–Schwarz, their norm times the norm of
            the lemmas of *second* at least as common as the rarest of them."""
            return np.minimum(left_out[first], left_out_norm[first] * common_norm[second, cutoff_of[first]])

        # The index: indexed entries by lemma, then sentence.
        index = np.flatnonzero(indexed)
        index = index[np.lexsort((rows[index], columns[index]))]
        index_key = columns[index].astype(np.int64) * n + rows[index]
        index_rows, index_weights = rows[index], weights[index]
        # Each entry of sentence x meets the indexed entries of its lemma from sentences before x.
        low = np.searchsorted(index_key, columns.astype(np.int64) * n)
        lengths = np.searchsorted(index_key, columns.astype(np.int64) * n + rows) - low
        rows32, index_rows32 = rows.astype(np.int32), index_rows.astype(np.int32)  # n < 2**31
        groups = None if apart is None else np.asarray(apart)
        # Batches of whole sentences, so that each pair's sum is complete within one batch.
        per_row = np.cumsum(np.bincount(rows, weights=lengths, minlength=n))
        self.join_size = int(per_row[-1])  # the products of the last search, for measures and tests
        ends = np.unique(np.searchsorted(per_row, np.arange(batch, per_row[-1] + batch, batch), side="right"))
        entry_end = np.searchsorted(rows, ends)
        candidates: list[np.ndarray] = []
        begin = 0
        for end in entry_end:
            if end <= begin:
                continue
            span = lengths[begin:end]
            probe = np.repeat(np.arange(begin, end, dtype=np.int32), span)
            at = np.repeat((low[begin:end] - np.cumsum(span) + span).astype(np.int32), span)
            at += np.arange(len(at), dtype=np.int32)
            begin = end
            second, first = rows32[probe], index_rows32[at]
            if groups is not None:
                mask = groups[first] != groups[second]
                probe, at, first, second = probe[mask], at[mask], first[mask], second[mask]
                del mask
            if not len(first):
                continue
            products = weights[probe] * index_weights[at]
            del probe, at
            keys = first.astype(np.int64) * n + second
            del first, second
            order = np.argsort(keys)  # (the order of a pair's products only rounds its sum differently)
            keys, products = keys[order], products[order]
            del order
            starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
            shared = np.add.reduceat(products, starts)
            keys = keys[starts]
            del products, starts
            candidates.append(keys[shared + unindexed_share(keys // n, keys % n) > threshold - 1e-9])
        if not candidates:
            return empty
        keys = np.sort(np.concatenate(candidates))
        first, second = keys // n, keys % n
        step = max(batch // 20, 1)
        similarity = np.concatenate(
            [self._cosines(first[k : k + step], second[k : k + step]) for k in range(0, len(keys), step)]
        )
        above = similarity > threshold
        return first[above].astype(np.intp), second[above].astype(np.intp), similarity[above]

    def _cosines(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """The cosine of each pair (first[k], second[k]): its lemmas of *first* looked up in *second*."""
        lengths = self.row_start[first + 1] - self.row_start[first]
        pair = np.repeat(np.arange(len(first)), lengths)
        entry = np.repeat(self.row_start[first] - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        # Entries are in row order, and each row's lemmas are distinct: (row, lemma) keys, sorted once.
        if self._keys is None:
            keys = self.rows.astype(np.int64) * max(self.vocabulary_size, 1) + self.columns
            self._key_order = np.argsort(keys, kind="stable")
            self._keys = keys[self._key_order]
        wanted = second[pair].astype(np.int64) * max(self.vocabulary_size, 1) + self.columns[entry]
        at = np.minimum(np.searchsorted(self._keys, wanted), len(self._keys) - 1)
        hit = self._keys[at] == wanted
        products = np.where(hit, self.weights[entry] * self.weights[self._key_order[at]], 0.0)
        return np.bincount(pair, weights=products, minlength=len(first))


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


def centrality_of_product(
    product, n: int, *, isolated: np.ndarray, damping: float = 0.85, iterations: int = 60
) -> np.ndarray:
    """``centrality`` of a symmetric graph with a zero diagonal given by its product with a vector
    (``product(x) == graph @ x``), for graphs too large to hold: the same PageRank, iteration for
    iteration. *isolated* marks the sentences with no edge, which spread their vote evenly."""
    if n == 0:
        return np.zeros(0)
    row_sums = product(np.ones(n))
    share = np.where(isolated, 0.0, 1.0 / np.where(isolated, 1.0, row_sums))
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        rank = (1 - damping) / n + damping * (product(rank * share) + rank[isolated].sum() / n)
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


def mmr_rows(
    scores: Sequence[float],
    row,
    *,
    count: int,
    allowed: Sequence[bool],
    bonus=None,
    start: Sequence[int] = (),
) -> list[int]:
    """``mmr`` over many candidates, none of which points back (no ``follows``): the same greedy
    choice, each step one vector operation over every candidate instead of a loop.

    ``row(j)`` is the similarity of sentence *j* to every candidate (only the chosen sentences' rows
    are asked for, so no matrix of all pairs is needed); ``bonus(chosen)`` is each candidate's
    coverage reward, ``-inf`` to rule it out."""
    top = max(scores, default=1.0) or 1.0
    relevance = np.asarray(scores, dtype=float) / top
    allowed = np.asarray(allowed, dtype=bool)
    chosen: list[int] = list(start)
    while len(chosen) < count:
        redundancy = np.max([row(j) for j in chosen], axis=0) if chosen else np.zeros(len(relevance))
        value = MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * redundancy
        if bonus is not None:
            value = value + bonus(chosen)
        value[redundancy > REDUNDANT_SIMILARITY] = -np.inf
        value[~allowed] = -np.inf
        value[chosen] = -np.inf
        best = int(np.argmax(value)) if len(value) else 0
        if not len(value) or value[best] == -np.inf:
            break
        chosen.append(best)
    return chosen
