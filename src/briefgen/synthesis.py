"""The synthesis stage: merge the per-source analyses into one ``Brief``.

It is a pure function of the sources, their analyses and the configuration, so it can be tested
without spaCy and re-run from cached analyses in a fraction of a second.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from .cache import SummaryCache
from .config import Config
from .extract.actors import build_actors
from .extract.figures import merge_figures
from .extract.chronology import merge_events
from .model import Analysis, Brief, CitedSentence, Edition, Source, SourceEntry
from .summarise import executive_summary, summarise_source

log = logging.getLogger(__name__)


def source_summary(
    source: Source, analysis: Analysis | None, *, sentences: int, cache: SummaryCache | None = None
) -> list[CitedSentence]:
    """The source's summary, from *cache* when this source was summarised alike by the last build."""
    if analysis is None:
        return []
    summary = cache.get(source, sentences) if cache else None
    if summary is None:
        summary = summarise_source(source, analysis, sentences=sentences)
        if cache:
            cache.put(source, sentences, summary)
    return summary


def source_entry(
    source: Source, analysis: Analysis | None, *, sentences: int, cache: SummaryCache | None = None
) -> SourceEntry:
    summary = source_summary(source, analysis, sentences=sentences, cache=cache)
    return SourceEntry(
        id=source.id,
        path=source.path,
        title=source.title,
        outlet=source.outlet,
        author=source.author,
        url=source.url,
        published=source.published,
        published_from=source.published_from,
        words=source.words,
        summary=summary,
        status=source.status,
        reason=source.reason,
        duplicate_of=source.duplicate_of,
    )


def synthesise(
    sources: Sequence[Source],
    analyses: Mapping[int, Analysis],
    *,
    config: Config,
    edition: Edition,
    summaries: SummaryCache | None = None,
) -> Brief:
    """Build the brief from every source (included or not) and the analyses of the included ones.

    With *summaries*, the per-source summaries of unchanged sources come from the last build's; the
    rest of the brief is made anew, since one new source can change any part of it.
    """
    included = [s for s in sources if s.status == "included" and s.id in analyses]
    used = {s.id: analyses[s.id] for s in included}
    events, outlook = merge_events(used)
    brief = Brief(
        title=config.brief.title,
        issue=config.brief.issue,
        edition=edition,
        executive_summary=executive_summary(included, used, sentences=config.summary.executive_sentences,
                                            issue=config.brief.issue),
        sources=[
            source_entry(s, used.get(s.id), sentences=config.summary.sentences, cache=summaries) for s in sources
        ],
        actors=build_actors(used, issue=config.brief.issue, overrides=config.stances),
        figures=merge_figures(used),
        events=events,
        outlook=outlook,
    )
    log.info(
        "brief: %d sources (%d excluded), %d actors, %d figures, %d events, %d to watch",
        len(brief.included),
        len(brief.excluded),
        len(brief.actors),
        len(brief.figures),
        len(brief.events),
        len(brief.outlook),
    )
    return brief
