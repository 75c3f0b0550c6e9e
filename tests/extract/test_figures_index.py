"""merge_figures compares a mention only with the figures near its value and those whose measure
shares a word (indexed): it merges exactly as a scan of every figure of the unit would."""

from __future__ import annotations

import itertools
import random

from briefgen.extract.figures import (
    CODES, _better_label, _cite, _close, _consistent, _owners_differ, _precise, _same_thing, _similar, _step,
    _value_bucket, merge_figures,
)
from briefgen.model import Analysis, Citation, FigureMention, FigureValue, KeyFigure, Sentence

# Measures as the extractor writes them for figures in BBC business and politics articles.
MEASURES = [
    "tax claim", "tax bill", "back taxes", "stake in the company", "stake", "shares", "share price",
    "profits", "pre-tax profits", "jobs", "job cuts", "people", "bid for the exchange", "bid",
    "offer for the club", "loan", "loans from banks", "debt", "", "be", "rise", "fall in sales",
    "unemployment rate", "inflation", "growth", "budget deficit", "sought by shareholders",
    "stake sought by the fund", "Acme's stake", "Acme's stake in the company", "Globex's stake in the company",
]
UNITS = ["USD", "GBP", "percent", "count"]
VALUES = [0.0, -2.5, 1.0, 1.005, 1.0101, 27.5e9, 27.6e9, 27.4e9, 100.0, 100.99, 101.5, 104.9, 105.0,
          105.1, 900e6, 6e9, 51.0, 50.5, 0.5, -2.52,
          # within 1% of each other, on either side of a step of the index (1.05 ** 100)
          1.05**100 * 0.996, 1.05**100 * 1.004, -(1.05**100) * 0.996, -(1.05**100) * 1.004]


RULES = {"precise": 0, "relabelled": 0}  # how often _scan merged by the precise rule or relabelled a figure


def _scan(analyses: dict[int, Analysis]) -> list[KeyFigure]:
    """The merge as it was before the index: a scan of every figure of the unit per mention."""
    figures: list[KeyFigure] = []
    written: dict[int, dict[float, str]] = {}  # id of a figure → its values as first written
    for source_id, analysis in analyses.items():
        for mention in analysis.figures:
            sentence = analysis.sentences[mention.sentence]
            citation = Citation(source_id=source_id, start=sentence.start, end=sentence.end)
            same_unit = [f for f in figures if f.unit == mention.unit]
            same_measure = [f for f in same_unit if _similar(f.measures, mention.measures)]
            alike = [f for f in same_measure if not _owners_differ(f.measures, mention.measures)]
            agreeing = next(
                (f for f in (same_unit if mention.unit in CODES else alike)
                 if _close(f.value, mention.value) and _consistent(f.text, f.value, mention.text, mention.value)),
                None,
            )
            if agreeing is None and _precise(mention):
                agreeing = next((f for f in same_unit if _precise(f) and f.value == mention.value), None)
                RULES["precise"] += agreeing is not None
            if agreeing is not None:
                _cite(agreeing, source_id, citation)
                written[id(agreeing)].setdefault(mention.value, mention.text)
                if _step(mention.text, mention.value) < _step(agreeing.text, agreeing.value):
                    agreeing.value, agreeing.text = mention.value, mention.text
                if _better_label(mention.measures, agreeing.measures):
                    agreeing.measures = mention.measures
                    RULES["relabelled"] += 1
                continue
            candidates = same_unit if mention.unit in CODES else same_measure
            listed = next((v for f in candidates for v in f.conflicting if _close(v.value, mention.value)
                           and _consistent(v.text, v.value, mention.text, mention.value)), None)
            if listed is not None:
                _cite(listed, source_id, citation)
                continue
            rival = next((f for f in same_measure if source_id not in f.sources and _same_thing(f, mention)), None)
            if rival is not None:
                other = next((v for v in rival.conflicting if _close(v.value, mention.value)
                              and _consistent(v.text, v.value, mention.text, mention.value)), None)
                if other is None:
                    rival.conflicting.append(
                        FigureValue(value=mention.value, text=mention.text, sources=[source_id], citations=[citation])
                    )
                else:
                    _cite(other, source_id, citation)
                continue
            figures.append(KeyFigure(
                value=mention.value, unit=mention.unit, text=mention.text, measures=mention.measures,
                sources=[source_id], citations=[citation],
            ))
            written[id(figures[-1])] = {mention.value: mention.text}
    for figure in figures:
        if others := [text for value, text in written[id(figure)].items() if value != figure.value]:
            figure.text = f"{figure.text} (also written {', '.join(others)})"
    return sorted(figures, key=lambda f: (f.unit not in CODES, -len(f.sources), -abs(f.value)))


def _analyses(seed: int, sources: int = 40, per_source: int = 12) -> dict[int, Analysis]:
    rng = random.Random(seed)
    found = {}
    for source_id in range(1, sources + 1):
        sentences = [Sentence(start=100 * n, end=100 * n + 90, text="x" * 90) for n in range(per_source)]
        figures = [
            FigureMention(value=value, unit=rng.choice(UNITS), text=f"{value:g}",
                          measures=rng.choice(MEASURES), start=100 * n, end=100 * n + 5, sentence=n)
            for n, value in enumerate(rng.choice(VALUES) for _ in range(per_source))
        ]
        found[source_id] = Analysis(sentences=sentences, figures=figures)
    return found


def test_the_index_merges_as_the_scan_does():
    for seed in range(6):
        merged = [f.model_dump() for f in merge_figures(_analyses(seed))]
        assert merged == [f.model_dump() for f in _scan(_analyses(seed))]
    # the cases the index must get right do occur: agreements, discrepancies, listed values cited again
    assert any(len(f["sources"]) > 1 for f in merged)
    assert any(f["conflicting"] for f in merged)
    assert any(len(v["sources"]) > 1 for f in merged for v in f["conflicting"])
    # and so do a precise value merged whatever its measure says and an empty measure giving way
    assert RULES["precise"] > 0 and RULES["relabelled"] > 0


def test_close_values_are_in_the_same_bucket_or_next_to_it():
    values = VALUES + [v * (1 + d) for v in VALUES for d in (0.0099, -0.0099, 0.01, -0.01, 0.02)]
    for a, b in itertools.product(values, repeat=2):
        if _close(a, b):
            (sign_a, step_a), (sign_b, step_b) = _value_bucket(a), _value_bucket(b)
            assert sign_a == sign_b and abs(step_a - step_b) <= 1, (a, b)
