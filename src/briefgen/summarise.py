"""Extractive summaries: the sentences that best stand for one source, and for all of them together.

Sentences are scored by centrality in a graph of TF-IDF cosine similarities over their lemmas
(LexRank), by position (news puts the point first) and by overlap with the title. Selection uses
maximal marginal relevance so a summary does not say the same thing twice, and it never picks a
sentence that cannot stand alone: captions, credits, fragments of quotes, or a sentence that opens
by pointing back ("He added", "However,") unless the sentence before it is chosen too. Everything
returned is a verbatim sentence with the span it came from.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from .model import Analysis, Citation, CitedSentence, Sentence, Source

#: Weights of the three signals in a sentence's score, tuned on a dev tenth of BBC News Summary
#: (docs/quality.md): centrality carries it; a strong lead weight cost 4 ROUGE-2 points there, so
#: position only breaks near-ties.
CENTRALITY_WEIGHT = 1.0
#: TextRank's word-overlap graph, added to LexRank's: it favours sentences that carry many of the
#: article's words, which LexRank's cosine ignores (+0.9 ROUGE-2 on the dev split).
OVERLAP_CENTRALITY_WEIGHT = 0.5
POSITION_WEIGHT = 0.1
TITLE_WEIGHT = 0.25
#: MMR trade-off between a sentence's own score and its similarity to those already chosen.
MMR_LAMBDA = 0.8
#: Above this similarity to a chosen sentence a candidate says the same thing again (a wire story
#: repeating its lead, say) and is never chosen, however central.
REDUNDANT_SIMILARITY = 0.7
#: Sentences longer than this lose score in proportion: a 90-word sentence is hard to read in a
#: brief, and the penalty cost nothing on the benchmark.
LONG_SENTENCE_WORDS = 45
#: Cosine similarity above which two sentences from different sources report the same fact.
DUPLICATE_SIMILARITY = 0.5
MIN_WORDS = 6

_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_BULLET = re.compile(r"^\s*([•·▪●◦‣∙*+>|]|[-–—]\s|\d+[.)]\s)")
#: A figure standing alone ("$1.13bn", "76%"), not part of a name such as "F-16" or "A-320".
_FIGURE = re.compile(r"(?<![\w-])\d[\d,.]*\d|(?<![\w-])\d")
_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-zA-Z]+")
_WORD = re.compile(r"[A-Za-z]+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class _Cues:
    openers: frozenset[str]
    phrases: tuple[str, ...]
    boilerplate: re.Pattern
    future: re.Pattern
    background: re.Pattern


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    raw = tomllib.loads(resources.files("briefgen.data").joinpath("summary_cues.toml").read_text("utf-8"))

    def joined(patterns: list[str]) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    return _Cues(
        openers=frozenset(raw["dangling_openers"]),
        phrases=tuple(p.lower() for p in raw["dangling_phrases"]),
        boilerplate=joined(raw["boilerplate"]),
        future=joined(raw["future"]),
        background=joined(raw["background"]),
    )


# --------------------------------------------------------------------------- selection rules


def unusable_reason(sentence: Sentence) -> str | None:
    """Why *sentence* can never be a summary sentence (caption, credit, fragment), or None."""
    text = " ".join(sentence.text.split())
    if not sentence.has_verb:
        return "no verb"
    if len(text.split()) < MIN_WORDS:
        return "too short"
    if _BULLET.match(text):
        return "list item"
    if _cues().boilerplate.search(text):
        return "boilerplate"
    first = text[0]
    if first.islower() or first in "”’»)]…,;:":
        return "starts mid-sentence"
    if not _TERMINAL.search(text):
        return "no terminal punctuation"
    if text.rstrip("\"'”’»)").endswith("?"):
        return "question"  # headlines and rhetorical questions state nothing on their own
    if text.count("“") != text.count("”") or text.count('"') % 2 or text.count("«") != text.count("»"):
        return "unbalanced quotes"
    return None


def points_back(sentence: Sentence) -> bool:
    """True when the sentence opens with a word whose referent lies in an earlier sentence."""
    text = sentence.text.lstrip("\"“'‘ ")
    first = re.split(r"[\s,;:]", text, maxsplit=1)[0]
    if first in _cues().openers:
        return True
    lowered = text.lower()
    return any(lowered.startswith(phrase) for phrase in _cues().phrases)


# --------------------------------------------------------------------------- scoring


def _tfidf(lemma_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """Unit-length TF-IDF rows (sublinear tf, smoothed idf) over the given lemma lists."""
    vocabulary: dict[str, int] = {}
    for lemmas in lemma_lists:
        for lemma in lemmas:
            vocabulary.setdefault(lemma, len(vocabulary))
    matrix = np.zeros((len(lemma_lists), max(len(vocabulary), 1)))
    for row, lemmas in enumerate(lemma_lists):
        for lemma, count in Counter(lemmas).items():
            matrix[row, vocabulary[lemma]] = 1.0 + np.log(count)
    document_frequency = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(lemma_lists)) / (1 + document_frequency)) + 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def _overlap_similarity(lemma_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """TextRank's similarity: shared lemmas over the sum of the log lengths of the two sentences."""
    unique = dict.fromkeys(lemma for lemmas in lemma_lists for lemma in lemmas)  # ordered: reproducible sums
    vocabulary = {lemma: i for i, lemma in enumerate(unique)}
    present = np.zeros((len(lemma_lists), max(len(vocabulary), 1)))
    for row, lemmas in enumerate(lemma_lists):
        present[row, [vocabulary[lemma] for lemma in lemmas]] = 1.0
    log_lengths = np.log(present.sum(axis=1) + 1.0)
    denominator = log_lengths[:, None] + log_lengths[None, :]
    return (present @ present.T) / np.where(denominator == 0, 1.0, denominator)


def _centrality(similarity: np.ndarray, *, damping: float = 0.85, iterations: int = 60) -> np.ndarray:
    """PageRank over the weighted similarity graph (continuous LexRank), scaled to a maximum of 1."""
    n = len(similarity)
    if n == 0:
        return np.zeros(0)
    weights = similarity.copy()
    np.fill_diagonal(weights, 0.0)
    row_sums = weights.sum(axis=1, keepdims=True)
    # A sentence sharing nothing with the rest spreads its vote evenly, as in PageRank.
    transition = np.where(row_sums > 0, weights / np.where(row_sums == 0, 1.0, row_sums), 1.0 / n)
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        rank = (1 - damping) / n + damping * transition.T @ rank
    return rank / rank.max()


def _position_scores(sentences: Sequence[Sentence]) -> np.ndarray:
    """News puts its point first: the weight falls with the sentence's rank and paragraph."""
    return np.array([1.0 / np.sqrt(1.0 + i) for i, _ in enumerate(sentences)])


def _title_scores(sentences: Sequence[Sentence], title: str | None) -> np.ndarray:
    """Share of the title's content words found in each sentence (prefix match stands in for lemmas)."""
    words = {w.lower() for w in _WORD.findall(title or "") if w.lower() not in STOP_WORDS and len(w) > 2}
    if not words:
        return np.zeros(len(sentences))
    stems = {w[:5] for w in words}
    return np.array([len(stems & {lemma[:5] for lemma in s.lemmas}) / len(stems) for s in sentences])


def _length_penalty(sentences: Sequence[Sentence]) -> np.ndarray:
    return np.array([max(0, len(s.text.split()) - LONG_SENTENCE_WORDS) / LONG_SENTENCE_WORDS for s in sentences])


def rank_sentences(sentences: Sequence[Sentence], *, title: str | None = None) -> list[float]:
    """The score of each sentence: centrality, position and title overlap, less a length penalty."""
    if not sentences:
        return []
    similarity = _tfidf([s.lemmas for s in sentences])
    similarity = similarity @ similarity.T
    score = (
        CENTRALITY_WEIGHT * _centrality(similarity)
        + OVERLAP_CENTRALITY_WEIGHT * _centrality(_overlap_similarity([s.lemmas for s in sentences]))
        + POSITION_WEIGHT * _position_scores(sentences)
        + TITLE_WEIGHT * _title_scores(sentences, title)
        - _length_penalty(sentences)
    )
    return [float(x) for x in score]


def _mmr(
    scores: Sequence[float],
    similarity: np.ndarray,
    *,
    count: int,
    allowed: Sequence[bool],
    follows: Sequence[int | None],
    bonus=None,
) -> list[int]:
    """Greedy maximal-marginal-relevance choice of at most *count* indices.

    ``follows[i]`` is the sentence that sentence *i* points back to: *i* is only taken together with
    it, either once it is chosen or as a pair (scored by the pair's mean) when two places are left.
    ``bonus(i, chosen)`` adds a coverage reward, when given.
    """
    top = max(scores, default=1.0) or 1.0
    relevance = np.asarray(scores) / top
    chosen: list[int] = []

    def value(i: int, picked: list[int]) -> float:
        redundancy = max((similarity[i, j] for j in picked), default=0.0)
        if redundancy > REDUNDANT_SIMILARITY:
            return -np.inf
        gain = MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * redundancy
        return gain + (bonus(i, picked) if bonus is not None else 0.0)

    while len(chosen) < count:
        best, best_value = None, -np.inf
        for i, ok in enumerate(allowed):
            if not ok or i in chosen:
                continue
            needed = follows[i]
            if needed is None or needed in chosen:
                candidate, candidate_value = [i], value(i, chosen)
            elif follows[needed] is None and allowed[needed] and len(chosen) + 2 <= count:
                candidate = [needed, i]
                candidate_value = (value(needed, chosen) + value(i, chosen + [needed])) / 2
            else:
                continue
            if candidate_value > best_value:
                best, best_value = candidate, candidate_value
        if best is None:
            break
        chosen.extend(best)
    return chosen


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _cite(source_id: int, sentence: Sentence) -> Citation:
    return Citation(source_id=source_id, start=sentence.start, end=sentence.end)


def _dependencies(sentences: Sequence[Sentence]) -> list[int | None]:
    """For each sentence, the index it depends on when it points back (the one before it)."""
    return [i - 1 if i > 0 and points_back(s) else None for i, s in enumerate(sentences)]


def _standalone(sentences: Sequence[Sentence], *, title: str | None) -> list[bool]:
    """Which sentences may be chosen at all; the headline, repeated as the first line, may not."""
    headline = _normalised(title or "").lower()
    return [unusable_reason(s) is None and _normalised(s.text).lower() != headline for s in sentences]


def summarise_source(source: Source, analysis: Analysis, *, sentences: int = 4) -> list[CitedSentence]:
    """The *sentences* most representative sentences of one source, cited, in text order."""
    records = analysis.sentences
    if not records:
        return []
    scores = rank_sentences(records, title=source.title)
    vectors = _tfidf([s.lemmas for s in records])
    allowed = _standalone(records, title=source.title)
    follows = [None if not allowed[i] else d for i, d in enumerate(_dependencies(records))]
    # A sentence that points back to an unusable one can never be chosen.
    allowed = [ok and (follows[i] is None or allowed[follows[i]]) for i, ok in enumerate(allowed)]
    chosen = _mmr(scores, vectors @ vectors.T, count=sentences, allowed=allowed, follows=follows)
    return [
        CitedSentence(text=_normalised(records[i].text), citations=[_cite(source.id, records[i])])
        for i in sorted(chosen)
    ]


# --------------------------------------------------------------------------- across sources

#: How much an edge between two sentences of the same source counts, against one across sources:
#: a fact several outlets report is more central to the story than one an article repeats.
SAME_SOURCE_EDGE = 0.3
COVERAGE_BONUS = 0.15
CORROBORATION_WEIGHT = 0.5
#: Across sources, an outlet's lead is a better guide to what it considers news than within one.
EXECUTIVE_POSITION_WEIGHT = 0.5
EXECUTIVE_TITLE_WEIGHT = 0.25
RECENCY_WEIGHT = 0.2
#: An executive summary reads better in the outlets' own reporting voice and in sentences of
#: ordinary length than in long quotations.
QUOTE_PENALTY = 0.2
#: A source this much older than the newest one is background to it.
STALE_AFTER_DAYS = 7
_BACKGROUND, _LATEST, _WATCH = 0, 1, 2


def _shares_fact(a: str, b: str) -> bool:
    """Two sentences give the same figure about the same named party."""
    figures = set(_FIGURE.findall(a)) & set(_FIGURE.findall(b))
    names = set(_NAME.findall(a)) & set(_NAME.findall(b))
    return bool(figures) and bool(names)


def _main_actors(analyses: Mapping[int, Analysis], *, limit: int = 8) -> list[str]:
    """The entities named by the most sources, then most often."""
    sources_per_name: dict[str, set[int]] = {}
    mentions: Counter[str] = Counter()
    for source_id, analysis in analyses.items():
        for entity in analysis.entities:
            key = entity.text.lower()
            sources_per_name.setdefault(key, set()).add(source_id)
            mentions[key] += 1
    ranked = sorted(mentions, key=lambda k: (-len(sources_per_name[k]), -mentions[k], k))
    return ranked[:limit]


def _day_number(iso: str) -> int:
    """An approximate day count for an ISO date as precise as known (YYYY, YYYY-MM, YYYY-MM-DD)."""
    parts = [int(p) for p in re.findall(r"\d+", iso)[:3]]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 7  # a bare year stands for its middle
    day = parts[2] if len(parts) > 2 else 1
    return year * 372 + (month - 1) * 31 + day


def _phase(text: str, *, published: str | None, newest: str | None) -> int:
    """Where a sentence goes: background, the latest developments, or what to watch."""
    # A sentence dated to a year before the newest source's is history by the time of the brief,
    # even a forecast ("will be signed in 2020" read in 2021).
    if newest and any(year < newest[:4] for year in _YEAR.findall(text)):
        return _BACKGROUND
    if _cues().future.search(text):
        return _WATCH
    if _cues().background.search(text):
        return _BACKGROUND
    if published and newest and _day_number(newest) - _day_number(published) > STALE_AFTER_DAYS:
        return _BACKGROUND
    return _LATEST


def executive_summary(
    sources: Sequence[Source], analyses: Mapping[int, Analysis], *, sentences: int = 7
) -> list[CitedSentence]:
    """A short cited paragraph across every source: background, then the latest, then what to watch.

    The same fact reported by several sources becomes one sentence citing each of them.
    """
    used = [s for s in sources if s.status == "included" and analyses.get(s.id) and analyses[s.id].sentences]
    if not used:
        return []
    owner: list[Source] = []
    records: list[Sentence] = []
    local_index: list[int] = []
    for source in used:
        for i, sentence in enumerate(analyses[source.id].sentences):
            owner.append(source)
            records.append(sentence)
            local_index.append(i)
    owner_ids = np.array([s.id for s in owner])
    vectors = _tfidf([s.lemmas for s in records])
    similarity = vectors @ vectors.T
    same_source = owner_ids[:, None] == owner_ids[None, :]

    duplicate = (~same_source) & (similarity > DUPLICATE_SIMILARITY)
    for i, j in zip(*np.nonzero((~same_source) & (similarity > DUPLICATE_SIMILARITY / 2))):
        if i < j and _shares_fact(records[i].text, records[j].text):
            duplicate[i, j] = duplicate[j, i] = True

    dates = sorted(s.published for s in used if s.published)
    newest = dates[-1] if dates else None
    recency = np.array([(dates.index(s.published) + 1) / len(dates) if s.published else 1.0 for s in owner]) if dates else np.zeros(len(owner))
    corroboration = np.array([len(set(owner_ids[duplicate[i]])) for i in range(len(records))]) / max(len(used) - 1, 1)
    position = np.array([1.0 / np.sqrt(1.0 + i) for i in local_index])
    titles = np.concatenate([_title_scores(analyses[s.id].sentences, s.title) for s in used])
    scores = (
        CENTRALITY_WEIGHT * _centrality(np.where(same_source, SAME_SOURCE_EDGE, 1.0) * similarity)
        + EXECUTIVE_POSITION_WEIGHT * position
        + EXECUTIVE_TITLE_WEIGHT * titles
        + CORROBORATION_WEIGHT * corroboration
        + RECENCY_WEIGHT * recency
        - QUOTE_PENALTY * np.array([s.is_quote for s in records], dtype=float)
        - _length_penalty(records)
    )

    offsets, start = {}, 0
    for source in used:
        offsets[source.id] = start
        start += len(analyses[source.id].sentences)
    allowed = [ok for s in used for ok in _standalone(analyses[s.id].sentences, title=s.title)]
    follows = []
    for i, dependency in enumerate(_dependencies(records)):
        # The sentence before it must be in the same source; otherwise it points to nothing.
        if dependency is not None and (local_index[i] == 0 or not allowed[dependency]):
            allowed[i] = False
        follows.append(dependency)

    actors = _main_actors({s.id: analyses[s.id] for s in used})
    named: list[set[str]] = [set() for _ in records]
    for source in used:
        for entity in analyses[source.id].entities:
            if entity.text.lower() in actors:
                named[offsets[source.id] + entity.sentence].add(entity.text.lower())

    def coverage(i: int, chosen: list[int]) -> float:
        if any(duplicate[i, j] for j in chosen):
            return -np.inf  # the fact is already in, with this sentence's source cited beside it
        covered = set().union(*(named[j] for j in chosen)) if chosen else set()
        return COVERAGE_BONUS * len(named[i] - covered)

    chosen = _mmr(list(scores), similarity, count=sentences, allowed=allowed, follows=follows, bonus=coverage)

    def cited(i: int) -> CitedSentence:
        citations = {owner[i].id: _cite(owner[i].id, records[i])}
        for j in np.argsort(-similarity[i]):
            if duplicate[i, j] and owner[j].id not in citations:
                citations[owner[j].id] = _cite(owner[j].id, records[j])
        # The source whose words are quoted comes first; the others corroborate it.
        ordered = [citations[owner[i].id]] + [citations[k] for k in sorted(citations) if k != owner[i].id]
        return CitedSentence(text=_normalised(records[i].text), citations=ordered)

    def reading_order(i: int) -> tuple:
        # A sentence that points back must stay right after the one it depends on.
        anchor = follows[i] if follows[i] in chosen else i
        phase = _phase(records[anchor].text, published=owner[anchor].published, newest=newest)
        return (phase, owner[anchor].published or newest or "", owner[anchor].id, anchor, i)

    order = sorted(chosen, key=reading_order)
    return [cited(i) for i in order]
