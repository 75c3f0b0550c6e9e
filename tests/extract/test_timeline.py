"""Time expressions in articles, the events they anchor and the publication date. Sentences come
from the seeds and from BBC news articles. Merging across sources is in test_chronology.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.extract.timeline import event_mentions, guess_is_corroborated, infer_published, time_expressions

SEEDS = Path(__file__).resolve().parents[2] / "sources"
S400 = "additional-s400-contract-likely-signed-in-2020.txt"
CAVUSOGLU = "cavusoglu-sell-us-air-defence-or-we-buy-elsewhere.txt"
CARD = "russia-playing-s400-card-in-turkey.txt"


@pytest.fixture(scope="module")
def seed(nlp):
    docs = {}

    def load(name):
        if name not in docs:
            docs[name] = nlp((SEEDS / name).read_text("utf-8"))
        return docs[name]

    return load


def _events(doc, published, inferred=False):
    times = time_expressions(doc, published=published)
    return event_mentions(doc, times=times, published=published, inferred=inferred)


# --------------------------------------------------------------------------- time expressions


@pytest.mark.parametrize(
    ("name", "published", "text", "value"),
    [
        (S400, "2019-12", "December 6", "2019-12-06"),
        (S400, "2019-12", "2017", "2017"),
        (S400, "2019-12", "July of this year", "2019-07"),
        (S400, "2019-12", "early November", "2019-11"),
        (S400, "2019-12", "November 25", "2019-11-25"),
        (S400, "2019-12", "the first half of 2020", "2020-H1"),
        (S400, "2019-12", "next year", "2020"),
        # Published some time in 2019-12, after December 6: "last week" is late November or December,
        # 29 of its 35 possible days in December.
        (S400, "2019-12", "Last week", "2019-12"),
        (S400, "2019-12-09", "Last week", "2019-W49"),
        (S400, None, "Last week", None),
        (S400, None, "2017", "2017"),
        (CAVUSOGLU, None, "mid-March 2020", "2020-03"),
        (CAVUSOGLU, None, "August 23, 2020", "2020-08-23"),
        (CAVUSOGLU, None, "April 2017", "2017-04"),
        (CAVUSOGLU, None, "the fall of 2019", "2019-FA"),
        (CAVUSOGLU, None, "September 2019", "2019-09"),
        (CAVUSOGLU, None, "the end of June 2020", "2020-06"),
        # The text reports Aug. 23 in the past tense: the article of 2021-08 is from Aug. 23 on,
        # so the week Cavusoglu attended the summit "earlier in" lies in August.
        (CARD, "2021-08", "earlier in the week", "2021-08"),
        (CARD, "2021-08", "last month", "2021-07"),
        (CARD, "2021-08", "Aug. 18", "2021-08-18"),
    ],
)
def test_seed_time_expressions(seed, name, published, text, value):
    found = {t.text: t.value for t in time_expressions(seed(name), published=published)}
    assert found[text] == value


def test_kinds(seed):
    kinds = {t.text: t.kind for t in time_expressions(seed(CAVUSOGLU), published=None)}
    assert kinds["mid-March 2020"] == "fuzzy"
    assert kinds["the fall of 2019"] == "fuzzy"
    assert kinds["August 23, 2020"] == "absolute"


def test_narrative_relative_times_have_no_value(nlp):
    doc = nlp("Lavrov and Cavusoglu met on Aug. 18. A couple of days later Cavusoglu spoke in Kiev.")
    found = {t.text: (t.value, t.kind) for t in time_expressions(doc, published="2021-08")}
    assert found["Aug. 18"] == ("2021-08-18", "partial")
    assert found["A couple of days later"] == (None, "relative")


def test_yearless_month_follows_the_text_when_only_the_year_is_known(nlp):
    doc = nlp("In October 2004, Manchester United said they had received a preliminary approach. "
              "At the club's annual general meeting in November, Mr Glazer used his stake to oust three directors.")
    found = {t.text: t.value for t in time_expressions(doc, published="2005")}
    assert found["November"] == "2004-11"
    assert {t.text: t.value for t in time_expressions(doc, published="2005-02")}["November"] == "2004-11"
    # The month after an explicit one continues its year even when "2004" is only a lower bound.
    assert {t.text: t.value for t in time_expressions(doc, published="2004", lower_bound=True)}["November"] == "2004-11"


def test_with_only_a_lower_bound_on_publication_nothing_is_counted_from_it(nlp):
    # Seed (Cavusoglu, no metadata date): "mid-July" closely follows "the end of June 2020" and continues it;
    # "last week" and "in December" would need the publication date.
    doc = nlp("In order to resolve the situation at the end of June 2020, Republican Senator John Thune even "
              "proposed to the Senate to adopt an amendment. As a result, in mid-July, a group of American "
              "lawmakers submitted to Congress a bill on sanctions against Turkey. Last week the senator spoke "
              "again, and in December the bill was voted on.")
    found = {t.text: t.value for t in time_expressions(doc, published="2020", lower_bound=True)}
    assert found == {"the end of June 2020": "2020-06", "mid-July": "2020-07", "Last week": None, "December": None}
    assert {t.text: t.value for t in time_expressions(doc, published="2020")}["December"] == "2020-12"


# --------------------------------------------------------------------------- publication date


@pytest.mark.parametrize(
    ("name", "published"),
    [
        # 2020 appears only in future-tense clauses and the text says "next year": 2019, December.
        (S400, "2019-12"),
        (CAVUSOGLU, "2020-08"),
        # The manifest dates this one 2021-08; the text's latest explicit date is October 2020.
        (CARD, "2021-08"),
    ],
)
def test_published_inferred_from_latest_past_date(seed, name, published):
    assert infer_published(seed(name)) == published


def test_published_year_after_when_relative_dates_agree_with_it(nlp):
    doc = nlp("A previous approach to the United board by Mr Glazer in October last year was turned down. "
              "Malcolm Glazer started to build up his stake in Manchester United in late 2003. "
              "In October 2004, Manchester United said they had received a preliminary approach.")
    assert infer_published(doc) == "2005"


def test_a_date_labelling_a_noun_in_a_future_clause_does_not_date_the_text(nlp):
    doc = nlp("Late on Monday, Deutsche Boerse said it would lift its 2004 dividend payment to 70 euro cents.")
    assert infer_published(doc) is None


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("In September 2019, Cavusoglu said that Turkey could conclude a new contract.", "2019"),
        ("In September 2019, Cavusoglu said that Turkey could conclude a new contract. "
         "Last week, the general director of Rosoboronexport spoke about the purchase.", "2019-09"),
    ],
)
def test_published_month_only_when_the_text_shows_it_is_recent(nlp, text, published):
    assert infer_published(nlp(text)) == published


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # A target after "by" or "until" in the present tense is ahead (BBC business/054, business/019).
        ("The firm sold 200,000 cars in 2004. By 2010, it expects to nearly double sales to 400,000 cars.", "2004"),
        ("Morgan Stanley has forecast that the market is likely to grow by about 40% a year until 2007. "
         "Sales rose by 20% in 2004.", "2004"),
        ("By 2003 the company had lost half its value.", "2003"),  # a past clause: reported
        # A year that labels a noun is history, not evidence (BBC sport/072, lse-bid).
        ("Last week I went back to my role as an ambassador to London's 2012 Olympic bid. I won the race in 2004.",
         "2004"),
        ("The exchange completed its 2001 acquisition of Liffe.", None),
    ],
)
def test_targets_and_labels_are_weak_evidence_of_when_a_text_was_written(nlp, text, published):
    assert infer_published(nlp(text)) == published


@pytest.mark.parametrize(
    "text",
    [
        # Forecasts, targets, range ends and history are no lower bound on when a text was written:
        # these BBC articles of 2005 were guessed 1906, 2010, 2011-05 and 2001-12 (tax-election,
        # eu-patents).
        "And the Liberal Democrats will take three key seats from the Conservatives, leaving the Tories with just "
        "163 MPs, their worst result since 1906.",
        "The Chancellor said the Conservatives' plans would see some \u00a350bn in spending cuts by 2011, which the "
        "Tories deny.",
        "The Tories said they would not cut spending but agreed public spending would increase more slowly under "
        "their plans - leading to a total of \u00a333.5bn less spending than that anticipated by Labour by 2011.",
        "The new proposals go back to 2002, although argument about patentability of software and "
        "computer-implemented inventions has been going on since at least the mid-1980s.",
        # BBC business/042, sport/041, business/004 (2004-2005): a hope the lemmatiser misses, a
        # founding year in a participle, the end of a reporting period.
        "The South Yorkshire company said it hoped to return to profit in 2006.",
        "Established in 1981, the Jesse Owens Awards are the highest accolade in the sport.",
        "Looking ahead to its full year results to March 2005, BA warned that yields were expected to decline.",
    ],
)
def test_forecasts_and_history_give_no_publication_guess(nlp, text):
    assert infer_published(nlp(text)) is None


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # BBC business-160 (2005), guessed 2009 from the end of the option's term.
        ("The Fiat-GM alliance came about in 2000 as an alternative to selling Fiat outright. Instead, GM swapped a "
         "6% stake in itself for 20% of Fiat - and gave Fiat a \"put option\" to sell GM the rest of the car maker "
         "between January 2004 and July 2009. The relationship soured further after Fiat sold half its finance arm "
         "and recapitalised in 2003, halving GM's stake to 10%.", "2003"),
        # BBC business-189 (2005), guessed 2007 from a float that "could" happen.
        ("Mr Demel took the helm in November 2003. Ferrari, in which Fiat owns a majority stake, could be "
         "separately floated on the stock market in either 2006 or 2007.", "2003"),
    ],
)
def test_a_guess_is_the_latest_date_reported_as_past(nlp, text, published):
    assert infer_published(nlp(text)) == published


def test_published_unknown_without_dates(nlp):
    assert infer_published(nlp("The minister said the talks would continue.")) is None


_YUKOS_127 = (
    "The Kremlin last year seized and sold Yukos' main production arm, Yugansk, to state-run oil group Rosneft for "
    "$9.3bn to offset a massive back tax bill. Menatep said the value of its Yukos shareholding had gone from $17.8bn "
    "to \"virtually nothing\" since 2003 as a result of the Russian government's action, as its shares have fallen "
    "97%. \"The time for warning is over and actions to recover the value of our losses begin in earnest today.\""
)
_GLAZER = ("A previous approach to the United board by Mr Glazer in October last year was turned down. "
           "Malcolm Glazer started to build up his stake in Manchester United in late 2003. "
           "In October 2004, Manchester United said they had received a preliminary approach.")


@pytest.mark.parametrize(
    ("text", "guess", "corroborated"),
    [
        # BBC yukos (2005): "since 2003" is the latest year, so 2003 is only the earliest the text can be.
        (_YUKOS_127, "2003", False),
        # BBC business/005 (2005): "last year" lands on the named 2000 when read from 2001, but texts name
        # the years around what they report, so a year agreeing with a year proves nothing.
        ("Pernod's last major purchase was a third of US giant Seagram in 2000, the move which propelled it into "
         "the global top three of drinks firms. Last year Pernod tried to buy Glenmorangie, one of Scotland's "
         "premier whisky firms, but lost out to luxury goods firm LVMH.", "2001", False),
        # BBC tech/052 (2005): "earlier this year" always lands on the guess's own year.
        ("But earlier this year, Microsoft said it had reached a European milestone, selling five million "
         "consoles since its European launch in March 2002.", "2002", False),
        # BBC sport/054 (2005): a weekday shows the text is recent, not which of its dates it is close to.
        ("The third was supposed to take place on the eve of the Athens Games last August. The Greek pair appeared "
         "at a hearing on Saturday. Kenteris and Thanou withdrew from the Sydney Olympics in August 2000.",
         "2000-08", False),
        # BBC man-utd: "October last year" is the named October 2004 only when read from 2005.
        (_GLAZER, "2005", True),
    ],
)
def test_a_guessed_publication_date_is_used_only_when_the_text_corroborates_it(nlp, text, guess, corroborated):
    doc = nlp(text)
    assert infer_published(doc) == guess
    assert guess_is_corroborated(doc, guess) is corroborated


# --------------------------------------------------------------------------- events


def test_events_are_clauses_with_actors_and_outlook(seed):
    events = {e.date: e for e in _events(seed(S400), "2019-12")}
    signed = events["2017"]
    assert signed.text.startswith("in 2017 Moscow and Ankara signed a contract")
    assert {"Moscow", "Ankara"} <= set(signed.actors)
    assert not signed.expected
    assert events["2020-H1"].expected  # "we will come to the signing"
    assert events["2020"].expected
    assert not events["2019-11-25"].expected
    assert all(not e.date.startswith("P") for e in events.values())


@pytest.mark.parametrize(
    ("name", "published", "date", "text"),
    [
        # Openers that only link to the sentence before are trimmed.
        (S400, "2019-12", "2019-11-25", "November 25, Turkish media reported on the conduct of training flights"),
        (S400, "2019-12", "2019-11", "in November, Turkish Minister of National Defense Hulusi Akar announced"),
        # A coordinated verb keeps the subject it shares.
        (CAVUSOGLU, None, "2019-FA", "the first contract for the S-400 was finally implemented in the fall of 2019"),
        # A relative clause keeps the noun it describes.
        (CARD, "2021-08", "2021-08", "the Crimea summit in Kiev, which Turkish Foreign Minister Mevlut Cavusoglu"),
        (CAVUSOGLU, "2020-08", "2020-07", "in mid-July, a group of American lawmakers submitted to Congress a bill"),
    ],
)
def test_event_text_is_who_did_what(seed, name, published, date, text):
    texts = [e.text for e in _events(seed(name), published) if e.date == date]
    assert any(t.startswith(text) for t in texts), texts


def test_a_coordinated_verb_borrows_the_subject_above_it_but_keeps_its_tense(nlp):
    doc = nlp("Mr Glazer has already had one takeover attempt turned down by the Red Devils and responded by "
              "using his 28.1% shareholding to vote off three board members last November.")
    (event,) = _events(doc, "2005-02")
    assert (event.date, event.text) == (
        "2004-11", "Mr Glazer responded by using his 28.1% shareholding to vote off three board members last November")


def test_coordinated_verbs_share_their_object(nlp):
    doc = nlp("The Kremlin last year seized and sold Yukos' main production arm, Yugansk, to state-run oil group Rosneft.")
    (event,) = _events(doc, "2005")
    assert event.date == "2004"
    assert event.text.startswith("The Kremlin last year seized and sold Yukos' main production arm")


@pytest.mark.parametrize(
    ("sentence", "published"),
    [
        ("No official has spoken about the purchase of the second unit since January 2020.", "2021-08"),
        ("Today it could be the S-400.", "2020-08"),
        ("According to Menatep, the government's actions were contrary to the 1994 Energy Charter Treaty.", "2005"),
        ("Late on Monday, Deutsche Boerse said it would lift its 2004 dividend payment to 70 euro cents.", "2005-02-14"),
        ("Mr Glazer has been stalking the premier league football club since 2003.", "2005"),
        ("Yukos owed more than $27bn in back taxes for the years from 2000 onwards.", "2005"),
    ],
)
def test_not_events(nlp, sentence, published):
    dates = [e.date for e in _events(nlp(sentence), published) if not e.date.startswith("FUTURE")]
    assert dates in ([], ["2005-02-14"]), dates  # "Late on Monday" may stay; the labels may not


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        # Present tense, about the past: not ahead (BBC tech-399, its only Outlook item).
        ("The new proposals go back to 2002, although argument about patentability of software has been going "
         "on since at least the mid-1980s.", "2002", False),
        # A target no finite past verb says was met (BBC politics-387): ahead, not done.
        ("The Tories agreed public spending would increase more slowly under their plans - leading to a total of "
         "\u00a333.5bn less spending than that anticipated by Labour by 2011.", "2011", True),
        ("Ferrari, in which Fiat owns a majority stake, could be separately floated on the stock market in "
         "either 2006 or 2007.", "2006", True),
    ],
)
def test_expected_or_past_without_a_publication_date(nlp, sentence, date, expected):
    events = [e for e in _events(nlp(sentence), None, inferred=True) if e.date == date]
    assert [e.expected for e in events] == [expected], events


def test_a_date_after_an_inferred_publication_date_is_not_for_that_reason_ahead(nlp):
    # BBC business-160: inferred 2003, yet the put option's term was not ahead of the text.
    doc = nlp("The relationship soured after Fiat recapitalised in 2003. GM gave Fiat a \"put option\" to sell GM "
              "the rest of the car maker between January 2004 and July 2009.")
    guess = infer_published(doc)
    assert guess == "2003"
    events = event_mentions(doc, times=time_expressions(doc, published=guess), published=guess, inferred=True)
    assert [e.expected for e in events if e.date.startswith("2004")] == [False]


@pytest.mark.parametrize(
    ("sentence", "date", "text"),
    [
        # Participles made sentences, the words they leave out in brackets (BBC business-359, business-051).
        ("Fiat claims that GM is legally obliged to buy the 90% of the car unit it does not already own; GM says "
         "the contract, signed in 2000, is no longer valid.", "2000", "the contract [was] signed in 2000"),
        ("Fiat owns a 56% stake in Ferrari - best known for its dominant Formula One motor racing team - having "
         "first bought into the business in 1969.", "1969", "[Fiat] first bought into the business in 1969"),
        ("Founded in 1990, the firm now employs 300 people.", "1990", "[the firm] [was] founded in 1990"),
    ],
)
def test_an_event_is_a_sentence_not_a_fragment(nlp, sentence, date, text):
    assert [e.text for e in _events(nlp(sentence), "2005") if e.date == date] == [text]


def test_a_condition_stays_with_its_event_and_a_conditional_date_is_no_event(nlp):
    events = _events(nlp("The firm will sign the deal in May if the regulator agrees. If the deal is signed in "
                         "June, the unit will be sold."), "2005-01")
    texts = [e.text for e in events if e.date.startswith("2005")]
    assert texts == ["The firm will sign the deal in May if the regulator agrees"], texts


def test_modal_clause_with_a_future_date_is_expected(seed):
    events = [e for e in _events(seed(S400), "2019-12") if "concluded next year" in e.text]
    assert [(e.date, e.expected, e.stated) for e in events] == [("2020", True, "2019-12")]


# --------------------------------------------------------------------------- plans without a date


def test_stated_plans_join_the_outlook_with_when_they_were_said(seed):
    plans = {e.text: e for e in _events(seed(S400), "2019-12") if e.date == "FUTURE_REF"}
    plan = plans["Ankara plans to activate air defense systems acquired from Russia"]
    assert plan.expected and plan.stated == "2019-11"  # "in November, Akar announced that ..."
    assert "Ankara" in plan.actors


@pytest.mark.parametrize(
    ("sentence", "plan"),
    [
        ("Based on the comments by the head of Russia's arms exporter Rosoboronexport, the Interfax news agency "
         "said that Kremlin and Ankara are about to sign a contract to supply Turkey with a second batch of S-400 "
         "air defense units.",
         "Kremlin and Ankara are about to sign a contract to supply Turkey with a second batch of S-400 air defense units"),
        ("The London Stock Exchange (LSE) is planning to announce a preferred takeover by the end of the month.",
         "The London Stock Exchange (LSE) is planning to announce a preferred takeover by the end of the month"),
        ("Yukos' owner Menatep Group says it will ask Rosneft to repay a loan that Yugansk had secured on its assets.",
         "Yukos' owner Menatep Group says it will ask Rosneft to repay a loan that Yugansk had secured on its assets"),
        ("The US court's jurisdiction has been challenged by Deutsche Bank and Gazpromneft, a former unit of Russian "
         "gas monopoly Gazprom which is due to merge with Rosneft.",
         "Russian gas monopoly Gazprom is due to merge with Rosneft"),  # the relative pronoun left out
    ],
)
def test_plans_without_a_date(nlp, sentence, plan):
    found = [(e.date, e.text, e.expected) for e in _events(nlp(sentence), None)]
    assert ("FUTURE_REF", plan, True) in found


@pytest.mark.parametrize(
    ("sentence", "plan"),
    [
        # A date that labels a noun does not date the plan (BBC business-171).
        ("Late on Monday, Deutsche Boerse said it would lift its 2004 dividend payment to 70 euro cents.",
         "Deutsche Boerse said it would lift its 2004 dividend payment to 70 euro cents"),
        ("Deutsche Boerse has said it will boost its 2004 dividend payment by 27%.",  # the sign is kept
         "Deutsche Boerse has said it will boost its 2004 dividend payment by 27%"),
        # Reported speech: the past tense is the report's (BBC business-203).
        ("The Sunday Times reported that hedge funds TCI and Atticus were planning to demand the removal of the "
         "group's chairman and chief executive.",
         "hedge funds TCI and Atticus were planning to demand the removal of the group's chairman and chief executive"),
        # A promise stands once made (seed: Cavusoglu).
        ("However, Moscow ruled out such a possibility, and Ankara promised to protect the acquired air defense systems.",
         "Ankara promised to protect the acquired air defense systems"),
        # A he/she subject or speaker is the person the text names just before, in brackets (BBC politics-333).
        ("Ann Keen, the MP for Brentford and Isleworth, faces a challenge from Veritas. She says she will fight on "
         "her record as a hard-working constituency MP.",
         "[Ann Keen] says she will fight on her record as a hard-working constituency MP"),
        ("Robert Kilroy-Silk quit the party on Thursday. He plans to stand in the next general election.",
         "[Robert Kilroy-Silk] plans to stand in the next general election"),
        ("Anna Lee was attacked in the street. She told reporters she was very angry and planned to press charges.",
         "[Anna Lee] planned to press charges"),
    ],
)
def test_undated_statements_of_intent_attributed_to_an_actor_are_outlook_items(nlp, sentence, plan):
    found = [(e.date, e.text, e.expected) for e in _events(nlp(sentence), "2005-02")]
    assert ("FUTURE_REF", plan, True) in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia's messages aim to keep Turkey away from the West.",  # not an actor's plan
        "He expects to buy the necessary aircraft from Russia.",  # no named subject
        "Turkish officials planned to attend the talks.",  # past
        "The Turkish authorities have repeatedly stated that they will not abandon Russian complexes.",  # negated
        # Negated by an adverb, never cut to its opposite (BBC business-078).
        "GM, whose own European operations are losing money, no longer wants to own the unprofitable Fiat unit.",
        "The chairman never intends to sell the club.",
        "Damian Hockney said Mr Kilroy-Silk would deliver better as the leader of a eurosceptic party.",  # forecast
        # A plan that hangs on a condition (BBC politics-157, with the name the text gives before).
        "Jane Smith was attacked. She told reporters she was angry and planned to press charges if her attacker was caught.",
        # A pronoun the text does not resolve: two people are the subject before it.
        "John Smith and Paul Jones met the party's leaders. He plans to stand in the next general election.",
    ],
)
def test_not_plans(nlp, sentence):
    assert [e.text for e in _events(nlp(sentence), "2020") if e.date == "FUTURE_REF"] == []


def test_a_plan_cut_inside_a_quotation_is_closed(nlp):
    doc = nlp('US bankruptcy judge Letitia Clark has said she will rule "pretty promptly, however she rules".')
    (plan,) = [e for e in _events(doc, None) if e.date == "FUTURE_REF"]
    assert plan.text.count('"') == 2


def test_an_inferred_publication_date_is_not_when_a_plan_was_said(nlp):
    doc = nlp("Pan-European group Euronext is poised to launch a bid for the London Stock Exchange. "
              "The two failed to seal a merger in 2000.")
    (plan,) = [e for e in _events(doc, "2000", inferred=True) if e.date == "FUTURE_REF"]
    assert plan.stated is None


# --------------------------------------------------------------------------- pronouns, vague plans, same happening


_BARE_PRONOUN = re.compile(r"^(?:He|She|They|We|I|This|That)\b")


def test_pronoun_subjects_are_resolved_in_brackets(seed):
    texts = [e.text for e in _events(seed(S400), "2019-12")]
    # "In addition, ... Erdogan ... repeatedly emphasized that the rejection of the Russian S-400 is
    # impossible. He announced this again two weeks ago."
    assert any(t.startswith("[Recep Tayyip Erdogan] announced [that the rejection of the Russian S-400 is impossible]")
               for t in texts)
    # "... will most likely be signed in 2020. This was announced on December 6 by ... Dmitry Shugaev."
    assert any(t.startswith("[That the contract for the supply of Ankara an additional batch") and
               "was announced on December 6 by" in t for t in texts)
    # "We hope that in the first half of 2020 we will come to the signing ... ”Mikheev told RIA Novosti."
    assert "[Mikheev:] in the first half of 2020 we will come to the signing of contract documents" in texts
    assert not [t for t in texts if _BARE_PRONOUN.match(t)]


def test_a_pronoun_that_could_stand_for_two_people_drops_the_event(nlp):
    doc = nlp("Mevlut Cavusoglu spoke in Ankara on Aug. 18, and Sergei Lavrov replied in Moscow on Aug. 19.\n\n"
              "Cavusoglu met the press on Aug. 20. Lavrov met his own press on Aug. 20.\n\n"
              "He announced on Aug. 23 that the talks would go on.")
    texts = [e.text for e in _events(doc, "2021-08-25")]
    assert not [t for t in texts if "talks would go on" in t]  # no one named before it in its paragraph
    doc = nlp("Sergei Lavrov replied in Moscow on Aug. 19. He announced on Aug. 23 that the talks would go on.")
    texts = [e.text for e in _events(doc, "2021-08-25")]
    assert "[Sergei Lavrov] announced on Aug. 23 that the talks would go on" in texts


def test_a_future_clause_with_a_vague_time_goes_to_the_outlook(seed, nlp):
    # "... as the head of the Ministry of Industry and Trade Denis Manturov said earlier, the delivery
    # of air defense systems will be carried out in a short time."
    soon = [e for e in _events(seed(CAVUSOGLU), None, inferred=True) if e.vague]
    assert [(e.date, e.expected, e.vague) for e in soon] == [("FUTURE_REF", True, "in a short time")]
    assert soon[0].text == "the delivery of air defense systems will be carried out in a short time"
    for text in ("The delivery of air defense systems will not be carried out in a short time.",
                 "If the deal is signed, the delivery of the systems will be carried out soon."):
        assert not [e for e in _events(nlp(text), "2020-08-23") if e.vague], text


def test_a_pronoun_does_not_reach_into_the_previous_paragraph(nlp):
    # BBC, Manchester United bid: "However, the BBC has learnt that ...\n\nMr Glazer's previous offer
    # involved ... by Manchester United's board when they rejected his approach last year."
    doc = nlp("However, the BBC has learnt that the club is unlikely to reject the latest plan out of hand.\n\n"
              "Mr Glazer's previous offer involved borrowing large amounts of money to finance any takeover. That "
              "would have left the club with debt levels which were deemed too high by Manchester United's board "
              "when they rejected his approach last year.")
    texts = [e.text for e in _events(doc, "2005-02")]
    assert not [t for t in texts if "BBC" in t]


def test_he_with_no_person_subject_nearby_takes_the_only_person_named(nlp):
    # BBC, Manchester United bid (business-293).
    text = ("United fans have reacted with anger at the announcement. They have vehemently opposed any proposed "
            "takeover by {} since he first showed interest in the club in September 2003.")
    texts = [e.text for e in _events(nlp(text.format("Glazer")), "2005-02")]
    assert "[Glazer] first showed interest in the club in September 2003" in texts
    texts = [e.text for e in _events(nlp(text.format("Malcolm Glazer or Roman Abramovich")), "2005-02")]
    assert not [t for t in texts if "first showed interest" in t]  # two people: no guess


def test_a_clock_time_is_not_a_year(nlp):
    # BBC politics/179: the model tags "0001" as a DATE; it is a time of day, not the year 1.
    doc = nlp("The ban on hunting with dogs comes into effect from 0001 GMT on Friday. "
              "The Countryside Alliance had its latest legal bid to block the ban thwarted on Wednesday.")
    assert infer_published(doc) is None
    assert "0001" not in [t.text for t in time_expressions(doc, published=None)]
    assert [t.value for t in time_expressions(nlp("The treaty was signed in 1994."), published=None)] == ["1994"]


@pytest.mark.parametrize(
    ("sentence", "first"),
    [
        # The agent of a passive verb did it, whatever the clause names first.
        ("In March 2019, the request from Germany was rejected by the European Commission.", "the European Commission"),
        ("At the end of November 2019, the United States Congress called for sanctions against Turkey.",
         "the United States Congress"),
        # A place named first is not the subject; both coordinated subjects come first.
        ("In Geneva on 5 May 2021, Iran and the United Nations agreed on inspections.", "Iran"),
    ],
)
def test_an_events_actors_begin_with_who_did_it(nlp, sentence, first):
    (event,) = _events(nlp(sentence), "2021-06")
    assert event.actors[0] == first, event.actors
    if "Geneva" in sentence:
        assert event.actors[:2] == ["Iran", "the United Nations"]


def test_the_analysis_dates_events_by_the_metadata_date_or_else_the_guess(nlp):
    from briefgen.analyse import analyse_doc

    text = ("In October 2004, the club said it had received a preliminary approach. Last week the board rejected "
            "the offer. The Glazer family plans to return with a new bid.")
    guessed = analyse_doc(nlp(text), published=None)
    assert guessed.published_guess == "2004-10"  # "last week": written close to its latest month
    dates = {e.text: (e.date, e.stated) for e in guessed.events}
    # A guess is only a lower bound: "last week" counted from it would be October 2004 (the rejection was in
    # February 2005), so it stays undated and is no event; nor does the guess say when the plan was stated.
    assert "Last week the board rejected the offer" not in dates
    assert dates["In October 2004, the club said it had received a preliminary approach"] == ("2004-10", None)
    assert dates["The Glazer family plans to return with a new bid"] == ("FUTURE_REF", None)
    given = analyse_doc(nlp(text), published="2005-02-14")
    assert given.published_guess is None
    dates = {e.text: (e.date, e.stated) for e in given.events}
    assert dates["Last week the board rejected the offer"] == ("2005-W06", None)
    assert dates["The Glazer family plans to return with a new bid"] == ("FUTURE_REF", "2005-02-14")


def test_relative_dates_are_counted_from_a_guess_only_when_the_text_corroborates_it(nlp):
    from briefgen.analyse import analyse_doc

    # BBC yukos (2005): the seizure was in 2004; counted from the guess 2003 it would be 2002.
    bounded = analyse_doc(nlp(_YUKOS_127), published=None)
    assert bounded.published_guess == "2003"
    assert {t.text: t.value for t in bounded.times}["last year"] is None
    assert not [e for e in bounded.events if e.date[:4].isdigit() and e.date < "2003"]
    dated = analyse_doc(nlp(_YUKOS_127), published="2005-03-01")  # a metadata date is used as before
    assert dated.published_guess is None
    assert {e.date for e in dated.events if e.text.startswith("The Kremlin last year seized")} == {"2004"}
    corroborated = analyse_doc(nlp(_GLAZER), published=None)
    assert corroborated.published_guess == "2005"
    assert {e.text: e.date for e in corroborated.events}[
        "A previous approach to the United board by Mr Glazer in October last year was turned down"
    ] == "2004-10"


def test_a_month_without_a_year_is_not_continued_from_the_text_when_publication_is_only_guessed(nlp):
    from briefgen.analyse import analyse_doc

    # BBC tech/052 (2005): following "March 2002", "November" would be 2002-11; Halo 2 came out in
    # November 2004. Without a publication year the text cannot tell a continuation from this year.
    text = ("But earlier this year, Microsoft said it had reached a European milestone, selling five million "
            "consoles since its European launch in March 2002. Hit games like Halo 2, which was released in "
            "November, helped to buoy the sales figures.")
    analysis = analyse_doc(nlp(text), published=None)
    assert analysis.published_guess == "2002"
    assert {t.text: t.value for t in analysis.times} == {
        "earlier this year": None, "March 2002": "2002-03", "November": None,
    }
