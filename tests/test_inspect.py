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
