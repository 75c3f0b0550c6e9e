from briefgen.extract.story import same_story, story_words
from briefgen.model import Analysis, EntityMention


def _names(*names: str) -> Analysis:
    return Analysis(entities=[EntityMention(text=n, label="ORG", start=0, end=len(n), sentence=0) for n in names])


def test_story_words_are_the_words_of_the_most_mentioned_names():
    analysis = _names("Time Warner", "AOL", "AOL", "Time Warner", "SEC", "AOL Europe", "Bertelsmann", "US", "Paris")
    # Five names at most, the most mentioned first: one named once falls off the end.
    words = story_words(analysis)
    assert {"time", "warner", "aol", "europe", "sec"} <= words and len(words & {"bertelsmann", "us", "paris"}) <= 1
    assert story_words(_names("Bank of England")) == {"bank", "england"}  # "of" says nothing


def test_same_story_needs_a_shared_word_unless_a_side_names_nobody():
    aol, ibm = story_words(_names("AOL", "Time Warner")), story_words(_names("IBM", "Linux"))
    assert not same_story(aol, ibm)
    assert same_story(aol, story_words(_names("Time Warner", "Heathrow")))
    assert same_story(aol, frozenset()) and same_story(frozenset(), ibm)
