"""Analyse the first N BBC articles once and pickle ``(sources, analyses)`` for synthesis benchmarks.

The synthesis and render stages can then be measured without spaCy::

    .venv/bin/python benchmarks/synth_fixture.py 2225          # writes benchmarks/data/synth-2225.pkl
    .venv/bin/python -c "import pickle; sources, analyses = pickle.load(open(...,'rb'))"

The articles are taken in `build.bbc_articles()` order (001 of each category, then 002, …). The
analyses go through briefgen's own cache in benchmarks/data/synth-cache/, so a second run, or a larger
N, only analyses what is new. Everything written here is git-ignored.
"""

from __future__ import annotations

import argparse
import logging
import pickle
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build  # noqa: E402  (benchmarks/build.py)

from briefgen.analyse import analyse_sources, published_dates  # noqa: E402
from briefgen.cache import AnalysisCache  # noqa: E402
from briefgen.config import Config  # noqa: E402
from briefgen.ingest import read_sources  # noqa: E402
from briefgen.nlp import load_pipeline  # noqa: E402

DATA = HERE / "data"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many BBC articles (at most 2,225)")
    parser.add_argument("--out", type=Path, help="the pickle to write (default benchmarks/data/synth-N.pkl)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    articles = build.bbc_articles()[: args.n]
    if not articles:
        print("no BBC articles in benchmarks/data/bbc/ (see docs/quality.md)", file=sys.stderr)
        return 1
    config = Config()
    with tempfile.TemporaryDirectory() as tmp:
        build.make_project(Path(tmp), articles)
        sources = read_sources(
            Path(tmp) / "sources",
            max_chars=config.ingest.max_chars,
            exclude_non_english=config.ingest.exclude_non_english,
        )
    included = [s for s in sources if s.status == "included"]
    cache = AnalysisCache(DATA / "synth-cache", model=config.nlp.model)
    analyses = analyse_sources(
        included,
        load_nlp=lambda: load_pipeline(config.nlp.model),
        cache=cache,
        batch_size=config.nlp.batch_size,
        n_process=config.nlp.processes,
    )
    sources = published_dates(sources, analyses)
    out = args.out or DATA / f"synth-{args.n}.pkl"
    with open(out, "wb") as f:
        pickle.dump((sources, analyses), f, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"{out}: {len(sources)} sources, {len(analyses)} analyses ({cache.hits} from the cache)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
