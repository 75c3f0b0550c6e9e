from __future__ import annotations

import pytest

from briefgen.model import Analysis, EntityMention, Sentence, Source
from briefgen.summarise import (
    executive_summary,
    points_back,
    rank_sentences,
    summarise_source,
    unusable_reason,
)

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


def analyse(nlp, text: str) -> Analysis:
    """Sentences and entities as the analysis stage records them."""
    doc = nlp(text)
    sentences, paragraph, previous_end = [], 0, 0
    for sent in doc.sents:
        if "\n\n" in text[previous_end : sent.start_char + 1] and sentences:
            paragraph += 1
        previous_end = sent.end_char
        stripped = sent.text.strip()
        start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
        sentences.append(
            Sentence(
                start=start,
                end=start + len(stripped),
                text=stripped,
                paragraph=paragraph,
                lemmas=[t.lemma_.lower() for t in sent if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha],
                has_verb=any(t.pos_ in {"VERB", "AUX"} for t in sent),
                is_quote=stripped[:1] in "\"“",
            )
        )
    entities = []
    for ent in doc.ents:
        if ent.label_ in {"PERSON", "ORG", "GPE", "NORP"}:
            index = next(i for i, s in enumerate(sentences) if s.start <= ent.start_char < s.end)
            entities.append(EntityMention(text=ent.text, label=ent.label_, start=ent.start_char,
                                          end=ent.end_char, sentence=index))
    return Analysis(sentences=sentences, entities=entities)


def sentence(text: str, *, has_verb: bool = True) -> Sentence:
    return Sentence(start=0, end=len(text), text=text, lemmas=text.lower().split(), has_verb=has_verb)


def spans_match(summary, sources: dict[int, Source]) -> bool:
    """Every cited sentence is the text at each of its own citations' spans, or that source's version."""
    for cited in summary:
        first = cited.citations[0]
        if " ".join(sources[first.source_id].text[first.start : first.end].split()) != cited.text:
            return False
        for citation in cited.citations:
            if not sources[citation.source_id].text[citation.start : citation.end].strip():
                return False
    return True


@pytest.mark.parametrize(
    ("text", "has_verb", "reason"),
    [
        ("Turkish President Recep Tayyip Erdogan at a news conference in Ankara", False, "no verb"),
        ("Photo: Russian S-400 missile systems are seen at a military base near Moscow.", True, "boilerplate"),
        ("• Turkey bought the S-400 system from Russia in 2017 for $2.5 billion.", True, "list item"),
        ("said the minister, adding that the talks would continue next week.", True, "starts mid-sentence"),
        ("” the expert said after the talks in Moscow on Friday.", True, "starts mid-sentence"),
        ("“We will buy from other states if the West refuses to sell, the minister said.", True, "unbalanced quotes"),
        ("The central bank raised its main rate to 4.5% on Thursday and", True, "no terminal punctuation"),
        ("Do US sanctions improve defence cooperation between Turkey and Russia?", True, "question"),
        ("Read more: what the sanctions mean for the defence industry.", True, "boilerplate"),
    ],
)
def test_sentences_that_cannot_stand_alone_are_rejected(text, has_verb, reason):
    assert unusable_reason(sentence(text, has_verb=has_verb)) == reason


def test_a_complete_reported_sentence_is_usable():
    text = "The US has forbidden Turkey's participation in the F-35 fighter jet program, officials said."
    assert unusable_reason(sentence(text)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He added that the contract would most likely be signed next year.", True),
        ("However, it has not fully activated the defense system.", True),
        ("This was announced on December 6 by the head of the federal service.", True),
        ("In other words, the threat of new sanctions is becoming more serious.", True),
        ("Turkey's military test-fired the system in the Black Sea province of Sinop.", False),
        ("“The latest developments have provided a new momentum,” Ersen said.", False),
    ],
)
def test_sentences_that_point_back_are_recognised(text, expected):
    assert points_back(sentence(text)) is expected


ECB = Source(
    id=1,
    path="ecb.txt",
    title="ECB raises interest rates to record high",
    published="2023-09-14",
    text=(
        "ECB raises interest rates to record high\n\n"
        "ECB President Christine Lagarde at a press conference in Frankfurt\n\n"
        "The European Central Bank raised its main interest rate by a quarter point to a record 4% on "
        "Thursday, its tenth increase in a row.\n\n"
        "The bank said inflation is expected to remain too high for too long. "
        "She added that rates had now reached levels that would help bring inflation back to target.\n\n"
        "The European Central Bank raised its key interest rate by a quarter point to a record 4% on "
        "Thursday, the tenth consecutive increase.\n\n"
        "Economists at Deutsche Bank said the euro zone economy was likely to stagnate in the third quarter, "
        "as higher borrowing costs weigh on lending to households and firms.\n\n"
        "The euro fell against the dollar after the decision, while bond yields in Germany and Italy dropped."
    ),
)


def test_source_summary_skips_captions_and_pointing_back_and_keeps_spans(nlp):
    analysis = analyse(nlp, ECB.text)
    summary = summarise_source(ECB, analysis, sentences=3)
    texts = [c.text for c in summary]
    assert len(summary) == 3
    assert not any(t.startswith(("ECB President", "She added", "ECB raises")) for t in texts)
    assert spans_match(summary, {1: ECB})
    starts = [c.citations[0].start for c in summary]
    assert starts == sorted(starts)


def test_mmr_keeps_one_of_two_near_identical_sentences(nlp):
    analysis = analyse(nlp, ECB.text)
    summary = summarise_source(ECB, analysis, sentences=3)
    repeated = [t for t in (c.text for c in summary) if "raised its" in t]
    assert len(repeated) == 1
    # Without MMR both would rank near the top: they are the most central sentences.
    scores = rank_sentences(analysis.sentences, title=ECB.title)
    best_two = sorted(range(len(scores)), key=lambda i: -scores[i])[:3]
    assert sum("raised its" in analysis.sentences[i].text for i in best_two) == 2


def test_a_sentence_that_points_back_is_chosen_with_the_one_before_it(nlp):
    analysis = analyse(nlp, ECB.text)
    summary = summarise_source(ECB, analysis, sentences=7)
    texts = [c.text for c in summary]
    she_added = next(i for i, t in enumerate(texts) if t.startswith("She added"))
    assert texts[she_added - 1].startswith("The bank said inflation")


REUTERS = Source(
    id=1, path="reuters.txt", title="ECB hikes again, signals peak", published="2023-09-14",
    text=(
        "FRANKFURT, Sept 14 - The European Central Bank raised its deposit rate to a record high of 4% on "
        "Thursday, its tenth consecutive hike, but signalled that this was likely to be its last move.\n\n"
        "Inflation in the euro zone was 5.3% in August, well above the bank's 2% target.\n\n"
        "Christine Lagarde said the bank would keep rates high for as long as necessary.\n\n"
        "Policymakers will meet again in October, when markets expect the bank to hold rates steady."
    ),
)
GUARDIAN = Source(
    id=2, path="guardian.txt", title="Eurozone interest rates hit record high", published="2023-09-14",
    text=(
        "The European Central Bank has raised interest rates to a record 4% on Thursday, its tenth "
        "consecutive increase, as it tries to bring down stubborn inflation.\n\n"
        "The ECB first began raising rates in July 2022, after years of negative interest rates.\n\n"
        "Germany's economy shrank in the second quarter and business surveys point to a further contraction.\n\n"
        "Christine Lagarde told reporters that the bank's governing council was not saying rates had peaked."
    ),
)
FT = Source(
    id=3, path="ft.txt", title="Euro zone growth outlook cut", published="2023-09-01",
    text=(
        "The European Commission cut its growth forecast for the euro zone to 0.8% for this year, "
        "citing weak demand in Germany.\n\n"
        "Factory output in Germany fell for a third month in July, official figures showed.\n\n"
        "Analysts at ING said the European Central Bank would have to weigh the weaker outlook against "
        "inflation that remains far above its target."
    ),
)


@pytest.fixture(scope="module")
def three_sources(nlp):
    sources = [REUTERS, GUARDIAN, FT]
    return sources, {s.id: analyse(nlp, s.text) for s in sources}


def test_executive_summary_merges_the_same_fact_from_two_sources(three_sources):
    sources, analyses = three_sources
    summary = executive_summary(sources, analyses, sentences=6)
    rate_rise = [c for c in summary if "4%" in c.text and "tenth" in c.text]
    assert len(rate_rise) == 1
    assert sorted(c.source_id for c in rate_rise[0].citations) == [1, 2]
    assert spans_match(summary, {s.id: s for s in sources})


def test_executive_summary_reads_background_then_latest_then_outlook(three_sources):
    sources, analyses = three_sources
    summary = executive_summary(sources, analyses, sentences=6)
    assert len(summary) == 6
    texts = [c.text for c in summary]
    # Background (an older source, a year before the newest), then the news, then forward-looking.
    assert texts[0].startswith(("The ECB first began", "The European Commission cut", "Factory output"))
    news = next(i for i, t in enumerate(texts) if "tenth" in t)
    history = [i for i, t in enumerate(texts) if "first began" in t or "European Commission" in t]
    forward = [i for i, t in enumerate(texts) if "would keep" in t or "will meet" in t]
    assert history and forward
    assert max(history) < news < min(forward)


def test_executive_summary_ignores_excluded_sources_and_empty_input(three_sources):
    sources, analyses = three_sources
    excluded = GUARDIAN.model_copy(update={"status": "excluded", "reason": "duplicate"})
    summary = executive_summary([REUTERS, excluded, FT], analyses, sentences=5)
    assert all(c.source_id != 2 for cited in summary for c in cited.citations)
    assert executive_summary([], {}, sentences=5) == []
