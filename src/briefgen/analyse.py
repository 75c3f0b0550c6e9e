"""The analysis stage: one spaCy pass over every source that needs it, turned into ``Analysis`` records.

Only this module and the extractors in ``extract/`` ever see a spaCy ``Doc``. The analysis of a source
depends only on its cleaned text, its publication date and the pipeline's version, so it is cached
under a key made from those (see ``cache.py``) and a rebuild re-analyses only new or changed sources.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterator, Mapping, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from .cache import AnalysisCache
from .extract.docs import doc_text, sentences, tokens
from .extract.actors import entity_mentions, role_mentions
from .extract.dates import load_date_parser
from .extract.figures import figure_mentions
from .extract.gazetteer import reporting_verbs
from .extract.quotes import quote_mentions
from .extract.stance import stance_cues
from .extract.timeline import event_mentions, guess_is_corroborated, infer_published, time_expressions
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


#: Dependents that open a clause of their own (a relative, adverbial or loose clause): what they say
#: is not what the sentence states ("X, who own 29%, will reject ...", "..., while Y has said ...").
_SUBORDINATE_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis", "csubj", "csubjpass"})
#: Words of a main clause kept for the claim comparison: all but articles, prepositions, conjunctions
#: and punctuation (which carry no predicate, polarity or modality), and negations always.
_CLAUSE_SKIP_POS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PUNCT", "SPACE", "SYM", "X"})
_NEGATIVE_WORDS = frozenset({"no", "neither", "nor", "nobody", "nothing", "none", "never", "noone"})
_VERB_POS = frozenset({"VERB", "AUX"})
#: Verbs that only carry the tense or aspect of the verb after them ("has yet to sign", "is going to buy").
_LIGHT_VERBS = frozenset({"have", "be", "go", "continue", "begin", "start", "seem", "appear", "use"})


def _main_clause(sent: Span) -> list:
    """The tokens of the sentence's main clause: from the root down, leaving out relative, adverbial
    and loose clauses and verbs coordinated with the root ("..., and have yet to express a view")."""
    found, stack = [], [sent.root]
    while stack:
        token = stack.pop()
        found.append(token)
        for child in token.children:
            if child.dep_ in _SUBORDINATE_DEPS or (child.dep_ == "conj" and child.pos_ in _VERB_POS):
                continue
            stack.append(child)
    return sorted(found, key=lambda t: t.i)


def _main_verb(sent: Span):
    """The main clause's verb; through a reporting verb to what it reports ("X said Y bought" → buy)."""
    verb = sent.root
    if verb.pos_ not in _VERB_POS:
        return None
    for _ in range(4):
        lemma = verb.lemma_.lower()
        if lemma in reporting_verbs():
            following = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in _VERB_POS]
        elif lemma in _LIGHT_VERBS:
            following = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in _VERB_POS]
        else:
            break
        if not following:
            break
        verb = following[0]
    return verb


def _negated(clause: list) -> bool:
    """The main clause denies what it states: "did not buy", "never", "no deal was signed", "has yet
    to sign", "no longer owns". A negation inside a noun phrase ("not only") does not count."""
    for token in clause:
        lowered = token.lower_
        if token.dep_ == "neg" and token.head.pos_ in _VERB_POS:
            return True
        if lowered in _NEGATIVE_WORDS and (token.head.pos_ in _VERB_POS or token.dep_ in {"nsubj", "nsubjpass", "dobj"}):
            return True
        if lowered == "no" and token.head.lower_ == "longer":
            return True
        if token.dep_ == "det" and lowered == "no" and token.head.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"}:
            return True  # "No agreement was reached", "There was no deal"
        if lowered == "yet" and token.head.pos_ in _VERB_POS and any(c.dep_ == "xcomp" for c in token.head.children):
            return True  # "have yet to express a view"
    return False


def sentence_record(sent: Span, *, paragraph: int) -> Sentence:
    """The model of one sentence: its span, content lemmas, main clause and a few flags the summariser needs.

    The text has its whitespace normalised (a line break or a run of spaces inside a sentence becomes
    one space); *start* and *end* stay exact offsets into the source text, so that
    ``" ".join(source.text[start:end].split()) == text``.
    """
    raw = doc_text(sent.doc)[sent.start_char : sent.end_char]  # ``sent.text``, without making its Tokens
    stripped = raw.strip()
    leading = len(raw) - len(raw.lstrip())
    start = sent.start_char + leading
    text = " ".join(stripped.split())
    words = tokens(sent.doc)[sent.start : sent.end]  # iterating a Span makes new Tokens each time
    lemmas = [
        token.lemma_.lower()
        for token in words
        if token.pos_ in _CONTENT_POS and not token.is_stop and any(ch.isalnum() for ch in token.text)
    ]
    quoted = sum(text.count(mark) for mark in _QUOTE_MARKS)
    clause = _main_clause(sent)
    verb = _main_verb(sent)
    return Sentence(
        start=start,
        end=start + len(stripped),
        text=text,
        paragraph=paragraph,
        lemmas=lemmas,
        has_verb=any(token.pos_ in _VERB_POS for token in words),
        is_quote=quoted > 0 and (text[:1] in _QUOTE_MARKS or text[-1:] in _QUOTE_MARKS),
        verb=verb.lemma_.lower() if verb is not None else None,
        negated=_negated(clause),
        clause_lemmas=[
            token.lemma_.lower()
            for token in clause
            if (token.pos_ not in _CLAUSE_SKIP_POS or token.lower_ in _NEGATIVE_WORDS or token.dep_ == "neg")
            and any(ch.isalnum() for ch in token.text)
        ],
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
    inferred from the text is reported as ``published_guess``. That guess is only the earliest the
    text can have been written (its latest date), so the dates counted from publication ("last
    year", "on Friday", a month without a year) are counted from it only when the text corroborates
    it (:func:`~.extract.timeline.guess_is_corroborated`); otherwise they stay undated, as in a text
    with no date at all, but for a month that closely follows one the text names. Counted from a
    lower bound they would be too early by however long the text was written after its latest
    date, and a wrong date in the brief is worse than none. The guess still tells which explicit
    dates lie ahead of the text (``event_mentions``).
    """
    guess = None if published else infer_published(doc)
    entities = entity_mentions(doc)
    lower_bound = guess is not None and not guess_is_corroborated(doc, guess)
    times = time_expressions(doc, published=published or guess, lower_bound=lower_bound)
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
    before_fork: Callable[[], None] | None = None,
) -> dict[int, Analysis]:
    """Analyse every included source, reusing cached analyses; returns them keyed by source id.

    The model is loaded through *load_nlp* only when at least one source is not in the cache, and all
    the sources that need it go through a single ``nlp.pipe``. The extractors run as the pipeline's
    last component (``briefgen_analysis``), so with several processes they run in the workers next to
    the parser. *n_process* is ``[nlp] processes``: 0 picks one process per CPU for large runs (see
    ``nlp.processes_for``); the analyses are the same whatever the number of processes.

    *on_started* is called once the parsing is under way and any worker processes exist (or at once
    when there is nothing to parse): the build starts the chart browser there, so that no worker is
    forked from a process that is running the browser's threads and holding its pipes. For the same
    reason *before_fork* is called just before worker processes are started (a process that stays up
    between builds, such as ``briefgen watch``, closes its browser there).
    """
    from .nlp import ANALYSIS_COMPONENT, add_components, processes_for

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
        failures: list[tuple[Source, Exception]] = []
        enabled_here = ANALYSIS_COMPONENT in nlp.disabled
        if enabled_here:
            nlp.enable_pipe(ANALYSIS_COMPONENT)
        try:
            if processes > 1:
                if before_fork:
                    before_fork()
                # The extractors load their word lists and gazetteers on first use: load them here, once,
                # so that the forked workers share them instead of each loading its own copy.
                nlp(_WARM_UP)
                load_date_parser()  # used only for rare date forms, which the warm-up text does not have
            # The analysis component returns an empty Doc; the analysis comes back in the context.
            for i, raw in _pipe(nlp, todo, batch_size=batch_size, processes=processes):
                if on_started:  # spaCy forks its workers before it yields the first Doc
                    on_started()
                    on_started = None
                source = todo[i]
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


def _pipe(nlp: Language, todo: Sequence[Source], *, batch_size: int, processes: int) -> Iterator[tuple[int, object]]:
    """Run *todo* through one ``nlp.pipe``; yields each source's index and what the analysis component
    sent back (the ``Analysis`` JSON, or a dict with the error).

    The component needs each text's publication date. In one process, or where workers are not forked,
    the date travels with the text as spaCy's context (``as_tuples``). But spaCy makes a Doc of each text
    with a context in the parent, tokenising and serialising every text there, one after the other,
    while the workers wait for their first batch and then share the CPUs with it. Forked workers are
    given the plain texts instead, to tokenise themselves as they do for spaCy's bare ``nlp.pipe``, and
    inherit the dates in ``nlp.published_by_text``; spaCy keeps a text exactly, so the component finds
    its date by the Doc's text. Texts that are the same with different dates keep the context.
    """
    from .nlp import published_by_text

    forked = processes > 1 and multiprocessing.get_start_method() == "fork"
    dates = {source.text: source.published for source in todo} if forked else {}
    if forked and len(dates) == len({(source.text, source.published) for source in todo}):
        published_by_text.update(dates)  # before spaCy forks its workers, which happens in the loop below
        try:
            for i, doc in enumerate(nlp.pipe((source.text for source in todo), batch_size=batch_size, n_process=processes)):
                yield i, doc._context[1]
        finally:
            published_by_text.clear()
        return
    texts = ((source.text, (i, source.published)) for i, source in enumerate(todo))
    for _, ((i, _), raw) in nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=processes):
        yield i, raw


def published_dates(sources: Sequence[Source], analyses: Mapping[int, Analysis]) -> list[Source]:
    """Sources with their publication date filled in from the text where the metadata had none."""
    dated = []
    for source in sources:
        analysis = analyses.get(source.id)
        if source.published is None and analysis is not None and analysis.published_guess:
            source = source.model_copy(update={"published": analysis.published_guess, "published_from": "text"})
        dated.append(source)
    return dated
