"""Roles and affiliations from titles and appositions, on seed and BBC sentences."""

from briefgen.extract.roles import role_mentions


def roles(nlp, text):
    return {r.name: r for r in role_mentions(nlp(text))}


def test_long_title_before_a_name(nlp):
    found = roles(nlp, "He quoted Undersecretary of State for European and Eurasian Affairs Matthew Palmer as "
                       "saying Washington has no intention of distancing itself from its ally.")
    assert found["Matthew Palmer"].role == "Undersecretary of State for European and Eurasian Affairs"


def test_portfolio_is_not_an_affiliation(nlp):
    found = roles(nlp, "The head of the Turkish Defense Ministry, Turkish Minister of National Defense Hulusi Akar, "
                       "announced that Ankara plans to activate the systems.")
    assert found["Hulusi Akar"].role == "Turkish Minister of National Defense"
    assert found["Hulusi Akar"].affiliation == "Turkey"


def test_apposition_with_a_hyphenated_adjective(nlp):
    found = roles(nlp, "Werner Seifert, chief executive of the Frankfurt-based exchange, may well come back with "
                       "an improved offer.")
    assert found["Werner Seifert"].role == "chief executive of the Frankfurt-based exchange"


def test_possessive_before_a_role_is_dropped(nlp):
    found = roles(nlp, "According to its Paris lawyer, Emmanuel Gaillard of Shearman and Sterling, the claim is "
                       "based on that figure.")
    assert found["Emmanuel Gaillard"].role == "Paris lawyer"


def test_a_title_inside_a_named_thing_makes_no_person(nlp):
    # veritas story: 'the General Election' is no General called Election.
    found = roles(nlp, "\"I think that is sufficient time for us to fight and have a significant impact upon the "
                       "General Election.\" But a UKIP spokesman said that would be impossible.")
    assert "Election" not in found
    found = roles(nlp, "The slurry attack took place as Mr Kilroy-Silk and Ms Kelly, a Cabinet Office minister "
                       "and Bolton West MP, arrived at the school.")
    assert "Bolton West MP" not in found


def test_a_constituency_and_title_in_an_apposition_is_part_of_the_role(nlp):
    # veritas story (politics-157): 'Bolton West MP' is tagged PERSON, but it is Ms Kelly's second title.
    found = roles(nlp, "The slurry attack took place on Friday as Mr Kilroy-Silk and Ms Kelly, a Cabinet Office "
                       "minister and Bolton West MP, arrived at Manchester High School for Girls.")
    assert found["Kelly"].role == "Cabinet Office minister and Bolton West MP"
