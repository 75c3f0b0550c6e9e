"""The executive summary's sparse structures against the dense matrices they replace, on the seeds'
real sentences; and a brief of thousands of sentences that holds no matrix of all pairs."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from briefgen.model import Analysis, Sentence, Source
from briefgen.summarise import executive_summary
from briefgen.summarise.claims import claim_of, compatible, figures, same_claim, same_figure
from briefgen.summarise.executive import (
    DUPLICATE_SIMILARITY,
    SAME_SOURCE_EDGE,
    SHARED_FACT_SIMILARITY,
    _centrality,
    _duplicate_pairs,
)
from briefgen.summarise.scoring import SparseTfidf, centrality, mmr, mmr_rows, tfidf


@pytest.fixture(scope="module")
def seed_records(seeds):
    sources, analyses = seeds
    records = [r for s in sources for r in analyses[s.id].sentences]
    owner_ids = np.array([s.id for s in sources for _ in analyses[s.id].sentences])
    dense = tfidf([r.lemmas for r in records])
    return records, owner_ids, SparseTfidf([r.lemmas for r in records]), dense @ dense.T


def test_duplicates_are_those_of_the_dense_matrix(seed_records):
    records, owner_ids, vectors, similarity = seed_records
    # The dense computation the executive summary made before it scaled.
    apart = owner_ids[:, None] != owner_ids[None, :]
    claims = [claim_of(r) for r in records]
    duplicate = apart & (similarity > DUPLICATE_SIMILARITY)
    for i, j in zip(*np.nonzero(apart & (similarity > SHARED_FACT_SIMILARITY))):
        if i < j and not duplicate[i, j] and same_claim(records[i], records[j], claims[i], claims[j]):
            duplicate[i, j] = duplicate[j, i] = True
    for i, j in zip(*np.nonzero(duplicate)):
        if not compatible(claims[i], claims[j]):
            duplicate[i, j] = False
    expected = [(int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(duplicate, 1)))]
    assert len(expected) >= 2  # the seeds' contract, reported by three outlets
    assert _duplicate_pairs(records, owner_ids, vectors) == expected


def test_a_shared_fact_needs_the_same_figure_in_both_sentences(seed_records):
    # ``_duplicate_pairs`` only asks ``same_claim`` about sentences that give the same figure.
    records, owner_ids, _, similarity = seed_records
    numbers = [figures(r.text) for r in records]
    claimed = 0
    for i, j in zip(*np.nonzero(np.triu(similarity > SHARED_FACT_SIMILARITY, 1))):
        if owner_ids[i] != owner_ids[j] and same_claim(records[i], records[j]):
            claimed += 1
            assert same_figure(numbers[i], numbers[j])
    assert claimed > 0


def test_centrality_is_the_dense_pagerank(seed_records):
    _, owner_ids, vectors, similarity = seed_records
    assert (~vectors.shares_a_lemma()).any()  # a sentence with no edge spreads its vote evenly
    edges = np.where(owner_ids[:, None] == owner_ids[None, :], SAME_SOURCE_EDGE, 1.0) * similarity
    expected = centrality(edges)
    found = _centrality(vectors, owner_ids)
    assert np.allclose(found, expected, rtol=0, atol=1e-12)
    assert np.argsort(-found, kind="stable")[:20].tolist() == np.argsort(-expected, kind="stable")[:20].tolist()


@pytest.mark.parametrize("count, start", [(1, []), (7, []), (12, []), (9, [3, 40])])
def test_mmr_rows_chooses_as_mmr_does(seed_records, count, start):
    _, owner_ids, vectors, similarity = seed_records
    n = len(owner_ids)
    scores = list(centrality(similarity) + 0.3 / np.sqrt(1.0 + np.arange(n) % 40))
    allowed = [i % 7 != 3 for i in range(n)]
    for index in start:
        allowed[index] = True

    def bonus(i, chosen):  # a reward for a source not yet in, and one source at most three times
        sources = [owner_ids[j] for j in chosen]
        return -np.inf if sources.count(owner_ids[i]) >= 3 else 0.1 * (owner_ids[i] not in sources)

    def bonus_vector(chosen):
        sources = [owner_ids[j] for j in chosen]
        value = 0.1 * ~np.isin(owner_ids, sources)
        value[np.isin(owner_ids, [s for s in set(sources) if sources.count(s) >= 3])] = -np.inf
        return value

    expected = mmr(scores, similarity, count=count, allowed=allowed, follows=[None] * n, bonus=bonus, start=start)
    found = mmr_rows(scores, vectors.row, count=count, allowed=allowed, bonus=bonus_vector, start=start)
    assert len(expected) == count
    assert found == expected


def _synthetic_brief(sources: int, per_source: int) -> tuple[list[Source], dict[int, Analysis]]:
    """Articles of news-like sentences: lemmas from a Zipf-like vocabulary of 20,000 words (a few
    words in a large share of the sentences), each article on a handful of topic words of its own."""
    rng = np.random.default_rng(0)
    weights = 1.0 / np.arange(1, 20_001)
    weights /= weights.sum()
    made, analyses = [], {}
    for number in range(1, sources + 1):
        topic = [f"topic{number}x{k}" for k in range(4)]
        text, records = "", []
        lengths = rng.integers(6, 21, size=per_source)
        words = np.split(rng.choice(20_000, size=lengths.sum(), p=weights), np.cumsum(lengths)[:-1])
        for index in range(per_source):
            lemmas = [f"w{k}" for k in words[index]]
            lemmas += list(rng.choice(topic, size=2))
            # One sentence in five gives a figure, as in news (a fifth of BBC sentences).
            sentence = "The " + " ".join(lemmas) + (f" rose by {index % 3 + 4}%." if index % 5 == 0 else " rose.")
            records.append(Sentence(start=len(text), end=len(text) + len(sentence), text=sentence, lemmas=lemmas))
            text += sentence + " "
        made.append(Source(id=number, path=f"{number}.txt", title=" ".join(topic), published="2024-01-01", text=text))
        analyses[number] = Analysis(sentences=records)
    return made, analyses


def test_a_brief_of_thousands_of_sentences_holds_no_matrix_of_all_pairs():
    sources, analyses = _synthetic_brief(200, 20)
    n = sum(len(a.sentences) for a in analyses.values())
    assert n == 4000
    tracemalloc.start()
    try:
        summary = executive_summary(sources, analyses, sentences=7)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(summary) == 7
    # One float matrix of all pairs is 128 MB here; the whole summary takes a fraction of it.
    assert peak < n * n * 8 / 8
