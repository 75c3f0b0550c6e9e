"""Centrality, scores and MMR selection."""

from __future__ import annotations

import numpy as np
import pytest

from briefgen.model import Sentence
from briefgen.summarise.scoring import REDUNDANT_SIMILARITY, centrality, mmr, rank_sentences, tfidf

# A real BBC lead and the sentences after it (business/001), with content lemmas as spaCy gives them.
LEMMAS = [
    ["quarterly", "profit", "medium", "giant", "timewarner", "jump", "76", "1.13bn", "month", "december"],
    ["firm", "big", "investor", "google", "benefit", "sale", "high", "speed", "internet", "connection", "advert"],
    ["timewarner", "say", "quarter", "sale", "rise", "2", "11.1bn", "10.9bn"],
    ["profit", "buoy", "gain", "offset", "profit", "dip", "warner", "bros", "user", "aol"],
]


def test_tfidf_rows_have_unit_length_and_no_shared_word_means_no_similarity():
    vectors = tfidf(LEMMAS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    similarity = vectors @ vectors.T
    assert similarity[1, 3] == pytest.approx(0.0)  # the Google sentence and the Warner Bros one share no word
    assert similarity[0, 3] > 0  # both speak of profit


def test_the_sentence_linked_to_most_others_is_most_central():
    similarity = np.array([[1, 0.5, 0.5, 0.5], [0.5, 1, 0, 0], [0.5, 0, 1, 0], [0.5, 0, 0, 1.0]])
    rank = centrality(similarity)
    assert rank.argmax() == 0 and rank.max() == pytest.approx(1.0)
    assert rank[1] == pytest.approx(rank[2]) == pytest.approx(rank[3])


def test_rank_prefers_the_lead_and_the_title_words():
    sentences = [Sentence(start=0, end=1, text=" ".join(lemmas), lemmas=lemmas) for lemmas in LEMMAS]
    scores = rank_sentences(sentences, title="Ad sales boost Time Warner profit")
    assert int(np.argmax(scores)) == 0


@pytest.mark.parametrize(
    ("follows", "count", "start", "expected"),
    [
        ([None, None, None, None], 2, (), [0, 2]),  # 1 repeats 0 and is passed over for 2
        ([None, None, None, 2], 4, (), [0, 2, 3]),  # 3 points back to 2: chosen after it
        ([None, None, 1, None], 3, (), [0, 3]),  # 2 points back to 1, a repeat of 0: never chosen
        ([None, None, None, None], 2, (3,), [3, 0]),  # a given start is extended
    ],
)
def test_mmr(follows, count, start, expected):
    scores = [1.0, 0.95, 0.6, 0.5]
    similarity = np.eye(4)
    similarity[0, 1] = similarity[1, 0] = REDUNDANT_SIMILARITY + 0.1
    allowed = [True] * 4
    assert mmr(scores, similarity, count=count, allowed=allowed, follows=follows, start=start) == expected
