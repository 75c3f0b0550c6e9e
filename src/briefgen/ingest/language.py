"""Is a text English? A light check by the share of each language's function words.

The stop word lists come from spaCy's ``spacy/lang/<code>/stop_words.py`` files: spaCy is installed
anyway and maintains them for many languages. Texts in non-Latin scripts are named by their script.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

#: Languages compared with English; their codes are what "detected: xx" reports.
CANDIDATES = ("en", "fr", "de", "es", "it", "pt", "nl", "tr", "sv", "da", "nb", "pl", "ro", "id", "cs", "fi", "hu")
MIN_WORDS = 20  # below this a guess is noise, so the text is taken to be English
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SCRIPTS = {"CYRILLIC": "ru", "ARABIC": "ar", "CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko",
            "GREEK": "el", "HEBREW": "he", "DEVANAGARI": "hi", "THAI": "th", "ARMENIAN": "hy", "GEORGIAN": "ka"}


@lru_cache(maxsize=1)
def _stop_words() -> dict[str, frozenset[str]]:
    # The lists are read from their files rather than imported: importing spacy.lang.<code>
    # builds that language's tokenizer exceptions, which takes seconds per language.
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return {}
    lang_dir = Path(next(iter(spec.submodule_search_locations))) / "lang"
    lists = {}
    for code in CANDIDATES:
        try:
            source = (lang_dir / code / "stop_words.py").read_text(encoding="utf-8")
        except OSError:
            continue
        # Each file holds its words in one triple-quoted string; it is read as data, not run.
        words = " ".join(re.findall(r'"""(.*?)"""', source, flags=re.DOTALL)).split()
        if words:
            lists[code] = frozenset(w.lower() for w in words if len(w) > 1 or code != "en")
    return lists


def detect_language(text: str, *, sample_chars: int = 20_000) -> str | None:
    """ISO 639-1 code of the text's likely language, or None when it is too short to tell."""
    sample = text[:sample_chars]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return None
    non_latin = [c for c in letters if ord(c) > 0x24F]
    if len(non_latin) > len(letters) / 2:
        return _script_language(non_latin)
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None
    scores = {code: sum(w in stops for w in words) / len(words) for code, stops in _stop_words().items()}
    best = max(scores, key=scores.get)
    # English wins ties and near-ties: borrowed function words ("a", "in", "die") are common.
    if scores.get("en", 0) >= 0.25 or scores.get("en", 0) >= scores[best] * 0.85:
        return "en"
    return best


def _script_language(letters: list[str]) -> str:
    counts: dict[str, int] = {}
    for char in letters[:2000]:
        name = unicodedata.name(char, "")
        for script, code in _SCRIPTS.items():
            if name.startswith(script):
                counts[code] = counts.get(code, 0) + 1
                break
    return max(counts, key=counts.get) if counts else "und"


def is_english(text: str) -> tuple[bool, str | None]:
    """(True, code) for English ("en") or too short to tell (None), else (False, detected code)."""
    code = detect_language(text)
    return (code in (None, "en"), code)
