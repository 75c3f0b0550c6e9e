"""Metadata: the folder's manifest, the lines an article uses to name itself, and dates.

Nothing is invented: a field no file states stays None. Publication dates are only taken from
metadata (manifest, front matter, HTML meta, JSON fields, feed entries); inferring one from the
prose is the analysis stage's job.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import tomllib
from pathlib import Path

from ..errors import ConfigError

MANIFEST_NAME = "sources.toml"
MANIFEST_FIELDS = ("title", "outlet", "author", "url", "published")

_SOURCE_LINE = re.compile(r"(?:source|via|originally published (?:by|in|on))\s*:\s*(?P<value>.{2,80})", re.IGNORECASE)
_BYLINE = re.compile(r"(?:by|written by|author)\s*:?\s+(?P<value>.{2,80})", re.IGNORECASE)
_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’.-]*|(?:and|de|van|von|der|al|el|bin|da|di|la|le)|[&,]")
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?")


def load_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """Read ``sources.toml`` in *folder*: file name -> metadata fields. Missing file: empty."""
    path = folder / MANIFEST_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"the sources manifest cannot be read: {exc}. Fix it or remove it.", path=str(path)) from None
    manifest: dict[str, dict[str, str]] = {}
    problems = []
    for name, fields in data.items():
        if not isinstance(fields, dict):
            problems.append(f"[{name!r}] must be a table of fields ({', '.join(MANIFEST_FIELDS)})")
            continue
        unknown = sorted(set(fields) - set(MANIFEST_FIELDS))
        if unknown:
            problems.append(f"[{name!r}]: unknown field(s) {', '.join(unknown)}; use {', '.join(MANIFEST_FIELDS)}")
        entry = {k: str(v).strip() for k, v in fields.items() if k in MANIFEST_FIELDS and str(v).strip()}
        if "published" in entry:
            date = normalise_date(fields["published"])
            if date is None:
                problems.append(f"[{name!r}]: published = {fields['published']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
                del entry["published"]
            else:
                entry["published"] = date
        manifest[name] = entry
    if problems:
        raise ConfigError(problems, path=str(path))
    return manifest


def normalise_date(value: object) -> str | None:
    """A metadata date as ISO YYYY, YYYY-MM or YYYY-MM-DD (as precise as given), else None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return f"{value:04d}" if 1000 <= value <= 2999 else None
    if isinstance(value, (tuple, list)) and len(value) >= 3:  # time.struct_time from feedparser
        try:
            return dt.date(int(value[0]), int(value[1]), int(value[2])).isoformat()
        except (TypeError, ValueError):
            return None
    text = str(value).strip()
    if not text or len(text) > 100:
        return None
    match = _ISO.fullmatch(text)
    if match:
        return _checked(*match.groups())
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _parse_words(text)


def _checked(year: str, month: str | None, day: str | None) -> str | None:
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat()
        if month:
            return f"{int(year):04d}-{int(month):02d}" if 1 <= int(month) <= 12 else None
        return f"{int(year):04d}"
    except ValueError:
        return None


def _parse_words(text: str) -> str | None:
    """'25 August 2021', 'Aug 2021': dateparser, keeping the precision the text gives.

    Relative dates ("last week") are refused: metadata must name its date.
    """
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # dates in words are then left unknown rather than guessed
        return None
    try:
        data = DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "PARSERS": ["custom-formats", "absolute-time"]}).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; a date is optional
        return None
    if data is None or data.date_obj is None:
        return None
    date = data.date_obj.date()
    if data.period == "year":
        return f"{date.year:04d}"
    if data.period == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def take_headline(text: str) -> tuple[str | None, str]:
    """Split off a first line that is a headline: short, no final period, then a blank line."""
    first, sep, rest = text.partition("\n\n")
    if not sep or "\n" in first:
        return None, text
    words = first.split()
    if not 2 <= len(words) <= 25 or len(first) > 200 or first.endswith((".", ",", ";", ":")):
        return None, text
    if first.startswith(("“", '"', "‘", "'", "•", "-", "*")) or not any(c.isupper() for c in first[:3]):
        return None, text
    return first, rest


def take_credit_lines(text: str) -> tuple[str, str | None, str | None]:
    """Remove "Source: OUTLET" and "By: NAME" lines; return the text, outlet and author."""
    outlet = author = None
    kept = []
    for line in text.split("\n"):
        source = _SOURCE_LINE.fullmatch(line)
        byline = _BYLINE.fullmatch(line)
        if source and outlet is None and _looks_like_name(source["value"], allow_lower=True):
            outlet = source["value"].strip().rstrip(".")
            continue
        if byline and author is None and _looks_like_name(byline["value"]):
            author = person_name(byline["value"])
            continue
        kept.append(line)
    return "\n".join(kept).strip(), outlet, author


def _looks_like_name(value: str, *, allow_lower: bool = False) -> bool:
    value = value.strip().rstrip(".")
    words = value.replace(",", " , ").split()
    if not 1 <= len(words) <= 8 or re.search(r"[.!?;:]\s", value):
        return False
    if allow_lower:
        return value[:1].isupper() or value[:1].isdigit()
    return all(_NAME_WORD.fullmatch(word) for word in words)


def person_name(value: str) -> str:
    """A byline as a name: trimmed, and ALL-CAPS turned into title case."""
    name = " ".join(value.strip().rstrip(".").split())
    if name.isupper():
        name = " ".join(part.capitalize() if part.isalpha() else part.title() for part in name.split())
    return name
