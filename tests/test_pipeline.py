"""The build's safety mechanisms that need no model or browser: lock, up-to-date check, inputs."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from briefgen.config import load_config
from briefgen.errors import ConfigError, LockedError, NoSourcesError, TemplateError
from briefgen.pipeline import STATE_FILE, _is_up_to_date, build, build_lock, inputs_fingerprint

HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from briefgen.pipeline import build_lock
    with build_lock(Path(sys.argv[1])):
        print("locked", flush=True)
        time.sleep(60)
    """
)


def _hold_lock(output_dir):
    process = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(output_dir)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "locked"
    return process


def test_a_second_build_is_refused_while_the_first_holds_the_lock(tmp_path):
    holder = _hold_lock(tmp_path)
    try:
        with pytest.raises(LockedError) as caught:
            with build_lock(tmp_path, wait=0):
                pass
        assert caught.value.exit_code == 3
        assert "--wait" in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_killed_build_is_recovered(tmp_path):
    holder = _hold_lock(tmp_path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    with build_lock(tmp_path, wait=5):
        pass


def test_wait_queues_behind_the_running_build(tmp_path):
    holder = _hold_lock(tmp_path)
    try:
        subprocess.Popen(["sh", "-c", f"sleep 1; kill {holder.pid}"])
        with build_lock(tmp_path, wait=30):
            pass
        assert holder.wait(timeout=5) is not None
    finally:
        holder.kill()


def _project(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text("The ministry signed the agreement on Monday.\n")
    (tmp_path / "briefgen.toml").write_text('[brief]\ntitle = "T"\nissue = "the agreement"\n')
    return load_config(tmp_path / "briefgen.toml")


def test_the_inputs_fingerprint_follows_sources_config_and_options(tmp_path):
    config = _project(tmp_path)
    path = tmp_path / "briefgen.toml"
    first = inputs_fingerprint(config, config_path=path, pdf_variant=None)
    assert inputs_fingerprint(config, config_path=path, pdf_variant=None) == first
    assert inputs_fingerprint(config, config_path=path, pdf_variant="pdf/a-3b") != first
    (tmp_path / "sources" / "b.txt").write_text("Another article.\n")
    assert inputs_fingerprint(config, config_path=path, pdf_variant=None) != first


def test_up_to_date_needs_the_same_inputs_and_every_output(tmp_path):
    (tmp_path / STATE_FILE).write_text('{"inputs": "abc"}')
    assert not _is_up_to_date(tmp_path, "abc")
    for name in ("brief.pdf", "brief.html", "brief.json"):
        (tmp_path / name).write_text("x")
    assert _is_up_to_date(tmp_path, "abc")
    assert not _is_up_to_date(tmp_path, "def")


def _built_project(tmp_path):
    """A project whose outputs and state file say it was built from its current inputs."""
    config = _project(tmp_path)
    output = config.output_dir
    output.mkdir()
    for name in ("brief.pdf", "brief.html", "brief.json"):
        (output / name).write_text("previous")
    fingerprint = inputs_fingerprint(config, config_path=tmp_path / "briefgen.toml", pdf_variant=None)
    (output / STATE_FILE).write_text(f'{{"inputs": "{fingerprint}"}}')
    return config


def test_an_up_to_date_build_writes_nothing_and_loads_no_model(tmp_path):
    config = _built_project(tmp_path)
    output = config.output_dir
    before = {p.name: p.stat().st_mtime_ns for p in output.iterdir()}
    result = build(config, config_path=tmp_path / "briefgen.toml")
    assert result.status == "up to date"
    assert {p.name: p.stat().st_mtime_ns for p in output.iterdir() if p.name in before} == before


def test_up_to_date_check_in_a_fresh_process_never_imports_spacy(tmp_path):
    _built_project(tmp_path)
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from briefgen.config import load_config
        from briefgen.pipeline import build
        path = Path({str(tmp_path / 'briefgen.toml')!r})
        result = build(load_config(path), config_path=path)
        heavy = sorted(m for m in ("spacy", "weasyprint", "kaleido", "plotly") if m in sys.modules)
        print(result.status, heavy)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "up to date []"


def test_a_missing_sources_folder_is_a_config_error(tmp_path):
    config = load_config(overrides={"paths.sources": str(tmp_path / "nope"), "paths.output": str(tmp_path / "out")})
    with pytest.raises(ConfigError, match="does not exist"):
        build(config)


def test_a_folder_with_no_usable_source_fails_and_keeps_the_last_brief(tmp_path):
    """A brief of nothing must not replace the last one: the build fails, naming why, and writes nothing."""
    sources = tmp_path / "sources"
    sources.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    last = {name: f"the last {name}".encode() for name in ("brief.pdf", "brief.html", "brief.json")}
    for name, data in last.items():
        (out / name).write_bytes(data)
    config = load_config(overrides={"paths.sources": str(sources), "paths.output": str(out)})

    with pytest.raises(NoSourcesError, match=r"has no articles to read.*\.txt"):
        build(config)
    (sources / "empty.txt").write_bytes(b"")
    (sources / "noise.txt").write_bytes(bytes(range(256)) * 8)
    with pytest.raises(NoSourcesError, match="none of the 2 source"):
        build(config)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name in last} == last
    assert not (out / "editions").exists()
    assert not (out / STATE_FILE).exists()


def test_a_template_with_a_syntax_error_fails_the_build_before_the_analysis(tmp_path, monkeypatch):
    import briefgen.analyse

    def analyse_sources(*args, **kwargs):
        raise AssertionError("the analysis started before the templates were checked")

    monkeypatch.setattr(briefgen.analyse, "analyse_sources", analyse_sources)
    config = _project(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "brief.html.j2").write_text(
        '{% extends "default/brief.html.j2" %}\n{% block outlook %}{% for x in %}{% endblock %}\n')
    with pytest.raises(TemplateError, match=r"brief\.html\.j2:2: Expected an expression"):
        build(config)
    assert not (tmp_path / "output" / "brief.pdf").exists()
