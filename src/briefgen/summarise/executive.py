"""The executive summary: a short cited paragraph across every source.

Sentences from all the sources form one graph in which an edge across sources counts more than one
within a source, so a fact several outlets report is central. Near-duplicates (the same fact from two
outlets) are chosen once and cite every source behind them. The chosen sentences cover the main
actors and are ordered background, then the latest developments, then what to watch.

It has to scale to thousands of sources (38,000 sentences for 2,225 articles), where any matrix of
every sentence against every other takes gigabytes (11 GB for one of floats) and time in the
square of the sentences. None is built; each use of one is had from the sparse TF-IDF entries
(``scoring.SparseTfidf``, a dozen per sentence), with the same results:

- PageRank needs only the graph's product with a vector, and the graph is the similarity
  ``W @ W.T`` reweighted within sources, so each product goes through the entries (``_centrality``).
- Duplicates need only the pairs above a threshold, from different sources: an exact all-pairs
  search that skips the commonest lemmas where they cannot lift a pair over it
  (``SparseTfidf.pairs_above``). The lower, shared-fact threshold is searched only among sentences
  with a figure, as a shared fact needs one.
- "The same fact" (two duplicates of one sentence) is looked up in the duplicates' adjacency lists
  for the few sentences chosen, and redundancy against them uses their rows of the similarity,
  computed when chosen; the greedy choice scores every candidate at once (``scoring.mmr_rows``).

Common lemmas are not dropped: a pair sharing only "say" keeps its small weight in the graph, and
every pair above a threshold is found, so the summary is the one the full matrices gave (the same,
word for word, for the seeds, other stories and 200 and 500 BBC articles). Memory is in proportion
to the entries and to the pairs above the thresholds; time is too, but for the search's join of
mid-frequency lemmas, which grows faster (25 million products at 2,225 articles).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from ..model import Analysis, CitedSentence, EventMention, Sentence, Source
from .claims import WORD, YEAR, Claim, claim_of, compatible, figures, same_claim, same_figure
from .rules import cues, dependencies, normalised, person_unnamed, standalone, unbalanced_quotes
from .scoring import (
    CENTRALITY_WEIGHT,
    SparseTfidf,
    centrality_of_product,
    length_penalty,
    mmr_rows,
    title_scores,
)
from .source import cite

#: Cosine similarity above which two sentences from different sources report the same fact.
DUPLICATE_SIMILARITY = 0.5
#: An executive summary is short: a sentence this similar to one already in it adds too little.
EXECUTIVE_REDUNDANT_SIMILARITY = 0.4
#: Above this similarity, two sentences from different sources that give the same figure about the
#: same named party report the same fact even in different words.
SHARED_FACT_SIMILARITY = 0.2
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
STALE_FORECAST_PENALTY = 0.2
#: What to watch is best a dated or planned event, not a guess.
DATED_FORECAST_BONUS = 0.15
BARE_SURNAME_PENALTY = 0.2
#: Centrality finds what the sources have in common, which in a feed of mixed news is not the issue:
#: a source off the brief's issue loses up to this much (see ``_issue_penalty``).
OFF_ISSUE_PENALTY = 0.6
ON_ISSUE_SHARE = 0.3
#: A source this much older than the newest one is background to it.
STALE_AFTER_DAYS = 7
_BACKGROUND, _LATEST, _WATCH = 0, 1, 2
_PHASE_NAMES = ("background", "latest", "watch")



def _bare_surnames(text: str, analysis: Analysis) -> set[int]:
    """Sentences that name a person by a surname alone, without an honorific, where the source
    gives that person's full name elsewhere."""
    full = {e.text.split()[-1] for e in analysis.entities if e.label == "PERSON" and len(e.text.split()) > 1}
    found = set()
    for entity in analysis.entities:
        if entity.label != "PERSON" or " " in entity.text.strip() or entity.text not in full:
            continue
        before = text[max(0, entity.start - 12) : entity.start].split()
        if not before or before[-1].lower().rstrip(".") not in cues().honorifics:
            found.add(entity.sentence)
    return found


def _inside_quotation(text: str, sentence_start: int, at: int) -> bool:
    """Whether offset *at* of *text* lies inside double quotation marks opened in its sentence."""
    before = text[sentence_start:at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


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


def _issue_penalty(sources: Sequence[Source], analyses: Mapping[int, Analysis], issue: str) -> np.ndarray:
    """Per sentence, in source order: its source's :func:`_off_issue`."""
    counts = [len(analyses[s.id].sentences) for s in sources]
    return np.repeat(_off_issue(sources, analyses, issue), counts)


def _off_issue(sources: Sequence[Source], analyses: Mapping[int, Analysis], issue: str) -> np.ndarray:
    """Per source: 0 for a source on the issue, up to 1 for one off it altogether.

    A source is on the issue when at least ON_ISSUE_SHARE is the mean, over its sentences, of how
    far each bears on the issue (0, 0.5 or 1: ``extract.issue.relevance``); below that its sentences
    lose weight in proportion. A film premiere in a feed of news on fiscal policy is central to
    nothing the brief is about, however well it is written; a story whose every source is on the
    issue is left exactly as it was (the seeds' sources are at 0.71 to 0.85)."""
    from ..extract.issue import relevances, stems

    issue_stems = stems(issue) if issue.strip() else set()
    if not issue_stems:
        return np.zeros(len(sources))
    shares = [float(np.mean(relevances(analyses[s.id].sentences, issue_stems))) for s in sources]
    return np.array([1.0 - min(1.0, share / ON_ISSUE_SHARE) for share in shares])


def _day_number(iso: str) -> int:
    """An approximate day count for an ISO date as precise as known (YYYY, YYYY-MM, YYYY-MM-DD)."""
    parts = [int(p) for p in re.findall(r"\d+", iso)[:3]]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 7  # a bare year stands for its middle
    day = parts[2] if len(parts) > 2 else 1
    return year * 372 + (month - 1) * 31 + day


#: "would" mostly reports an opinion or a condition ("X said Y would deliver better", "a deal would
#: create ..."); it makes a forecast only with a date. The same for "could", "may" and "might".
_WEAK_FUTURE = re.compile(r"^(would|could|may|might)\b", re.IGNORECASE)
#: A future word inside a relative clause ("..., which would value the club at") is not what the
#: sentence reports.
_RELATIVE_BEFORE = re.compile(r"\b(which|who|whose)\b(?:\W+\w+){0,3}\W*$", re.IGNORECASE)
#: "plans to" as a noun ("the operator's plans to buy", "his plans to") names no forecast.
_NOUN_PLAN = re.compile(r"(\b(the|his|her|its|their|our|my|your|these|those)|['’]s)\s+(\w+\s+)?$", re.IGNORECASE)


#: Future cues that name a time rather than a tense ("next week", "in the coming months").
_TIME_WORDS = re.compile(r"(next|upcoming|coming|in the (coming|next)|by the end|later this)\b", re.IGNORECASE)


def _forecast(
    text: str, *, expected: Sequence[EventMention], dated: bool, source_text: str | None = None
) -> int:
    """How surely a sentence says what is to come: 0 not at all, 1 its main clause is in the future
    or states a plan, 2 it does so with a date, or it holds a planned event the timeline found.

    "would" and its kin count only with a date: reported opinion ("X said Y would deliver better")
    is no forecast. Nor is a future word in a relative clause, or "plans" as a noun. An event's
    clause is read in the source's own words (*source_text* at the event's span) when given: the
    timeline may restate it ("Y is due to merge" for "Y which is due to merge")."""
    def main_clause_future(clause: str) -> bool:
        for match in cues().future.finditer(clause):
            before = clause[: match.start()]
            if _TIME_WORDS.match(match.group(0)):
                continue  # "the coming week's events were hammered out": a time, not a tense
            if re.match(r"(was|were)\b", match.group(0), re.IGNORECASE):
                continue  # "was due to stand": a plan of the past, since overtaken or not
            if _WEAK_FUTURE.match(match.group(0)) and not dated:
                continue
            if _RELATIVE_BEFORE.search(before):
                continue
            if match.group(0).lower().startswith(("plan", "aim", "hope")) and _NOUN_PLAN.search(before):
                continue
            reported = list(cues().reporting.finditer(before))
            if reported and not dated:
                subject = WORD.findall(before[reported[-1].end() :])
                subject = subject[1:] if subject[:1] == ["that"] else subject
                if not subject or subject[0].lower() not in cues().self_reference:
                    continue  # the speaker's opinion of what others will do
            return True
        return False

    for event in expected:
        if event.date != "FUTURE_REF" or event.vague:
            return 2
        # The event's clause passes the same tests when it has a cue word: not "a firm which is
        # due to merge", nor "X said he would ..."; "prepares to", "are about to sign" pass as found.
        clause = source_text[event.start : event.end] if source_text else event.text
        if not cues().future.search(clause) or main_clause_future(clause):
            return 2 if dated else 1
    if main_clause_future(text):
        timed = any(_TIME_WORDS.match(m.group(0)) for m in cues().future.finditer(text))
        return 2 if dated or timed else 1
    return 0


def _phase(text: str, *, published: str | None, newest: str | None, forecast: int = 0) -> int:
    """Where a sentence goes: background, the latest developments, or what to watch."""
    # A sentence dated to a year before the newest source's, or from a source well before the
    # newest, is history by the time of the brief, even a forecast ("will be signed in 2020" read
    # in 2021): what was to watch then is not what is to watch now.
    if newest and any(year < newest[:4] for year in YEAR.findall(text)):
        return _BACKGROUND
    if published and newest and _day_number(newest) - _day_number(published) > STALE_AFTER_DAYS:
        return _BACKGROUND
    if forecast:
        return _WATCH
    if cues().background.search(text):
        return _BACKGROUND
    return _LATEST


def _duplicate_pairs(records: Sequence[Sentence], owner_ids: np.ndarray, vectors: SparseTfidf) -> list[tuple[int, int]]:
    """The pairs ``i < j`` of sentences from different sources that report the same fact: very
    alike, or alike enough and the same claim, and neither denies what the other states.

    Only pairs above the two thresholds matter, found without the matrix of all pairs; a claim needs
    the same figure in both sentences (``same_claim`` starts there), so only sentences with figures
    are paired at the lower threshold, and the figures are read once per sentence."""
    claims: dict[int, Claim] = {}

    def claim(i: int) -> Claim:
        if i not in claims:
            claims[i] = claim_of(records[i])
        return claims[i]

    first, second, _ = vectors.pairs_above(DUPLICATE_SIMILARITY, apart=owner_ids)
    pairs = set(zip(first.tolist(), second.tolist()))
    numbers = [figures(r.text) for r in records]
    first, second, _ = vectors.pairs_above(
        SHARED_FACT_SIMILARITY, apart=owner_ids, among=np.array([bool(f) for f in numbers], dtype=bool)
    )
    pairs |= {
        (i, j)
        for i, j in zip(first.tolist(), second.tolist())
        if (i, j) not in pairs
        and same_figure(numbers[i], numbers[j])
        and same_claim(records[i], records[j], claim(i), claim(j))
    }
    # However alike the words, a sentence that turns down or denies what another states is not
    # the same fact ("the exchange rejected the offer" beside "has made an offer").
    return sorted((i, j) for i, j in pairs if compatible(claim(i), claim(j)))


def _centrality(vectors: SparseTfidf, owner_ids: np.ndarray) -> np.ndarray:
    """PageRank over the graph of every pair's similarity, an edge within a source weighing
    SAME_SOURCE_EDGE and none from a sentence to itself. The graph is never built: its product
    with a vector is the similarity's, less (1 - SAME_SOURCE_EDGE) of the similarity within sources
    and SAME_SOURCE_EDGE of the diagonal, each a product through the TF-IDF entries."""
    n = len(vectors)
    within = vectors.grouped_columns(owner_ids)
    self_similarity = np.bincount(vectors.rows, weights=vectors.weights**2, minlength=n)

    def graph(x: np.ndarray) -> np.ndarray:
        return (
            vectors.product(x)
            - (1.0 - SAME_SOURCE_EDGE) * vectors.product(x, columns=within)
            - SAME_SOURCE_EDGE * self_similarity * x
        )

    return centrality_of_product(graph, n, isolated=~vectors.shares_a_lemma())


def executive_summary(
    sources: Sequence[Source], analyses: Mapping[int, Analysis], *, sentences: int = 7, issue: str = ""
) -> list[CitedSentence]:
    """A short cited paragraph across every source: background, then the latest, then what to watch.

    The same fact reported by several sources becomes one sentence citing each of them. Sources off
    the *issue* (the brief's issue sentence) weigh less than those on it.
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
    n = len(records)
    vectors = SparseTfidf([s.lemmas for s in records])

    duplicates: list[list[int]] = [[] for _ in range(n)]
    for i, j in _duplicate_pairs(records, owner_ids, vectors):
        duplicates[i].append(j)
        duplicates[j].append(i)

    dates = sorted(s.published for s in used if s.published)
    source_off_issue = _off_issue(used, analyses, issue)
    off_issue = np.repeat(source_off_issue, [len(analyses[s.id].sentences) for s in used])
    # The latest news is the latest on the issue: a newer article on something else does not turn
    # the issue's news into background.
    on_issue_dates = [s.published for s, off in zip(used, source_off_issue) if s.published and off < 0.5]
    newest = max(on_issue_dates) if on_issue_dates else dates[-1] if dates else None
    # The newest source weighs 1, the oldest 1/n; an undated source counts as current.
    first_of_date = {}
    for k, date in enumerate(dates):
        first_of_date.setdefault(date, k)
    recency = np.array(
        [(first_of_date[s.published] + 1) / len(dates) if s.published else 1.0 for s in owner]
        if dates
        else [0.0] * len(owner)
    )
    corroboration = np.array([len({owner[j].id for j in duplicates[i]}) for i in range(n)]) / max(len(used) - 1, 1)
    position = np.array([1.0 / np.sqrt(1.0 + i) for i in local_index])
    titles = np.concatenate([title_scores(analyses[s.id].sentences, s.title) for s in used])
    scores = (
        CENTRALITY_WEIGHT * _centrality(vectors, owner_ids)
        + EXECUTIVE_POSITION_WEIGHT * position
        + EXECUTIVE_TITLE_WEIGHT * titles
        + CORROBORATION_WEIGHT * corroboration
        + RECENCY_WEIGHT * recency
        - QUOTE_PENALTY * np.array([s.is_quote for s in records], dtype=float)
        - length_penalty(records)
        - OFF_ISSUE_PENALTY * off_issue
    )

    offsets, start = {}, 0
    for source in used:
        offsets[source.id] = start
        start += len(analyses[source.id].sentences)
    allowed = [ok for s in used for ok in standalone(analyses[s.id].sentences, title=s.title)]
    # Every sentence of an executive summary must make sense on its own: one that points back
    # ("He added", "the newspaper said") would point to a sentence of another source, and a
    # quotation that runs on would end in a sentence that is not there. (So no candidate points
    # back, and the choice needs no ``follows``.)
    for i, dependency in enumerate(dependencies(records)):
        if dependency is not None or unbalanced_quotes(records[i].text) or person_unnamed(records[i]):
            allowed[i] = False
    # What to watch: a sentence whose main clause is a plan or a forecast, best with a date; the
    # timeline's expected events say so more surely than cue words.
    expected: list[list[EventMention]] = [[] for _ in records]
    dated = [False] * len(records)
    for source in used:
        when = source.published or newest or ""
        for event in analyses[source.id].events:
            if event.expected:
                expected[offsets[source.id] + event.sentence].append(event)
        for time in analyses[source.id].times:
            value = time.value or ""
            if value[:4].isdigit() and when and value > when[: len(value)]:
                dated[offsets[source.id] + time.sentence] = True
    forecasts = [
        _forecast(r.text, expected=e, dated=d, source_text=o.text) for r, e, d, o in zip(records, expected, dated, owner)
    ]
    phases = [
        _phase(r.text, published=o.published, newest=newest, forecast=f) for r, o, f in zip(records, owner, forecasts)
    ]
    scores = scores + DATED_FORECAST_BONUS * np.array(
        [p == _WATCH and f == 2 for p, f in zip(phases, forecasts)], dtype=float
    )
    # A forecast that is history by now ("will be signed in 2020", read in 2021) may since have come
    # true or not: it is weaker background than a fact.
    scores = scores - STALE_FORECAST_PENALTY * np.array(
        [p == _BACKGROUND and bool(cues().future.search(r.text)) for p, r in zip(phases, records)], dtype=float
    )

    # A person named by surname alone ("According to Smith") is a stranger out of context, when
    # the source gave the full name elsewhere; "Mr Smith" is how news names a known person.
    bare = np.zeros(len(records))
    for source in used:
        for index in _bare_surnames(source.text, analyses[source.id]):
            bare[offsets[source.id] + index] = 1.0
    scores = scores - BARE_SURNAME_PENALTY * bare

    # Who each sentence names, by full name (surname kept) and by surname alone.
    people: list[tuple[set, set]] = [(set(), set()) for _ in records]
    for source in used:
        for entity in analyses[source.id].entities:
            if entity.label == "PERSON":
                words = entity.text.split()
                full, bare = people[offsets[source.id] + entity.sentence]
                (full if len(words) > 1 else bare).add(words[-1].lower())

    # The main actors each sentence names, one bit each. A name inside quotation marks is someone's
    # words about the actor, not the outlet's report on it: it earns no coverage.
    actors = _main_actors({s.id: analyses[s.id] for s in used})
    named = np.zeros(n, dtype=np.int64)
    for source in used:
        sentence_records = analyses[source.id].sentences
        for entity in analyses[source.id].entities:
            if entity.text.lower() in actors and not _inside_quotation(source.text, sentence_records[entity.sentence].start, entity.start):
                named[offsets[source.id] + entity.sentence] |= 1 << actors.index(entity.text.lower())

    # No phase may crowd out the others: at most half the summary is background, a third what to watch.
    caps = {_BACKGROUND: max(1, sentences // 2), _LATEST: sentences, _WATCH: max(1, sentences // 3)}
    phase_of = np.array(phases)

    rows: dict[int, np.ndarray] = {}

    def row(j: int) -> np.ndarray:
        """The similarity of sentence j to every sentence, for the few that are chosen."""
        if j not in rows:
            rows[j] = vectors.row(j)
        return rows[j]

    def coverage(chosen: list[int]) -> np.ndarray:
        bonus = np.zeros(n)
        # Two sentences that each repeat a third one's fact report the same fact, even in words too
        # different to match each other: the fact is already in, with this source cited beside it.
        same_fact = {k for j in chosen for d in duplicates[j] for k in [d, *duplicates[d]]}
        bonus[list(same_fact)] = -np.inf
        for j in chosen:
            bonus[row(j) > EXECUTIVE_REDUNDANT_SIMILARITY] = -np.inf  # much the same words
        for phase, cap in caps.items():
            if sum(phases[j] == phase for j in chosen) >= cap:
                bonus[phase_of == phase] = -np.inf
        covered = 0
        for j in chosen:
            covered |= int(named[j])
        new = named & ~covered
        count = sum((new >> k) & 1 for k in range(len(actors))) if actors else np.zeros(n, dtype=np.int64)
        return bonus + COVERAGE_BONUS * count

    def choose(count: int, start: list[int], phase: int | None = None) -> list[int]:
        ok = allowed if phase is None else [a and p == phase for a, p in zip(allowed, phases)]
        return mmr_rows(list(scores), row, count=count, allowed=ok, bonus=coverage, start=start)

    def select() -> list[int]:
        # The best sentences overall, less one place each for the latest news and for what to watch
        # when none of them is already about those; then the rest, best first.
        chosen = choose(max(sentences - 2, 1), [])
        for phase in (_LATEST, _WATCH):
            if len(chosen) < sentences and not any(phases[i] == phase for i in chosen):
                chosen = choose(len(chosen) + 1, chosen, phase)
        chosen = choose(sentences, chosen)
        return _introduce_people_first(sorted(chosen, key=reading_order), phases=phases, people=people)

    def cited(i: int) -> CitedSentence:
        citations = {owner[i].id: cite(owner[i].id, records[i])}
        others = sorted(duplicates[i])
        for k in np.argsort(-row(i)[others], kind="stable"):
            j = others[k]
            if owner[j].id not in citations:
                citations[owner[j].id] = cite(owner[j].id, records[j])
        # The source whose words are quoted comes first; the others corroborate it.
        ordered = [citations[owner[i].id]] + [citations[k] for k in sorted(citations) if k != owner[i].id]
        return CitedSentence(text=normalised(records[i].text), citations=ordered, phase=_PHASE_NAMES[phases[i]])

    def reading_order(i: int) -> tuple:
        # The background reads as history: first what the text dates itself ("in 2017"), earliest
        # first; then what it marks as earlier ("initially"); then what is background only because
        # its source is older, by the source's date.
        if phases[i] == _BACKGROUND:
            years = sorted(YEAR.findall(records[i].text))
            marked = bool(cues().background.search(records[i].text))
            tier, when = (0, years[0]) if years else (1, "") if marked else (2, owner[i].published or "")
            return (phases[i], tier, when, owner[i].id, i)
        return (phases[i], 0, owner[i].published or newest or "", owner[i].id, i)

    order = select()
    # A sentence that names someone by surname alone in an earlier paragraph than the one giving the
    # full name cannot be moved after it: another sentence is picked in its place.
    for _ in range(3):
        early = _named_before_introduced(order, people)
        if not early:
            break
        for i in early:
            allowed[i] = False
        order = select()
    return [cited(i) for i in order]


def _named_before_introduced(order: Sequence[int], people: Sequence[tuple[set, set]]) -> list[int]:
    """The sentences of *order* that name someone by surname alone before a later one names them in full."""
    early = []
    for position, i in enumerate(order):
        introduced = set().union(*(people[j][0] for j in order[:position])) if position else set()
        bare = people[i][1] - people[i][0] - introduced
        if any(surname in people[j][0] for j in order[position + 1 :] for surname in bare):
            early.append(i)
    return early


def _introduce_people_first(order: list[int], *, phases: Sequence[int], people: Sequence[tuple[set, set]]) -> list[int]:
    """A sentence that names someone by surname alone ("Mr Smith") should not come before the one
    that gives the full name: the sentence with the full name moves up to just before it, within
    the same paragraph (phase). *people* holds, per sentence, the surnames it names in full and the
    surnames it names alone."""
    order = list(order)
    for _ in range(len(order)):
        introduced: set[str] = set()
        moved = False
        for position, i in enumerate(order):
            full, bare = people[i]
            for surname in sorted(bare - full - introduced):
                later = [
                    q for q in range(position + 1, len(order))
                    if surname in people[order[q]][0] and phases[order[q]] == phases[i]
                ]
                if later:
                    order.insert(position, order.pop(later[0]))
                    moved = True
                    break
            if moved:
                break
            introduced |= full
        if not moved:
            break
    return order
