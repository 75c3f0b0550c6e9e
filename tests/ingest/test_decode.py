import codecs

import pytest

from briefgen.errors import SourceError
from briefgen.ingest.decode import decode_bytes

TEXT = "Ankara’s café – “talks” resumed on Monday, officials said.\nSecond line."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_encodings(encoding):
    assert decode_bytes(TEXT.encode(encoding)) == TEXT


def test_cp1252_and_latin1_are_detected():
    text = "The minister’s “new” plan costs €5 million – officials said the café reopens in Zürich."
    assert decode_bytes(text.encode("cp1252")) == text
    latin = "Le café à Zürich était fermé; the société said it will reopen. Déjà vu for the élite."
    assert decode_bytes(latin.encode("latin-1")) == latin


def test_crlf_and_controls():
    assert decode_bytes(b"One line.\r\nTwo\x07 lines.\rThree.") == "One line.\nTwo lines.\nThree."


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
     (b"PK\x03\x04\x14\x00\x06\x00", "ZIP")],
)
def test_binary_magic_numbers(data, kind):
    with pytest.raises(SourceError, match=kind):
        decode_bytes(data)


def test_nul_bytes_without_bom_mean_binary():
    with pytest.raises(SourceError, match="NUL"):
        decode_bytes(b"abc\x00\x01\x02\xff\xfe\x00\x10binary")


def test_bomless_utf16_is_read():
    assert decode_bytes(TEXT.encode("utf-16-le")) == TEXT


def test_broken_utf16_after_bom():
    with pytest.raises(SourceError, match="UTF-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8\x00")
