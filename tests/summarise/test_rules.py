"""The selection rules, on sentences from the seed articles and the BBC News Summary set."""

from __future__ import annotations

import pytest

from briefgen.analyse import sentence_records
from briefgen.model import Sentence
from briefgen.summarise.rules import dependencies, person_unnamed, points_back, standalone, unusable_reason


def sentence(text: str, *, has_verb: bool = True) -> Sentence:
    return Sentence(start=0, end=len(text), text=text, lemmas=text.lower().split(), has_verb=has_verb)


@pytest.mark.parametrize(
    ("text", "has_verb", "reason"),
    [
        ("Far from the west, close to the east.", False, "no verb"),
        ("United States Opposition", False, "no verb"),
        ("Tomorrow is a different system.", True, "too short"),
        ("Photo: Russian S-400 missile systems are seen at a military base near Moscow.", True, "boilerplate"),
        ("Read more: what the sanctions mean for the defence industry.", True, "boilerplate"),
        ("2. Turkey was officially excluded from the joint group of manufacturers and buyers of the top F-35 fighter.",
         True, "list item"),
        ("- ) somewhere else, then sell them to me yourself.", True, "list item"),
        ("said the minister, adding that the talks would continue next week.", True, "starts mid-sentence"),
        ("Russia-Turkey arms relations continue as the new Ankara-Washington line unfolds in recent months:",
         True, "no terminal punctuation"),
        ("Do US sanctions improve defence cooperation between Turkey and Russia?", True, "question"),
        ("“We hope that in the first half of 2020 we will come to the signing of contract documents.",
         True, "unbalanced quotes"),
        ("Most importantly, there is a spirit on both sides to continue cooperation in this area,” Shugaev said "
         "in an interview with Interfax.", True, "unbalanced quotes"),
    ],
)
def test_sentences_that_cannot_stand_alone_are_rejected(text, has_verb, reason):
    assert unusable_reason(sentence(text, has_verb=has_verb)) == reason


@pytest.mark.parametrize(
    "text",
    [
        "The US has forbidden Turkey’s participation in the F-35 fighter jet program, officials said.",
        "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months "
        "to December, from $639m year-earlier.",
        "“The latest developments have provided a new momentum,” Ersen said.",
    ],
)
def test_complete_reported_sentences_are_usable(text):
    assert unusable_reason(sentence(text)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An opener that points back.
        ("He announced this again two weeks ago.", True),
        ("However, Turkey did not accept such a thing.", True),
        ("This was stated by Democratic Senator Chris Van Hollen.", True),
        ("In other words, as the threat of new US arms sanctions against Turkey becomes more serious, the Russians "
         "have announced that they have received a request.", True),
        ("At the same time, as Cavusoglu said, the need for the Turkish Armed Forces is not limited to air defence.",
         True),
        # A reminder of what the reader was told before (seeds).
        ("Recall that in 2017 Moscow and Ankara signed a contract for the acquisition by the Turkish side of four "
         "S-400 divisions for $ 2.5 billion.", True),
        ("Recall that Washington has repeatedly threatened Turkey with restrictive measures in the event of the "
         "deployment of the Russian S-400 and criticized the relevant Russian-Turkish agreement.", True),
        # A speaker known only by an earlier description.
        ("The newspaper said the US sanctions will lead to the intensification of Ankara’s defense cooperation "
         "with Russia.", True),
        ("“The fact that Turkey has signed a contract for the supply of S-400 indicates a high degree of demand "
         "for Russian military technologies,” the expert said.", True),
        ("Group Menatep, the Gibraltar-based holding company which controls 51% of Yukos, says this was illegal.",
         True),
        # A pronoun before anyone is named.
        ("For his proposal to succeed, he needs the support of United's largest shareholders, the Irish "
         "horseracing tycoons JP McManus and John Magnier.", True),
        ("“It is not a problem to refuse contacts on American fighters,” he said.", True),
        ("The chairman said he would resign.", False),  # "the chairman" is who "he" is
        # A day names no one "he" could stand for (veritas story).
        ("On Thursday he is due to announce which constituency he will run in at the next general election.", True),
        # Inside a quotation that began in an earlier sentence: who is "I"?
        ("But I want to emphasize that military-technical cooperation with Turkey is not limited to the supply "
         "of S-400.", True),
        # The name comes right after the opening clause that holds the pronoun.
        ("Asked about criticism that he did not cut short his holiday, Mr Blair told BBC Radio 4's Today programme "
         "that he had been in touch with officials.", False),
        # News told in the sentence before, placed in time by this one (BBC business/148, business/077).
        ("The news comes a week after GM pulled out of an agreement to buy Fiat.", True),
        ("The revelation came as the Russian government said Rosneft had signed a long-term oil supply deal with "
         "China.", True),
        # The same when no word before the pronoun could stand for anyone (BBC sport).
        ("Speaking on his long-term plans, Campbell signalled his intent to move abroad before he turns 35.", False),
        # Self-contained.
        ("Turkish Foreign Minister Mevlut Cavusoglu said in an interview with Bloomberg that if Western countries "
         "are not ready to sell air defense systems, Ankara will continue to buy them from other states.", False),
        ("“The latest developments have provided a new momentum,” Ersen said.", False),
        ("Malcolm Glazer has made a fresh approach to buy Manchester United, which could lead to a bid valuing "
         "the Premiership club at £800m.", False),
    ],
)
def test_sentences_that_point_back_are_recognised(nlp, text, expected):
    assert points_back(sentence_records(nlp(text))[0]) is expected


def test_a_sentence_depends_on_the_one_before_it_and_the_headline_is_never_chosen():
    records = [
        sentence("Russia is playing S-400 card in Turkey for strategic purposes, say experts"),
        sentence("Turkey’s initial purchase of S-400 from Russia was a sticking point with the US and the NATO allies."),
        sentence("However, it has not fully activated the defense system."),
    ]
    assert dependencies(records) == [None, None, 1]
    assert standalone(records, title=records[0].text) == [False, True, True]


@pytest.mark.parametrize(
    ("text", "lenient"),
    [
        ("But the prime minister says it is time for Mr Livingstone to say sorry.", False),
        ("But Mr Balls, a prospective Labour MP, said he was confident the chancellor would meet his fiscal rules.",
         False),
        ("However, the Turkish authorities have repeatedly stated that they will not abandon Russian complexes.",
         False),
        ("But he said nothing had changed in respect of his work with the law firm.", True),
        ("Meanwhile, this means the deal is off.", True),
        # A linking phrase is read past like a linking word (BBC News Summary's references pick them).
        ("By contrast, HDTV offers up to 1,080 active lines, with each line made up of 1,920 pixels.", False),
        # seeds: "this" standing alone after a preposition is what came before.
        ("However, experts emphasize that the Turkish side “lost a little” from this - for Turkey, cooperation with "
         "Moscow “more than covers such side effects.”", True),
    ],
)
def test_a_connective_is_read_past_in_one_source_but_not_beside_other_outlets(nlp, text, lenient):
    record = sentence_records(nlp(text))[0]
    assert points_back(record) is True  # strict: the executive summary
    assert points_back(record, strict=False) is lenient  # a per-source summary


@pytest.mark.parametrize(
    ("text", "unnamed"),
    [
        # BBC politics/270: "his" before anyone it could be; the name comes only at the end.
        ("The big idea is his £35bn savings on waste and bureaucracy which Mr Howard has pledged to plough back "
         "into public services and tax cuts.", True),
        ("Tory leader Michael Howard says his party can save £35bn in government spending by tackling waste.", False),
        ("Speaking on his long-term plans, Campbell signalled his intent to move abroad before he turns 35.", False),
        # A common noun will do in one article's summary, not across sources.
        ("The striker hurt his knee in the second half.", True),
        ("\"We will cut his budget,\" Mr Letwin said.", False),  # quoted words are the speaker's
    ],
)
def test_a_persons_pronoun_needs_a_name_before_it_in_the_executive_summary(nlp, text, unnamed):
    record = sentence_records(nlp(text))[0]
    assert person_unnamed(record) is unnamed
    if unnamed:
        assert not points_back(record)  # one article's summary may still take it
