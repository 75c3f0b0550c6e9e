"""``briefgen inspect``: what the analysis finds, source by source, as JSON Lines."""

import json

from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.config import load_config
from briefgen.inspect import inspect_paths

from conftest import SEEDS

GOLD = SEEDS / "additional-s400-contract-likely-signed-in-2020.txt"
OTHER = SEEDS / "russia-playing-s400-card-in-turkey.txt"


def test_each_record_gives_entities_with_actors_figures_quotes_times_and_summary_with_spans(nlp, tmp_path):
    records = inspect_paths([GOLD, OTHER], config=load_config(None))
    assert [r["path"] for r in records] == [GOLD.name, OTHER.name]
    assert [r["id"] for r in records] == [1, 2]
    text = GOLD.read_text("utf-8")
    record = records[0]
    # A surname resolves to the actor of the full name; spans point into the cleaned text.
    surname = next(e for e in record["entities"] if e["text"] == "Shugaev")
    assert surname["actor"] == "Dmitry Shugaev"
    quote = next(q for q in record["quotes"] if q["text"].startswith("We are systematically working"))
    assert (quote["speaker"], quote["cue"], quote["actor"]) == ("Shugaev", "said", "Dmitry Shugaev")
    money = next(f for f in record["figures"] if f["unit"] == "USD")
    assert money["value"] == 2.5e9 and text[money["start"] : money["end"]] == money["text"]
    december = next(t for t in record["times"] if t["text"] == "December 6")
    assert december["value"] == "2019-12-06" and text[december["start"] : december["end"]] == "December 6"
    assert 3 <= len(record["summary"]) <= 5 and all(s["citations"] for s in record["summary"])


def test_the_cli_prints_one_json_line_per_source_and_an_excluded_file_says_why(nlp, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(app, ["inspect", "--json", str(GOLD), str(tmp_path / "empty.txt")])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert [line["path"] for line in lines] == [GOLD.name, "empty.txt"]
    assert lines[1]["status"] == "excluded" and "empty" in lines[1]["reason"]
    assert lines[0]["times"] and lines[0]["entities"]


def test_a_file_named_alone_is_read_alone_and_an_unknown_format_says_what_is_read(nlp, tmp_path):
    # The file's folder holds other things (a Downloads folder, say): none of them is read.
    (tmp_path / "gold.txt").write_text(GOLD.read_text("utf-8"), "utf-8")
    (tmp_path / "page.html").write_text("<html><body><p>Another article entirely.</p></body></html>")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "draft.md").write_text("A draft that is not a source.")
    (tmp_path / "table.xyz").write_text("a,b\n")
    records = inspect_paths([tmp_path / "gold.txt", tmp_path / "table.xyz"], config=load_config(None))
    assert [r["path"] for r in records] == ["gold.txt", "table.xyz"]
    assert records[0]["status"] == "included" and records[0]["figures"]
    assert records[1]["status"] == "excluded"
    assert ".xyz" in records[1]["reason"] and ".txt" in records[1]["reason"]


def test_the_cli_logs_no_progress_but_says_it_can_be_silenced(nlp, tmp_path):
    result = CliRunner().invoke(app, ["inspect", str(GOLD)])
    assert result.exit_code == 0, result.output
    assert "INFO" not in result.output and "loading" not in result.output.lower()
    # Without the seeds' sources.toml, the date is a guess from the text, and is shown as one.
    (tmp_path / "a.txt").write_text(GOLD.read_text("utf-8"), "utf-8")
    first = CliRunner().invoke(app, ["inspect", str(tmp_path / "a.txt")]).output.splitlines()[0]
    assert first == "a.txt — untitled (2019-12 or later, inferred from the text)"
    help_text = CliRunner().invoke(app, ["inspect", "--help"]).output
    assert "[default: True]" not in help_text


def test_files_named_from_one_folder_are_read_together_so_a_duplicate_is_found(nlp, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(GOLD.read_text("utf-8"), "utf-8")
    records = inspect_paths([tmp_path / "a.txt", tmp_path / "b.txt"], config=load_config(None))
    assert [(r["path"], r["status"]) for r in records] == [("a.txt", "included"), ("b.txt", "excluded")]
    assert "a.txt" in records[1]["reason"]
