"""A small, realistic Brief built by hand (the 2018 EU–US steel tariff dispute), for render and chart tests.

``sample_brief()`` returns a fresh Brief each call, so a test may change it freely.
"""

from __future__ import annotations

from briefgen.model import (
    Actor,
    Brief,
    Changes,
    Citation,
    CitedSentence,
    Edition,
    Event,
    FigureValue,
    KeyFigure,
    Quote,
    SourceEntry,
    Stance,
)


def cite(source_id: int, start: int = 0, end: int = 80) -> Citation:
    return Citation(source_id=source_id, start=start, end=end)


def said(text: str, *source_ids: int) -> CitedSentence:
    return CitedSentence(text=text, citations=[cite(s, 10 * s, 10 * s + len(text)) for s in source_ids])


def _sources() -> list[SourceEntry]:
    return [
        SourceEntry(
            id=1, path="reuters-tariffs-take-effect.txt", title="EU hits back as U.S. steel tariffs take effect",
            outlet="Reuters", author="Philip Blenkinsop", url="https://www.reuters.com/article/us-usa-trade-eu",
            published="2018-06-01", published_from="metadata", words=812,
            summary=[
                said("The United States imposed tariffs of 25 percent on steel and 10 percent on aluminium "
                     "imports from the European Union on Friday.", 1),
                said("EU trade commissioner Cecilia Malmström said the bloc would respond with "
                     "\"rebalancing measures\" on U.S. goods.", 1),
            ],
        ),
        SourceEntry(
            id=2, path="politico-retaliation-list.html", title="EU's retaliation list: bourbon, jeans and motorbikes",
            outlet="Politico Europe", author=None, url="https://www.politico.eu/article/eu-retaliation-list",
            published="2018-06-20", published_from="metadata", words=640,
            summary=[
                said("Duties on €2.8 billion of American products, from bourbon whiskey to Harley-Davidson "
                     "motorcycles, take effect on June 22.", 2),
                said("The Commission says the list targets goods from politically sensitive states.", 2),
            ],
        ),
        SourceEntry(
            id=3, path="ap-harley-production.txt", title=None, outlet="Associated Press",
            url="https://apnews.com/harley-davidson-shift", published="2018-06", published_from="text", words=455,
            summary=[said("Harley-Davidson said it would move production of motorcycles bound for Europe "
                          "overseas to avoid the EU tariffs.", 3)],
        ),
        SourceEntry(
            id=4, path="ft-juncker-washington.txt", title="Juncker and Trump agree to work towards zero tariffs",
            outlet="Financial Times", author="James Politi", url="https://www.ft.com/content/juncker-trump",
            published="2018-07-25", published_from="metadata", words=1034,
            summary=[
                said("Jean-Claude Juncker and Donald Trump agreed to hold off on new tariffs while the two "
                     "sides negotiate.", 4),
                said("The EU agreed to buy more American soybeans and liquefied natural gas.", 4),
            ],
        ),
        SourceEntry(
            id=5, path="wto-dispute-note.md", title="EU requests WTO consultations on U.S. steel duties",
            outlet="WTO news", url="https://www.wto.org/english/news_e/news18_e/ds548rfc_01jun18_e.htm",
            published="2018-06-01", published_from="metadata", words=298,
            summary=[said("The European Union has requested WTO dispute consultations with the United States "
                          "concerning duties on steel and aluminium.", 5)],
        ),
        SourceEntry(id=6, path="blog-paywalled.html", status="excluded", words=12,
                    reason="Only a paywall notice was left after cleaning; nothing to analyse."),
        SourceEntry(id=7, path="reuters-copy.txt", status="excluded", duplicate_of=1, words=812,
                    reason="Repeats source 1 word for word."),
    ]


def _actors() -> list[Actor]:
    def stance(label, score, *evidence, by="analysis"):
        return Stance(label=label, score=score, evidence=list(evidence), set_by=by)

    return [
        Actor(name="European Commission", type="ORG", aliases=["Commission", "Brussels"], mentions=31,
              sources=[1, 2, 4, 5],
              stance=stance("oppose", -0.8, said("The Commission called the tariffs \"pure protectionism\".", 1))),
        Actor(name="Donald Trump", type="PERSON", role="President of the United States", mentions=24,
              sources=[1, 2, 3, 4],
              stance=stance("support", 0.9, said("Trump defended the tariffs as necessary for national security.", 1)),
              quotes=[Quote(speaker="Donald Trump", cue="said", text="We're going to have fair trade.",
                            citation=cite(4))]),
        Actor(name="Cecilia Malmström", type="PERSON", role="EU Trade Commissioner", affiliation="European Commission",
              mentions=12, sources=[1, 2],
              stance=stance("oppose", -0.7, said("Malmström said the EU would not negotiate under threat.", 1)),
              quotes=[Quote(speaker="Cecilia Malmström", cue="said",
                            text="This is a bad day for world trade.", citation=cite(1)),
                      Quote(speaker="Cecilia Malmström", cue="told", text="We will respond firmly.",
                            citation=cite(2))]),
        Actor(name="Jean-Claude Juncker", type="PERSON", role="President of the European Commission", mentions=9,
              sources=[4], stance=stance("mixed", -0.1,
                                          said("Juncker said the EU wanted to de-escalate but would defend its interests.", 4))),
        Actor(name="Wilbur Ross", type="PERSON", role="Commerce Secretary", mentions=7, sources=[1, 5],
              stance=stance("support", 0.8, said("Ross said talks with the EU had not gone far enough.", 1))),
        Actor(name="Harley-Davidson", type="ORG", mentions=6, sources=[2, 3],
              stance=stance("oppose", -0.5, said("Harley-Davidson said the tariffs would cost it $100 million a year.", 3))),
        Actor(name="World Trade Organization", type="ORG", aliases=["WTO"], mentions=4, sources=[5],
              stance=stance("neutral", 0.0, said("The WTO said it had received the request for consultations.", 5),
                            by="author")),
        Actor(name="Germany", type="GPE", mentions=3, sources=[1, 4],
              stance=stance("mixed", 0.2, said("Berlin urged a negotiated settlement to protect car exports.", 4))),
        Actor(name="American Iron and Steel Institute", type="ORG", mentions=2, sources=[1]),
        Actor(name="Canada", type="GPE", mentions=2, sources=[1],
              stance=stance("oppose", -0.6, said("Canada announced its own countermeasures.", 1))),
    ]


def _events() -> list[Event]:
    def event(when, granularity, text, *sources, expected=False, actors=()):
        return Event(date=when, granularity=granularity, text=text, sources=list(sources),
                     citations=[cite(s) for s in sources], expected=expected, actors=list(actors))

    return [
        event("2018-03-08", "day", "Trump signs proclamations imposing steel and aluminium tariffs", 1, 5),
        event("2018-03-23", "day", "Tariffs take effect; the EU is temporarily exempted", 1),
        event("2018-04-30", "day", "The exemption is extended by one month", 1),
        event("2018-06-01", "day", "Tariffs apply to EU steel and aluminium", 1, 5),
        event("2018-06-01", "day", "The EU requests WTO consultations", 5),
        event("2018-06-22", "day", "EU duties on €2.8 billion of U.S. goods take effect", 2),
        event("2018-06", "month", "Harley-Davidson announces it will move some production abroad", 3),
        event("2018-07-25", "day", "Juncker and Trump agree to work towards zero tariffs", 4),
        event("2018-H2", "half", "Talks on industrial tariffs continue", 4),
        event("2019", "year", "A second tranche of EU countermeasures could apply", 2, expected=True),
        event("2019-Q1", "quarter", "The WTO panel is expected to be established", 5, expected=True),
    ]


def sample_brief() -> Brief:
    events = _events()
    return Brief(
        title="EU–US steel and aluminium tariff dispute",
        issue="Whether the United States should keep its tariffs on EU steel and aluminium.",
        edition=Edition(date="2018-08-01", generated="2018-08-01T06:00:00Z", version="0.1.0"),
        executive_summary=[
            said("The United States imposed tariffs of 25 percent on steel and 10 percent on aluminium "
                 "from the European Union on 1 June 2018.", 1, 5),
            said("The EU answered with duties on €2.8 billion of American goods and a WTO challenge.", 2, 5),
            said("Harley-Davidson said it would move production for Europe abroad.", 3),
            said("On 25 July Juncker and Trump agreed to hold off on new tariffs while they negotiate.", 4),
        ],
        sources=_sources(),
        actors=_actors(),
        figures=[
            KeyFigure(value=25, unit="percent", text="25 percent", measures="U.S. tariff on steel imports",
                      sources=[1, 2, 5], citations=[cite(1), cite(2), cite(5)]),
            KeyFigure(value=10, unit="percent", text="10 percent", measures="U.S. tariff on aluminium imports",
                      sources=[1, 5], citations=[cite(1), cite(5)]),
            KeyFigure(value=2.8e9, unit="EUR", text="€2.8 billion", measures="U.S. goods covered by EU duties",
                      sources=[2], citations=[cite(2)],
                      conflicting=[FigureValue(value=3.2e9, text="$3.2 billion", sources=[1], citations=[cite(1)])]),
            KeyFigure(value=1e8, unit="USD", text="$100 million", measures="yearly cost of EU tariffs to Harley-Davidson",
                      sources=[3], citations=[cite(3)]),
        ],
        events=[e for e in events if not e.expected],
        outlook=[e for e in events if e.expected],
        changes=Changes(previous_edition="2018-07-01", new_sources=["ft-juncker-washington.txt"],
                        new_actors=["Jean-Claude Juncker"], changed_stances=["Germany: oppose → mixed"],
                        new_events=["Juncker and Trump agree to work towards zero tariffs"]),
    )
