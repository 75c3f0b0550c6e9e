"""``briefgen inspect``: the analysis of some articles, mention by mention, for checking and debugging."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .config import Config


def inspect_paths(paths: Sequence[Path], *, config: Config) -> list[dict]:
    """One record per source found under *paths*: entities (with the actor each resolves to), roles,
    figures, time expressions, events, quotes, stance cues and the summary sentences."""
    from .analyse import analyse_sources, published_dates
    from .extract.actors import build_actors
    from .ingest import read_sources
    from .nlp import load_pipeline
    from .summarise import summarise_source

    def read(folder: Path, files: list[str] | None = None) -> list:
        return read_sources(folder, max_chars=config.ingest.max_chars, min_words=config.ingest.min_words,
                            exclude_non_english=config.ingest.exclude_non_english, files=files)

    # Named files are read on their own, those of one folder together (so that duplicates among them
    # are found): the folder (a Downloads folder, say) may hold anything else. Its sources.toml still
    # describes them.
    named: dict[Path, list[str]] = {}
    for path in map(Path, paths):
        if path.is_file():
            named.setdefault(path.parent, []).append(path.name)
    sources = []
    for path in map(Path, paths):
        if not path.is_file():
            sources.extend(read(path))
        elif path.parent in named:
            sources.extend(read(path.parent, named.pop(path.parent)))
    sources = [s.model_copy(update={"id": number}) for number, s in enumerate(sources, start=1)]
    analyses = analyse_sources(sources, load_nlp=lambda: load_pipeline(config.nlp.model), batch_size=config.nlp.batch_size)
    sources = published_dates(sources, analyses)
    actors = build_actors(analyses, issue=config.brief.issue, overrides=config.stances)
    resolve = {alias.casefold(): actor.name for actor in actors for alias in [actor.name, *actor.aliases]}

    records = []
    for source in sources:
        record = {
            "path": source.path,
            "id": source.id,
            "title": source.title,
            "outlet": source.outlet,
            "published": source.published,
            "published_from": source.published_from,
            "status": source.status,
            "reason": source.reason,
        }
        analysis = analyses.get(source.id)
        if analysis is not None:
            record.update(
                entities=[{**e.model_dump(), "actor": resolve.get(e.text.casefold())} for e in analysis.entities],
                roles=[r.model_dump() for r in analysis.roles],
                figures=[f.model_dump() for f in analysis.figures],
                times=[t.model_dump() for t in analysis.times],
                events=[e.model_dump() for e in analysis.events],
                quotes=[{**q.model_dump(), "actor": resolve.get((q.speaker or "").casefold())} for q in analysis.quotes],
                stance_cues=[c.model_dump() for c in analysis.stance_cues],
                summary=[s.model_dump() for s in summarise_source(source, analysis, sentences=config.summary.sentences)],
            )
        records.append(record)
    return records
