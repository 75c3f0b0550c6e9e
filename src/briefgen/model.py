"""The models handed from one stage to the next.

    Source ──analyse──▶ Analysis ──synthesise──▶ Brief ──render──▶ PDF, HTML, JSON

Every offset (``start``/``end``) is a character offset into the *cleaned* text of the source it
belongs to (``Source.text``), so anything in the brief can be traced back to where it was said.
Templates only ever see a ``Brief``; spaCy objects never cross a stage boundary.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

EntityType = Literal["PERSON", "ORG", "GPE", "NORP"]
StanceLabel = Literal["support", "oppose", "mixed", "neutral", "unknown"]
DateOrigin = Literal["metadata", "text"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- sources


class Source(_Model):
    """One article, read and cleaned, or excluded with the reason why."""

    id: int = Field(description="1-based number used for citations such as [2].")
    path: str = Field(description="Path of the file the article came from, relative to the sources folder.")
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = Field(
        None, description="ISO date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD."
    )
    published_from: DateOrigin | None = Field(
        None, description="'metadata' when given by the file or manifest; 'text' when inferred from the latest date the text "
        "reports in the past, which makes it the earliest the source can have been published."
    )
    text: str = Field("", description="Cleaned article text; every offset points into it.")
    sha256: str = Field("", description="Hash of the cleaned text, used by the analysis cache.")
    status: Literal["included", "excluded"] = "included"
    reason: str | None = Field(None, description="Why the source was excluded, for a person to read.")
    duplicate_of: int | None = Field(None, description="Id of the source this one repeats, if any.")

    @property
    def words(self) -> int:
        return len(self.text.split())


# --------------------------------------------------------------------------- analysis


class Sentence(_Model):
    start: int
    end: int
    text: str
    paragraph: int = Field(0, description="0-based paragraph index in the cleaned text.")
    lemmas: list[str] = Field(default_factory=list, description="Lower-case content lemmas.")
    has_verb: bool = True
    is_quote: bool = Field(False, description="The sentence lies mostly inside quotation marks.")
    verb: str | None = Field(
        None,
        description="Lemma of the main clause's verb; after a reporting verb with a complement "
        "('X said Y bought ...'), the reported verb.",
    )
    negated: bool = Field(False, description="The main clause is negated ('did not buy', 'no deal was', 'has yet to').")
    clause_lemmas: list[str] = Field(
        default_factory=list,
        description="Lower-case lemmas of the main clause's words: relative, adverbial and coordinated verb clauses "
        "left out.",
    )


class EntityMention(_Model):
    text: str
    label: str = Field(description="spaCy label after correction: PERSON, ORG, GPE or NORP.")
    start: int
    end: int
    sentence: int = Field(description="Index into Analysis.sentences.")


class RoleMention(_Model):
    """A role given to a named person in the text: 'X, Director of Y', 'military expert X'."""

    name: str
    role: str
    affiliation: str | None = None
    start: int
    end: int
    sentence: int


class FigureMention(_Model):
    value: float
    unit: str = Field(description="ISO currency code, 'percent', 'count' or a unit of measure.")
    text: str = Field(description="The figure as written.")
    measures: str = Field(description="Short phrase saying what the figure measures.")
    start: int
    end: int
    sentence: int


class TimeExpression(_Model):
    text: str
    start: int
    end: int
    value: str | None = Field(description="TIMEX3-style value: 2020, 2020-03, 2020-03-14, 2019-FA, 2020-H1.")
    kind: Literal["absolute", "partial", "relative", "fuzzy"]
    sentence: int


class EventMention(_Model):
    date: str = Field(
        description="TIMEX3-style value of the anchoring time expression; FUTURE_REF for a stated plan "
        "that gives no date."
    )
    text: str = Field(
        description="The clause the time expression anchors (with the subject it shares with a "
        "coordinated clause, or the noun a relative clause describes)."
    )
    start: int
    end: int
    sentence: int
    expected: bool = Field(False, description="A forward-looking statement rather than a past event.")
    actors: list[str] = Field(default_factory=list, description="Entity texts named in the clause.")
    stated: str | None = Field(
        None, description="For an expected event: when it was said (the dated report that carries it, "
        "or the source's publication date)."
    )
    lemmas: list[str] = Field(
        default_factory=list, description="Content lemmas of the clause (verbs, nouns, adjectives, names), "
        "used to tell whether two mentions tell the same happening."
    )
    vague: str | None = Field(
        None, description="For an expected event without a calendar date: the vague time it gives ('soon', "
        "'in a short time')."
    )


class QuoteMention(_Model):
    speaker: str | None = Field(description="The speaker as written, resolved later to an actor.")
    cue: str | None = Field(description="The cue verb, e.g. 'said', 'told', 'explained'.")
    text: str
    start: int
    end: int
    sentence: int
    direct: bool = True


class StanceCue(_Model):
    """A sentence in which an entity does or says something that bears on a position."""

    entity: str = Field(description="Entity text as written.")
    cue: str = Field(description="Lemma of the cue word.")
    polarity: float = Field(description="+1 for support-type actions, -1 for oppose-type, after negation; 0 for words that take no side ('wait and see'), which make a stance neutral.")
    role: Literal["agent", "patient", "speaker"]
    sentence: int
    target: str | None = Field(None, description="What the cue is done to, as written ('Norway', 'the bid').")
    agent: str | None = Field(None, description="For a speaker's cue: who does what the speaker reports, if named.")


class Analysis(_Model):
    """What the NLP stage found in one source. Cached by the source's hash and the version."""

    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[EntityMention] = Field(default_factory=list)
    roles: list[RoleMention] = Field(default_factory=list)
    figures: list[FigureMention] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    events: list[EventMention] = Field(default_factory=list)
    quotes: list[QuoteMention] = Field(default_factory=list)
    stance_cues: list[StanceCue] = Field(default_factory=list)
    published_guess: str | None = Field(None, description="Publication date inferred from the text.")


# --------------------------------------------------------------------------- brief


class Citation(_Model):
    source_id: int
    start: int
    end: int


class DoneReport(_Model):
    """A later report that an expected event has happened."""

    date: str = Field(description="TIMEX3 value of the report that says it happened.")
    text: str
    citations: list[Citation]
    still_expected: bool = Field(
        False, description="A source later than the report still expects it: the sources contradict each other."
    )


class CitedSentence(_Model):
    text: str
    citations: list[Citation]
    phase: Literal["background", "latest", "watch"] | None = Field(
        None, description="In the executive summary: background, the latest developments, or what to watch."
    )


class SourceEntry(_Model):
    """A source as the brief lists it (without its full text)."""

    id: int
    path: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    published_from: DateOrigin | None = None
    words: int = 0
    summary: list[CitedSentence] = Field(default_factory=list)
    status: Literal["included", "excluded"] = "included"
    reason: str | None = None
    duplicate_of: int | None = None


class Stance(_Model):
    label: StanceLabel = "unknown"
    score: float = Field(0.0, description="-1 (oppose) … +1 (support).")
    evidence: list[CitedSentence] = Field(default_factory=list)
    set_by: Literal["analysis", "author"] = "analysis"
    note: str | None = Field(None, description="The author's reason, when the author set the stance.")


class Quote(_Model):
    speaker: str | None
    cue: str | None
    text: str
    citation: Citation
    direct: bool = Field(default=True, description="In quotation marks (true) or reported speech ('X said that …').")


class Actor(_Model):
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    mentions: int = 0
    sources: list[int] = Field(default_factory=list)
    stance: Stance = Field(default_factory=Stance)
    quotes: list[Quote] = Field(default_factory=list)


class FigureValue(_Model):
    value: float
    text: str
    sources: list[int]
    citations: list[Citation]


class KeyFigure(_Model):
    value: float
    unit: str
    text: str = Field(description="The figure as written: the most precise wording, then \"(also written …)\" with a rounder one the sources also gave.")
    measures: str
    sources: list[int]
    citations: list[Citation]
    conflicting: list[FigureValue] = Field(
        default_factory=list, description="Other values given for the same measure."
    )

    @property
    def agree(self) -> int:
        return len(self.sources)


class Event(_Model):
    date: str = Field(description="TIMEX3-style value; FUTURE_REF for an expected event without a date.")
    granularity: Literal["year", "half", "season", "quarter", "month", "day"] | None = Field(
        description="None when the event has no calendar date (FUTURE_REF)."
    )
    text: str
    sources: list[int]
    citations: list[Citation]
    expected: bool = False
    actors: list[str] = Field(default_factory=list)
    stated: str | None = Field(None, description="For an expected event: when it was last said, by the latest source that expects it (a date value).")
    vague: str | None = Field(None, description="For an expected event without a date: the vague time a source gives ('soon').")
    reported_done: DoneReport | None = Field(
        None, description="For an expected event: the earliest later report, in any source, that it has happened."
    )


class Chart(_Model):
    name: str
    path: str = Field(description="Path of the SVG relative to the output folder.")
    title: str
    alt: str = Field(description="A sentence saying what the chart shows.")


class Changes(_Model):
    previous_edition: str | None = None
    new_sources: list[str] = Field(default_factory=list)
    removed_sources: list[str] = Field(default_factory=list)
    new_actors: list[str] = Field(default_factory=list)
    changed_stances: list[str] = Field(default_factory=list)
    new_figures: list[str] = Field(default_factory=list)
    new_events: list[str] = Field(default_factory=list)


class Edition(_Model):
    date: str = Field(description="ISO date of this edition.")
    generated: str = Field(description="ISO timestamp of the build.")
    version: str = Field(description="briefgen version that built it.")


class Brief(_Model):
    """The whole brief: what the templates render and what brief.json holds."""

    schema_version: str = SCHEMA_VERSION
    title: str
    issue: str
    edition: Edition
    executive_summary: list[CitedSentence] = Field(default_factory=list)
    sources: list[SourceEntry] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    figures: list[KeyFigure] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    outlook: list[Event] = Field(default_factory=list)
    charts: list[Chart] = Field(default_factory=list)
    changes: Changes | None = None

    @property
    def included(self) -> list[SourceEntry]:
        return [s for s in self.sources if s.status == "included"]

    @property
    def excluded(self) -> list[SourceEntry]:
        return [s for s in self.sources if s.status == "excluded"]
