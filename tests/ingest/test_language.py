import pytest

from briefgen.ingest.language import detect_language, is_english

ENGLISH = ("The Federal Reserve left interest rates unchanged on Wednesday but signalled that it could cut them "
           "later in the year if inflation keeps falling, sending stocks higher in New York.")
SAMPLES = {
    "fr": "Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les entreprises touchées "
          "par la crise. Selon le ministre, ces aides seront versées dès le mois prochain.",
    "de": "Die Bundesregierung hat am Dienstag neue Maßnahmen angekündigt, um die von der Krise betroffenen "
          "Unternehmen zu unterstützen. Die Hilfen sollen schon im nächsten Monat ausgezahlt werden.",
    "es": "El gobierno anunció el martes un nuevo paquete de medidas para apoyar a las empresas afectadas por "
          "la crisis. Según el ministro, las ayudas se pagarán a partir del próximo mes en todo el país.",
    "ru": "Правительство объявило во вторник о новых мерах поддержки предприятий, пострадавших от кризиса.",
}


def test_english_news_is_english():
    assert is_english(ENGLISH) == (True, "en")


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_other_languages_are_named(code):
    assert detect_language(SAMPLES[code]) == code
    assert is_english(SAMPLES[code]) == (False, code)


def test_english_with_foreign_names_and_quotes_stays_english():
    text = ("Chancellor Olaf Scholz met President Emmanuel Macron at the Élysée Palace, where they discussed "
            "the “Zeitenwende” and the future of the Franco-German alliance before a dinner with the ministers.")
    assert detect_language(text) == "en"


def test_too_short_to_tell():
    assert detect_language("Le gouvernement a annoncé") is None
    assert detect_language("12345 ---") is None
