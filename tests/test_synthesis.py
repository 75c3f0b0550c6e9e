"""The synthesis stage's per-source summaries, made once and then taken from the summary cache."""

from __future__ import annotations

import hashlib

from briefgen.cache import AnalysisCache, SummaryCache
from briefgen.model import Analysis, Sentence, Source
from briefgen.synthesis import source_summary
from briefgen.summarise import summarise_source

TEXT = (
    "The finance ministry raised its growth forecast to 2.1% on Monday. "
    "Officials said exports to Asia had recovered faster than expected. "
    "The central bank kept interest rates unchanged at 4.5%. "
    "Opposition parties said the forecast ignored rising household debt. "
    "The budget will be presented to parliament in March."
)


def _analysis(text: str) -> Analysis:
    sentences, start = [], 0
    for part in text.split(". "):
        part = part if part.endswith(".") else part + "."
        begin = text.index(part, start)
        words = [w.strip(".,%").lower() for w in part.split() if len(w) > 3]
        sentences.append(Sentence(start=begin, end=begin + len(part), text=part, lemmas=words, has_verb=True))
        start = begin + len(part)
    return Analysis(sentences=sentences)


def _source(number: int, *, title: str = "Growth forecast raised") -> Source:
    return Source(id=number, path="economy.txt", title=title, text=TEXT, sha256=hashlib.sha256(TEXT.encode()).hexdigest())


def test_a_summary_is_made_once_then_read_back_under_the_source_s_new_number(tmp_path):
    analyses = AnalysisCache(tmp_path / "analysis", model="m")
    path = tmp_path / "summaries.json"
    analysis = _analysis(TEXT)

    first = SummaryCache(path, analyses=analyses)
    made = source_summary(_source(1), analysis, sentences=2, cache=first)
    assert made == summarise_source(_source(1), analysis, sentences=2) and len(made) == 2
    assert (first.hits, first.misses) == (0, 1)
    first.save()

    # A file added before it in the folder: the same source is now number 3.
    second = SummaryCache(path, analyses=analyses)
    again = source_summary(_source(3), analysis, sentences=2, cache=second)
    assert (second.hits, second.misses) == (1, 0)
    assert again == summarise_source(_source(3), analysis, sentences=2)
    assert {c.source_id for s in again for c in s.citations} == {3}
    assert [s.text for s in again] == [s.text for s in made]


def test_a_new_title_or_length_is_summarised_again_and_stale_entries_are_dropped(tmp_path):
    analyses = AnalysisCache(tmp_path / "analysis", model="m")
    path = tmp_path / "summaries.json"
    analysis = _analysis(TEXT)
    first = SummaryCache(path, analyses=analyses)
    source_summary(_source(1), analysis, sentences=2, cache=first)
    first.save()

    second = SummaryCache(path, analyses=analyses)
    assert second.get(_source(1, title="Rates unchanged"), 2) is None
    assert second.get(_source(1), 3) is None
    source_summary(_source(1), analysis, sentences=3, cache=second)
    second.save()  # the two-sentence entry was not used by this build: it goes

    third = SummaryCache(path, analyses=analyses)
    assert third.get(_source(1), 2) is None
    assert len(third.get(_source(1), 3)) == 3


def test_a_damaged_summary_file_is_ignored(tmp_path):
    path = tmp_path / "summaries.json"
    path.write_text('{"abc": [{"text": 1}]')
    cache = SummaryCache(path, analyses=AnalysisCache(tmp_path / "analysis", model="m"))
    summary = source_summary(_source(1), _analysis(TEXT), sentences=2, cache=cache)
    assert len(summary) == 2 and cache.misses == 1
