from pathlib import Path

import pytest

from briefgen.config import load_config
from briefgen.errors import ConfigError


def test_defaults_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config()
    assert config.summary.sentences == 4
    assert config.sources_dir == tmp_path / "sources"


def test_paths_resolve_against_the_config_file(tmp_path):
    (tmp_path / "conf").mkdir()
    path = tmp_path / "conf" / "briefgen.toml"
    path.write_text('[paths]\nsources = "news"\n[brief]\ntitle = "Trade brief"\n')
    config = load_config(path)
    assert config.sources_dir == tmp_path / "conf" / "news"
    assert config.brief.title == "Trade brief"


def test_overrides_win_over_the_file(tmp_path):
    path = tmp_path / "briefgen.toml"
    path.write_text("[summary]\nsentences = 3\n")
    config = load_config(path, overrides={"summary.sentences": 5, "paths.output": None})
    assert config.summary.sentences == 5
    assert config.paths.output == Path("output")


def test_every_problem_is_reported_at_once(tmp_path):
    path = tmp_path / "briefgen.toml"
    path.write_text('[summary]\nsentences = 0\nexecutive_sentences = "many"\n[brief]\ntitel = "typo"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    problems = caught.value.problems
    assert len(problems) == 3
    text = str(caught.value)
    assert "summary.sentences" in text and "summary.executive_sentences" in text and "brief.titel" in text
    assert caught.value.exit_code == 2


def test_invalid_toml_names_the_file(tmp_path):
    path = tmp_path / "briefgen.toml"
    path.write_text("[brief\ntitle = 1\n")
    with pytest.raises(ConfigError, match="briefgen.toml: not valid TOML"):
        load_config(path)
