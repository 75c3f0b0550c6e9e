"""Sources analysed exactly as the build's analysis stage does it, for the summariser's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.analyse import analyse_doc, published_dates
from briefgen.ingest import read_sources

SEEDS = Path(__file__).resolve().parents[2] / "sources"


@pytest.fixture(scope="session")
def analyse(nlp):
    """Analysis of one source, as ``briefgen.analyse`` records it (sentences, entities, ...)."""
    return lambda source: analyse_doc(nlp(source.text), published=source.published)


@pytest.fixture(scope="session")
def seeds(analyse):
    """The five seed articles and their analyses."""
    sources = [s for s in read_sources(SEEDS) if s.status == "included"]
    analyses = {s.id: analyse(s) for s in sources}
    return published_dates(sources, analyses), analyses


@pytest.fixture(scope="session")
def spans_match():
    return _spans_match


def _spans_match(summary, sources) -> bool:
    """Every cited sentence is the text at its first citation's span; every other span is non-empty."""
    for cited in summary:
        first = cited.citations[0]
        if " ".join(sources[first.source_id].text[first.start : first.end].split()) != cited.text:
            return False
        for citation in cited.citations:
            if not sources[citation.source_id].text[citation.start : citation.end].strip():
                return False
    return True
