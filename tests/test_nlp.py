import pytest

from briefgen.errors import ModelError
from briefgen.nlp import load_pipeline


def test_lines_start_sentences(nlp):
    doc = nlp("United States Opposition\nRecall that Washington has repeatedly threatened Turkey.")
    assert [s.text.strip() for s in doc.sents][0] == "United States Opposition"


def test_missing_model_names_what_is_installed():
    with pytest.raises(ModelError, match="installed"):
        load_pipeline("xx_not_a_model")
