"""build_actors looks each actor's stance cues and roles up by its names (cue_index, _role_index) and
finds one-word organisations' owners through an index: the results are those of matching every
source's cues and roles, and every key, against each actor."""

from __future__ import annotations

from collections import Counter

from briefgen.analyse import analyse_doc
from briefgen.extract.actors import _by_the_dominant_owner, _keys, _matches, _pick_role, _role_index, build_actors
from briefgen.extract.gazetteer import fold
from briefgen.extract.issue import stems
from briefgen.extract.stance import actor_stance, cue_index, indexed_actor_stance

# Sentences as the BBC printed them (a bid for an exchange, a bid for a club).
TEXTS = [
    "Werner Seifert, chief executive of Deutsche Boerse, said the offer was fair. "
    "The LSE rejected Deutsche Boerse's proposed offer. "
    "TCI and Atticus have opposed the LSE bid for some time, saying it would destroy shareholder value.",
    "Many of Manchester United's supporters own shares in the club, and the fan-based group Shareholders "
    "United is strongly opposed to any takeover by Mr Glazer. "
    "The club has previously rejected Mr Glazer's approaches out of hand. "
    "France said it would back the bid, while Paris warned that it would oppose any break-up.",
    "Mr Seifert, chief executive of the German exchange, welcomed the talks. "
    "The French government backed the merger, and the London Stock Exchange rejected the offer. "
    "Malcolm Glazer, the US tycoon, said he would not give up his bid.",
]
ISSUES = ["Deutsche Boerse's bid for the London Stock Exchange", "Malcolm Glazer's takeover of Manchester United"]
ACTORS = [
    {"werner seifert", "mr seifert", "seifert"},
    {"deutsche boerse"},
    {"lse", "london stock exchange", "the lse"},
    {"mr glazer", "malcolm glazer", "glazer"},
    {"country:france", "france", "french", "paris", "the french government"},
    {"shareholders united", "the fan-based group shareholders united"},
    {"tci", "atticus"},
    {"nobody"},
]


def _analyses(nlp, order):
    docs = [analyse_doc(nlp(text), published=None) for text in TEXTS]
    return {source_id: docs[n] for source_id, n in enumerate(order, 1)}


def _scan_role(analyses, folded):
    """The role as found by matching every role mention against the actor, before the index."""
    found, affiliations = Counter(), {}
    for analysis in analyses.values():
        for r in analysis.roles:
            if _matches(r.name, folded):
                found[r.role] += 1
                affiliations[r.role] = r.affiliation
    if not found:
        return None, None
    role = max(found, key=lambda r: (found[r], len(r)))
    return role, affiliations[role]


def test_keys_are_what_matches_accepts():
    for name in ["France", "the French", "Paris", "French", "Mr Glazer", "Deutsche Boerse", "LSE", "Britain"]:
        for folded in ACTORS + [{"country:united kingdom"}, {"country:germany", "german"}]:
            assert _matches(name, folded) == bool(set(_keys(name)) & folded), (name, folded)
    assert _keys("Paris") == ["paris", "country:france"]  # a capital names its country
    assert _keys("Mr Glazer") == ["mr glazer"]


def test_stance_and_role_through_the_indexes_are_those_of_the_scan(nlp):
    for order in ([0, 1, 2], [2, 1, 0, 1]):
        analyses = _analyses(nlp, order)
        assert sum(len(a.stance_cues) for a in analyses.values()) >= 6
        cues, roles = cue_index(analyses, _keys), _role_index(analyses)
        for issue in ISSUES:
            issue_stems = stems(issue)
            for folded in ACTORS:
                def matches(name, folded=folded):
                    return _matches(name, folded)
                assert indexed_actor_stance(analyses, matches, folded, cues, issue_stems) == actor_stance(
                    analyses, matches, issue_stems
                )
            assert _pick_role(analyses, ACTORS[0], roles) == _scan_role(analyses, ACTORS[0])
        for folded in ACTORS:
            assert _pick_role(analyses, folded, roles) == _scan_role(analyses, folded) == _pick_role(analyses, folded)
    # the cues are really found: the exchange rejects, and France is found by its capital too
    analyses = _analyses(nlp, [0, 1, 2])
    cues = cue_index(analyses, _keys)
    lse = indexed_actor_stance(analyses, lambda n: _matches(n, ACTORS[2]), ACTORS[2], cues, stems(ISSUES[0]))
    assert lse.label == "oppose" and lse.evidence
    assert {cues[0][n][1].entity for n in cues[1]["country:france"]} >= {"France", "Paris"}
    assert _pick_role(analyses, ACTORS[0], _role_index(analyses))[0].startswith("chief executive")


def _scan_owner(clusters, types, counts):
    """_by_the_dominant_owner as it read every key for each one-word organisation."""
    size = Counter()
    for key, root in clusters.items():
        size[root] += counts.get(key, 0)
    alone = Counter(clusters.values())
    merged = dict(clusters)
    for key, kind in types.items():
        if kind != "ORG" or " " in key or key.startswith("country:") or alone[clusters[key]] != 1:
            continue
        owners = {
            clusters[k] for k, t in types.items()
            if t == "ORG" and len(k.split()) >= 2 and (k.endswith(" " + key) or k.startswith(key + " "))
        }
        if len(owners) < 2:
            continue
        top = max(owners, key=lambda r: size[r])
        if size[top] >= 3 * sum(size[r] for r in owners if r != top):
            for k, root in clusters.items():
                if root == clusters[key]:
                    merged[k] = top
    return merged


def test_one_word_owner_through_the_index_is_that_of_the_scan():
    types = {
        "united": "ORG", "manchester united": "ORG", "shareholders united": "ORG", "united states": "GPE",
        "boerse": "ORG", "deutsche boerse": "ORG", "boerse chief": "ORG", "exchange": "ORG",
        "london stock exchange": "ORG", "stock exchange": "ORG", "exchange exchange": "ORG",
        "euronext": "ORG", "glazer": "PERSON", "malcolm glazer": "PERSON", "the club": "ORG",
    }
    clusters = {k: k for k in types}
    clusters["stock exchange"] = "london stock exchange"
    clusters["boerse chief"] = "deutsche boerse"
    clusters["glazer"] = "malcolm glazer"
    for counts in (
        {"manchester united": 30, "shareholders united": 4, "deutsche boerse": 9, "boerse chief": 1,
         "london stock exchange": 12, "stock exchange": 5, "exchange exchange": 1},
        {"manchester united": 5, "shareholders united": 4, "deutsche boerse": 2, "london stock exchange": 1},
        {},
    ):
        assert _by_the_dominant_owner(clusters, types, counts) == _scan_owner(clusters, types, counts)
    merged = _by_the_dominant_owner(clusters, types, {"manchester united": 30, "shareholders united": 4})
    assert merged["united"] == "manchester united" and merged["euronext"] == "euronext"


def test_build_actors_gives_each_actor_its_stance(nlp):
    analyses = _analyses(nlp, [0, 1, 2])
    actors = {a.name: a for a in build_actors(analyses, issue=ISSUES[0])}
    lse = next(a for name, a in actors.items() if "LSE" in [name, *a.aliases])
    assert lse.stance.label == "oppose"
    folded = {fold(n) for n in [lse.name, *lse.aliases]}
    assert lse.stance == actor_stance(analyses, lambda n: _matches(n, folded), stems(ISSUES[0]))
