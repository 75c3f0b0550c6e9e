"""examples/house-style is a restyled brief an author would make: another theme, US Letter pages, a logo,
the sections reordered and the outlook rewritten. These tests check that each of those really shows."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from briefgen.config import ThemeSection, load_config
from briefgen.render import make_environment, render_html
from sample_brief import sample_brief

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "house-style"
ORDER = ["Executive summary", "What to watch", "Timeline", "Actors and positions", "Key figures", "Sources"]


def _example_html(tmp_path: Path) -> str:
    config = load_config(EXAMPLE / "briefgen.toml")
    env = make_environment(templates_dir=config.templates_dir)
    return render_html(sample_brief(), env=env, theme=config.theme, output_dir=tmp_path,
                       language=config.brief.language, author=config.brief.author)


def test_example_config_points_at_the_seeds_and_its_own_templates():
    config = load_config(EXAMPLE / "briefgen.toml")
    assert config.sources_dir.resolve() == (ROOT / "sources").resolve()
    assert config.templates_dir.resolve() == (EXAMPLE / "templates").resolve()
    assert (config.templates_dir / config.theme.logo).is_file()


def test_example_reorders_sections_and_the_contents_follows(tmp_path):
    html = _example_html(tmp_path)
    sections = re.findall(r'<section class="section [\w -]+" id="([\w-]+)"', html)
    assert sections == ["executive-summary", "outlook", "timeline", "actors", "key-figures", "sources"]
    contents = re.findall(r'<li><a href="#([\w-]+)">([^<]+)</a>', html)
    assert [anchor for anchor, _ in contents] == sections
    assert [title for _, title in contents] == ORDER
    assert 'id="source-summaries"' not in html


def test_example_replaces_the_outlook_block(tmp_path):
    html = _example_html(tmp_path)
    outlook = html[html.index('id="outlook"'):html.index('id="timeline"')]
    assert "What the sources expect" in outlook and "no date here is our own forecast" in outlook
    assert "What to watch, as the sources expect it" not in html  # the built-in outlook is gone
    # Still the sample's expected events, quoted and cited, from the shared numbered timeline.
    assert "A second tranche of EU countermeasures could apply" in outlook and 'href="#source-' in outlook


def test_example_theme_logo_and_house_stylesheet_reach_the_html(tmp_path):
    html = _example_html(tmp_path)
    assert "--accent: #7a1f3d;" in html
    assert '--font-body: "Noto Serif"' in html
    assert "@page { size: letter; }" in html
    assert (EXAMPLE / "templates" / "theme.css").resolve().as_uri() in html
    assert re.search(r'<img class="logo" src="file://[^"]+/examples/house-style/templates/logo\.svg" '
                     r'alt="Northbridge Institute for Security Policy: logo">', html)
    assert 'lang="en-GB"' in html


@pytest.mark.slow
def test_example_builds_from_the_seeds_with_its_restyling(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "briefgen.cli", "build", "-c", str(EXAMPLE / "briefgen.toml"),
                           "--output", str(out), "--force", "--quiet", "--pdf-variant", "pdf/a-3b"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    reader = PdfReader(out / "brief.pdf")
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (612, 792)  # US Letter, from [theme] page_size
    # The logo's own text is drawn on the cover (letter-spaced, hence the squeezed comparison).
    assert "NORTHBRIDGE" in reader.pages[0].extract_text().replace(" ", "")
    # Sections in the example's order: the bookmarks follow the pages, so they show the order read.
    top_level = [item.title.casefold() for item in reader.outline if not isinstance(item, list)]
    assert top_level[2:] == [title.casefold() for title in ORDER], top_level
    body = "\n".join(page.extract_text() for page in reader.pages[2:]).casefold()
    assert "source summaries" not in body
    assert "what the sources expect" in body
    # The fonts named in [theme] are the ones embedded.
    with pikepdf.open(out / "brief.pdf") as pdf:
        fonts = {str(font.get("/BaseFont")) for page in pdf.pages
                 for font in (page.obj.Resources.get("/Font") or {}).values()}
        assert any("Noto-Sans" in f for f in fonts) and any("Noto-Serif" in f for f in fonts), fonts
        assert not any("DejaVu-Serif" in f for f in fonts), fonts  # the default body face is not used
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.open_metadata().get("pdfaid:part") == "3" and "/StructTreeRoot" in pdf.Root
        # Every image is a tagged figure with its alt text: the logo, and each chart with its sentence.
        alts = []
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            kids = node.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]) if kids is not None else []:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    if kid.S == "/Figure":
                        alts.append(str(kid.get("/Alt", "")))
                    stack.append(kid)
    charts = json.loads((out / "brief.json").read_text())["charts"]
    assert {c["name"] for c in charts} == {"timeline", "stakeholders"}
    assert sorted(alts) == sorted([c["alt"] for c in charts] + ["Northbridge Institute for Security Policy: logo"])
    timeline_alt = next(c["alt"] for c in charts if c["name"] == "timeline")
    assert re.match(r"Timeline of \d+ dated events from \w+", timeline_alt)
    # The charts take the theme's accent colour too.
    timeline_svg = (out / "charts" / "timeline.svg").read_text()
    assert "rgb(122, 31, 61)" in timeline_svg or "#7a1f3d" in timeline_svg.lower()
    html = (out / "brief.html").read_text()
    assert "--accent: #7a1f3d;" in html and "logo.svg" in html


# --------------------------------------------------------------------------- docs/templates.md

DOCS = ROOT / "docs" / "templates.md"
START, END = "<!-- context-reference:start -->\n", "<!-- context-reference:end -->"


def _docs_example():
    from briefgen.model import Chart

    brief = sample_brief()
    brief.charts = [Chart(name="timeline", path="charts/timeline.svg", title="Timeline of events",
                          alt="Timeline of 11 dated events from March 2018 to January 2019, 2 of them expected.")]
    return brief


def test_docs_list_every_schema_field_as_generated(tmp_path):
    import os

    from briefgen.model import Brief
    from briefgen.render import context_reference

    generated = context_reference(_docs_example())
    text = DOCS.read_text()
    current = text[text.index(START) + len(START):text.index(END)]
    if os.environ.get("BRIEFGEN_UPDATE_DOCS"):
        DOCS.write_text(text.replace(START + current + END, START + generated + END))
        current = generated
    assert current == generated, "docs/templates.md is out of date: run BRIEFGEN_UPDATE_DOCS=1 pytest tests/test_examples.py -k docs"
    schema = Brief.model_json_schema()
    for name, model in {"Brief": schema, **schema["$defs"]}.items():
        section = current[current.index(f"#### {name}\n"):]
        section = section[:section.find("\n#### ") if "\n#### " in section else None]
        for field in model["properties"]:
            row = next((line for line in section.splitlines() if line.startswith(f"| `{field}` |")), None)
            assert row is not None, f"{name}.{field} missing from docs/templates.md"
            assert row.split(" | ")[2].strip(), (f"{name}.{field} has no description: give it Field(description=...) "
                                                 "in model.py (or an entry in render.FIELD_NOTES), then regenerate")


def test_docs_name_every_context_variable_block_and_theme_key(tmp_path):
    import re

    from briefgen.config import ThemeSection
    from briefgen.render import PACKAGE_TEMPLATES, make_environment, template_context

    text = DOCS.read_text()
    context = template_context(sample_brief(), env=make_environment(templates_dir=None), theme=ThemeSection(),
                               output_dir=tmp_path)
    for variable in [*context, "sections", "section_titles", "template_folders"]:
        assert f"| `{variable}` |" in text, variable
    layout = (PACKAGE_TEMPLATES / "default" / "brief.html.j2").read_text()
    for block in re.findall(r"{% block (\w+) %}", layout):
        assert f"| `{block}` |" in text, block
    for key, field in ThemeSection.model_fields.items():
        assert f"| `{key}` |" in text, key
        if field.default:
            assert f"| `{field.default}` |" in text, f"docs give another default for theme.{key}"
        if key != "logo":
            assert f"`--{key.replace('_', '-')}`" in text
    env = make_environment(templates_dir=None)
    for name in ("period", "number", "figure_value", "cite", "first_words", "source_label"):
        assert name in env.filters and f"| `{name}` |" in text


# --------------------------------------------------------------------------- templates init


def test_project_templates_folder_is_what_templates_init_writes(tmp_path):
    from typer.testing import CliRunner

    from briefgen.cli import app

    done = CliRunner().invoke(app, ["templates", "init", str(tmp_path / "t")])
    assert done.exit_code == 0, done.output
    written = {p.name: p.read_bytes() for p in (tmp_path / "t").iterdir()}
    project = {p.name: p.read_bytes() for p in (ROOT / "templates").iterdir() if p.is_file()}
    assert set(written) == {"README.md", "theme.css", "brief.html.j2"}
    assert project == written, "templates/ differs from the starter: copy src/briefgen/templates/starter/ over it"


def test_starter_layout_changes_nothing_until_uncommented(tmp_path):
    starter = ROOT / "src" / "briefgen" / "templates" / "starter"
    plain = render_html(sample_brief(), env=make_environment(templates_dir=None), theme=ThemeSection(),
                        output_dir=tmp_path)
    tmp = tmp_path / "t"
    tmp.mkdir()
    (tmp / "brief.html.j2").write_bytes((starter / "brief.html.j2").read_bytes())
    started = render_html(sample_brief(), env=make_environment(templates_dir=tmp), theme=ThemeSection(),
                          output_dir=tmp_path)
    assert started == plain


@pytest.mark.slow
def test_broken_template_fails_the_build_and_keeps_the_previous_brief(tmp_path):
    import shutil

    project = tmp_path / "project"
    shutil.copytree(EXAMPLE / "templates", project / "templates")
    (project / "sources").mkdir()
    for name in ("cavusoglu-sell-us-air-defence-or-we-buy-elsewhere.txt", "russia-playing-s400-card-in-turkey.txt"):
        shutil.copy(ROOT / "sources" / name, project / "sources" / name)
    config = (EXAMPLE / "briefgen.toml").read_text().replace('sources = "../../sources"', 'sources = "sources"')
    (project / "briefgen.toml").write_text(config)
    command = [sys.executable, "-m", "briefgen.cli", "build", "-c", str(project / "briefgen.toml"), "--quiet"]
    first = subprocess.run(command, cwd=project, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    before = {name: (project / "output" / name).read_bytes() for name in ("brief.pdf", "brief.html", "brief.json")}
    layout = project / "templates" / "brief.html.j2"
    lines = layout.read_text().splitlines()
    broken_line = next(i for i, line in enumerate(lines) if "{% block outlook %}" in line) + 2
    lines.insert(broken_line - 1, "{% if %}")  # a syntax error on a known line
    layout.write_text("\n".join(lines) + "\n")
    second = subprocess.run(command, cwd=project, capture_output=True, text=True)
    assert second.returncode == 1
    assert f"brief.html.j2:{broken_line}" in second.stderr and "Expected an expression" in second.stderr
    after = {name: (project / "output" / name).read_bytes() for name in before}
    assert after == before  # the previous brief is still in place, untouched
