"""The sentence records of the analysis stage: spans that lead back to the source, and the main clause."""

from __future__ import annotations

import pytest

from briefgen.analyse import sentence_records
from briefgen.ingest import read_sources

from conftest import SEEDS


def test_whitespace_inside_a_sentence_is_normalised_and_the_span_still_leads_back_to_the_source(nlp):
    # A seed sentence as a badly saved page gives it: runs of spaces, a tab, a no-break space.
    source = (
        "Turkish Foreign Minister Mevlut Cavusoglu said  in an interview with\tBloomberg that if Western "
        "countries are not ready to sell air\u00a0defense systems, Ankara will continue to buy them from other states."
        "   Otherwise, we will continue to purchase from others.  "
    )
    records = sentence_records(nlp(source))
    assert [r.text for r in records] == [
        "Turkish Foreign Minister Mevlut Cavusoglu said in an interview with Bloomberg that if Western countries are "
        "not ready to sell air defense systems, Ankara will continue to buy them from other states.",
        "Otherwise, we will continue to purchase from others.",
    ]
    for record in records:
        span = source[record.start : record.end]
        assert span == span.strip()  # no leading or trailing space in the cited span
        assert " ".join(span.split()) == record.text


def test_the_seed_sentences_lead_back_to_their_spans(nlp):
    for source in read_sources(SEEDS):
        if source.status != "included":
            continue
        for record in sentence_records(nlp(source.text)):
            assert " ".join(source.text[record.start : record.end].split()) == record.text
            assert "\n" not in record.text and "  " not in record.text


@pytest.mark.parametrize(
    ("text", "verb", "negated"),
    [
        # man-utd: the coordinated "and have yet to express a view" does not negate the holding.
        ("Irish horse racing millionaires JP McManus and John Magnier own 29% of United through their investment "
         "vehicle Cubic Expression, and have yet to express a view on the bid approach.", "own", False),
        # seeds: through a reporting verb to what is reported.
        ("Russian state media have reported that the Turks have returned to the Kremlin to buy a new shipment of "
         "S400 and the deal is being finalized.", "return", False),
        ("The Sunday Times and The Sunday Telegraph say they will oppose any formal £800m takeover bid from US tycoon "
         "Malcom Glazer.", "oppose", False),
        # seeds: negated main clauses.
        ("Turkish officials have not yet reacted to the claim.", "react", True),
        ("The United States did not show much desire.", "show", True),
        # "has yet to" negates, and the verb after it is the one that counts.
        ("Rosneft has yet to pay the $9.3bn it owes for the Yugansk unit.", "pay", True),
        ("No agreement was reached on the £5bn loan.", "reach", True),
        # yukos: the negation of a relative clause is not the sentence's.
        ("Yukos, which has not paid the $27.5bn tax bill, sued the Russian government for $28.3bn.", "sue", False),
    ],
)
def test_the_main_clause_has_its_verb_and_its_polarity(nlp, text, verb, negated):
    record = sentence_records(nlp(text))[0]
    assert record.verb == verb
    assert record.negated is negated


def test_the_main_clause_leaves_out_relative_and_adverbial_clauses(nlp):
    # man-utd and lse-bid: what the sentence states is the rejection, not the holding or what Euronext said.
    held = sentence_records(nlp(
        "Irishmen JP McManus and John Magnier, who own a 29% stake in Manchester United, will reportedly reject any "
        "formal £800m offer for the club."
    ))[0]
    assert "reject" in held.clause_lemmas and "own" not in held.clause_lemmas and "stake" not in held.clause_lemmas
    rejected = sentence_records(nlp(
        "A £1.3bn offer from Deutsche Boerse has already been rejected, while Euronext has said it will make an all "
        "cash bid."
    ))[0]
    assert "reject" in rejected.clause_lemmas and "say" not in rejected.clause_lemmas
    assert "euronext" not in rejected.clause_lemmas
