"""The synthesis reads each source's quotes once per build: actors' quotes are found through an index
of speakers, and give what matching every quote against each actor gave."""

from __future__ import annotations

from rapidfuzz import fuzz

from briefgen.extract.actors import _MAX_QUOTES, _matches, _pick_quotes
from briefgen.extract.gazetteer import fold
from briefgen.extract.issue import stems
from briefgen.model import Analysis, QuoteMention

# Quotes as BBC articles print them (speaker as written, cue, words).
QUOTES = [
    ("Mr Glazer", "said", "We are committed to the long-term success of the club", True),
    ("Malcolm Glazer", "told", "the club would remain listed for now", False),
    ("the French", "said", "the offer undervalues the exchange", False),
    ("France", "warned", "Any bid would face a full inquiry by the competition authorities", True),
    ("Paris", "said", "We will look at the offer for the exchange very carefully", True),
    ("Clara Furse", "said", "The board remains focused on delivering value for shareholders", True),
    ("Ms Furse", "added", "the board had not received a firm offer", False),
    ("Werner Seifert", "said", "We are committed to the long-term success of the club", True),
    (None, None, "Unnamed people said the bid was dead", True),
    ("Mr Glazer", "said", "We are committed to the long-term success of this club", True),
]


def _analyses(order: list[int]) -> dict[int, Analysis]:
    found = {}
    for source_id, n in enumerate(order, 1):
        speaker, cue, text, direct = QUOTES[n]
        found[source_id] = Analysis(quotes=[QuoteMention(speaker=speaker, cue=cue, text=text, start=0,
                                                         end=len(text), sentence=0, direct=direct)])
    return found


def _scan(analyses, folded, issue_stems):
    """Every quote matched against the actor's names, as before the index."""
    scored = []
    for source_id, analysis in analyses.items():
        for q in analysis.quotes:
            if q.speaker and _matches(q.speaker, folded):
                scored.append(((q.direct, len(stems(q.text) & issue_stems), min(len(q.text), 400)), source_id, q))
    scored.sort(key=lambda item: item[0], reverse=True)
    picked = []
    for _, source_id, q in scored:
        if any(fuzz.partial_ratio(fold(q.text), fold(other.text)) >= 90 for _, other in picked):
            continue
        picked.append((source_id, q))
        if len(picked) == _MAX_QUOTES:
            break
    return [(s, q.text) for s, q in picked]


ACTORS = [
    {"glazer", "malcolm glazer", "mr glazer"},
    {"country:france", "france", "french", "paris"},
    {"clara furse", "furse", "ms furse"},
    {"werner seifert"},
    {"nobody"},
]


def test_quotes_through_the_index_are_those_of_the_scan():
    issue = stems("a takeover bid for the club and the exchange")
    for order in ([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 4]):
        analyses = _analyses(order)
        for folded in ACTORS:
            found = [(q.citation.source_id, q.text) for q in _pick_quotes(analyses, folded, issue)]
            assert found == _scan(analyses, folded, issue)
    # a country is found by its capital and its people; two sources printing the same words count once
    france = _pick_quotes(_analyses([2, 3, 4]), ACTORS[1], issue)
    assert [q.speaker for q in france] == ["France", "Paris"]
    glazer = _pick_quotes(_analyses([0, 9, 1]), ACTORS[0], issue)
    assert [q.citation.source_id for q in glazer] == [2, 3]  # the longer of the two printings, then the reported one


def test_other_analyses_are_indexed_anew():
    issue = stems("a takeover bid")
    first = _analyses([5, 6])
    assert [q.text for q in _pick_quotes(first, ACTORS[2], issue)][0].startswith("The board remains")
    second = _analyses([6])
    assert [q.text for q in _pick_quotes(second, ACTORS[2], issue)] == ["the board had not received a firm offer"]
    assert _pick_quotes(_analyses([0]), ACTORS[2], issue) == []
