"""merge_events looks only at the events whose dates can overlap a mention's (indexed by year): it
merges exactly as a scan of every event would, including when a merged event's date narrows or a
season runs into the next year."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.extract.chronology import _Told, _overlap, _same_happening, _words, _common_keys, merge_events
from briefgen.extract.dates import coarsen, value_range
from briefgen.model import Analysis, EventMention, Sentence

SEEDS = Path(__file__).resolve().parents[2] / "sources"


def _analysis(*mentions: tuple[str, str], expected: bool = False) -> Analysis:
    text = " ".join(t for t, _ in mentions)
    events, at = [], 0
    for t, date in mentions:
        events.append(EventMention(date=date, text=t, start=at, end=at + len(t), sentence=0, expected=expected))
        at += len(t) + 1
    return Analysis(sentences=[Sentence(start=0, end=len(text), text=text)], events=events)


def test_a_date_made_more_precise_is_found_under_its_new_date():
    analyses = {
        1: _analysis(("The first contract for the terminal was signed", "2017")),
        2: _analysis(("The city council met about the harbour", "2017-04"),
                     ("The first contract for the terminal was signed in April", "2017-04")),
        3: _analysis(("The first contract for the terminal was signed on 20 April", "2017-04-20")),
    }
    timeline, _ = merge_events(analyses)
    signed = next(e for e in timeline if "contract" in e.text)
    assert (signed.date, signed.sources) == ("2017-04-20", [1, 2, 3])


def test_a_winter_reaches_into_the_next_year():
    analyses = {
        1: _analysis(("The new terminal opened to passengers", "2019-WI")),
        2: _analysis(("The new terminal opened to passengers", "2020-01")),
        3: _analysis(("The new terminal opened to passengers", "2020-06")),
    }
    timeline, _ = merge_events(analyses)
    assert [(e.date, e.sources) for e in timeline] == [("2020-01", [1, 2]), ("2020-06", [3])]


def test_plans_and_past_events_never_merge_and_values_that_are_no_dates_merge_when_equal():
    analyses = {
        1: _analysis(("The ministry will publish the budget", "FUTURE_REF"), expected=True),
        2: _analysis(("The ministry will publish the budget soon", "FUTURE_REF"), expected=True),
        3: _analysis(("The ministry published the budget", "2005")),
        4: _analysis(("The ministry will publish the budget", "2005"), expected=True),
    }
    timeline, outlook = merge_events(analyses)
    assert [(e.date, e.sources) for e in timeline] == [("2005", [3])]
    assert sorted((e.date, tuple(e.sources)) for e in outlook) == [("2005", (4,)), ("FUTURE_REF", (1, 2))]


def _scan(analyses: dict[int, Analysis]) -> list[tuple[str, str, list[int]]]:
    """The merge as a scan of every event so far (the code before the index), without reports of
    plans done: (date, text, sources) of each event in the order made."""
    merged: list[list] = []  # [date, text, sources, words, seen, expected]
    common = _common_keys([m for a in analyses.values() for m in a.events])

    def overlapping(a, b, nested):
        if a == b:
            return True
        ra, rb = value_range(a), value_range(b)
        if not (ra and rb):
            return False
        if nested:
            return (ra[0] <= rb[0] and rb[1] <= ra[1]) or (rb[0] <= ra[0] and ra[1] <= rb[1])
        return ra[0] <= rb[1] and rb[0] <= ra[1]

    def width(value):
        bounds = value_range(value)
        return (bounds[1] - bounds[0]).days if bounds else 10**6

    for source_id, analysis in analyses.items():
        for m in analysis.events:
            date = m.date if "-W" not in m.date else coarsen(m.date, "month")
            words, told = _words(m.text), _Told(list(m.lemmas), m.text, list(m.actors))
            match = reworded = None
            for entry in merged:
                if entry[5] != m.expected:
                    continue
                if overlapping(entry[0], date, True) and _overlap(entry[3], words) >= 0.5:
                    match, reworded = entry, False
                    break
                if overlapping(entry[0], date, False) and any(_same_happening(told, o, common) for o in entry[4]):
                    match, reworded = entry, True
                    break
            if match is None:
                merged.append([date, m.text, [source_id], words, [told], m.expected])
                continue
            match[4].append(told)
            if width(date) < width(match[0]):
                match[0] = date
                if reworded:
                    match[1] = m.text
            if source_id not in match[2]:
                match[2].append(source_id)
    return sorted((d, t, s) for d, t, s, *_ in merged)


@pytest.fixture(scope="module")
def seed_analyses(nlp):
    from briefgen.analyse import analyse_doc

    paths = sorted(SEEDS.glob("*.txt"))
    return {n: analyse_doc(nlp(p.read_text("utf-8")), published=None) for n, p in enumerate(paths, 1)}


def test_the_index_merges_the_seeds_as_the_scan_does(seed_analyses):
    # Each article twice, once with its dates a year later: more events to tell apart.
    analyses = dict(seed_analyses)
    for n, analysis in seed_analyses.items():
        shifted = analysis.model_copy(deep=True)
        for m in shifted.events:
            if m.date[:4].isdigit():
                m.date = str(int(m.date[:4]) + 1) + m.date[4:]
        analyses[n + 10] = shifted
    timeline, outlook = merge_events(analyses)
    found = sorted((e.date, e.text, e.sources) for e in timeline + outlook)
    assert len(found) > 20 and any(len(s) > 1 for _, _, s in found)
    assert found == _scan(analyses)


def test_an_event_whose_date_moves_into_another_year_is_found_there():
    # "the fourth quarter" and "the winter" overlap in December: told the same way, one happening,
    # dated by the narrower winter, which runs into the next year, where a February report finds it.
    analyses = {
        1: _analysis(("The two companies signed the supply contract", "2019-Q4")),
        2: _analysis(("Both companies signed the supply contract", "2019-WI")),
        3: _analysis(("The companies signed the supply contract in February", "2020-02")),
    }
    timeline, _ = merge_events(analyses)
    assert [(e.date, e.sources) for e in timeline] == [("2020-02", [1, 2, 3])]
