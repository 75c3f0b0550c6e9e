import json
from pathlib import Path

from typer.testing import CliRunner

from briefgen.cli import app

runner = CliRunner()


def test_build_help_documents_every_option():
    result = runner.invoke(app, ["build", "--help"])
    assert result.exit_code == 0
    for option in ("--sources", "--output", "--templates", "--config", "--force", "--strict", "--wait", "--pdf-variant"):
        assert option in result.output
    # Defaults that come from briefgen.toml are named, and flags are not shown as taking a value.
    # (said in words a newcomer reads, not as a config key; the help wraps lines, hence the join)
    assert "[default: [paths] sources in the config, else ./sources]" in " ".join(result.output.split())
    assert "relative to its folder" in " ".join(result.output.split())
    assert "<bool>" not in result.output
    assert "3  another build holds the lock" in result.output


def test_schema_is_the_brief_json_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Brief"
    assert {"executive_summary", "actors", "figures", "events", "sources"} <= set(schema["properties"])


def test_a_bad_config_is_one_clear_error_with_exit_code_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefgen.toml").write_text("[summary]\nsentences = -1\n")
    result = runner.invoke(app, ["build", "--quiet"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_missing_config_file_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build", "--config", "nope.toml", "--quiet"])
    assert result.exit_code == 2


def test_a_missing_sources_folder_fails_cleanly(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build", "--sources", "missing", "--quiet"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_templates_init_writes_a_starting_point_that_builds_on_the_default(tmp_path):
    target = tmp_path / "tpl"
    result = runner.invoke(app, ["templates", "init", str(target)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in target.iterdir()} == {"README.md", "theme.css", "brief.html.j2"}
    assert '{% extends "default/brief.html.j2" %}' in (target / "brief.html.j2").read_text()
    again = runner.invoke(app, ["templates", "init", str(target)])
    assert again.exit_code == 2  # refuses to overwrite without --force


def test_the_starter_template_renders(tmp_path):
    from briefgen.config import ThemeSection
    from briefgen.render import make_environment, render_html

    from sample_brief import sample_brief

    runner.invoke(app, ["templates", "init", str(tmp_path / "tpl")])
    env = make_environment(templates_dir=tmp_path / "tpl")
    html = render_html(sample_brief(), env=env, theme=ThemeSection(), output_dir=tmp_path)
    assert "Executive summary" in html


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_json_logs_carry_the_outcome_for_machines(tmp_path, monkeypatch):
    from briefgen.config import load_config
    from briefgen.pipeline import STATE_FILE, inputs_fingerprint

    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build", "--sources", "missing", "--log-format", "json"])
    failed = _json_lines(result.output)[-1]
    assert (failed["level"], failed["outcome"], failed["exit_code"]) == ("error", "failed", 2)
    assert failed["error"] == "ConfigError" and "missing" in failed["message"]

    # A project built from its current inputs: the next build is up to date, and says so as data.
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text("The ministry signed the agreement on Monday.\n")
    (tmp_path / "briefgen.toml").write_text('[brief]\ntitle = "T"\nissue = "the agreement"\n')
    config = load_config(tmp_path / "briefgen.toml")
    config.output_dir.mkdir()
    for name in ("brief.pdf", "brief.html", "brief.json"):
        (config.output_dir / name).write_text("previous")
    fingerprint = inputs_fingerprint(config, config_path=Path("briefgen.toml"), pdf_variant=None)
    (config.output_dir / STATE_FILE).write_text(json.dumps({"inputs": fingerprint}))
    result = runner.invoke(app, ["build", "--log-format", "json"])
    assert result.exit_code == 0
    done = [line for line in _json_lines(result.output) if "outcome" in line]
    assert [line["outcome"] for line in done] == ["up to date"]
    assert done[0]["pdf"].endswith("brief.pdf")


def test_no_usable_source_is_a_failed_build_with_the_reasons_and_no_traceback(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "none of the 1 source" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "output" / "brief.pdf").exists()
