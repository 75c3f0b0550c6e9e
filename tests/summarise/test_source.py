"""The per-source summary, on a real BBC article and on the seeds."""

from __future__ import annotations

import pytest

from briefgen.model import Source
from briefgen.summarise import points_back, summarise_source, unusable_reason

# BBC News Summary, business/001 (title, then the first paragraphs of the article).
BODY = (
    "Ad sales boost Time Warner profit\n\n"
    "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to "
    "December, from $639m year-earlier.\n\n"
    "The firm, which is now one of the biggest investors in Google, benefited from sales of high-speed internet "
    "connections and higher advert sales. TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn. "
    "Its profits were buoyed by one-off gains which offset a profit dip at Warner Bros, and less users for AOL.\n\n"
    "Time Warner said on Friday that it now owns 8% of search-engine Google. But its own internet business, AOL, "
    "had has mixed fortunes. It lost 464,000 subscribers in the fourth quarter profits were lower than in the "
    "preceding three quarters. However, the company said AOL's underlying profit before exceptional items rose 8% "
    "on the back of stronger internet advertising revenues.\n\n"
    "Time Warner's fourth quarter profits were slightly better than analysts' expectations. For the full-year, "
    "TimeWarner posted a profit of $3.36bn, up 27% from its 2003 performance, while revenues grew 6.4% to $42.09bn."
)
ARTICLE = Source(id=1, path="business-001.txt", title="Ad sales boost Time Warner profit", text=BODY)


@pytest.mark.parametrize("count", [2, 3, 4])
def test_a_summary_is_usable_sentences_in_text_order_at_their_spans(analyse, spans_match, count):
    summary = summarise_source(ARTICLE, analyse(ARTICLE), sentences=count)
    assert len(summary) == count
    assert spans_match(summary, {1: ARTICLE})
    starts = [c.citations[0].start for c in summary]
    assert starts == sorted(starts)
    assert "Ad sales boost" not in " ".join(c.text for c in summary)  # the headline line is not a sentence


def test_a_sentence_said_twice_is_chosen_once(analyse):
    best = summarise_source(ARTICLE, analyse(ARTICLE), sentences=1)[0].text
    # A wire story that repeats a sentence further down: it is the most central twice over.
    repeated = ARTICLE.model_copy(update={"text": BODY + "\n\n" + best})
    summary = summarise_source(repeated, analyse(repeated), sentences=4)
    assert len(summary) == 4
    assert [c.text for c in summary].count(best) == 1


def test_a_summary_does_not_open_with_a_connective(analyse):
    # business/001's fourth paragraph: the "However, ..." sentence is the most central, and is read past
    # its connective inside a summary, but a summary that opens with it answers nothing the reader saw.
    text = (
        "Time Warner said on Friday that it now owns 8% of search-engine Google. But its own internet business, AOL, "
        "had has mixed fortunes. It lost 464,000 subscribers in the fourth quarter profits were lower than in the "
        "preceding three quarters. However, the company said AOL's underlying profit before exceptional items rose "
        "8% on the back of stronger internet advertising revenues."
    )
    article = Source(id=1, path="business-001.txt", title="AOL profit rises on internet advertising", text=text)
    opening = [summarise_source(article, analyse(article), sentences=n)[0].text for n in (1, 2)]
    assert opening == [text[: text.index(" But")]] * 2
    assert summarise_source(article, analyse(article), sentences=2)[1].text.startswith("However,")


@pytest.mark.parametrize("count", [3, 4, 6])
def test_seed_summaries_stand_alone(seeds, spans_match, count):
    sources, analyses = seeds
    for source in sources:
        records = analyses[source.id].sentences
        summary = summarise_source(source, analyses[source.id], sentences=count)
        assert len(summary) == count
        assert spans_match(summary, {source.id: source})
        starts = [c.citations[0].start for c in summary]
        first = next(r for r in records if r.start == starts[0])
        assert not points_back(first), first.text  # not even "However, ..." or "Recall that ..."
        for cited in summary:
            index = next(i for i, r in enumerate(records) if r.start == cited.citations[0].start)
            assert unusable_reason(records[index]) is None
            # A sentence that points back comes with the sentence before it.
            if points_back(records[index], strict=False):
                assert records[index - 1].start in starts, cited.text


# BBC News Summary, business/078: the sentences after the lead lean on it ("The deadline marks ...").
DEADLINE = Source(id=2, path="business-078.md", title="Deadline nears for Fiat-GM deal", text=(
    "Fiat and General Motors (GM) have until midnight on 1 February to settle a disagreement over a potential "
    "takeover.\n\n"
    "The deadline marks the point at which Fiat will gain the right to sell its car division to GM, part of an "
    "alliance agreed in 2000. GM, whose own European operations are losing money, no longer wants to own the "
    "unprofitable Fiat unit. Reports of deadlocked talks sent Fiat shares down 1.2% on Tuesday, after Monday's 4% "
    "gain on hopes of a payoff. The US firm is thought to be offering about $2bn (£1.06bn) to extricate itself "
    "from the arrangement. It has argued the deal was voided by Fiat's decision to sell off Fiat's finance arm and "
    "halve GM's stake via a capital-raising effort.\n\n"
    "The 2000 deal resulted from a race between GM and DaimlerChrysler to ally with Fiat. The German firm wanted "
    "to buy Fiat outright. But Gianni Agnelli, the godfather of the group, wanted to keep control, and preferred "
    "GM's offer to buy a 20% stake and give Fiat the right to sell in the future, known as a \"put option\". Since "
    "then, however, Fiat cars have lost market share and the firm has piled up losses, while a plan to raise new "
    "money in 2003 cut GM's stake in half to 10%."
))


@pytest.mark.parametrize("count", [2, 4])
def test_the_lead_that_states_the_story_is_always_in_its_summary(analyse, spans_match, count):
    summary = summarise_source(DEADLINE, analyse(DEADLINE), sentences=count)
    assert summary[0].text.startswith("Fiat and General Motors (GM) have until midnight on 1 February")
    assert len(summary) == count and spans_match(summary, {2: DEADLINE})


def test_a_lead_that_cannot_stand_alone_is_not_forced_in(analyse):
    source = Source(id=3, path="x.md", title="Deadline nears for Fiat-GM deal",
                    text="Deadline nears for Fiat-GM deal\n\n" + DEADLINE.text)
    summary = summarise_source(source, analyse(source), sentences=3)
    assert summary[0].text.startswith("Fiat and General Motors (GM)")  # the repeated headline is skipped
