"""The PDF meets the standards it claims: tagged (PDF/UA-1 by default), PDF/A-3b on request, language set,
every font embedded, alt text on every chart, working links and bookmarks. Read back with pikepdf."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from briefgen.config import ThemeSection
from briefgen.errors import ConfigError
from briefgen.model import Chart
from briefgen.render import PACKAGE_TEMPLATES, check_pdf_variant, make_environment, render_html, write_pdf
from sample_brief import sample_brief

# A small vector chart with text, so the SVG's font has to be embedded too; no browser needed.
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="720" height="300" viewBox="0 0 720 300">'
       '<rect x="10" y="10" width="700" height="280" fill="#e8eef5"/>'
       '<text x="40" y="150" font-family="DejaVu Sans" font-size="20">June 2018</text></svg>')
ALT = "Timeline of 11 dated events from March 2018 to January 2019, 2 of them expected."


def _build(out: Path, variant: str | None) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    (out / "charts").mkdir(exist_ok=True)
    (out / "charts" / "timeline.svg").write_text(SVG)
    brief = sample_brief()
    brief.charts = [Chart(name="timeline", path="charts/timeline.svg", title="Timeline of events", alt=ALT)]
    html = render_html(brief, env=make_environment(templates_dir=None), theme=ThemeSection(), output_dir=out,
                       language="en-GB", author="Trade Policy Unit")
    write_pdf(html, out / "brief.pdf", base_dir=out, allowed_dirs=[PACKAGE_TEMPLATES, out], brief=brief,
              variant=variant, language="en-GB")
    return out / "brief.pdf"


@pytest.fixture(scope="module", params=[None, "pdf/a-3b"], ids=["default", "pdf-a-3b"])
def pdf(request, tmp_path_factory):
    path = _build(tmp_path_factory.mktemp("pdf"), request.param)
    with pikepdf.open(path) as document:
        yield request.param, document


def _struct_elements(node, seen=None):
    """Every structure element under *node*, depth first."""
    seen = seen if seen is not None else set()
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            key = kid.objgen
            if key in seen and key != (0, 0):
                continue
            seen.add(key)
            yield kid
            yield from _struct_elements(kid, seen)


def test_pdf_is_tagged_with_a_structure_tree(pdf):
    _, document = pdf
    root = document.Root
    assert bool(root.MarkInfo.Marked) is True
    tags = {str(e.S) for e in _struct_elements(root.StructTreeRoot)}
    assert {"/H1", "/P", "/Table", "/TR", "/TH", "/TD", "/Figure", "/Link"} <= tags


def test_document_language_is_set(pdf):
    _, document = pdf
    assert str(document.Root.Lang) == "en-GB"


def test_every_font_is_embedded(pdf):
    _, document = pdf
    fonts = 0
    for page in document.pages:
        resources = page.obj.get("/Resources", {})
        stack = [resources]
        while stack:  # page fonts and those of form XObjects (the SVG chart)
            res = stack.pop()
            for font in (res.get("/Font") or {}).values():
                fonts += 1
                descendants = font.get("/DescendantFonts")
                descriptor = (descendants[0] if descendants else font).get("/FontDescriptor")
                if font.get("/Subtype") == "/Type3":
                    continue  # drawn from glyph procedures inside the file: embedded by construction
                assert descriptor is not None, f"{font.get('/BaseFont')} has no descriptor"
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), \
                    f"{font.get('/BaseFont')} is not embedded"
            for xobject in (res.get("/XObject") or {}).values():
                if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                    stack.append(xobject.Resources)
    assert fonts >= 2  # body and heading faces at least


def test_chart_figure_carries_its_alt_text(pdf):
    _, document = pdf
    figures = [e for e in _struct_elements(document.Root.StructTreeRoot) if e.S == "/Figure"]
    assert [str(f.Alt) for f in figures if "/Alt" in f] == [ALT]


def test_links_reach_their_destinations_and_bookmarks_cover_the_sections(pdf):
    _, document = pdf
    names = set()
    tree = document.Root.Names.Dests
    for i in range(0, len(tree.get("/Names", [])), 2):
        names.add(str(tree.Names[i]))
    for kid in tree.get("/Kids", []):
        for i in range(0, len(kid.Names), 2):
            names.add(str(kid.Names[i]))
    assert {"source-1", "source-5", "executive-summary", "sources"} <= names
    internal = []
    for page in document.pages:
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            target = annot.get("/Dest")
            if target is None and "/A" in annot and annot.A.get("/S") == "/GoTo":
                target = annot.A.D
            if target is not None:
                internal.append(str(target))
    assert {"source-1", "source-2", "key-figures", "timeline"} <= set(internal)
    assert set(internal) <= names  # no link points nowhere
    with document.open_outline() as outline:
        titles = [item.title for item in outline.root]
        assert titles[:3] == ["EU–US steel and aluminium tariff dispute", "Contents", "Executive summary"]
        assert "Sources" in titles
        assert all(item.destination is not None or item.action is not None for item in outline.root)


def test_metadata_declares_the_variant(pdf):
    variant, document = pdf
    meta = document.open_metadata()
    assert meta.get("dc:title") == "EU–US steel and aluminium tariff dispute"
    if variant == "pdf/a-3b":
        assert meta.get("pdfaid:part") == "3" and meta.get("pdfaid:conformance") == "B"
        (intent,) = document.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    else:
        assert meta.get("pdfuaid:part") == "1"
        assert bool(document.Root.ViewerPreferences.DisplayDocTitle) is True  # PDF/UA: the title, not the file name
        assert "/OutputIntents" not in document.Root


def test_unknown_variant_is_a_config_error():
    assert check_pdf_variant(None) == "pdf/ua-1"
    assert check_pdf_variant("PDF/A-3b") == "pdf/a-3b"
    with pytest.raises(ConfigError, match="pdf/a-3b"):
        check_pdf_variant("pdf/a-9z")


def test_cli_refuses_an_unknown_variant_before_any_work(tmp_path):
    import subprocess
    import sys

    (tmp_path / "sources").mkdir()
    done = subprocess.run([sys.executable, "-m", "briefgen.cli", "build", "--sources", str(tmp_path / "sources"),
                           "--output", str(tmp_path / "out"), "--pdf-variant", "pdf/a-9z"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 2
    assert "pdf/a-9z" in done.stderr and "pdf/a-3b" in done.stderr
    assert not (tmp_path / "out").exists()  # refused before the lock, the analysis or the browser
