"""The sparse path of ``cosine_similarity`` (large briefs) gives the dense product's values."""

import re
from pathlib import Path

import numpy as np

from briefgen.summarise import scoring

SOURCES = Path(__file__).resolve().parents[2] / "sources"


def _lemma_lists() -> list[list[str]]:
    lists = []
    for path in sorted(SOURCES.glob("*")):
        if path.is_file():
            for sentence in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8", errors="replace")):
                words = [w.lower() for w in re.findall(r"[A-Za-z]+", sentence) if len(w) > 3]
                lists.append(words)
    return lists


def test_sparse_similarity_matches_the_dense_product(monkeypatch):
    lists = _lemma_lists() + [[]]  # an empty sentence too: its row stays zero
    assert len(lists) > 50
    vectors = scoring.tfidf(lists)
    dense = vectors @ vectors.T
    assert np.array_equal(scoring.cosine_similarity(lists), dense)  # small: the product itself
    monkeypatch.setattr(scoring, "DENSE_CELLS", 0)
    sparse = scoring.cosine_similarity(lists)
    assert sparse.shape == dense.shape
    assert np.allclose(sparse, dense, rtol=0, atol=1e-12)
    assert not sparse[-1].any()
    for threshold in (0.2, 0.4, 0.5):
        assert np.array_equal(sparse > threshold, dense > threshold)
