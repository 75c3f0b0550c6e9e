"""End-to-end builds of the seed brief, checked in the PDF itself. Slow: they load the model and
start a browser. Deselect them with ``-m 'not slow'`` while working; CI runs them."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

from briefgen.config import load_config
from briefgen.model import Brief
from briefgen.pipeline import build

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

SECTIONS = ["Contents", "Executive summary", "Key figures", "Actors and positions", "Timeline", "Source summaries", "Sources"]
BOILERPLATE = ["Show us some LOVE", "Share This Article", "Leave a comment", "[ad_", "Min Read", "©", "Founded by", "Read also"]
BRIEFGEN = [sys.executable, "-m", "briefgen.cli"]


def _make_project(path: Path) -> Path:
    shutil.copytree(ROOT / "sources", path / "sources")
    shutil.copy(ROOT / "briefgen.toml", path / "briefgen.toml")
    return path / "briefgen.toml"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("seed-brief")
    config_path = _make_project(root)
    config = load_config(config_path)
    result = build(config, config_path=config_path)
    return root, config_path, result


def _pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _outline_titles(outline) -> list[str]:
    titles = []
    for item in outline:
        if isinstance(item, list):
            titles.extend(_outline_titles(item))
        else:
            titles.append(item.title)
    return titles


def test_the_pdf_has_every_section_in_its_pages_and_bookmarks(project):
    root, _, result = project
    assert result.status == "built"
    reader = PdfReader(root / "output" / "brief.pdf")
    assert len(reader.pages) >= 6
    text = _pdf_text(reader)
    for heading in SECTIONS:
        assert heading in text, heading
    assert f"of {len(reader.pages)}" in text  # "page X of Y" footer
    titles = _outline_titles(reader.outline)
    for heading in ["Executive summary", "Key figures", "Actors and positions", "Timeline", "Source summaries"]:
        assert any(heading in t for t in titles), (heading, titles)
    info = reader.metadata
    assert info.title == "Turkey and the Russian S-400"
    assert "acquisition" in (info.subject or "")


def test_citations_link_to_the_sources_appendix(project):
    root, _, _ = project
    reader = PdfReader(root / "output" / "brief.pdf")
    internal_links = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and ("/Dest" in annotation or "/GoTo" in str(annotation.get("/A"))):
                internal_links += 1
    assert internal_links >= 10
    names = reader.named_destinations
    assert any("source-1" in name for name in names), list(names)[:20]


def test_no_boilerplate_and_no_raw_markup_reaches_the_brief(project):
    root, _, _ = project
    text = _pdf_text(PdfReader(root / "output" / "brief.pdf"))
    for phrase in BOILERPLATE:
        assert phrase not in text, phrase
    for markup in ("{{", "{%", "<div", "</", "&amp;", "&lt;"):
        assert markup not in text, markup


def test_brief_json_matches_its_schema_and_every_citation_points_into_its_source(project):
    root, _, result = project
    data = json.loads((root / "output" / "brief.json").read_text())
    jsonschema.validate(data, Brief.model_json_schema())
    brief = Brief.model_validate(data)
    assert 5 <= len(brief.executive_summary) <= 8
    assert all(sentence.citations for sentence in brief.executive_summary)
    assert len(brief.included) == 5
    texts = {}
    origins = {entry.path: (entry.published, entry.published_from) for entry in brief.included}
    # Manifest dates are kept as metadata; a date the text gives away is inferred and marked so; an
    # article that names no date at all keeps none rather than a guess.
    assert origins["additional-s400-contract-likely-signed-in-2020.txt"] == ("2019-12", "metadata")
    assert origins["cavusoglu-sell-us-air-defence-or-we-buy-elsewhere.txt"][1] == "text"
    assert origins["cavusoglu-sell-us-air-defence-or-we-buy-elsewhere.txt"][0].startswith("2020")
    assert origins["as-us-weighs-embargoes-ankara-seeks-new-s400-shipment.txt"] == (None, None)
    for entry in brief.included:
        assert 3 <= len(entry.summary) <= 5
    from briefgen.ingest import read_sources

    texts = {s.id: s.text for s in read_sources(root / "sources")}
    cited = [c for s in brief.executive_summary for c in s.citations]
    cited += [c for a in brief.actors for e in a.stance.evidence for c in e.citations]
    cited += [c for f in brief.figures for c in f.citations] + [c for e in brief.events for c in e.citations]
    assert len(cited) > 20
    for citation in cited:
        span = texts[citation.source_id][citation.start : citation.end]
        assert span.strip() and len(span) == citation.end - citation.start


def test_aliases_merge_and_a_capital_belongs_to_its_country(project):
    _, _, result = project
    names = {a.name: a for a in result.brief.actors}
    all_aliases = {alias for a in result.brief.actors for alias in [a.name, *a.aliases]}
    erdogan = [a for a in result.brief.actors if "Erdogan" in a.name or "Erdogan" in a.aliases]
    assert len(erdogan) == 1 and erdogan[0].type == "PERSON"
    assert "Ankara" not in names and "Washington" not in names and "Moscow" not in names
    assert "Ankara" in all_aliases
    for not_actor in ("S-400", "F-35", "Reuters", "Interfax"):
        assert not_actor not in names


def test_a_second_build_is_up_to_date(project):
    root, config_path, _ = project
    pdf = root / "output" / "brief.pdf"
    before = pdf.stat().st_mtime_ns
    result = build(load_config(config_path), config_path=config_path)
    assert result.status == "up to date"
    assert pdf.stat().st_mtime_ns == before


def test_a_new_source_is_analysed_alone_and_reported_as_a_change(project, tmp_path):
    root, _, _ = project
    work = tmp_path / "p"
    shutil.copytree(root, work, ignore=shutil.ignore_patterns("*.lock"))
    config_path = work / "briefgen.toml"
    (work / "sources" / "new-sanctions-statement.txt").write_text(
        "EU foreign ministers met in Brussels on Monday to discuss new sanctions.\n\n"
        "The European Union said it would consider restrictive measures against the purchase, "
        "its foreign policy chief Josep Borrell told reporters. Member states will decide in March.\n"
    )
    # An edition from long ago, beyond what the config keeps: the build removes it.
    (work / "output" / "editions" / "2001-01-01T00-00-00-00-00").mkdir(parents=True)
    with config_path.open("a") as config_file:
        config_file.write("\n[editions]\nkeep = 1\n")
    result = build(load_config(config_path), config_path=config_path)
    assert result.status == "built"
    assert (result.analysed, result.cached) == (1, 5)
    changes = result.brief.changes
    assert changes is not None and len(changes.new_sources) == 1
    editions = list((work / "output" / "editions").iterdir())
    assert len(editions) == 1 and (editions[0] / "brief.pdf").exists()
    assert editions[0].name != "2001-01-01T00-00-00-00-00"
    assert "What changed" in _pdf_text(PdfReader(work / "output" / "brief.pdf"))


def _add_source(work: Path, name: str, text: str) -> None:
    (work / "sources" / name).write_text(text, encoding="utf-8")


def test_a_resident_exporter_keeps_one_browser_across_builds_and_restarts_a_dead_one(project, tmp_path, monkeypatch):
    """What ``briefgen watch`` does: one chart browser for every rebuild, started again if it stops answering."""
    from briefgen.charts import ChartExporter
    from briefgen.errors import RenderError

    root, _, _ = project
    work = tmp_path / "p"
    shutil.copytree(root, work, ignore=shutil.ignore_patterns("*.lock"))
    config_path = work / "briefgen.toml"
    exporter = ChartExporter()
    try:
        _add_source(work, "talks-resume.txt", "Negotiators met in Geneva on Tuesday.\n\nThe ministry said it "
                    "would announce its decision on the purchase next month, its spokesman told reporters.\n")
        first = build(load_config(config_path), config_path=config_path, exporter=exporter)
        assert first.status == "built" and first.analysed == 1
        browser = exporter._kaleido
        assert browser is not None and exporter._opened.exception(timeout=5) is None  # still up after the build
        assert exporter.cache_dir == work / "output" / ".cache" / "charts"

        # The browser stops answering between two builds: the next build starts another one.
        real_export = exporter.export_svg
        failures = []

        def dead_once(fig, path):
            if not failures:
                failures.append(path)
                raise RenderError("the browser has gone away")
            return real_export(fig, path)

        monkeypatch.setattr(exporter, "export_svg", dead_once)
        shutil.rmtree(work / "output" / ".cache" / "charts")  # every chart must come from the browser
        _add_source(work, "vote-delayed.txt", "Parliament delayed its vote on the budget on Wednesday, the "
                    "speaker said. The opposition said it would vote against the plan.\n")
        second = build(load_config(config_path), config_path=config_path, exporter=exporter)
        assert second.status == "built" and second.analysed == 1 and failures
        assert exporter._kaleido is not None and exporter._kaleido is not browser
        assert {c.name for c in second.brief.charts} == {c.name for c in first.brief.charts}
        for chart in second.brief.charts:
            assert (work / "output" / chart.path).read_bytes().startswith(b"<svg")
    finally:
        exporter.close()


def test_builds_are_byte_identical_under_source_date_epoch(tmp_path):
    config_path = _make_project(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    outputs = []
    for run in ("first", "second"):
        # Separate output folders: a second build into the same one would add a "What changed" section.
        output = tmp_path / run
        command = [*BRIEFGEN, "build", "--quiet", "--config", str(config_path), "--output", str(output)]
        subprocess.run(command, env=env, check=True, cwd=tmp_path)
        outputs.append({name: (output / name).read_bytes() for name in ("brief.pdf", "brief.html", "brief.json")})
    for name in outputs[0]:
        assert outputs[0][name] == outputs[1][name], name


def test_a_build_killed_midway_leaves_the_previous_brief_intact(project, tmp_path):
    root, _, _ = project
    work = tmp_path / "p"
    shutil.copytree(root, work, ignore=shutil.ignore_patterns("*.lock", ".cache"))
    previous = (work / "output" / "brief.pdf").read_bytes()
    process = subprocess.Popen([*BRIEFGEN, "build", "--force", "--quiet", "--config", str(work / "briefgen.toml")], cwd=work)
    time.sleep(4)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert (work / "output" / "brief.pdf").read_bytes() == previous
    PdfReader(work / "output" / "brief.pdf")  # still a whole PDF
    done = subprocess.run([*BRIEFGEN, "build", "--force", "--log-format", "json", "--config", str(work / "briefgen.toml")],
                          cwd=work, capture_output=True, text=True)
    assert done.returncode == 0
    assert len(PdfReader(work / "output" / "brief.pdf").pages) >= 6
    # The last log line tells a job how the build went, as data.
    outcome = json.loads(done.stderr.strip().splitlines()[-1])
    assert outcome["outcome"] == "built" and outcome["sources"] == outcome["analysed"] + outcome["cached"] == 5
    assert {"analyse", "render"} <= set(outcome["seconds"])


def test_concurrent_builds_do_not_interleave(project, tmp_path):
    root, _, _ = project
    work = tmp_path / "p"
    shutil.copytree(root, work, ignore=shutil.ignore_patterns("*.lock"))
    command = [*BRIEFGEN, "build", "--force", "--quiet", "--config", str(work / "briefgen.toml")]
    first = subprocess.Popen(command, cwd=work)
    time.sleep(0.5)
    refused = subprocess.run(command, cwd=work)
    queued = subprocess.Popen([*command, "--wait", "300"], cwd=work)
    assert first.wait() == 0
    assert queued.wait() == 0
    assert refused.returncode in (0, 3)  # 3 while the first holds the lock, 0 if it had already finished
    PdfReader(work / "output" / "brief.pdf")
    assert not list((work / "output").glob(".build-*"))


# One good article in every format a user may drop in, and bad files of the kinds users make. The
# articles are on other subjects than the seeds, so each is its own source in the brief.
GOOD_FORMATS = {
    "port-strike.md": (
        "---\ntitle: Dockworkers strike over automation plans\noutlet: The Harbour Times\n"
        "author: Ana Ruiz\ndate: 2020-03-04\n---\n\n"
        "Dockworkers at the country's largest container port walked out on Wednesday, halting the loading "
        "of ships after the port authority said it would automate two of its five terminals.\n\n"
        "The union said the plan would cost 1,200 jobs over three years and called on the transport "
        "minister to intervene. The port authority said the terminals would stay open during the talks.\n"
    ),
    "central-bank.html": (
        "<!DOCTYPE html><html lang='en'><head><title>Central bank raises rates</title>"
        "<meta property='og:site_name' content='Money Daily'>"
        "<meta name='author' content='Tom Okafor'>"
        "<meta property='article:published_time' content='2020-05-12T09:00:00Z'>"
        "<script>alert('x')</script><style>p{color:red}</style></head><body>"
        "<nav>Home | Markets | Opinion</nav><article><h1>Central bank raises rates</h1>"
        "<p>The central bank raised its main interest rate by half a percentage point to 3.5% on Tuesday, "
        "its largest increase in more than a decade, as inflation reached 7.2% in April.</p>"
        "<p>The governor told reporters that the bank was ready to act again if prices kept rising, and "
        "said the economy was strong enough to bear higher borrowing costs for households and firms.</p>"
        "<p>Economists had expected a smaller rise. Several said the decision showed the bank was more "
        "worried about inflation than about the risk of a recession later in the year.</p>"
        "</article><footer>Share this article</footer></body></html>"
    ),
    "wildfires.json": json.dumps({
        "title": "Wildfires force thousands from their homes",
        "outlet": "Coast Radio",
        "date": "2020-08-21",
        "url": "https://example.org/news/wildfires",
        "body": "Firefighters battled more than 300 wildfires across the northern region on Friday, and "
        "officials ordered some 12,000 residents to leave their homes as strong winds spread the flames.\n\n"
        "The regional governor declared a state of emergency and asked the national government for aircraft "
        "and extra crews. Forecasters said the winds would ease by Sunday.",
    }),
    "vaccine.jsonl": json.dumps({
        "headline": "Regulator approves new malaria vaccine",
        "source": "Health Wire",
        "published": "2021-10-06",
        "text": "The medicines regulator approved a malaria vaccine for children on Wednesday after trials "
        "showed it prevented about 30% of severe cases in the first year.\n\nHealth officials said "
        "the first doses would reach clinics in three provinces early next year, and that supplies would "
        "depend on the manufacturer expanding production.",
    }) + "\n",
    "rail.rss": (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Transport Weekly</title>"
        "<link>https://example.org</link><description>Transport news</description><item>"
        "<title>Government approves high-speed rail line</title><link>https://example.org/rail</link>"
        "<pubDate>Mon, 14 Sep 2020 08:00:00 GMT</pubDate><description><![CDATA[<p>The government approved "
        "a high-speed rail line between the two largest cities on Monday, at a cost of 18 billion dollars, "
        "after a decade of studies and public consultations.</p><p>Construction will begin next spring and "
        "is expected to take eight years, the infrastructure ministry said, while opponents said the money "
        "would be better spent on regional lines.</p>]]></description></item></channel></rss>"
    ),
    "election.atom": (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>City Desk</title><id>urn:city-desk</id><updated>2020-11-09T10:00:00Z</updated><entry>"
        "<title>Mayor wins second term by narrow margin</title><id>urn:city-desk:1</id>"
        "<updated>2020-11-09T10:00:00Z</updated><link href='https://example.org/mayor'/>"
        "<content type='html'>&lt;p&gt;The mayor won a second term on Sunday with 51% of the vote, "
        "defeating a challenger who had campaigned on housing costs and public transport.&lt;/p&gt;"
        "&lt;p&gt;Turnout was 46%, the election commission said. The challenger conceded on Monday morning "
        "and said she would work with the mayor on a plan to build 5,000 affordable homes.&lt;/p&gt;"
        "</content></entry></feed>"
    ),
}
BAD_FORMATS = {
    "empty.txt": (b"", "empty"),
    "scan.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + bytes(range(256)) * 4, "PDF"),
    "broken.json": (b'{"title": "Half an article", "text": "It was', "not valid JSON"),
    "broken.xml": (b"<?xml version='1.0'?><rss><channel><item><title>Cut", "not well-formed XML"),
}


def test_seeds_with_one_file_of_each_format_make_one_brief(tmp_path):
    config_path = _make_project(tmp_path)
    for name, text in GOOD_FORMATS.items():
        (tmp_path / "sources" / name).write_text(text, encoding="utf-8")
    for name, (data, _) in BAD_FORMATS.items():
        (tmp_path / "sources" / name).write_bytes(data)
    (tmp_path / "sources" / ".notes.txt.swp").write_bytes(b"\x00editor state")
    done = subprocess.run([*BRIEFGEN, "build", "--quiet", "--config", str(config_path)], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    brief = Brief.model_validate_json((tmp_path / "output" / "brief.json").read_text())
    included = {entry.path: entry for entry in brief.included}
    assert set(included) >= {*GOOD_FORMATS, *(p.name for p in (ROOT / "sources").glob("*.txt"))}
    assert included["central-bank.html"].outlet == "Money Daily"
    assert included["wildfires.json"].url == "https://example.org/news/wildfires"
    assert included["rail.rss"].published.startswith("2020-09-14")
    assert included["port-strike.md"].author == "Ana Ruiz"
    excluded = {entry.path: entry.reason for entry in brief.excluded}
    assert set(excluded) == set(BAD_FORMATS), excluded
    for name, (_, reason) in BAD_FORMATS.items():
        assert reason in excluded[name]
    # The PDF's appendix shows every article by title and every excluded file with its reason.
    text = " ".join(_pdf_text(PdfReader(tmp_path / "output" / "brief.pdf")).split())
    appendix = text[text.rindex("Excluded sources") :]
    for name, (_, reason) in BAD_FORMATS.items():
        assert name in appendix and reason in appendix
    for title in ("Dockworkers strike over automation plans", "Central bank raises rates", "Wildfires force thousands",
                  "Regulator approves new malaria vaccine", "Government approves high-speed rail line", "Mayor wins second term"):
        assert title in text
    for markup in ("alert(", "color:red", "Share this article", "Home | Markets"):
        assert markup not in text
