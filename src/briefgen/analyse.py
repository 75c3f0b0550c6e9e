"""The analysis stage: one spaCy pass over every source that needs it, turned into ``Analysis`` records.

Only this module and the extractors in ``extract/`` ever see a spaCy ``Doc``. The analysis of a source
depends only on its cleaned text, its publication date and the pipeline's version, so it is cached
under a key made from those (see ``cache.py``) and a rebuild re-analyses only new or changed sources.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from .cache import AnalysisCache
from .extract.docs import doc_text, sentences
from .extract.actors import entity_mentions, role_mentions
from .extract.figures import figure_mentions
from .extract.quotes import quote_mentions
from .extract.stance import stance_cues
from .extract.timeline import event_mentions, infer_published, time_expressions
from .model import Analysis, Sentence, Source

log = logging.getLogger(__name__)

_QUOTE_MARKS = "\"“”«»„"
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
# A neutral sentence with a name, a title, a date, a figure, a place and a quote: analysing it once
# before the worker processes are forked loads every extractor's data in the parent.
_WARM_UP = (
    'The finance minister, Jane Smith, said on Monday in Paris that the plan would cost $5bn, '
    'a rise of 3% on last year. "We oppose it," the union said.'
)


def sentence_record(sent: Span, *, paragraph: int) -> Sentence:
    """The model of one sentence: its span, content lemmas and a few flags the summariser needs."""
    text = sent.text.strip()
    leading = len(sent.text) - len(sent.text.lstrip())
    start = sent.start_char + leading
    lemmas = [
        token.lemma_.lower()
        for token in sent
        if token.pos_ in _CONTENT_POS and not token.is_stop and any(ch.isalnum() for ch in token.text)
    ]
    quoted = sum(text.count(mark) for mark in _QUOTE_MARKS)
    return Sentence(
        start=start,
        end=start + len(text),
        text=text,
        paragraph=paragraph,
        lemmas=lemmas,
        has_verb=any(token.pos_ in {"VERB", "AUX"} for token in sent),
        is_quote=quoted > 0 and (text[:1] in _QUOTE_MARKS or text[-1:] in _QUOTE_MARKS),
    )


def sentence_records(doc: Doc) -> list[Sentence]:
    """Every sentence of *doc*, in order, with the paragraph it belongs to."""
    records = []
    paragraph = 0
    previous_end = 0
    text = doc_text(doc)
    for sent in sentences(doc):
        if "\n\n" in text[previous_end : sent.start_char + 1] and records:
            paragraph += 1
        previous_end = sent.end_char
        records.append(sentence_record(sent, paragraph=paragraph))
    return records


def analyse_doc(doc: Doc, *, published: str | None) -> Analysis:
    """Everything the brief needs from one parsed source.

    *published* is the source's publication date from its metadata; when it is missing, the date
    inferred from the text is used to resolve relative dates and is reported as ``published_guess``.
    """
    guess = None if published else infer_published(doc)
    entities = entity_mentions(doc)
    times = time_expressions(doc, published=published or guess)
    quotes = quote_mentions(doc)
    return Analysis(
        sentences=sentence_records(doc),
        entities=entities,
        roles=role_mentions(doc),
        figures=figure_mentions(doc),
        times=times,
        events=event_mentions(doc, times=times, published=published or guess, inferred=published is None),
        quotes=quotes,
        stance_cues=stance_cues(doc, entities=entities, quotes=quotes),
        published_guess=guess,
    )


def analyse_sources(
    sources: Sequence[Source],
    *,
    load_nlp: Callable[[], Language],
    cache: AnalysisCache | None = None,
    batch_size: int = 16,
    n_process: int = 0,
    on_progress: Callable[[int], None] | None = None,
    on_started: Callable[[], None] | None = None,
) -> dict[int, Analysis]:
    """Analyse every included source, reusing cached analyses; returns them keyed by source id.

    The model is loaded through *load_nlp* only when at least one source is not in the cache, and all
    the sources that need it go through a single ``nlp.pipe``. The extractors run as the pipeline's
    last component (``briefgen_analysis``), so with several processes they run in the workers next to
    the parser. *n_process* is ``[nlp] processes``: 0 picks one process per CPU for large runs (see
    ``nlp.processes_for``); the analyses are the same whatever the number of processes.

    *on_started* is called once the parsing is under way and any worker processes exist (or at once
    when there is nothing to parse): the build starts the chart browser there, so that no worker is
    forked from a process that is running the browser's threads and holding its pipes.
    """
    from .nlp import ANALYSIS_ATTR, ANALYSIS_COMPONENT, add_components, processes_for

    analyses: dict[int, Analysis] = {}
    todo: list[Source] = []
    for source in sources:
        if source.status != "included":
            continue
        cached = cache.get(source) if cache else None
        if cached is not None:
            analyses[source.id] = cached
            if on_progress:
                on_progress(1)
        else:
            todo.append(source)
    log.info("%d sources from the cache, %d to analyse", len(analyses), len(todo))
    if todo:
        processes = processes_for(len(todo), n_process)
        if processes == 1 and on_started:
            on_started()  # nothing will be forked: the browser can start during the model's loading
            on_started = None
        nlp = load_nlp()
        add_components(nlp)
        log.info("analysing %d sources in %d process%s", len(todo), processes, "" if processes == 1 else "es")
        # The context travels with each text to the worker and back: the component needs the date.
        texts: Iterable[tuple[str, tuple[int, str | None]]] = (
            (s.text, (i, s.published)) for i, s in enumerate(todo)
        )
        failures: list[tuple[Source, Exception]] = []
        enabled_here = ANALYSIS_COMPONENT in nlp.disabled
        if enabled_here:
            nlp.enable_pipe(ANALYSIS_COMPONENT)
        try:
            if processes > 1:
                # The extractors load their word lists and gazetteers on first use: load them here, once,
                # so that the forked workers share them instead of each loading its own copy.
                nlp(_WARM_UP)
            for doc, (i, _) in nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=processes):
                if on_started:  # spaCy forks its workers before it yields the first Doc
                    on_started()
                    on_started = None
                source = todo[i]
                raw = doc._.get(ANALYSIS_ATTR)
                # Nothing may raise inside this loop: with worker processes, spaCy would stop reading
                # while they still write, and wait for them for ever. Errors are raised after it.
                try:
                    if isinstance(raw, dict):
                        raise RuntimeError(raw.get("error", "unknown error"))
                    analysis = Analysis.model_validate_json(raw)
                    analyses[source.id] = analysis
                    if cache:
                        cache.put(source, analysis, raw=raw)
                except Exception as exc:  # noqa: BLE001 - re-raised below, after the pipe is drained
                    failures.append((source, exc))
                if on_progress:
                    on_progress(1)
        finally:
            if enabled_here:
                nlp.disable_pipe(ANALYSIS_COMPONENT)
        if failures:
            source, exc = failures[0]
            raise RuntimeError(
                f"the analysis of {source.path} failed ({len(failures)} source(s) failed in all): {exc}"
            ) from exc
    if on_started:
        on_started()
    return {source_id: analyses[source_id] for source_id in sorted(analyses)}


def published_dates(sources: Sequence[Source], analyses: Mapping[int, Analysis]) -> list[Source]:
    """Sources with their publication date filled in from the text where the metadata had none."""
    dated = []
    for source in sources:
        analysis = analyses.get(source.id)
        if source.published is None and analysis is not None and analysis.published_guess:
            source = source.model_copy(update={"published": analysis.published_guess, "published_from": "text"})
        dated.append(source)
    return dated
