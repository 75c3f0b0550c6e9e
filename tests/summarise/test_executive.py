"""The executive summary across sources: on the seeds and on two real BBC articles about one story."""

from __future__ import annotations

import numpy as np
import pytest

from briefgen.model import Source
from briefgen.summarise import executive_summary, points_back, unusable_reason
from briefgen.summarise.executive import _bare_surnames, _figures, _same_figure
from briefgen.summarise.scoring import tfidf

# Two BBC News Summary articles on one story (business/003 and business/127, first paragraphs): both
# report the sale of the same unit for the same sum, and the same loan claim, in different words.
LOAN_CLAIM = Source(
    id=1, path="business-003.txt", title="Yukos unit buyer faces loan claim", published="2005-01-25",
    text=(
        "The owners of embattled Russian oil giant Yukos are to ask the buyer of its former production unit to pay "
        "back a $900m (£479m) loan.\n\n"
        "State-owned Rosneft bought the Yugansk unit for $9.3bn in a sale forced by Russia to part settle a $27.5bn "
        "tax claim against Yukos. Yukos' owner Menatep Group says it will ask Rosneft to repay a loan that Yugansk "
        "had secured on its assets. Rosneft already faces a similar $540m repayment demand from foreign banks. "
        "Legal experts said Rosneft's purchase of Yugansk would include such obligations."
    ),
)
LAWSUIT = Source(
    id=2, path="business-127.txt", title="Yukos owner sues Russia for $28bn", published="2005-02-07",
    text=(
        "The majority owner of embattled Russian oil firm Yukos has sued the Russian government for $28.3bn "
        "(£15.2bn).\n\n"
        "The Kremlin last year seized and sold Yukos' main production arm, Yugansk, to state-run oil group Rosneft "
        "for $9.3bn to offset a massive back tax bill. Group Menatep, the Gibraltar-based holding company which "
        "controls 51% of Yukos, says this was illegal. Menatep has already asked Rosneft to repay a $900m loan that "
        "Yugansk had secured on its assets.\n\n"
        "The Russian government's argument for selling Yuganskneftegaz - the unit's full name - was that Yukos owed "
        "more than $27bn in back taxes for the years from 2000 onwards."
    ),
)


@pytest.fixture(scope="module")
def two_outlets(analyse):
    sources = [LOAN_CLAIM, LAWSUIT]
    return sources, {s.id: analyse(s) for s in sources}


@pytest.fixture(scope="module")
def seed_summary(seeds):
    sources, analyses = seeds
    return executive_summary(sources, analyses, sentences=7)


def test_the_same_fact_from_two_outlets_is_one_sentence_citing_both(two_outlets, spans_match):
    sources, analyses = two_outlets
    summary = executive_summary(sources, analyses, sentences=5)
    sale = [c for c in summary if "9.3bn" in c.text]
    assert len(sale) == 1
    assert sorted(c.source_id for c in sale[0].citations) == [1, 2]
    assert spans_match(summary, {s.id: s for s in sources})


def test_the_seed_summary_is_five_to_eight_cited_sentences_at_their_spans(seeds, seed_summary, spans_match):
    sources, _ = seeds
    assert 5 <= len(seed_summary) <= 8
    assert all(c.citations for c in seed_summary)
    assert spans_match(seed_summary, {s.id: s for s in sources})
    # It draws on most of the sources, not on one.
    assert len({c.source_id for s in seed_summary for c in s.citations}) >= 4


def test_seed_summary_sentences_stand_alone_and_say_different_things(seeds, seed_summary):
    _, analyses = seeds
    records = {(sid, r.start): r for sid, a in analyses.items() for r in a.sentences}
    chosen = [records[(s.citations[0].source_id, s.citations[0].start)] for s in seed_summary]
    for record in chosen:
        assert unusable_reason(record) is None, record.text
        assert not points_back(record), record.text
    vectors = tfidf([r.lemmas for r in chosen])
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, 0)
    assert similarity.max() < 0.5


def test_seed_summary_reads_background_then_latest_then_what_to_watch(seeds, seed_summary):
    sources, _ = seeds
    phases = [s.phase for s in seed_summary]
    assert phases == sorted(phases, key=["background", "latest", "watch"].index)
    assert {"background", "latest", "watch"} <= set(phases)
    # The latest developments come from the newest source, or from one with no date.
    newest = max(s.published for s in sources if s.published)
    dated = {s.id: s.published for s in sources}
    for sentence in seed_summary:
        if sentence.phase != "background":
            assert dated[sentence.citations[0].source_id] in (newest, None), sentence.text


def test_excluded_sources_and_empty_input(two_outlets):
    sources, analyses = two_outlets
    excluded = LAWSUIT.model_copy(update={"status": "excluded", "reason": "duplicate"})
    summary = executive_summary([LOAN_CLAIM, excluded], analyses, sentences=5)
    assert summary and all(c.source_id == 1 for cited in summary for c in cited.citations)
    assert executive_summary([], {}, sentences=5) == []


def test_the_seed_contract_three_outlets_report_is_one_sentence_opening_the_background(seed_summary):
    # Sources 1 and 5 both give the 2017 contract's $2.5 billion, in different words.
    contract = [s for s in seed_summary if "2.5" in s.text]
    assert len(contract) == 1
    assert {1, 5} <= {c.source_id for c in contract[0].citations}
    assert seed_summary[0] == contract[0] and contract[0].phase == "background"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # lse-bid: one offer, rounded by two outlets.
        ("rejected Deutsche Boerse's proposed £1.3bn offer", "valued the exchange at about £1.35bn", True),
        # man-utd: one stake.
        ("own 29% of United", "they own 28.9% of the club", True),
        # seeds: "$ 2.5 billion" and "$2.5 billion" spelled differently.
        ("four S-400 divisions for $ 2.5 billion", "Under the $2.5bn deal", True),
        # yukos: a tax bill and a lawsuit, close in value but not the same figure.
        ("a $27.5bn tax claim against Yukos", "sued the Russian government for $28.3bn", False),
        ("an £800m bid", "a £750m bid", False),
        ("2.5 million", "2.5%", False),
        ("signed in 2017", "in 2017", False),  # a year alone is no figure
    ],
)
def test_figures_agree_within_rounding_and_unit(a, b, same):
    assert _same_figure(_figures(a), _figures(b)) is same


def test_a_bare_surname_is_found_where_the_source_gives_the_full_name(seeds):
    sources, analyses = seeds
    source = next(s for s in sources if s.id == 5)
    records = analyses[5].sentences
    flagged = {records[i].text.split(",")[0] for i in _bare_surnames(source.text, analyses[5])}
    assert "According to Sezer" in flagged  # the full name, Aydin Sezer, is given earlier
    assert not any(text.startswith("“Considering that Turkey") for text in flagged)  # "Prof. Emre Ersen"
