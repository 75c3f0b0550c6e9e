"""Briefs on other subjects, made from the BBC News Summary set, to try briefgen beyond the seeds.

    .venv/bin/python benchmarks/stories.py              # writes benchmarks/data/stories/<story>/
    .venv/bin/briefgen build -c benchmarks/data/stories/lse-bid/briefgen.toml

Each story is a handful of BBC articles (2004-2005) on one subject: a takeover battle, a legal and
political dispute, a party split before an election, a football club takeover, tax and spending in an election
campaign, a carmakers' dispute over a put option, a disputed EU directive. The articles come
from the dataset fetched for benchmarks/summaries.py (benchmarks/data/bbc/, git-ignored); nothing
here is committed but this list. Each story folder gets its own briefgen.toml, sources/ (markdown
with front matter: the BBC's title line becomes the title) and output/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
ARTICLES = DATA / "bbc" / "News Articles"
STORIES_DIR = DATA / "stories"

# name -> (title, issue, keywords, articles as "category/number")
STORIES: dict[str, tuple[str, str, list[str], list[str]]] = {
    "lse-bid": (
        "The battle for the London Stock Exchange",
        "Deutsche Boerse's takeover of the London Stock Exchange",
        ["LSE", "Deutsche Boerse", "Euronext", "takeover", "bid"],
        [f"business/{n}" for n in ("171", "203", "220", "264", "279", "316", "319", "392", "421", "454")],
    ),
    "yukos": (
        "Yukos and the Russian state",
        "the Russian state's seizure and sale of Yukos assets",
        ["Yukos", "Yuganskneftegas", "Rosneft", "Gazprom", "bankruptcy", "tax"],
        [f"business/{n}" for n in ("003", "025", "077", "083", "127", "164", "192", "230")],
    ),
    "veritas": (
        "Kilroy-Silk leaves UKIP",
        "Robert Kilroy-Silk's new party, Veritas",
        ["UKIP", "Veritas", "Kilroy-Silk", "election", "defection"],
        [f"politics/{n}" for n in ("111", "157", "237", "281", "288", "325", "333")],
    ),
    "man-utd": (
        "Malcolm Glazer's bid for Manchester United",
        "Malcolm Glazer's takeover of Manchester United",
        ["Glazer", "Manchester United", "takeover", "bid", "shareholders"],
        [f"business/{n}" for n in ("179", "209", "224", "229", "242", "293")] + ["sport/124"],
    ),
    "tax-election": (
        "Tax and spending in the 2005 UK election campaign",
        "the Conservatives' plan to cut taxes by reducing government spending",
        ["tax", "spending", "Howard", "Brown", "Budget", "election"],
        [f"politics/{n}" for n in ("270", "271", "275", "277", "282", "344", "364", "374", "387", "394")],
    ),
    "fiat-gm": (
        "Fiat, General Motors and the put option",
        "General Motors' obligation to buy Fiat's car business",
        ["Fiat", "General Motors", "GM", "put option", "Alfa Romeo"],
        [f"business/{n}" for n in ("051", "078", "148", "160", "189", "359")],
    ),
    "eu-patents": (
        "The EU software patent directive",
        "the EU directive on computer-implemented inventions (software patents)",
        ["patent", "software", "directive", "European Parliament", "open source"],
        # 014 and 330, 048 and 342 are the same article twice: near-duplicates should be caught
        [f"tech/{n}" for n in ("014", "029", "048", "080", "258", "268", "330", "342", "399")],
    ),
}


def _front_matter_value(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_story(name: str, target: Path) -> Path:
    """Write one story's folder under *target* and return it."""
    title, issue, keywords, articles = STORIES[name]
    folder = target / name
    sources = folder / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for article in articles:
        raw = (ARTICLES / f"{article}.txt").read_bytes().decode("utf-8", errors="replace")
        headline, _, body = raw.strip().partition("\n")
        slug = article.replace("/", "-")
        (sources / f"{slug}.md").write_text(
            "---\n"
            f"title: {_front_matter_value(headline.strip())}\n"
            "outlet: BBC News\n"
            "---\n\n" + body.strip() + "\n",
            encoding="utf-8",
        )
    quoted = ", ".join(_front_matter_value(k) for k in keywords)
    (folder / "briefgen.toml").write_text(
        "[brief]\n"
        f"title = {_front_matter_value(title)}\n"
        f"issue = {_front_matter_value(issue)}\n"
        f"keywords = [{quoted}]\n\n"
        "[paths]\n"
        'sources = "sources"\n'
        'output = "output"\n',
        encoding="utf-8",
    )
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stories", nargs="*", metavar="STORY", help=f"one of {', '.join(STORIES)}")
    parser.add_argument("--into", type=Path, default=STORIES_DIR, help="folder to write stories to")
    args = parser.parse_args(argv)
    if not ARTICLES.is_dir():
        print(f"{ARTICLES} is missing: fetch the BBC set first (see docs/quality.md).", file=sys.stderr)
        return 1
    unknown = sorted(set(args.stories) - set(STORIES))
    if unknown:
        parser.error(f"unknown stories: {', '.join(unknown)}")
    for name in args.stories or STORIES:
        print(write_story(name, args.into))
    return 0


if __name__ == "__main__":
    sys.exit(main())
