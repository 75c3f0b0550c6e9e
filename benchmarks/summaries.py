"""ROUGE benchmark of briefgen's per-source summariser on the BBC News Summary dataset.

    .venv/bin/python benchmarks/summaries.py            # all 2,225 articles
    .venv/bin/python benchmarks/summaries.py --dev      # every 10th article, for tuning

The dataset (extracted to benchmarks/data/bbc/, git-ignored) has a title line, then the article;
its reference summaries are extractive, with their sentences glued together without spaces. Every
system here gets the same spaCy sentences and the same length (the reference's sentence count):
Lead-k, sumy's TextRank and LexRank, and briefgen. The sentences are the records the build's analysis
stage makes (``briefgen.analyse.sentence_records`` over the default spaCy pipeline), so the benchmark
measures exactly what the pipeline feeds the summariser. They are cached in
benchmarks/data/bbc_parsed.pkl, so only the first run pays for spaCy; delete it after changing
``sentence_records`` or the pipeline (a cache older than a new ``Sentence`` field is parsed again).
"""

from __future__ import annotations

import argparse
import pickle
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from rouge_score import rouge_scorer
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from briefgen.analyse import sentence_records
from briefgen.config import Config
from briefgen.model import Analysis, Sentence, Source
from briefgen.nlp import load_pipeline
from briefgen.summarise import summarise_source

DATA = Path(__file__).resolve().parent / "data"
BBC = DATA / "bbc"
CACHE = DATA / "bbc_parsed.pkl"
SYSTEMS = ("lead", "textrank", "lexrank", "briefgen")


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:  # one file in the set is Latin-1
        return raw.decode("latin-1")


def split_reference(summary: str) -> list[str]:
    """The reference's sentences: they are joined with no space, as in 'rose 2%.For the full-year'."""
    spaced = re.sub(r"([.!?][\"'”’]?)(?=[A-Z\"“‘'])", r"\1 ", summary.strip())
    return [s for s in re.split(r"(?<=[.!?])\s+|(?<=[.!?][\"'”’])\s+", spaced) if s.strip()]


def load_articles() -> list[dict]:
    """Every article with its title, body, reference and parsed sentences (cached after one parse)."""
    if CACHE.exists():
        articles = pickle.loads(CACHE.read_bytes())
        # Records cached before Sentence gained a field (the main clause, say) are parsed again.
        cached_fields = set(next((s for a in articles for s in a["sentences"]), {}))
        if not cached_fields or set(Sentence.model_fields) <= cached_fields:
            return articles
        print(f"{CACHE.name} predates Sentence's {sorted(set(Sentence.model_fields) - cached_fields)}: parsing again",
              file=sys.stderr)
    if not BBC.exists():
        sys.exit(f"{BBC} is missing: extract 'BBC News Summary' from github:Miguel-G-Soares/PRI_proj1 there.")
    articles = []
    for path in sorted((BBC / "News Articles").glob("*/*.txt")):
        title, _, body = read_text(path).strip().partition("\n")
        reference = read_text(BBC / "Summaries" / path.parent.name / path.name)
        articles.append(
            {"category": path.parent.name, "name": path.stem, "title": title.strip(), "body": body.strip(),
             "reference": split_reference(reference)}
        )
    nlp = load_pipeline(Config().nlp.model)  # the pipeline the build uses by default
    started = time.perf_counter()
    for article, doc in zip(articles, nlp.pipe((a["body"] for a in articles), batch_size=32, n_process=1)):
        article["sentences"] = [s.model_dump() for s in sentence_records(doc)]
    parse_seconds = time.perf_counter() - started
    for article in articles:
        article["parse_seconds"] = parse_seconds / len(articles)
    CACHE.write_bytes(pickle.dumps(articles))
    return articles


class _Words:
    """The tokenizer sumy asks for; sentences are already split, so only words are needed."""

    language = "english"

    def to_words(self, text: str) -> list[str]:
        return re.findall(r"[A-Za-z0-9']+", text)

    def to_sentences(self, text: str) -> list[str]:
        return [text]


def sumy_summary(summarizer, sentences: list[Sentence], count: int) -> list[str]:
    tokenizer = _Words()
    paragraphs: dict[int, list] = defaultdict(list)
    for s in sentences:
        paragraphs[s.paragraph].append(SumySentence(s.text, tokenizer))
    document = ObjectDocumentModel([Paragraph(p) for _, p in sorted(paragraphs.items())])
    return [str(s) for s in summarizer(document, count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", action="store_true", help="every 10th article only")
    args = parser.parse_args()
    articles = load_articles()
    if args.dev:
        articles = articles[::10]

    stop_words = get_stop_words("english")
    textrank, lexrank = TextRankSummarizer(Stemmer("english")), LexRankSummarizer(Stemmer("english"))
    textrank.stop_words = lexrank.stop_words = stop_words
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    scores: dict[str, dict[str, list[tuple[float, float, float]]]] = defaultdict(lambda: defaultdict(list))
    summarise_seconds = []
    for number, article in enumerate(articles):
        sentences = [Sentence(**s) for s in article["sentences"]]
        count = len(article["reference"])
        source = Source(id=1, path=article["name"], title=article["title"], text=article["body"])
        started = time.perf_counter()
        ours = summarise_source(source, Analysis(sentences=sentences), sentences=count)
        summarise_seconds.append(time.perf_counter() - started)
        outputs = {
            "lead": [s.text for s in sentences[:count]],
            "textrank": sumy_summary(textrank, sentences, count),
            "lexrank": sumy_summary(lexrank, sentences, count),
            "briefgen": [c.text for c in ours],
        }
        reference = "\n".join(article["reference"])
        for system, summary in outputs.items():
            result = scorer.score(reference, "\n".join(summary))
            triple = tuple(result[k].fmeasure for k in ("rouge1", "rouge2", "rougeL"))
            scores[system]["overall"].append(triple)
            scores[system][article["category"]].append(triple)
        if number % 200 == 0:
            print(f"  {number}/{len(articles)}", file=sys.stderr)

    groups = ["overall", *sorted({a["category"] for a in articles})]
    print(f"articles: {len(articles)}   length: the reference's sentence count   ROUGE F1 x 100 (R-1 / R-2 / R-L)")
    print(f"{'':14}" + "".join(f"{g:>22}" for g in groups))
    for system in SYSTEMS:
        cells = []
        for group in groups:
            rows = scores[system][group]
            means = [100 * statistics.fmean(r[k] for r in rows) for k in range(3)]
            cells.append("{:.1f} / {:.1f} / {:.1f}".format(*means))
        print(f"{system:14}" + "".join(f"{c:>22}" for c in cells))
    parse = statistics.fmean(a["parse_seconds"] for a in articles)
    print(f"time per article: spaCy parse {1000 * parse:.1f} ms, briefgen summarise "
          f"{1000 * statistics.fmean(summarise_seconds):.1f} ms (median {1000 * statistics.median(summarise_seconds):.1f} ms)")


if __name__ == "__main__":
    main()
