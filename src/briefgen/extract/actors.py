"""Actors across sources: merged aliases, voted types, roles, prominence, stance and quotes.

The mention-level functions run on one spaCy Doc; ``build_actors`` works on the Analyses of all
sources, so a name seen in full in one article resolves its surname in another.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Mapping

from rapidfuzz import fuzz

from ..config import StanceOverride
from ..model import Actor, Analysis, Citation, Quote
from .aliases import cluster, name_key
from .gazetteer import country_of, fold
from .issue import stems
from .mentions import entity_mentions, group_nouns
from .roles import role_mentions
from .stance import author_stance, cue_index, indexed_actor_stance, unused_overrides

log = logging.getLogger(__name__)

__all__ = ["build_actors", "entity_mentions", "role_mentions"]

_MAX_QUOTES = 2


def _vote_type(labels: Counter, role_count: int) -> str:
    votes = Counter(labels)
    votes["PERSON"] += 3 * role_count
    return votes.most_common(1)[0][0]


def _display_name(variants: Counter, kind: str, key: str) -> str:
    if key.startswith("country:"):
        return next(country_of(v)[0] for v in variants if country_of(v))
    if key.startswith("group:"):
        # 'Western states' before 'Western partners': the most used, then the noun that says state.
        states = group_nouns()[0]
        rank = {v: states.index(fold(v).split()[-1]) if fold(v).split()[-1] in states else len(states) for v in variants}
        return max(variants, key=lambda v: (variants[v], -rank[v]))
    if kind == "PERSON":
        # The fullest name, then the most used; among equals the first written (dicts keep order).
        order = {v: i for i, v in enumerate(variants)}
        return max(variants, key=lambda v: (len(fold(v).split()), variants[v], -order[v]))
    return max(variants, key=lambda v: (variants[v] + len(v.split()), len(v)))


def build_actors(
    analyses: Mapping[int, Analysis], *, issue: str, overrides: Mapping[str, StanceOverride] | None = None
) -> list[Actor]:
    """Actors across all sources (keyed by source id), most prominent first."""
    labels: dict[str, Counter] = defaultdict(Counter)
    variants: dict[str, Counter] = defaultdict(Counter)
    where: dict[str, list[tuple[int, int]]] = defaultdict(list)  # key → (source, sentence)
    role_count: Counter = Counter()
    for source_id, analysis in analyses.items():
        for m in analysis.entities:
            key = name_key(m.text, m.label)
            label = m.label if m.label != "NORP" or not key.startswith("country:") else "GPE"
            # A full personal name is stronger evidence than a lone word the model guessed at.
            labels[key][label] += 2 if label == "PERSON" and len(m.text.split()) >= 2 else 1
            variants[key][re.sub(r"['’]s?$", "", re.sub(r"^the\s+", "", m.text.strip(), flags=re.I))] += 1
            where[key].append((source_id, m.sentence))
        for r in analysis.roles:
            role_count[name_key(r.name, "PERSON")] += 1
    types = {key: _vote_type(labels[key], role_count[key]) for key in labels}
    texts = [" ".join(s.text for s in a.sentences) for a in analyses.values()]
    clusters = _by_the_dominant_owner(cluster(types, texts), types, {k: len(v) for k, v in where.items()})
    members: dict[str, list[str]] = defaultdict(list)
    for key, root in clusters.items():
        members[root].append(key)

    issue_stems = stems(issue)
    # Each actor's roles and stance cues are looked up by its names, not matched against every source's.
    roles, cues = _role_index(analyses), cue_index(analyses, _keys)
    actors = []
    for root, keys in members.items():
        all_labels = sum((labels[k] for k in keys), Counter())
        kind = _vote_type(all_labels, sum(role_count[k] for k in keys))
        names = sum((variants[k] for k in keys), Counter())
        name = _display_name(names, kind, root if any(k.startswith(("country:", "group:")) for k in keys) else "")
        folded = {fold(v) for v in names} | set(keys)
        mentions = sum(len(where[k]) for k in keys)
        sources = sorted({s for k in keys for s, _ in where[k]})
        role, affiliation = _pick_role(analyses, folded, roles) if kind == "PERSON" else (None, None)
        aliases = sorted(v for v in names if v != name)
        stance = author_stance(
            [name, *aliases],
            indexed_actor_stance(analyses, lambda name: _matches(name, folded), folded, cues, issue_stems),
            overrides,
        )
        actors.append(
            Actor(
                name=name,
                type=kind,
                aliases=aliases,
                role=role,
                affiliation=affiliation,
                mentions=mentions,
                sources=sources,
                stance=stance,
                quotes=_pick_quotes(analyses, folded, issue_stems),
            )
        )
    for key in unused_overrides([[a.name, *a.aliases] for a in actors], overrides):
        log.warning("[stances.%r] in the config names no actor of this brief; check its spelling", key)
    # Prominence is the mentions across all sources, aliases counted; then the spread over sources.
    return sorted(actors, key=lambda a: (-a.mentions, -len(a.sources), a.name))


_DOMINANT = 3  # how many times the mentions of all other candidates together the owner must have


def _by_the_dominant_owner(clusters: dict[str, str], types: dict[str, str], counts: Mapping[str, int]) -> dict[str, str]:
    """A one-word organisation name left alone because several longer names end or begin with it
    ('Globex' after 'Globex Holdings' and 'Globex Fans Trust') joins the one of them named at least
    three times as often as all the others together: a short name read alone is the prominent one's."""
    size: Counter = Counter()
    for key, root in clusters.items():
        size[root] += counts.get(key, 0)
    alone = Counter(clusters.values())
    # The longer organisation names by their first and by their last word, in the order of *types*:
    # for a key with no space, k.startswith(key + " ") and k.endswith(" " + key) say just that.
    by_end: dict[str, list[int]] = defaultdict(list)
    longer = [k for k, t in types.items() if t == "ORG" and len(k.split()) >= 2]
    for n, k in enumerate(longer):
        if " " in k:
            first, last = k.split(" ", 1)[0], k.rsplit(" ", 1)[1]
            by_end[first].append(n)
            if last != first:
                by_end[last].append(n)
    keys_of: dict[str, list[str]] = defaultdict(list)
    for k, root in clusters.items():
        keys_of[root].append(k)
    merged = dict(clusters)
    for key, kind in types.items():
        if kind != "ORG" or " " in key or key.startswith("country:") or alone[clusters[key]] != 1:
            continue
        owners = {clusters[longer[n]] for n in sorted(by_end.get(key, ()))}
        if len(owners) < 2:
            continue
        top = max(owners, key=lambda r: size[r])
        if size[top] >= _DOMINANT * sum(size[r] for r in owners if r != top):
            for k in keys_of[clusters[key]]:
                merged[k] = top
    return merged


def _matches(name: str, folded: set[str]) -> bool:
    return fold(name) in folded or (country_of(name) is not None and "country:" + fold(country_of(name)[0]) in folded)


def _keys(name: str) -> list[str]:
    """The keys under which *name* is filed: _matches(name, folded) is true exactly when one of
    them is in *folded* (its folded text and, when it names a country, 'country:' and the country)."""
    country = country_of(name)
    return [fold(name)] if country is None else [fold(name), "country:" + fold(country[0])]


def _role_index(analyses: Mapping[int, Analysis]) -> tuple[list, dict[str, list[int]]]:
    """Every role mention in the order of the analyses, and the positions of those under each key
    of its name (see _keys)."""
    roles: list = []
    by_key: dict[str, list[int]] = {}
    for analysis in analyses.values():
        for r in analysis.roles:
            for key in _keys(r.name):
                by_key.setdefault(key, []).append(len(roles))
            roles.append(r)
    return roles, by_key


def _pick_role(
    analyses: Mapping[int, Analysis], folded: set[str], index: tuple[list, dict[str, list[int]]] | None = None
) -> tuple[str | None, str | None]:
    """The most frequent role a person's names are given, and its affiliation; *index* is
    _role_index(analyses), made once when many actors are looked up."""
    roles, by_key = index if index is not None else _role_index(analyses)
    found = Counter()
    affiliations = {}
    for n in sorted({n for key in folded for n in by_key.get(key, ())}):
        r = roles[n]
        found[r.role] += 1
        affiliations[r.role] = r.affiliation
    if not found:
        return None, None
    # The most frequent role, and among equals the one that says most.
    role = max(found, key=lambda r: (found[r], len(r)))
    return role, affiliations[role]


def _pick_quotes(analyses: Mapping[int, Analysis], folded: set[str], issue_stems: set[str]) -> list[Quote]:
    """Up to two quotes: direct before reported, on the issue before off it, then longer first."""
    quotes, by_speaker = _quotes_by_speaker(analyses)
    scored = []
    for n in sorted({n for key in folded for n in by_speaker.get(key, ())}):
        source_id, q = quotes[n]
        on_issue = len(stems(q.text) & issue_stems)
        scored.append(((q.direct, on_issue, min(len(q.text), 400)), source_id, q))
    scored.sort(key=lambda item: item[0], reverse=True)
    picked: list[tuple[int, object]] = []
    for _, source_id, q in scored:
        # Two sources often print the same words: one of them is enough.
        if any(fuzz.partial_ratio(fold(q.text), fold(other.text)) >= 90 for _, other in picked):
            continue
        picked.append((source_id, q))
        if len(picked) == _MAX_QUOTES:
            break
    return [
        Quote(
            speaker=q.speaker, cue=q.cue, text=q.text, direct=q.direct,
            citation=Citation(source_id=s, start=q.start, end=q.end),
        )
        for s, q in picked
    ]


# The quotes of the analyses _pick_quotes last saw, by the keys their speaker matches (see _matches):
# build_actors asks once per actor, so the quotes are read once per build, not once per actor.
_quote_index: tuple[Mapping[int, Analysis], int, tuple[list, dict[str, list[int]]]] | None = None


def _quotes_by_speaker(analyses: Mapping[int, Analysis]) -> tuple[list, dict[str, list[int]]]:
    """Every quote with a speaker as (source id, quote), in the order of the analyses, and the
    positions of those each speaker key names. A speaker's keys are its folded name and, when it
    names a country, 'country:' and the country: a quote is an actor's when one of them is among
    the actor's (as in _matches). Made again when another mapping, or one of another length, is
    passed: the analyses of one mapping are taken not to change between calls (build_actors
    changes none)."""
    global _quote_index
    if _quote_index is not None and _quote_index[0] is analyses and _quote_index[1] == len(analyses):
        return _quote_index[2]
    quotes: list[tuple[int, object]] = []
    by_speaker: dict[str, list[int]] = {}
    for source_id, analysis in analyses.items():
        for q in analysis.quotes:
            if q.speaker:
                keys = {fold(q.speaker)}
                if country_of(q.speaker) is not None:
                    keys.add("country:" + fold(country_of(q.speaker)[0]))
                for key in keys:
                    by_speaker.setdefault(key, []).append(len(quotes))
                quotes.append((source_id, q))
    _quote_index = (analyses, len(analyses), (quotes, by_speaker))
    return quotes, by_speaker
