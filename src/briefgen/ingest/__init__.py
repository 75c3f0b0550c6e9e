"""Ingest: read a folder of articles, clean them, and hand them on as ``Source`` records.

    read_sources(folder, *, max_chars=2_000_000, min_words=10, exclude_non_english=True, files=None) -> list[Source]

Readers are chosen by file extension (:func:`reader_registry`); plug-ins add more through the
``briefgen.readers`` entry point group.
"""

from .clean import clean_text
from .read import list_source_files, read_sources
from .readers import reader_registry

__all__ = ["clean_text", "list_source_files", "read_sources", "reader_registry"]
