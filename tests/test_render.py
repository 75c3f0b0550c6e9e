from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.config import ThemeSection
from briefgen.errors import ConfigError, RenderError, TemplateError
from briefgen.model import Chart, CitedSentence
from briefgen.render import (
    PACKAGE_TEMPLATES,
    check_templates,
    format_figure_value,
    format_number,
    make_environment,
    make_url_fetcher,
    render_html,
    write_pdf,
)
from sample_brief import cite, said, sample_brief

HEADINGS = ["Contents", "Executive summary", "What changed since the last edition", "Key figures",
            "Actors and positions", "Timeline", "Outlook", "Source summaries", "Sources"]
EVIL = ('Officials said <img src="file:///etc/passwd"> and {{ 7*7 }} were <script>alert(1)</script> '
        'in url(file:///etc/shadow) <link rel="stylesheet" href="http://evil.example/x.css">.')
# A tiny vector chart, so PDF tests need no browser.
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="720" height="300" viewBox="0 0 720 300">'
       '<rect x="10" y="10" width="700" height="280" fill="#1f4e79"/></svg>')


def _render(brief, tmp_path: Path, *, templates_dir: Path | None = None, theme: ThemeSection | None = None) -> str:
    env = make_environment(templates_dir=templates_dir)
    return render_html(brief, env=env, theme=theme or ThemeSection(), output_dir=tmp_path)


def _with_chart(brief, out: Path):
    (out / "charts").mkdir(parents=True, exist_ok=True)
    (out / "charts" / "timeline.svg").write_text(SVG)
    brief.charts = [Chart(name="timeline", path="charts/timeline.svg", title="Timeline of events",
                          alt="Timeline of 11 dated events.")]
    return brief


@pytest.fixture(scope="module")
def rendered_pdf(tmp_path_factory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("out")
    brief = _with_chart(sample_brief(), out)
    html = _render(brief, out)
    fetcher = make_url_fetcher([PACKAGE_TEMPLATES, out])
    write_pdf(html, out / "brief.pdf", base_dir=out, allowed_dirs=[PACKAGE_TEMPLATES, out], brief=brief,
              author="Trade Policy Unit", keywords=["tariffs", "steel"], url_fetcher=fetcher)
    return out / "brief.pdf", fetcher.requested


def test_pdf_has_pages_headings_and_page_numbers(rendered_pdf):
    reader = PdfReader(rendered_pdf[0])
    assert len(reader.pages) >= 5
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in HEADINGS:
        assert heading in text
    assert "page 1 of" in text
    assert f"page {len(reader.pages)} of {len(reader.pages)}" in text


def test_pdf_outline_has_a_bookmark_per_section(rendered_pdf):
    reader = PdfReader(rendered_pdf[0])

    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    bookmarks = list(titles(reader.outline))
    for heading in HEADINGS:
        assert heading in bookmarks
    assert "[1] EU hits back as U.S. steel tariffs take effect" in bookmarks  # level-2 entries too


def test_citation_links_point_to_the_sources_appendix(rendered_pdf):
    reader = PdfReader(rendered_pdf[0])
    assert {"source-1", "source-5"} <= set(reader.named_destinations)
    internal_links = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            target = annot.get("/Dest") or (action.get("/D") if action else None)
            if annot.get("/Subtype") == "/Link" and target is not None:
                internal_links.append(str(target))
    assert "source-2" in internal_links


def test_pdf_metadata(rendered_pdf):
    meta = PdfReader(rendered_pdf[0]).metadata
    assert meta.title == "EU–US steel and aluminium tariff dispute"
    assert meta.subject.startswith("Whether the United States")
    assert meta.author == "Trade Policy Unit"
    assert "tariffs" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20180801060000")


def test_chart_is_fetched_from_the_output_folder(rendered_pdf):
    pdf, requested = rendered_pdf
    assert any(url.endswith("/charts/timeline.svg") for url in requested)
    assert not list(pdf.parent.glob(".brief.pdf.*"))  # the temporary file was renamed into place


def test_source_date_epoch_sets_creation_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1577836800")  # 2020-01-01
    brief = sample_brief()
    write_pdf(_render(brief, tmp_path), tmp_path / "b.pdf", base_dir=tmp_path,
              allowed_dirs=[PACKAGE_TEMPLATES, tmp_path], brief=brief)
    assert PdfReader(tmp_path / "b.pdf").metadata["/CreationDate"].startswith("D:20200101000000")


def test_fetcher_refuses_everything_outside_the_allowed_folders(tmp_path):
    fetcher = make_url_fetcher([PACKAGE_TEMPLATES, tmp_path])
    for url in ("http://example.com/style.css", "https://example.com/x.png", "file:///etc/passwd",
                f"{tmp_path.as_uri()}/../../etc/passwd", "ftp://example.com/x"):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 5
    stylesheet = (PACKAGE_TEMPLATES / "default" / "brief.css").as_uri()
    assert b"--accent" in fetcher.fetch(stylesheet).read()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_article_text_is_escaped_and_requests_nothing_outside(tmp_path):
    brief = sample_brief()
    brief.executive_summary.insert(0, CitedSentence(text=EVIL, citations=[cite(1)]))
    brief.sources[0].title = EVIL
    brief.actors[0].name = EVIL
    html = _render(brief, tmp_path)
    assert '<img src="file:///etc/passwd">' not in html
    assert "<script>" not in html and '<link rel="stylesheet" href="http://evil' not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    fetcher = make_url_fetcher([PACKAGE_TEMPLATES, tmp_path])
    write_pdf(html, tmp_path / "b.pdf", base_dir=tmp_path, allowed_dirs=[PACKAGE_TEMPLATES, tmp_path],
              brief=brief, url_fetcher=fetcher)
    assert fetcher.requested  # the stylesheet at least
    assert not fetcher.refused
    assert not any("passwd" in url or "shadow" in url or "evil" in url for url in fetcher.requested)


def test_override_template_replaces_one_block(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "brief.html.j2").write_text(
        '{% extends "default/brief.html.j2" %}\n'
        '{% block outlook %}<section id="outlook"><h1>Outlook</h1><p>House outlook</p></section>{% endblock outlook %}\n'
    )
    html = _render(sample_brief(), tmp_path, templates_dir=templates)
    assert "House outlook" in html
    assert "What to watch" not in html
    assert "Executive summary" in html  # the other blocks still come from the built-in


def test_override_partial_and_theme_stylesheet(tmp_path):
    templates = tmp_path / "templates"
    (templates / "partials").mkdir(parents=True)
    (templates / "partials" / "colophon.html.j2").write_text("<footer>Unit colophon</footer>\n")
    (templates / "theme.css").write_text(":root { --accent: #7a1f3d; }\n")
    html = _render(sample_brief(), tmp_path, templates_dir=templates)
    assert "Unit colophon" in html
    assert (templates / "theme.css").resolve().as_uri() in html


def test_missing_templates_dir_falls_back_to_builtins(tmp_path):
    html = _render(sample_brief(), tmp_path, templates_dir=tmp_path / "absent")
    assert "Executive summary" in html


@pytest.mark.parametrize(
    ("source", "where"),
    [
        ('{% extends "default/brief.html.j2" %}\n{% block outlook %}\n{% if %}\n{% endblock outlook %}\n', "brief.html.j2:3"),
        ('{% extends "default/brief.html.j2" %}\n{% block outlook %}\n\n{{ brief.no_such_field }}\n{% endblock outlook %}\n',
         "brief.html.j2:4"),
    ],
)
def test_broken_template_names_file_and_line(tmp_path, source, where):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "brief.html.j2").write_text(source)
    with pytest.raises(TemplateError, match=where.replace(".", r"\.")):
        _render(sample_brief(), tmp_path, templates_dir=templates)


def test_templates_are_checked_before_any_data_down_to_the_ones_included(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    check_templates(make_environment(templates_dir=templates))  # the built-ins compile
    (templates / "brief.html.j2").write_text(
        '{% extends "default/brief.html.j2" %}\n{% block outlook %}{% include "part.html.j2" %}{% endblock %}\n')
    (templates / "part.html.j2").write_text("<p>{{ brief.title | nofilter }}</p>")
    (templates / "draft.html.j2").write_text("{% if %}")  # not used by the brief: not its business
    with pytest.raises(TemplateError) as caught:
        check_templates(make_environment(templates_dir=templates))
    assert str(caught.value) == (f"{templates / 'part.html.j2'}:1: No filter named 'nofilter'. "
                                 "Fix the template, or remove it to use the built-in.")
    (templates / "part.html.j2").write_text("<p>{{ brief.title }}</p>")
    check_templates(make_environment(templates_dir=templates))


def test_theme_values_reach_the_root_block_and_injection_is_refused(tmp_path):
    html = _render(sample_brief(), tmp_path, theme=ThemeSection(accent="#7a1f3d"))
    assert "--accent: #7a1f3d;" in html
    with pytest.raises(ConfigError, match="theme.accent"):
        _render(sample_brief(), tmp_path, theme=ThemeSection(accent="red; } body { background: url(http://x)"))


def test_number_and_figure_formatting():
    figures = sample_brief().figures
    assert format_number(2_800_000_000) == "2.8 billion"
    assert format_number(2500) == "2,500"
    assert format_figure_value(figures[0]) == "25 %"
    assert format_figure_value(figures[2]) == "€2.8 billion"
    assert format_figure_value(figures[3]) == "$100 million"
    assert format_number(45.25) == "45.25" and format_number(1.5) == "1.5" and format_number(1234.5) == "1,234"
    for value, written in ((45.25, "€45.25"), (0.7, "€0.70"), (0.55, "€0.55")):
        assert format_figure_value(figures[2].model_copy(update={"value": value})) == written


def test_conflicting_values_column_only_when_needed(tmp_path):
    brief = sample_brief()
    assert "Other values given" in _render(brief, tmp_path)
    for figure in brief.figures:
        figure.conflicting = []
    assert "Other values given" not in _render(brief, tmp_path)


def test_actors_named_once_with_nothing_said_are_listed_by_name_not_tabled(tmp_path):
    from briefgen.model import Actor, Stance

    brief = sample_brief()
    brief.actors += [Actor(name=f"Filler Body {n}", type="ORG", mentions=3, sources=[1]) for n in range(12)]
    brief.actors += [
        Actor(name="Port Authority", type="ORG", mentions=1, sources=[2]),
        Actor(name="Jane Roe", type="PERSON", role="trade envoy", mentions=1, sources=[2]),
        Actor(name="Farmers Union", type="ORG", mentions=1, sources=[3], stance=Stance(label="oppose", score=-0.6)),
    ]
    html = _render(brief, tmp_path)
    table = html[html.index('<table class="data minor-actors">') : html.index("</table>", html.index('<table class="data minor-actors">'))]
    passing = re.search(r'<p class="passing-actors">(.*?)</p>', html, re.S).group(1)
    assert "Jane Roe" in table and "Farmers Union" in table and "Port Authority" not in table
    assert "Port Authority" in passing and "Jane Roe" not in passing


def test_inferred_dates_and_untitled_sources_are_marked(tmp_path):
    html = _render(sample_brief(), tmp_path)
    assert "Untitled: Harley-Davidson said it would move" in html
    assert "(inferred)" in html
    # An inferred date is the latest one the text reports: the source was published then or later.
    assert re.search(r"\d{4}[^<]* or later (<span class=\"inferred\">)?\(inferred\)", html)
    assert "(set by author)" in html  # the WTO's stance was set in the configuration


@pytest.mark.slow
def test_real_charts_are_embedded_as_vector_images(tmp_path):
    from briefgen.charts import ChartExporter, build_charts

    brief = sample_brief()
    with ChartExporter(cache_dir=tmp_path / "cache") as exporter:
        brief.charts = build_charts(brief, tmp_path, exporter=exporter)
    html = _render(brief, tmp_path)
    assert 'alt="Timeline of 11 dated events' in html
    fetcher = make_url_fetcher([PACKAGE_TEMPLATES, tmp_path])
    write_pdf(html, tmp_path / "brief.pdf", base_dir=tmp_path, allowed_dirs=[PACKAGE_TEMPLATES, tmp_path],
              brief=brief, url_fetcher=fetcher)
    assert {u.rsplit("/", 1)[-1] for u in fetcher.requested} >= {"timeline.svg", "stakeholders.svg"}
    assert not fetcher.refused
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "brief.pdf").pages)
    assert "European Commission" in text and "Jan 2019" in text  # chart labels stay text: the SVG is vector


def test_hostile_text_in_every_field_stays_text_and_reads_nothing(tmp_path):
    """Every place source text reaches the page: summaries, titles, outlets, authors, URLs, paths, actors,
    roles, quotes, figures, events, changes. None of it may become markup, a template expression or a fetch."""
    brief = sample_brief()
    source = brief.sources[0]
    source.title = source.outlet = source.author = source.path = EVIL
    source.url = "file:///etc/passwd"
    source.summary[0].text = EVIL
    actor = next(a for a in brief.actors if a.quotes and a.stance.evidence)
    actor.role = actor.affiliation = EVIL
    actor.quotes[0].text = actor.quotes[0].speaker = EVIL
    actor.stance.evidence[0].text = EVIL
    brief.figures[0].text = brief.figures[0].measures = EVIL
    brief.events[0].text = brief.outlook[0].text = EVIL
    brief.changes.new_actors = [EVIL]
    html = _render(brief, tmp_path)
    for raw in ("<script", '<img src="file:///etc/passwd"', "<link rel=\"stylesheet\" href=\"http://evil"):
        assert raw not in html
    assert html.count("{{ 7*7 }}") >= 10 and ">49<" not in html
    assert 'href="file:///etc/passwd"' not in html  # a non-web URL is shown, not linked
    assert '<span class="url">file:///etc/passwd</span>' in html
    fetcher = make_url_fetcher([PACKAGE_TEMPLATES, tmp_path])
    write_pdf(html, tmp_path / "b.pdf", base_dir=tmp_path, allowed_dirs=[PACKAGE_TEMPLATES, tmp_path],
              brief=brief, url_fetcher=fetcher)
    assert not fetcher.refused and not any("passwd" in u or "shadow" in u or "evil" in u for u in fetcher.requested)
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages)
    assert "{{ 7*7 }}" in text and "<script>alert(1)</script>" in text.replace("\n", "")


def test_fetcher_guards_author_stylesheets_and_chart_images(tmp_path):
    """Author files are trusted, but what they point at still goes through the fetcher: an @import or url()
    to the network or a system file, or an image inside a chart SVG, is refused and the PDF is still made."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "theme.css").write_text('@import url("http://evil.example/x.css");\n'
                                         'body { background: url("file:///etc/passwd"); }\n')
    out = tmp_path / "out"
    (out / "charts").mkdir(parents=True)
    (out / "charts" / "timeline.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50">'
        '<image xlink:href="file:///etc/hostname" width="10" height="10"/></svg>')
    brief = sample_brief()
    brief.charts = [Chart(name="timeline", path="charts/timeline.svg", title="Timeline", alt="A timeline.")]
    html = _render(brief, out, templates_dir=templates)
    allowed = [templates, PACKAGE_TEMPLATES, out]
    fetcher = make_url_fetcher(allowed)
    write_pdf(html, out / "brief.pdf", base_dir=out, allowed_dirs=allowed, brief=brief, url_fetcher=fetcher)
    assert set(fetcher.refused) >= {"http://evil.example/x.css", "file:///etc/passwd", "file:///etc/hostname"}
    assert (out / "brief.pdf").stat().st_size > 10_000


def test_logo_outside_the_template_folders_is_not_used(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (tmp_path / "secret.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    for name in ("../secret.svg", str(tmp_path / "secret.svg"), "/etc/passwd"):
        html = _render(sample_brief(), tmp_path, templates_dir=templates, theme=ThemeSection(logo=name))
        assert 'class="logo"' not in html and "secret" not in html and "passwd" not in html
    (templates / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    html = _render(sample_brief(), tmp_path, templates_dir=templates, theme=ThemeSection(logo="logo.svg"))
    assert f'src="{(templates / "logo.svg").resolve().as_uri()}"' in html


def test_changes_read_dates_as_words_and_list_each_item(tmp_path):
    brief = sample_brief()
    brief.changes.previous_edition = "2018-07-01T06:00:00+00:00"
    brief.changes.new_events = ["2018-FA: the first tranche of countermeasures was finally applied in the fall",
                                "FUTURE_REF: the Commission plans to file a second complaint",
                                "June 2018: the United States imposed tariffs on steel",
                                "Juncker and Trump agree to work towards zero tariffs"]
    html = _render(brief, tmp_path)
    changes = html[html.index('id="changes"'):html.index('id="key-figures"')]
    assert "Compared with the edition of 1 July 2018 at 06:00 UTC." in changes  # a job may build twice a day
    assert '<span class="change-date">autumn 2018</span> the first tranche' in changes
    assert '<span class="change-date">no date given</span> the Commission plans' in changes
    assert '<span class="change-date">June 2018</span> the United States imposed' in changes  # worded already
    assert "<li>Juncker and Trump agree to work towards zero tariffs</li>" in changes
    assert "<li>Germany: oppose → mixed</li>" in changes  # a name before the colon is not a date
    assert "FUTURE_REF" not in changes and "2018-FA" not in changes


def test_source_list_and_colophon_read_as_prose(tmp_path):
    html = _render(sample_brief(), tmp_path)
    sources = html[html.index('id="sources"'):]
    assert "…</strong>." not in sources and "…</strong>" in sources  # the untitled source's label ends in …
    assert "</strong>. <em>Reuters</em>." in sources
    assert "Generated by briefgen 0.1.0 on 1 August 2018 at 06:00 UTC" in html


# --------------------------------------------------------------------------- layout


def _laid_out(brief, out: Path):
    from weasyprint import HTML

    html = _render(brief, out)
    fetcher = make_url_fetcher([PACKAGE_TEMPLATES, out])
    return HTML(string=html, base_url=str(out) + "/", url_fetcher=fetcher).render()


def _descendants(box):
    yield box
    for child in getattr(box, "children", []) or []:
        yield from _descendants(child)


def test_layout_keeps_rows_whole_charts_on_the_page_and_the_headline_up_front(tmp_path):
    from weasyprint.formatting_structure import boxes

    brief = _with_chart(sample_brief(), tmp_path)
    # A tall chart and enough long figures and events that the tables run over several pages.
    (tmp_path / "charts" / "timeline.svg").write_text(SVG.replace('height="300"', 'height="2000"')
                                                      .replace("0 0 720 300", "0 0 720 2000"))
    base = brief.figures[1]
    brief.figures += [base.model_copy(update={"text": f"{n} tonnes", "measures": "steel exports " * (n % 7 + 1)})
                      for n in range(60)]
    document = _laid_out(brief, tmp_path)
    rows_on: dict[int, set[int]] = {}
    for number, page in enumerate(document.pages):
        for box in _descendants(page._page_box):
            if isinstance(box, boxes.TableRowBox) and box.element is not None and box.element.find("th") is None:
                rows_on.setdefault(id(box.element), set()).add(number)  # header rows repeat by design
            if isinstance(box, boxes.BlockReplacedBox) and box.element is not None and box.element.tag == "img":
                content_height = page._page_box.height
                assert box.height <= content_height * 0.7, "a chart taller than two thirds of the page"
    assert len({n for pages in rows_on.values() for n in pages}) >= 3  # the tables did run over pages
    assert all(len(pages) == 1 for pages in rows_on.values()), "a table row was split across pages"
    # The first page of content (after cover and contents) holds the summary and the headline figure.
    first_content = document.pages[2]._page_box
    classes = {box.element.get("class") for box in _descendants(first_content) if box.element is not None}
    assert "section executive-summary" in classes and "headline-figure" in classes


def test_outlook_sets_overdue_expectations_apart_from_what_to_watch(tmp_path):
    from briefgen.model import Event

    brief = sample_brief()  # newest source: 25 July 2018
    brief.outlook.append(Event(date="2018-03", granularity="month", text="a ruling is expected in March",
                               sources=[1], citations=brief.outlook[0].citations, expected=True))
    html = _render(brief, tmp_path)
    outlook = html[html.index('id="outlook"'):html.index('id="source-summaries"')]
    watch, overdue = outlook.split("Due before the newest source was published")
    assert "A ruling is expected in March" in overdue and "Expected March 2018" in overdue
    assert "A ruling is expected in March" not in watch
    assert "The WTO panel is expected to be established" in watch


def test_stylesheet_controls_widows_orphans_and_keeps_headings_with_their_text():
    css = (PACKAGE_TEMPLATES / "default" / "brief.css").read_text()
    assert "widows: 3; orphans: 3;" in css
    assert re.search(r"h1, h2, h3 \{[^}]*break-after: avoid", css)
    assert re.search(r"(^|\n)tr, [^{]*\{ break-inside: avoid; \}", css)


def test_contents_page_explains_citations_stances_and_markers(tmp_path):
    html = _render(sample_brief(), tmp_path)
    contents = html[html.index('id="contents"'):html.index("</nav>")]
    assert "How to read this brief" in contents
    assert "position on the issue: Whether the United States should keep its tariffs" in contents
    assert "≠" in contents and ">expected<" in contents


def test_attachments_go_through_the_fetcher_too(tmp_path):
    """A template may attach files to the PDF (<link rel="attachment">, <a rel="attachment">); WeasyPrint
    fetches them when it writes, and the same fetcher refuses anything outside the allowed folders."""
    (tmp_path / "note.txt").write_text("allowed")
    html = ('<html><head><link rel="attachment" href="file:///etc/hostname">'
            f'<link rel="attachment" href="{(tmp_path / "note.txt").as_uri()}"></head>'
            '<body><p><a rel="attachment" href="http://evil.example/x">x</a></p></body></html>')
    fetcher = make_url_fetcher([PACKAGE_TEMPLATES, tmp_path])
    write_pdf(html, tmp_path / "a.pdf", base_dir=tmp_path, allowed_dirs=[PACKAGE_TEMPLATES, tmp_path],
              brief=sample_brief(), url_fetcher=fetcher)
    assert set(fetcher.refused) == {"file:///etc/hostname", "http://evil.example/x"}
    assert (tmp_path / "note.txt").as_uri() in fetcher.requested
    import pikepdf

    with pikepdf.open(tmp_path / "a.pdf") as pdf:
        names = pdf.Root.Names.EmbeddedFiles.Names
        embedded = [str(names[i]) for i in range(0, len(names), 2)]
    assert embedded == ["note.txt"]


def test_without_a_key_figure_the_timeline_chart_heads_the_summary(tmp_path):
    brief = _with_chart(sample_brief(), tmp_path)
    html = _render(brief, tmp_path)
    assert "headline-figure" in html and "headline-chart" not in html
    brief.figures = []
    html = _render(brief, tmp_path)
    first = html[html.index('id="executive-summary"'):html.index('id="key-figures"')]
    assert 'class="headline-chart"' in first and 'src="charts/timeline.svg"' in first


def test_collector_settings_leave_the_pdf_unchanged_and_are_restored(tmp_path, monkeypatch):
    import contextlib
    import gc

    import briefgen.render as render

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    brief = sample_brief()
    html = _render(brief, tmp_path)
    before = gc.get_threshold()
    write_pdf(html, tmp_path / "fewer.pdf", base_dir=tmp_path, allowed_dirs=[PACKAGE_TEMPLATES, tmp_path], brief=brief)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    with monkeypatch.context() as patch:
        patch.setattr(render, "_fewer_collections", contextlib.nullcontext)
        write_pdf(html, tmp_path / "plain.pdf", base_dir=tmp_path, allowed_dirs=[PACKAGE_TEMPLATES, tmp_path], brief=brief)
    assert (tmp_path / "fewer.pdf").read_bytes() == (tmp_path / "plain.pdf").read_bytes()
    # Restored after a failed layout too.
    (tmp_path / "a-file").write_text("")
    with pytest.raises(RenderError):  # the PDF's folder cannot be made: a file has its name
        write_pdf(html, tmp_path / "a-file" / "bad.pdf", base_dir=tmp_path, allowed_dirs=[PACKAGE_TEMPLATES, tmp_path],
                  brief=brief)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_collector_is_quieter_while_weasyprint_works():
    import gc

    from briefgen.render import _fewer_collections

    alive = [[i] for i in range(1000)]  # objects alive before the layout: left out of collections
    with _fewer_collections():
        assert gc.get_freeze_count() >= len(alive)
        assert gc.get_threshold()[0] >= 10_000
    assert gc.get_freeze_count() == 0


def _actor_card(html: str, name: str) -> str:
    start = html.index(f'<h3 class="actor-name">{name}</h3>')
    return html[start:html.index("</article>", start)]


def test_a_quote_the_stance_evidence_already_gives_is_not_printed_again(tmp_path):
    from briefgen.model import Actor, Quote, Stance

    brief = sample_brief()
    evidence = said('Mr Brown warned that the Tories were planning "the biggest cuts ever in the history of any '
                    'election manifesto".', 5)
    brief.actors.insert(0, Actor(
        name="Gordon Brown", type="PERSON", role="Chancellor", mentions=15, sources=[5],
        stance=Stance(label="oppose", score=-0.6, evidence=[evidence]),
        quotes=[Quote(speaker="Gordon Brown", cue="warned", citation=cite(5),
                      text="the biggest cuts ever in the history of any election manifesto"),
                Quote(speaker="Gordon Brown", cue="said", citation=cite(5),
                      text="We will not put at risk the stability we have built.")]))
    card = _actor_card(_render(brief, tmp_path), "Gordon Brown")
    assert card.count("the biggest cuts ever") == 1  # in the evidence, not again as a quote
    assert "We will not put at risk the stability we have built." in card  # a new quote takes its place


def test_a_quote_given_by_two_evidence_sentences_together_is_not_printed_again(tmp_path):
    from briefgen.model import Actor, Quote, Stance

    brief = sample_brief()
    first = said("“We explained to the president that we will not back down on the issue.", 1)
    second = said("I told him how we came to buy the systems, and he recognized our right,” the television "
                  "channel quoted the leader as saying.", 1)
    brief.actors.insert(0, Actor(
        name="Ada Leader", type="PERSON", mentions=15, sources=[1],
        stance=Stance(label="support", score=0.6, evidence=[first, second]),
        quotes=[Quote(speaker="Ada Leader", cue="said", citation=cite(1),
                      text="We explained to the president that we will not back down on the issue. I told him how "
                           "we came to buy the systems, and he recognized our right")]))
    card = _actor_card(_render(brief, tmp_path), "Ada Leader")
    assert card.count("will not back down") == 1


def test_a_prominent_actor_with_nothing_to_show_is_a_table_row_not_an_empty_card(tmp_path):
    html = _render(sample_brief(), tmp_path)
    # In the sample, the American Iron and Steel Institute is among the most prominent actors, but the
    # sources give no evidence of its position and no quote: a card would be a name over nothing.
    assert '<h3 class="actor-name">American Iron and Steel Institute</h3>' not in html
    table = html[html.index('<table class="data minor-actors">'):]
    table = table[:table.index("</table>")]
    assert "American Iron and Steel Institute" in table
    assert '<h3 class="actor-name">Canada</h3>' in html  # it has evidence: a card


def test_outlook_items_under_one_date_share_one_label(tmp_path):
    from briefgen.model import Event

    brief = sample_brief()
    for text in ("Mr Howard is expected to say that around £6bn will be available for tax cuts",
                 "Neither Mr Howard nor Mr Letwin would say exactly how they would use that cash"):
        brief.outlook.append(Event(date="FUTURE_REF", granularity=None, text=text, sources=[1],
                                   citations=brief.outlook[0].citations, expected=True))
    html = _render(brief, tmp_path)
    outlook = html[html.index('id="outlook"'):html.index('id="source-summaries"')]
    assert "Mr Howard is expected to say" in outlook and "Neither Mr Howard nor Mr Letwin" in outlook
    assert outlook.count("No date given") == 1


def test_a_figure_as_written_never_breaks_over_two_lines():
    from weasyprint import HTML

    stylesheet = (PACKAGE_TEMPLATES / "default" / "brief.css").resolve().as_uri()
    # A long measure squeezes the first column: '1.55bn euros' had broken after '1.55bn' in a brief.
    row = ('<tr><td class="figure-text">1.55bn euros</td><td>€1.55 billion</td><td>'
           + "payment to get out of a deal which could have forced it to buy the car maker " * 3
           + "</td><td>[3][4]</td></tr>")
    page = HTML(string=f'<html><head><link rel="stylesheet" href="{stylesheet}"><style>@page {{ size: A5; }}</style>'
                       f'</head><body><table class="data"><tbody>{row}</tbody></table></body></html>').render().pages[0]
    texts = [box.text.strip() for box in page._page_box.descendants() if hasattr(box, "text")]
    assert "1.55bn euros" in texts  # one line box, not "1.55bn" over "euros"


def test_the_same_sentence_from_two_outlets_is_one_piece_of_evidence_citing_both(tmp_path):
    from briefgen.model import Actor, Stance

    brief = sample_brief()
    text = ("His previous adviser, JPMorgan, quit last year when Mr Glazer went ahead and voted against the "
            "appointment of three United directors to the board, against its advice.")
    brief.actors.insert(0, Actor(name="JP Morgan", type="ORG", mentions=5, sources=[2, 4],
                                 stance=Stance(label="oppose", score=-0.5, evidence=[said(text, 2), said(text, 4)])))
    card = _actor_card(_render(brief, tmp_path), "JP Morgan")
    assert card.count("His previous adviser") == 1
    assert 'href="#source-2"' in card and 'href="#source-4"' in card
