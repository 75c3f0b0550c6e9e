import json
from pathlib import Path

import pytest

from briefgen.errors import ReaderUnavailable, SourceError
from briefgen.ingest import readers
from briefgen.ingest.readers import (
    read_json, read_jsonl, read_markdown, read_text, reader_registry, require,
)

P = Path("article")
BODY = "The European Commission fined the company 2.4 billion euros on Tuesday for abusing its dominance."


def test_text_reader_returns_the_decoded_text():
    [article] = read_text(BODY.encode("utf-16"), path=P)
    assert article.text == BODY and article.title is None


def test_character_references_left_from_a_web_page_are_decoded_and_nothing_else():
    # A BBC article as published in its plain-text dataset.
    text = ('In a letter, EC President Jos&#233; Manuel Barroso told the President of the European '
            'Parliament, Josep Borrell, that the Commission "did not intend to refer a new proposal".')
    [article] = read_text(text.encode(), path=P)
    assert "EC President José Manuel Barroso told" in article.text
    # Ampersands that are not references stay as written, as do unknown names and impossible code points.
    kept = "AT&T and R&D spending; a&notice; &bogus; &#99999999;"
    assert read_text(kept.encode(), path=P)[0].text == kept
    [article] = read_markdown(b"---\ntitle: Patents\n---\nThe &lt;b&gt; tag &amp; Jos&eacute;.", path=P)
    assert article.text == "The <b> tag & José."


def test_markdown_front_matter_and_markup():
    md = (
        "---\ntitle: EU fines tech giant\nauthor: JANE DOE\ndate: 2017-06-27\nurl: https://example.org/a\n"
        "outlet: Example Times\n---\n# Ignored heading\n\n"
        "The **European Commission** fined [the company](https://example.org) on Tuesday.\n\n"
        "![chart](chart.png)\n\n- first point\n- second point\n"
    )
    [article] = read_markdown(md.encode(), path=P)
    assert (article.title, article.author, article.published, article.url, article.outlet) == (
        "EU fines tech giant", "JANE DOE", "2017-06-27", "https://example.org/a", "Example Times")
    assert "The European Commission fined the company on Tuesday." in article.text
    assert "chart.png" not in article.text and "**" not in article.text
    assert "• first point\n• second point" in article.text


def test_markdown_heading_becomes_title_without_front_matter():
    [article] = read_markdown(b"# Trade talks stall\n\nNegotiators left Geneva without a deal.", path=P)
    assert article.title == "Trade talks stall"
    assert article.text.strip() == "Negotiators left Geneva without a deal."


@pytest.mark.parametrize("broken", [
    "---\ntitle: [unclosed\n---\nBody text.",
    "---\ntitle: a: b: c\n  bad indent\n---\nBody.",
])
def test_broken_front_matter_is_a_source_error(broken):
    with pytest.raises(SourceError, match="front matter"):
        read_markdown(broken.encode(), path=P)


def test_json_object_list_and_wrapped_list():
    item = {"headline": "EU fines tech giant", "body": BODY, "link": "https://example.org/a",
            "published_at": "2017-06-27T09:00:00Z", "site_name": "Example Times", "byline": "Jane Doe"}
    [one] = read_json(json.dumps(item).encode(), path=P)
    assert (one.title, one.text, one.url, one.published, one.outlet, one.author) == (
        "EU fines tech giant", BODY, "https://example.org/a", "2017-06-27", "Example Times", "Jane Doe")
    assert len(read_json(json.dumps([item, item]).encode(), path=P)) == 2
    newsapi = {"status": "ok", "articles": [{"source": {"id": None, "name": "Reuters"}, "title": "T",
                                             "content": BODY, "publishedAt": "2020-12-14T10:00:00Z"}]}
    [wrapped] = read_json(json.dumps(newsapi).encode(), path=P)
    assert (wrapped.outlet, wrapped.published) == ("Reuters", "2020-12-14")


def test_json_item_without_text_is_marked_not_raised():
    items = [{"title": "No body here"}, {"text": BODY}, 42]
    first, second, third = read_json(json.dumps(items).encode(), path=P)
    assert "no article text" in first.problem and second.problem is None and "int" in third.problem


def test_truncated_json_says_where():
    with pytest.raises(SourceError, match=r"not valid JSON \(line 1"):
        read_json(b'[{"title": "EU fines", "text": "The Commis', path=P)


def test_jsonl_bad_line_excludes_only_that_article():
    data = "\n".join([json.dumps({"text": BODY}), "{broken", "", json.dumps({"text": "Second story text."})])
    first, bad, last = read_jsonl(data.encode(), path=P)
    assert first.text == BODY and "line 2" in bad.problem and last.text == "Second story text."


def test_registry_covers_the_documented_extensions():
    assert {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom"} <= set(
        reader_registry())


def test_plugin_readers_come_from_the_entry_point_group(monkeypatch):
    class FakeEntryPoint:
        name = "docx"
        value = "fake:read"

        def load(self):
            return read_text

    monkeypatch.setattr(readers, "entry_points", lambda group: [FakeEntryPoint()] if group == "briefgen.readers" else [])
    reader_registry.cache_clear()
    try:
        assert reader_registry()[".docx"] is read_text
    finally:
        reader_registry.cache_clear()


def test_missing_optional_dependency_says_what_to_install():
    with pytest.raises(ReaderUnavailable, match="pip install not-a-real-package"):
        require("not_a_real_module_xyz", package="not-a-real-package", fmt="Word")


def test_json_body_given_as_html_becomes_text():
    [article] = read_json(json.dumps({"content": "<p>First paragraph.</p><p>Second <em>one</em>.</p>"}).encode(), path=P)
    assert article.text.strip().split("\n\n") == ["First paragraph.", "Second one."]


def test_html_reader_without_trafilatura_says_what_to_install(monkeypatch):
    from briefgen.ingest.web import read_html

    monkeypatch.setitem(__import__("sys").modules, "trafilatura", None)
    with pytest.raises(ReaderUnavailable, match="pip install trafilatura"):
        read_html(b"<html><body><p>Text.</p></body></html>", path=P)
