from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.extract.figures import figure_mentions, merge_figures, parse_number, significant_digits
from briefgen.model import Analysis, EntityMention, FigureMention, Sentence

SEEDS = Path(__file__).resolve().parents[2] / "sources"


def figures(nlp, text):
    return {f.text: f for f in figure_mentions(nlp(text))}


def test_seed_contract_figures(nlp):
    found = figures(
        nlp,
        "Recall that in 2017 Moscow and Ankara signed a contract for the acquisition by the Turkish side "
        "of four S-400 divisions for $ 2.5 billion. The corresponding deliveries began in July of this year.",
    )
    assert set(found) == {"four", "$ 2.5 billion"}  # not 2017, not the 400 of S-400
    assert (found["$ 2.5 billion"].value, found["$ 2.5 billion"].unit) == (2.5e9, "USD")
    assert (found["four"].value, found["four"].unit, found["four"].measures) == (4, "count", "S-400 divisions")
    assert found["$ 2.5 billion"].sentence == 0


def test_measures_come_from_the_clause(nlp):
    found = figures(
        nlp,
        "The cost of the four air defense missile systems manufactured for the Turkish Armed Forces amounted "
        "to $ 2.5 billion. Ankara undertook to pay 45% of this amount in advance, the remaining 55% are Russian loans.",
    )
    assert found["$ 2.5 billion"].measures.startswith("cost of the four air defense missile systems")
    assert (found["45%"].value, found["45%"].unit) == (45, "percent")
    # 'this amount' says nothing alone: the clause does.
    assert found["45%"].measures == "Ankara undertook to pay in advance"
    assert found["55%"].measures == "Russian loans"
    assert found["45%"].sentence == found["55%"].sentence == 1


def test_measure_of_an_object_is_its_clause_not_its_subject_alone(nlp):
    found = figures(nlp, "3. Turkey earns about $ 5 billion annually from the arrival of Russian tourists.")
    assert found["$ 5 billion"].measures == "Turkey earns from the arrival of Russian tourists"
    found = figures(nlp, "Yugansk was auctioned to help pay off $27.5bn (£14.5bn) in unpaid taxes. "
                         "It was bought for $9.4bn by a previously-unknown group.")
    assert found["$27.5bn"].measures == "unpaid taxes"
    assert found["$9.4bn"].measures == "bought by a previously-unknown group"
    found = figures(nlp, "Deutsche Boerse said it would lift its 2004 dividend payment to 70 euro cents (£0.48; $0.98) "
                         "from 55 euro cents a year earlier.")
    assert (found["70 euro cents"].value, found["70 euro cents"].unit) == (0.7, "EUR")
    assert found["70 euro cents"].measures == "2004 dividend payment"


def test_bracketed_conversions_are_not_separate_figures(nlp):
    found = figures(nlp, "Frankfurt-based Deutsche Boerse has offered £1.3bn ($2.48bn; 1.88bn euros) for the London "
                         "Stock Exchange. The owners will ask the buyer to pay back a $900m (£479m) loan.")
    assert set(found) == {"£1.3bn", "$900m"}
    assert found["$900m"].measures == "loan"


def test_money_in_many_forms(nlp):
    found = figures(
        nlp,
        "The sanctions ban loans to the defense industry in excess of $ 10 million. The deal was worth €3bn, "
        "while Moscow spent 2.3 trillion rubles and deployed 1,200 troops. Shares fell 3 percentage points.",
    )
    assert (found["$ 10 million"].value, found["$ 10 million"].unit) == (1e7, "USD")
    assert found["$ 10 million"].measures == "loans"  # "in excess of" is passed over
    assert (found["€3bn"].value, found["€3bn"].unit) == (3e9, "EUR")
    assert (found["2.3 trillion rubles"].value, found["2.3 trillion rubles"].unit) == (2.3e12, "RUB")
    assert (found["1,200"].value, found["1,200"].unit, found["1,200"].measures) == (1200, "count", "troops")
    assert found["3 percentage points"].unit == "percentage points"


def test_noise_is_not_a_figure(nlp):
    text = (
        "6 Min Read\n"
        "1. Turkey earns about $ 5 billion annually from Russian tourists.\n"
        "James Kopp, 44, of Vermont was seen at the XIV International Strategic Forum, Arabi 21 reported, "
        "and F-35 jets flew 300 kilometers in 2019."
    )
    found = figures(nlp, text)
    assert "$ 5 billion" in found and found["$ 5 billion"].value == 5e9
    assert found["300 kilometers"].unit == "km"
    assert not {"6", "1", "44", "21", "35", "2019", "XIV"} & set(found)


def test_a_unit_or_scale_written_onto_a_number_is_not_a_count(nlp):
    """"200m" may be metres or millions: it is not 200 of something called "m"; a currency sign makes it money."""
    text = (
        "Hayes, 27, set an Olympic record of 12.37 in winning the 100m hurdles. "
        "She was stripped of her world 100m and 200m titles after failing a drugs test. "
        "The group said it would make cost savings of about $200m a year, and it sold 300 cars."
    )
    found = figures(nlp, text)
    assert not {"100", "200"} & set(found)
    assert found["300"].unit == "count"
    money = [f for f in found.values() if f.unit != "count"]
    assert [f.value for f in money] == [200e6]


def test_seed_article_has_no_list_or_name_numbers(nlp):
    doc = nlp((SEEDS / "as-us-weighs-embargoes-ankara-seeks-new-s400-shipment.txt").read_text("utf-8"))
    units = {(f.text, f.unit) for f in figure_mentions(doc)}
    assert ("$ 5 billion", "USD") in units
    assert not any(text.strip() in {"1", "2", "3", "4", "6", "S400"} for text, _ in units)


@pytest.mark.parametrize(
    ("text", "value"),
    [("four", 4), ("1,200", 1200), ("2.5", 2.5), ("twenty-five", 25), ("2.3 trillion", 2.3e12), ("a dozen", 12)],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


def _analysis(*mentions: tuple[float, str, str, str]) -> Analysis:
    text = " ".join(m[2] for m in mentions)
    return Analysis(
        sentences=[Sentence(start=0, end=len(text), text=text)],
        figures=[
            FigureMention(value=v, unit=u, text=t, measures=m, start=0, end=len(t), sentence=0)
            for v, u, t, m in mentions
        ],
    )


def test_merge_counts_sources_and_shows_conflicts():
    analyses = {
        1: _analysis((2.5e9, "USD", "$ 2.5 billion", "value of the contract"), (4, "count", "four", "S-400 divisions")),
        2: _analysis((2.5e9, "USD", "$2.5 billion", "contract"), (45, "percent", "45%", "amount")),
        3: _analysis((2.0e9, "USD", "$2 billion", "the contract value")),
    }
    merged = merge_figures(analyses)
    first = merged[0]
    assert (first.value, first.unit, first.sources) == (2.5e9, "USD", [1, 2])
    assert [c.source_id for c in first.citations] == [1, 2]
    assert [(v.value, v.sources) for v in first.conflicting] == [(2.0e9, [3])]
    assert [f.unit for f in merged] == ["USD", "count", "percent"] or [f.unit for f in merged] == ["USD", "percent", "count"]
    assert len(merged) == 3


def test_two_values_in_one_source_are_two_figures():
    merged = merge_figures({1: _analysis((45, "percent", "45%", "payment"), (55, "percent", "55%", "payment"))})
    assert sorted(f.value for f in merged) == [45, 55]
    assert all(not f.conflicting for f in merged)


def test_a_discrepancy_needs_the_same_thing_counted():
    merged = merge_figures({
        4: _analysis((2, "count", "two", "Texas bank accounts")),
        8: _analysis((5, "count", "five", "banks")),
        5: _analysis((28.3e9, "USD", "$28.3bn", "Russian government")),
        6: _analysis((28e9, "USD", "$28bn", "sued the Russian government")),
    })
    counts = [f for f in merged if f.unit == "count"]
    assert len(counts) == 2 and not any(f.conflicting for f in counts)
    money = [f for f in merged if f.unit == "USD"]
    assert len(money) == 1 and [v.text for v in money[0].conflicting] == ["$28bn"]


def test_shares_of_different_owners_and_bare_nouns_are_no_discrepancy():
    merged = merge_figures({
        3: _analysis((20, "percent", "20%", "stake in Yugansk"), (2, "count", "two", "companies")),
        5: _analysis((51, "percent", "51%", "stake in Yukos"), (97, "percent", "97%", "shares")),
        6: _analysis((4, "count", "four", "companies")),
    })
    assert not any(f.conflicting for f in merged)
    assert len(merged) == 5


def test_a_sum_measures_the_noun_it_comes_before_or_the_verb_that_offers_it(nlp):
    # man-utd, veritas, lse-bid stories (BBC) and a seed.
    found = figures(nlp, "Irishmen JP McManus and John Magnier, who own a 29% stake in Manchester United, will "
                         "reportedly reject any formal £800m offer for the club.")
    assert found["£800m"].measures == "offer for the club"
    found = figures(nlp, "And he argued asylum cost £2bn a year for 14,000 successful applicants.")
    assert found["£2bn"].measures.startswith("asylum cost")
    found = figures(nlp, "Sanctions imposed by the United States on Ankara include a ban on US financial "
                         "institutions granting loans to run the Turkish defense industry in excess of $ 10 million.")
    assert found["$ 10 million"].measures == "loans"
    found = figures(nlp, "Frankfurt-based Deutsche Boerse has offered £1.3bn ($2.5bn) for the LSE. It said Deutsche "
                         "Boerse had to show why its planned £1.35bn ($2.6bn) offer for the LSE was in the interest "
                         "of its shareholders.")
    assert found["£1.3bn"].measures == "Deutsche Boerse's offer for the LSE"  # who offers, when the clause says
    assert found["£1.35bn"].measures == "offer for the LSE"  # 'its' names nobody
    # Near miss: '$27.5bn in unpaid taxes' stays what the money is in.
    found = figures(nlp, "Yugansk was auctioned to help pay off $27.5bn (£14.5bn) in unpaid taxes.")
    assert found["$27.5bn"].measures == "unpaid taxes"


def test_two_parties_claims_are_no_discrepancy_but_two_wordings_of_one_offer_are(nlp):
    # yukos story: Yukos claims $20bn, its owner Menatep Group $28.3bn.
    one = figure_mentions(nlp("Yukos is claiming more than $20bn (£11bn) in damages after Yugansk was sold in December."))
    two = figure_mentions(nlp("Yukos' parent company, the Gibraltar-based Menatep Group, is suing Russia in Europe for "
                              "$28.3bn in financial damages."))
    assert one[0].measures == "damages sought by Yukos"
    assert two[0].measures == "financial damages sought by Menatep Group"
    merged = merge_figures({1: _analysis(*[(f.value, f.unit, f.text, f.measures) for f in one]),
                            2: _analysis(*[(f.value, f.unit, f.text, f.measures) for f in two])})
    assert not any(f.conflicting for f in merged)
    # lse-bid story: £1.3bn and £1.35bn for the same offer are shown side by side.
    merged = merge_figures({1: _analysis((1.3e9, "GBP", "£1.3bn", "offer for the LSE")),
                            3: _analysis((1.35e9, "GBP", "£1.35bn", "offer for the LSE"))})
    assert len(merged) == 1 and [v.text for v in merged[0].conflicting] == ["£1.35bn"]


def test_a_value_shown_as_a_discrepancy_gathers_its_sources_and_far_apart_bare_nouns_differ():
    # lse-bid: £1.35bn in sources 3, 6, 10 against £1.3bn; yukos: a $900m loan and a $6bn loan.
    merged = merge_figures({
        1: _analysis((1.3e9, "GBP", "£1.3bn", "offer")),
        3: _analysis((1.35e9, "GBP", "£1.35bn", "offer for the LSE")),
        6: _analysis((1.35e9, "GBP", "£1.35bn", "exchange")),
    })
    assert len(merged) == 1 and [(v.text, v.sources) for v in merged[0].conflicting] == [("£1.35bn", [3, 6])]
    merged = merge_figures({1: _analysis((9e8, "USD", "$900m", "loan")), 3: _analysis((6e9, "USD", "$6bn", "loan"))})
    assert len(merged) == 2 and not any(f.conflicting for f in merged)


def _told(text: str, value: float, unit: str, figure: str, measures: str, names: list[tuple[str, str]]) -> Analysis:
    """One sentence with one figure and the names it mentions, as an analysis gives them."""
    at = text.index(figure)
    return Analysis(
        sentences=[Sentence(start=0, end=len(text), text=text)],
        figures=[FigureMention(value=value, unit=unit, text=figure, measures=measures, start=at,
                               end=at + len(figure), sentence=0)],
        entities=[EntityMention(text=name, label=label, start=text.index(name), end=text.index(name) + len(name),
                                sentence=0) for name, label in names],
    )


def test_one_sum_in_two_unrelated_stories_is_two_facts_and_in_one_story_one():
    # Two BBC business stories of the same week both give "$300m", for unrelated things.
    settlement = _told("AOL has offered to pay $300m to settle charges brought by the SEC.", 3e8, "USD", "$300m",
                       "payment", [("AOL", "ORG"), ("SEC", "ORG")])
    programme = _told("In 2001 IBM put $300m into a three-year Linux programme.", 3e8, "USD", "$300m",
                      "programme", [("IBM", "ORG"), ("Linux", "ORG")])
    merged = merge_figures({1: settlement, 2: programme})
    assert sorted(f.sources for f in merged) == [[1], [2]]
    # The same sum in another report of the first story, phrased differently: one fact, two sources.
    again = _told("Time Warner said its AOL unit would pay $300m under the deal.", 3e8, "USD", "$300m",
                  "deal", [("Time Warner", "ORG"), ("AOL", "ORG")])
    merged = merge_figures({1: settlement, 2: programme, 3: again})
    assert sorted(f.sources for f in merged) == [[1, 3], [2]]


def test_one_rate_in_two_unrelated_stories_is_two_facts():
    japan = _told("Japan's economy grew by 2% in the last quarter, the cabinet office said.", 2, "percent", "2%",
                  "economy growth", [("Japan", "GPE")])
    germany = _told("Germany's economy grew by 2% last year, the Bundesbank said.", 2, "percent", "2%",
                    "economy growth", [("Germany", "GPE"), ("Bundesbank", "ORG")])
    assert sorted(f.sources for f in merge_figures({1: japan, 2: germany})) == [[1], [2]]


# --------------------------------------------------------------------------- one fact, several wordings


def _mentions(nlp, text: str) -> Analysis:
    """An analysis of one sentence with the figures the extractor finds in it (and no names: any story)."""
    return _analysis(*[(f.value, f.unit, f.text, f.measures) for f in figure_mentions(nlp(text))])


def test_a_part_owned_is_a_stake_whatever_the_verb(nlp):
    # man-utd and lse-bid stories (BBC): a bare verb said nothing of what the share measures.
    assert figures(nlp, "Mr Glazer owns 28.1%.")["28.1%"].measures == "Mr Glazer's stake"
    assert figures(nlp, "And TCI which holds about 5%, has made a request for an extraordinary shareholders "
                        "meeting to be held.")["5%"].measures == "TCI's stake"
    found = figures(nlp, "To succeed Malcolm Glazer will still need the approval of major shareholders John "
                         "Magnier and JP McManus, who own 28.9% of the club.")
    assert found["28.9%"].measures == "John Magnier and JP McManus' stake in the club"
    found = figures(nlp, "They own 29% of United through their Cubic Expression investment vehicle.")
    assert found["29%"].measures == "stake in United"
    # BBC business: a share of a stake is a stake in what the stake is in, not a 'stake in stake'.
    found = figures(nlp, "The state agency will also sell 10% of its stake in Changyu to another overseas company.")
    assert found["10%"].measures == "stake in Changyu"
    # Near misses: a share that is not owned, or of many things held, keeps its own measure.
    found = figures(nlp, "UKIP won 12 seats and 16.1% of the vote at the European elections.")
    assert found["16.1%"].measures == "vote"
    found = figures(nlp, "Women hold less than 10% of the top positions in FTSE 100 companies, the police, the "
                         "judiciary and trade unions, according to their figures.")
    assert found["10%"].measures == "top positions"


def test_a_measure_is_never_a_bare_verb_or_an_aside(nlp):
    # man-utd: the verb of '(compared to …)' was the measure of the £200m.
    found = figures(nlp, 'A spokesman for the supporters club said: "I can\'t see any difference (compared to Mr '
                         'Glazer\'s previous proposals) other than £200m less debt. "He isn\'t bringing any money '
                         'into the club; he\'ll use our money to buy it."')
    assert found["£200m"].measures == "less debt"
    # veritas: 'worked out' says nothing; the rate the sum is given in does.
    found = figures(nlp, "Mr Kilroy-Silk said that worked out at £143,000 per successful asylum seeker.")
    assert found["£143,000"].measures == "per successful asylum seeker"
    # BBC articles: the noun a verb's clause qualifies says it ('costing', 'set' said nothing).
    found = figures(nlp, "However, serial truants avoid the classroom despite government schemes costing £885m.")
    assert found["£885m"].measures == "government schemes"
    found = figures(nlp, "The company said it was unable to estimate the amount it needed to set aside for legal "
                         "reserves, which it previously set at $500m.")
    assert found["$500m"].measures == "legal reserves"
    found = figures(nlp, "In March 2004, the Tate managed to raise £12.5m funding to buy the portrait.")
    assert found["£12.5m"].measures == "funding"
    # ... but not the noun an infinitive completes: 'the ability to run 26.2 miles' measures no ability.
    assert figures(nlp, "The ability to run a gruelling 26.2 miles relies largely upon an athlete's belief that "
                        "they can do it.")["26.2 miles"].measures != "ability"
    # A noun the sentence hangs on says it ('A sale … fetched' misparsed, the sale as its root).
    assert figures(nlp, "A sale of Versace's furniture and artworks sold in 2001fetched £5.5m ($10.3m).")["£5.5m"].measures == "sale"
    # Nothing says it: no measure rather than 'cost' (it was shown as another value of printers' running costs).
    assert figures(nlp, "It can cost up to £1,500 to make a copy of a print for specialist films.")["£1,500"].measures == ""
    # Who awards a sum pays it: no 'contract sought by' the payer.
    found = figures(nlp, "The UK Film Council has awarded a contract worth £11.5m to Arts Alliance Digital Cinema (AADC).")
    assert found["£11.5m"].measures == "contract"


def test_one_precise_value_in_one_story_is_one_fact_however_worded(nlp):
    # man-utd: one man's 28.1% stake, told by three sources with three wordings, is one row.
    merged = merge_figures({
        2: _mentions(nlp, "Mr Glazer and his family hold a stake of 28.1%."),
        5: _mentions(nlp, "Through their Cubic Expression vehicle they own 28.9% of the club. Mr Glazer owns 28.1%."),
        6: _mentions(nlp, "Mr Glazer has already had one takeover attempt turned down by the Red Devils and "
                          "responded by using his 28.1% shareholding to vote off three board members last November."),
    })
    stakes = [f for f in merged if f.value == 28.1]
    assert len(stakes) == 1 and stakes[0].sources == [2, 5, 6]
    assert stakes[0].measures == "Mr Glazer and his family's stake"  # the first of the wordings that say whose
    assert [f.sources for f in merged if f.value == 28.9] == [[5]]  # another stake, another row


def test_round_values_with_other_measures_stay_apart(nlp):
    # lse-bid and man-utd: a fund's 5% of a company and a 5% rise in a share price are two facts;
    # the fund's 5%, worded 'owns more than 5% of' and 'holds about 5%', is one.
    merged = merge_figures({
        1: _mentions(nlp, "Shares in Manchester United were up over 5% by noon on Monday following a new offer."),
        2: _mentions(nlp, "The group owns more than 5% of Deutsche Boerse - more than enough to demand an "
                          "extraordinary general meeting."),
        3: _mentions(nlp, "And TCI which holds about 5%, has made a request for an extraordinary shareholders meeting."),
    })
    assert sorted(f.sources for f in merged) == [[1], [2, 3]]


def test_a_precise_value_in_two_unrelated_stories_is_two_facts():
    # BBC politics and business: "16.1%" of a vote and "16.1%" of a market, in unrelated articles.
    vote = _told("UKIP won 12 seats and 16.1% of the vote at the European elections.", 16.1, "percent", "16.1%",
                 "vote", [("UKIP", "ORG")])
    market = _told("Vodafone's share of the market rose to 16.1%, the regulator Ofcom said.", 16.1, "percent",
                   "16.1%", "share of the market", [("Vodafone", "ORG"), ("Ofcom", "ORG")])
    assert sorted(f.sources for f in merge_figures({1: vote, 2: market})) == [[1], [2]]


def test_a_figure_without_a_measure_takes_the_first_wording_that_has_one():
    merged = merge_figures({
        2: _analysis((2e8, "GBP", "£200m", "")),
        5: _analysis((2e8, "GBP", "£200m", "amount of borrowing needed")),
    })
    assert [(f.sources, f.measures) for f in merged] == [([2, 5], "amount of borrowing needed")]


@pytest.mark.parametrize(
    ("text", "digits"),
    [("28.1%", 3), ("4.75%", 3), ("6,932", 4), ("1,200", 2), ("5%", 1), ("0.05", 1), ("four", 0), ("$ 2.5 billion", 2)],
)
def test_significant_digits(text, digits):
    assert significant_digits(text) == digits


# --------------------------------------------------------------------------- whose, which wording, how precise


def test_a_stake_says_whose_it_is_when_the_clause_names_the_holder(nlp):
    # lse-bid, man-utd stories (BBC) and a BBC business article: the holder is the verb's subject,
    # the head of a relative clause or of a participle, or a possessive.
    found = figures(nlp, "Reports say Standard Life, which owns a 1% stake in Deutsche Boerse, may seek a shareholder "
                         "vote on the issue.")
    assert found["1%"].measures == "Standard Life's stake in Deutsche Boerse"
    found = figures(nlp, "Atticus Capital, holding 2% of Deutsche Boerse, wants it to buy back its own shares rather "
                         "than buy the LSE.")
    assert found["2%"].measures == "Atticus Capital's stake in Deutsche Boerse"
    found = figures(nlp, "Glazer, currently owns a 28.1% stake in the club, and United's statement to the stock "
                         "exchange said: \"The board has noted the recent press speculation on this subject.\"")
    assert found["28.1%"].measures == "Glazer's stake in the club"
    found = figures(nlp, "Yantai State Asset Management Bureau - a government agency in the north-eastern city of "
                         "Yantai - owns 55% of Changyu.")
    assert found["55%"].measures == "Yantai State Asset Management Bureau's stake in Changyu"
    found = figures(nlp, "At present, Mr Glazer and his family hold a 28.1% stake, making them Manchester United's "
                         "second biggest shareholders.")
    assert found["28.1%"].measures == "Mr Glazer and his family's stake"
    # Two holders, the relative clause hung on the second name: both are named.
    found = figures(nlp, "Irishmen JP McManus and John Magnier, who own a 29% stake in Manchester United, will "
                         "reportedly reject any formal £800m offer for the club.")
    assert found["29%"].measures.endswith("JP McManus and John Magnier's stake in Manchester United")
    # Near misses: a pronoun or a common noun names nobody; nothing is guessed.
    assert figures(nlp, "They own 29% of United through their Cubic Expression investment vehicle.")["29%"].measures \
        == "stake in United"
    assert figures(nlp, "The group owns more than 5% of Deutsche - more than enough to demand an extraordinary "
                        "general meeting.")["5%"].measures == "stake in Deutsche"


def test_a_sum_says_who_pays_or_lends_it_when_the_clause_names_them(nlp):
    # yukos story, lse-bid story, man-utd story (BBC).
    assert figures(nlp, "China lent Russia $6bn (£3.2bn) to help the Russian government renationalise the key "
                        "Yuganskneftegas unit of oil group Yukos.")["$6bn"].measures == "China's loan"
    found = figures(nlp, "Frankfurt-based Deutsche Boerse has offered £1.3bn ($2.48bn; 1.88bn euros) for the London "
                         "Stock Exchange.")
    assert found["£1.3bn"].measures == "Deutsche Boerse's offer for the London Stock Exchange"
    assert figures(nlp, "Mr Glazer's latest move is being led by Mr Glazer's two sons, Avi and Joel.")["two"].measures \
        == "Mr Glazer's sons"


def test_a_merged_row_shows_the_wording_that_says_most(nlp):
    # man-utd: the 28.1% stake in four wordings; the one saying whose and in what wins, citations unchanged.
    merged = merge_figures({
        2: _mentions(nlp, "Mr Glazer and his family hold a stake of 28.1%."),
        3: _mentions(nlp, "Glazer, currently owns a 28.1% stake in the club, and United's statement to the stock "
                          "exchange said nothing."),
        5: _mentions(nlp, "Mr Glazer owns 28.1%."),
        6: _mentions(nlp, "Mr Glazer has already had one takeover attempt turned down by the Red Devils and "
                          "responded by using his 28.1% shareholding to vote off three board members last November."),
    })
    stake = next(f for f in merged if f.value == 28.1)
    assert stake.measures == "Glazer's stake in the club"
    assert stake.sources == [2, 3, 5, 6] and [c.source_id for c in stake.citations] == [2, 3, 5, 6]
    # Equal wordings keep the first; another head noun never replaces the row's ('payment' is no 'offer').
    merged = merge_figures({
        1: _analysis((1.3e9, "GBP", "£1.3bn", "offer for the LSE")),
        2: _analysis((1.3e9, "GBP", "£1.3bn", "Deutsche Boerse's offer")),
        3: _analysis((1.3e9, "GBP", "£1.3bn", "payment to Deutsche Boerse's shareholders")),
    })
    assert [(f.measures, f.sources) for f in merged] == [("offer for the LSE", [1, 2, 3])]


def test_one_value_written_to_two_precisions_shows_the_precise_one_and_keeps_the_other():
    # man-utd: the Irish pair's stake is '29%' in four sources and '28.9%' in three.
    merged = merge_figures({
        1: _analysis((29, "percent", "29%", "stake in United")),
        5: _analysis((28.9, "percent", "28.9%", "John Magnier and JP McManus' stake in the club")),
        6: _analysis((29, "percent", "29 per cent", "stake in United")),
    })
    assert [(f.value, f.text, f.sources) for f in merged] == [(28.9, "28.9% (also written 29%)", [1, 5, 6])]


def test_close_values_that_no_rounding_joins_are_two_facts():
    # BBC business: the dollar at $1.2871 'from $1.2974 on Thursday'; BBC sport: 21.07 and 21.58 secs in one race.
    merged = merge_figures({2: _analysis((1.2871, "USD", "$1.2871", "dollar"), (1.2974, "USD", "$1.2974", "dollar"))})
    assert sorted(f.value for f in merged) == [1.2871, 1.2974]
    merged = merge_figures({130: _analysis((21.58, "count", "21.58", "secs"), (21.72, "count", "21.72", "secs"))})
    assert sorted(f.value for f in merged) == [21.58, 21.72]


def test_round_stakes_of_two_named_holders_are_two_facts():
    # lse-bid: TCI 'holds about 5%'; Atticus Capital 'holding 2%' (here 5%, the near miss) are two stakes,
    # while the same holder's stake worded with and without its company is one.
    merged = merge_figures({
        3: _analysis((5, "percent", "5%", "TCI's stake"), (5, "percent", "5%", "Atticus Capital's stake in Deutsche Boerse")),
        2: _analysis((5, "percent", "5%", "stake in Deutsche")),
    })
    assert sorted(sorted(f.sources) for f in merged) == [[2, 3], [3]]
    # A discrepancy in a sum still holds between 'the London Stock Exchange' and 'the LSE'.
    merged = merge_figures({1: _analysis((1.3e9, "GBP", "£1.3bn", "Deutsche Boerse's offer for the London Stock Exchange")),
                            3: _analysis((1.35e9, "GBP", "£1.35bn", "offer for the LSE"))})
    assert len(merged) == 1 and [v.text for v in merged[0].conflicting] == ["£1.35bn"]
