"""Fuzzing: no input, however odd, makes the cleaner or a reader raise anything but SourceError."""

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from briefgen.errors import SourceError
from briefgen.ingest import read_sources
from briefgen.ingest.clean import clean_text
from briefgen.ingest.metadata import normalise_date, take_credit_lines, take_headline
from briefgen.ingest.readers import reader_registry

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NEWSY = st.text(alphabet=st.sampled_from(list("ab Z.,;:!?\n\n•©“”\"'()[]-_*#<>/&$0123456789\u00a0\u200bé")), max_size=400)
P = Path("fuzz")


@FUZZ
@given(st.one_of(st.text(max_size=600), NEWSY))
def test_clean_text_never_raises_and_is_idempotent_on_spacing(text):
    cleaned = clean_text(text)
    assert "\n\n\n" not in cleaned and cleaned == cleaned.strip()
    take_credit_lines(cleaned)
    take_headline(cleaned)


@FUZZ
@given(st.sampled_from(sorted(reader_registry())), st.binary(max_size=600))
def test_readers_only_raise_source_errors_on_bytes(ext, data):
    try:
        reader_registry()[ext](data, path=P.with_suffix(ext))
    except SourceError:
        pass


@FUZZ
@given(st.sampled_from([".html", ".xml", ".json", ".jsonl", ".md"]), NEWSY)
def test_readers_only_raise_source_errors_on_markup_like_text(ext, text):
    prefixes = {".html": "<html><body><p>", ".xml": "<?xml version='1.0'?><rss><channel><item><title>",
                ".json": '{"text": "', ".jsonl": '{"title": 1, "body": "', ".md": "---\ntitle: "}
    try:
        reader_registry()[ext]((prefixes[ext] + text).encode("utf-8"), path=P.with_suffix(ext))
    except SourceError:
        pass


@FUZZ
@given(st.one_of(st.text(max_size=60), st.integers(), st.none(), st.floats(allow_nan=True)))
def test_normalise_date_returns_iso_or_none(value):
    result = normalise_date(value)
    assert result is None or result[:4].isdigit()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from([".txt", ".json", ".md", ".html"]), st.binary(max_size=300)), max_size=4))
def test_read_sources_never_raises(tmp_path, files):
    folder = tmp_path / str(abs(hash(json.dumps([f[0] + f[1].hex() for f in files]))))
    folder.mkdir()
    for n, (ext, data) in enumerate(files):
        (folder / f"{n}{ext}").write_bytes(data)
    sources = read_sources(folder)
    assert [s.id for s in sources] == list(range(1, len(sources) + 1))
    assert all(s.reason for s in sources if s.status == "excluded")
