import hashlib

from briefgen.cache import AnalysisCache, atomic_write, fingerprint_files
from briefgen.model import Analysis, Sentence, Source


def _source(text: str, published: str | None = "2021-08") -> Source:
    return Source(id=1, path="a.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), published=published)


def test_a_miss_then_a_hit(tmp_path):
    cache = AnalysisCache(tmp_path, model="m")
    source = _source("The ministry signed the deal.")
    assert cache.get(source) is None
    analysis = Analysis(sentences=[Sentence(start=0, end=29, text="The ministry signed the deal.")])
    cache.put(source, analysis)
    assert cache.get(source) == analysis
    assert (cache.hits, cache.misses) == (1, 1)


def test_the_key_changes_with_text_date_and_model(tmp_path):
    cache = AnalysisCache(tmp_path, model="m")
    base = cache.key(_source("x"))
    assert cache.key(_source("y")) != base
    assert cache.key(_source("x", published="2020")) != base
    assert AnalysisCache(tmp_path, model="other").key(_source("x")) != base


def test_a_damaged_entry_is_a_miss(tmp_path):
    cache = AnalysisCache(tmp_path, model="m")
    source = _source("text")
    (tmp_path / f"{cache.key(source)}.json").write_text("{not json")
    assert cache.get(source) is None


def test_prune_keeps_only_current_sources(tmp_path):
    cache = AnalysisCache(tmp_path, model="m")
    keep, drop = _source("keep"), _source("drop")
    cache.put(keep, Analysis())
    cache.put(drop, Analysis())
    assert cache.prune([keep]) == 1
    assert cache.get(keep) is not None and cache.get(drop) is None


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "out" / "brief.json"
    atomic_write(target, "{}")
    atomic_write(target, "{\"a\": 1}")
    assert target.read_text() == "{\"a\": 1}"
    assert [p.name for p in target.parent.iterdir()] == ["brief.json"]


def test_fingerprint_follows_content(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    first = fingerprint_files([tmp_path])
    assert fingerprint_files([tmp_path]) == first
    (tmp_path / "a.txt").write_text("two")
    assert fingerprint_files([tmp_path]) != first


def test_put_stores_the_json_it_is_given_and_reads_it_back(tmp_path):
    cache = AnalysisCache(tmp_path, model="m")
    source = _source("The ministry signed the deal.")
    analysis = Analysis(sentences=[Sentence(start=0, end=29, text="The ministry signed the deal.")])
    raw = analysis.model_dump_json()
    cache.put(source, analysis, raw=raw)
    assert (tmp_path / f"{cache.key(source)}.json").read_text() == raw
    assert cache.get(source) == analysis
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_atomic_write_without_fsync_still_replaces_the_file(tmp_path):
    target = tmp_path / "entry.json"
    atomic_write(target, "old")
    atomic_write(target, "new", durable=False)
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]
