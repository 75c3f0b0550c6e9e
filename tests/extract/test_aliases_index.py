"""The index that picks which names to compare for spelling variants finds every pair the full scan
over all pairs would accept (no spaCy needed)."""

import itertools

import pytest
from rapidfuzz import fuzz

from briefgen.extract.aliases import _FUZZY_SCORE, _maybe_similar, cluster

# Folded names of ten characters or more, as build_actors keys them, from the analyses of four
# BBC stories (a bid for a stock exchange, an oil company's break-up, a new party, a football club).
REAL_KEYS = [
    "deutsche boerse", "london stock exchange", "anais faraj", "david slager", "rolf breuer",
    "werner seifert", "office of fair trading", "standard life", "atticus capital", "tci fund management",
    "richard moffat", "uk equities", "clearstream", "clara furse", "jean francois theodore",
    "new york stock exchange", "hans reckers", "bundesbank", "alois rhiel", "morgan stanley", "rolf dress",
    "union investment", "menatep group", "jamie firestone", "tim osborne", "mikhail khodorkovsky",
    "khodorkovsky", "letitia clark", "bruce misamore", "european court of human rights", "deutsche bank",
    "gazpromneft", "steven theede", "sergei oganesyan", "dmitry lukashov", "yuganskneftegaz", "group menatep",
    "emmanuel gaillard", "yuganskneftegas", "baikal finance group", "william butler", "mihkail khodorkovsky",
    "jp morgan chase bank", "dresdner kleinwort wasserstein", "robert kilroy silk", "kilroy silk",
    "independence party", "roger knapman", "geoff hoon", "london assembly", "damien hockney",
    "petrina holdsworth", "uk independence party", "europhiles", "ruth kelly", "cabinet office",
    "manchester high school for girls", "jonathan dimbleby", "greater manchester police",
    "european parliament", "united nations convention on human rights", "european union", "damian hockney",
    "london ukip", "john houston", "british empire", "mark croucher", "veritas party", "peter hulme cross",
    "hulme cross", "elizabeth blackman", "fraser kemp", "jp mcmanus", "john magnier", "manchester united",
    "malcolm glazer", "eric cantona", "ole gunnar solskjaer", "alex ferguson", "shareholders united",
    "david gill", "david cummings", "standard life investments", "nm rothschild", "manchester city",
    "department of trade and industry", "house of commons", "tony lloyd", "tony blair",
    "tampa bay buccaneers", "sean bones", "rio ferdinand", "joe mclean", "grant thornton",
    "maurice watkins", "andy anson", "philip yea", "premiership", "red devils", "stock exchange",
    "mark longden", "glazer family partnership",
]


def _variants(key: str) -> list[str]:
    """Spellings a few edits away: a letter dropped, doubled or changed, at the start, middle and end."""
    middle = len(key) // 2
    return [
        key[1:], key[:middle] + key[middle + 1 :], key[:-1], key[:middle] + key[middle] + key[middle:],
        key[:middle] + "x" + key[middle + 1 :], "x" + key + "y", key[:-2] + "ov",
    ]


def _scan(strings: list[str], score: float) -> set[tuple[int, int]]:
    return {(i, j) for i, j in itertools.combinations(range(len(strings)), 2) if fuzz.ratio(strings[i], strings[j]) >= score}


@pytest.mark.parametrize("score", [_FUZZY_SCORE, 80, 95])
def test_the_index_finds_every_pair_the_scan_accepts(score):
    strings = REAL_KEYS + [v for key in REAL_KEYS[::3] for v in _variants(key)]
    candidates = _maybe_similar(strings, score)
    accepted = _scan(strings, score)
    assert len(accepted) > 100  # the variants do meet their names
    assert accepted <= set(candidates)
    assert candidates == sorted(candidates) and all(i < j for i, j in candidates)
    if score == _FUZZY_SCORE:  # and, at the score used, far fewer pairs than all of them
        assert len(candidates) < len(strings) * (len(strings) - 1) / 2 / 10


def test_short_and_empty_strings_are_compared_with_everything():
    strings = ["", "a", "ab", "ba", "abc", "abd", "aab", "abcdefghij", "abcdefghik", "bcdefghij"]
    assert _scan(strings, 60) <= set(_maybe_similar(strings, 60))
    assert _scan(strings, 90) <= set(_maybe_similar(strings, 90))


def test_spelling_variants_of_real_names_cluster_as_a_scan_would():
    # A variant of each name one letter away, typed like the name; every name keeps its own cluster.
    names = {key: ("PERSON" if len(key.split()) == 2 else "ORG") for key in REAL_KEYS}
    names["mikhael khodorkovsky"] = "PERSON"
    names["manchester untied"] = names["manchester united"]
    found = cluster(names, [])
    assert found["mikhael khodorkovsky"] == found["mikhail khodorkovsky"] == found["mihkail khodorkovsky"]
    assert found["manchester untied"] == found["manchester united"]
    assert found["manchester city"] != found["manchester united"]
    assert found["yuganskneftegaz"] == found["yuganskneftegas"]
    assert found["damien hockney"] == found["damian hockney"]
