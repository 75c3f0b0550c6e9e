"""Turn a file's bytes into text: detect binaries, honour BOMs, guess legacy encodings."""

from __future__ import annotations

import codecs
import re

from ..errors import SourceError

# Magic numbers of formats that people rename to .txt by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt file)"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"{\\rtf", "an RTF document"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, *, name: str = "file") -> str:
    """Decode *data* to text, or raise SourceError saying why it is not text.

    UTF-8 (with or without BOM), UTF-16/32 with a BOM, UTF-16 without one, and legacy 8-bit
    encodings such as Latin-1 and CP1252 (guessed by charset-normalizer) are accepted.
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise SourceError(f"{name} is a binary file ({kind}), not text: convert it to .txt, .html or .md first")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _tidy(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise SourceError(f"{name} starts with a {encoding.upper()} marker but is not valid {encoding.upper()}: {exc.reason}") from None
    if b"\x00" in data:
        return _tidy(_bomless_utf16(data, name=name))
    try:
        return _tidy(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _tidy(_guess_legacy(data, name=name))


def _bomless_utf16(data: bytes, *, name: str) -> str:
    # UTF-16 text of a Latin-script language has a NUL in almost every other byte; a binary
    # file has NULs scattered anywhere.
    sample = data[:4096]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros / half > 0.6:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    raise SourceError(f"{name} looks like a binary file (it contains NUL bytes), not text: convert it to text first")


# Characters a Western European legacy file (Latin-1/CP1252) plausibly holds beyond ASCII.
_WESTERN = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸƒ"
                     "‘’‚“”„–—…€•«»°£¥§©®™¢·¹²³¼½¾¿¡ªº†‡‰‹›ˆ˜ ")


def _guess_legacy(data: bytes, *, name: str) -> str:
    # English news in a legacy encoding is almost always CP1252 (a superset of Latin-1), and
    # charset-normalizer's statistics are unreliable on a few accented names, so try it first.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        extra = [c for c in text if ord(c) > 127]
        if len(extra) < 0.3 * len(text) and all(c in _WESTERN for c in extra):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    # CP1252 maps almost every byte, so it is the right last resort for Western news text.
    return data.decode("cp1252", errors="replace")


def _tidy(text: str) -> str:
    """Normalise line ends and drop control characters that no article means to contain."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    if "\x00" in text:
        raise SourceError("the file contains NUL characters, so it is probably not text: convert it to text first")
    return _CONTROL.sub("", text)
