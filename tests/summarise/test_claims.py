"""The same claim, not only the same figure: when two outlets' sentences may cite each other."""

from __future__ import annotations

import pytest

from briefgen.model import Source
from briefgen.summarise.claims import figures, same_claim, same_figure


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # lse-bid: one offer, rounded by two outlets.
        ("rejected Deutsche Boerse's proposed £1.3bn offer", "valued the exchange at about £1.35bn", True),
        # man-utd: one stake.
        ("own 29% of United", "they own 28.9% of the club", True),
        # seeds: "$ 2.5 billion" and "$2.5 billion" spelled differently.
        ("four S-400 divisions for $ 2.5 billion", "Under the $2.5bn deal", True),
        # yukos: a tax bill and a lawsuit, close in value but not the same figure.
        ("a $27.5bn tax claim against Yukos", "sued the Russian government for $28.3bn", False),
        ("an £800m bid", "a £750m bid", False),
        ("2.5 million", "2.5%", False),
        ("signed in 2017", "in 2017", False),  # a year alone is no figure
    ],
)
def test_figures_agree_within_rounding_and_unit(a, b, same):
    assert same_figure(figures(a), figures(b)) is same


# --------------------------------------------------------------------------- the same claim, not only the same figure
# Real sentence pairs from BBC News Summary articles (the other-subject stories of benchmarks/stories.py)
# and from the seeds. A pair that gives the same figure but does not make the same claim must stay
# apart; a pair that reports one fact in different words must merge.
NOT_THE_SAME_CLAIM = [
    # man-utd: a valuation beside newspapers saying shareholders will oppose a bid at that value.
    ("Mr Glazer's offer values the club at £800m ($1.5bn).",
     "The Sunday Times and The Sunday Telegraph say they will oppose any formal £800m takeover bid from US tycoon "
     "Malcom Glazer."),
    ("Irishmen JP McManus and John Magnier, who own a 29% stake in Manchester United, will reportedly reject any "
     "formal £800m offer for the club.",
     "Reports have put the offer at 300p per share, which would value Manchester United at about £800m ($1.5bn)."),
    # lse-bid: a rejection beside the offer it rejected.
    ("A £1.3bn offer from Deutsche Boerse has already been rejected, while Euronext has said it will make an all "
     "cash bid.",
     "Frankfurt-based Deutsche Boerse has offered £1.3bn ($2.48bn; 1.88bn euros) for the London Stock Exchange."),
    # lse-bid: a shareholder's complaint is not the exchange's rejection.
    ("Last week, the group rejected a £1.3bn ($2.5bn) takeover offer from Deutsche Boerse, claiming that it "
     "undervalued the business.",
     "TCI, which claims to represent owners of 5% of Deutsche Boerse's (DB) shares, has complained that the "
     "£1.35bn ($2.5bn) offer for the LSE is too high."),
    # yukos: a threatened lawsuit is not the lawsuit filed.
    ("It has also threatened to sue the Russian government for $28bn.",
     "Earlier this month it sued the Russian government for $28.3bn."),
    # man-utd: the holding is said in a relative clause; the sentence states a rejection.
    ("Irishmen JP McManus and John Magnier, who own a 29% stake in Manchester United, will reportedly reject any "
     "formal £800m offer for the club.",
     "They own 29% of United through their Cubic Expression investment vehicle."),
    ("To succeed Malcolm Glazer will still need the approval of major shareholders John Magnier and JP McManus, who "
     "own 28.9% of the club.",
     "Through their Cubic Expression vehicle they own 28.9% of the club."),
    # yukos: the sale, and the same sale denied (the second made by negating the first).
    ("State-owned Rosneft bought the Yugansk unit for $9.3bn in a sale forced by Russia to part settle a $27.5bn tax "
     "claim against Yukos.",
     "Rosneft did not buy the Yugansk unit for $9.3bn in a sale forced by Russia."),
    # man-utd: a short sentence's words are not the claim of every long one that holds them.
    ("Mr Glazer owns 28.1%.",
     "Mr Glazer has already had one takeover attempt turned down by the Red Devils and responded by using his 28.1% "
     "shareholding to vote off three board members last November."),
]
THE_SAME_CLAIM = [
    # lse-bid: one rejection, two outlets, two roundings.
    ("Last week, the group rejected a £1.3bn ($2.5bn) takeover offer from Deutsche Boerse, claiming that it "
     "undervalued the business.",
     "A £1.3bn offer from Deutsche Boerse has already been rejected, while Euronext has said it will make an all "
     "cash bid."),
    ("Last week, the LSE rejected a takeover proposal from German rival Deutsche Boerse - the 530 pence-a-share offer "
     "valued the exchange at about £1.35bn.",
     "The LSE rejected Deutsche Boerse's proposed £1.3bn offer in December, saying it undervalued the business."),
    # yukos: one sale, bought in one outlet's words and sold in another's.
    ("State-owned Rosneft bought the Yugansk unit for $9.3bn in a sale forced by Russia to part settle a $27.5bn tax "
     "claim against Yukos.",
     "The Kremlin last year seized and sold Yukos' main production arm, Yugansk, to state-run oil group Rosneft for "
     "$9.3bn to offset a massive back tax bill."),
    # man-utd: one stake, held or owned.
    ("Mr Glazer and his family hold a stake of 28.1%.", "Mr Glazer owns 28.1%."),
    # man-utd: one stake; "and have yet to express a view" negates the other clause, not the holding.
    ("Irish horse racing millionaires JP McManus and John Magnier own 29% of United through their investment vehicle "
     "Cubic Expression, and have yet to express a view on the bid approach.",
     "They own 29% of United through their Cubic Expression investment vehicle."),
    # yukos: a negation in a relative clause (the second made from the first) leaves the main claim alone.
    ("The majority owner of embattled Russian oil firm Yukos has sued the Russian government for $28.3bn (£15.2bn).",
     "Group Menatep, the majority owner of Yukos, which has not been paid, has sued the Russian government for "
     "$28.3bn."),
]


def _record(analyse, text):
    return analyse(Source(id=1, path="sentence.txt", text=text)).sentences[0]


@pytest.mark.parametrize(("a", "b"), NOT_THE_SAME_CLAIM)
def test_the_same_figure_in_a_different_claim_does_not_merge(analyse, a, b):
    first, second = _record(analyse, a), _record(analyse, b)
    assert same_figure(figures(a), figures(b))  # the figure alone would have merged them
    assert not same_claim(first, second) and not same_claim(second, first)


@pytest.mark.parametrize(("a", "b"), THE_SAME_CLAIM)
def test_one_claim_in_two_outlets_words_merges(analyse, a, b):
    assert same_claim(_record(analyse, a), _record(analyse, b))


def test_the_seed_contract_merges_across_sources_1_3_and_5(seeds):
    sources, analyses = seeds
    contract = {
        sid: next(r for r in analyses[sid].sentences if "2.5 billion" in r.text and needle in r.text)
        for sid, needle in ((1, "signed a contract"), (3, "amounted to"), (5, "deal that was signed"))
    }
    assert same_claim(contract[1], contract[3])
    assert same_claim(contract[1], contract[5])
