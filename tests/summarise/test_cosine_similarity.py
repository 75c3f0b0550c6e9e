"""``SparseTfidf`` (the executive summary's similarity at scale) gives the dense product's values."""

import re
from pathlib import Path

import numpy as np
import pytest

from briefgen.summarise import scoring

SOURCES = Path(__file__).resolve().parents[2] / "sources"


def _lemma_lists() -> tuple[list[list[str]], np.ndarray]:
    """The seed articles' sentences as crude lemma lists, and the article each comes from."""
    lists, groups = [], []
    for number, path in enumerate(sorted(p for p in SOURCES.glob("*") if p.is_file())):
        for sentence in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8", errors="replace")):
            lists.append([w.lower() for w in re.findall(r"[A-Za-z]+", sentence) if len(w) > 3])
            groups.append(number)
    # One sentence again in another article, a word short; an empty sentence (its row stays
    # zero); and a sentence sharing no word with any other.
    longest = max(range(len(lists)), key=lambda i: len(lists[i]))
    extra = [lists[longest][:-1], [], ["zzzunique"]]
    return lists + extra, np.array(groups + [(groups[longest] + 1) % max(groups), 0, 1])


@pytest.fixture(scope="module")
def seed_vectors():
    lists, groups = _lemma_lists()
    assert len(lists) > 50 and len(set(groups)) >= 5
    dense = scoring.tfidf(lists)
    return scoring.SparseTfidf(lists), dense @ dense.T, groups


def test_rows_and_products_are_the_dense_similarity(seed_vectors):
    vectors, dense, groups = seed_vectors
    rows = np.array([vectors.row(i) for i in range(len(vectors))])
    assert np.allclose(rows, dense, rtol=0, atol=1e-12)
    assert not rows[-2].any()
    x = np.random.default_rng(0).random(len(vectors))
    assert np.allclose(vectors.product(x), dense @ x, rtol=0, atol=1e-12)
    block = np.where(groups[:, None] == groups[None, :], dense, 0.0)
    assert np.allclose(vectors.product(x, columns=vectors.grouped_columns(groups)), block @ x, rtol=0, atol=1e-12)
    off_diagonal = dense - np.diag(np.diag(dense))
    assert np.array_equal(vectors.shares_a_lemma(), off_diagonal.sum(axis=1) > 0)
    assert not vectors.shares_a_lemma()[-1]


@pytest.mark.parametrize("threshold", [0.0, 0.2, 0.4, 0.5, 0.7])
@pytest.mark.parametrize("apart", [False, True])
@pytest.mark.parametrize("among", [False, True])
def test_pairs_above_are_exactly_the_dense_pairs(seed_vectors, threshold, apart, among):
    vectors, dense, groups = seed_vectors
    mask = np.random.default_rng(1).random(len(vectors)) < 0.4
    mask[-3] = mask[np.argmax(dense[-3, :-3])] = True  # the sentence found again, with its original
    expected = np.triu(dense > threshold, 1)
    if apart:
        expected &= groups[:, None] != groups[None, :]
    if among:
        expected &= mask[:, None] & mask[None, :]
    # A small batch: pairs are summed across many batches, as at scale.
    first, second, values = vectors.pairs_above(
        threshold, apart=groups if apart else None, among=mask if among else None, batch=300
    )
    want_first, want_second = np.nonzero(expected)
    assert len(want_first) > 0
    assert first.tolist() == want_first.tolist() and second.tolist() == want_second.tolist()
    assert np.allclose(values, dense[want_first, want_second], rtol=0, atol=1e-12)


def _zipf_sentences(count: int, *, seed: int = 0) -> list[list[str]]:
    """Lemma lists shaped like news sentences: 6 to 20 lemmas drawn from a Zipf-like vocabulary of
    20,000 words, so that a few lemmas are in a large share of sentences (as "say" is in a fifth)."""
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, 20_001)
    weights /= weights.sum()
    lengths = rng.integers(6, 21, size=count)
    words = rng.choice(20_000, size=lengths.sum(), p=weights)
    return [[f"w{k}" for k in chunk] for chunk in np.split(words, np.cumsum(lengths)[:-1])]


def test_the_pair_search_looks_at_a_bounded_number_of_candidates(monkeypatch):
    lists = _zipf_sentences(3000)
    vectors = scoring.SparseTfidf(lists)
    common = vectors.document_frequency.max()
    assert common > 0.2 * len(lists)  # the commonest lemma is in a fifth of the sentences or more
    assert (vectors.document_frequency.astype(float) ** 2).sum() > 2_000_000  # the full join
    looked_at = []
    cosines = vectors._cosines
    monkeypatch.setattr(vectors, "_cosines", lambda a, b: looked_at.append(len(a)) or cosines(a, b))
    first, second, _ = vectors.pairs_above(0.2)
    # Every pair, row by row (``row`` is checked against the dense product above).
    above = [np.flatnonzero(vectors.row(i)[i + 1 :] > 0.2) + i + 1 for i in range(len(lists))]
    expected = (np.repeat(np.arange(len(lists)), [len(a) for a in above]), np.concatenate(above))
    assert len(expected[0]) > 1000
    assert first.tolist() == expected[0].tolist() and second.tolist() == expected[1].tolist()
    # A few candidates per sentence, not a share of all 4.5 million pairs.
    assert sum(looked_at) < 10 * len(lists)
