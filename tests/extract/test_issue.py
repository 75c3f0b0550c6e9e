"""What bears on the brief's issue: stems, parties and relevance, on the issue sentences of the seeds and stories."""

from briefgen.extract.issue import bears_on, relevance, relevances, stems
from briefgen.model import Sentence


def sentence(text: str) -> Sentence:
    return Sentence(start=0, end=len(text), text=text, lemmas=[])


def test_countries_meet_their_adjectives_and_capitals():
    issue = stems("Turkey's acquisition of the Russian S-400 air defence system")
    assert {"country:turkey", "country:russia", "s-400"} <= issue.names
    assert "country:turkey" in stems("Ankara said") and "country:russia" in stems("the Kremlin and Moscow")


def test_the_matter_brings_its_family_but_a_name_does_not():
    issue = stems("Deutsche Boerse's takeover of the London Stock Exchange")
    assert {"bid", "offer", "takeo"} <= issue
    assert "lse" in issue.names  # the acronym of the name
    party = stems("the UK Independence Party")
    assert "party" in party.names and "launc" not in party  # a name is not the word 'party'


def test_owner_matter_and_object_of_the_issue():
    issue = stems("Malcolm Glazer's takeover of Manchester United")
    assert issue.owner == "Malcolm Glazer" and issue.matter == "takeo"
    assert issue.object_names == {"manch", "unite"}
    assert len(issue.parties) == 2
    assert stems("the Russian state's seizure and sale of Yukos assets").owner == "Russian state"


def test_relevance_full_half_and_none():
    issue = stems("Malcolm Glazer's takeover of Manchester United")
    sentences = [
        sentence("Malcolm Glazer has made a fresh approach to buy Manchester United."),  # two parties and a matter word
        sentence("But it said it continued to oppose Mr Glazer's plans."),  # one party, next to the one before
        sentence("Rival local club Manchester City has pleaded with visiting fans."),
        sentence("The police were called."),
        sentence("The weather was fine."),
    ]
    assert relevance(sentences, 0, issue) == 1.0
    assert relevance(sentences, 1, issue) == 0.5
    assert relevance(sentences, 4, issue) == 0.0
    # All at once, each sentence read once, with the same results.
    assert relevances(sentences, issue) == [relevance(sentences, i, issue) for i in range(len(sentences))]
    assert relevances(sentences, set()) == [0.0] * 5
    # One name, even of two words, is one party: 'Malcolm Glazer' alone does not make a sentence on the issue.
    assert not bears_on("Malcolm Glazer owns a football team in Florida.", [], issue)
    assert bears_on("The S-400 will function.", [], stems("Turkey's acquisition of the Russian S-400 air defence system"))
