"""Clean an article's text: normalise characters and spacing, strip site boilerplate.

The patterns live in ``data/boilerplate.txt`` (grouped by kind), so a new site's furniture is
added there, not here. Paragraphs stay separated by one blank line; single line breaks inside a
paragraph (list items, short lines) are kept, because later stages split sentences at them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

BULLETS = "•·▪‣◦●"

# Spaces that look like a space but are not U+0020; zero-width ones are dropped instead.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\u00ad\ufeff]")
_SPACE_RUN = re.compile(r" {2,}")
_BLANK_RUN = re.compile(r"\n{3,}")
_FIRST_PERSON_PLURAL = re.compile(r"\b(we|our|us|ours)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def boilerplate_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    """The compiled patterns of ``data/boilerplate.txt``, by section name."""
    source = resources.files("briefgen.data").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    sections: dict[str, list[re.Pattern[str]]] = {}
    current = sections.setdefault("line", [])
    for raw in source.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = sections.setdefault(line[1:-1], [])
            continue
        current.append(re.compile(line, re.IGNORECASE))
    return {name: tuple(patterns) for name, patterns in sections.items()}


def normalise(text: str) -> str:
    """NFC, ordinary spaces, no trailing spaces, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
    lines = [_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


def clean_text(text: str) -> str:
    """The article text without boilerplate, normalised, with paragraphs kept."""
    patterns = boilerplate_patterns()
    lines = normalise(text).split("\n")
    lines = _drop_caption_blocks(lines, patterns)
    lines = [line for line in lines if not _matches(line, patterns.get("line", ()))]
    lines = _drop_about_us(lines, patterns.get("about", ()))
    text = "\n".join(lines)
    text = _rejoin_split_parentheses(text)
    text = fix_closing_quotes(text)
    return normalise(text)


def drop_site_line(text: str) -> str:
    """Remove an outlet's name printed right under the headline (the start of *text*).

    It is recognised when its paragraph is a few short lines without sentence punctuation and
    either holds a reading-time badge or names the site with its acronym ("News About X - NAX").
    """
    paragraphs = text.split("\n\n", 1)
    head = paragraphs[0].split("\n")
    if len(head) > 3 or any(len(line.split()) > 8 or line.rstrip().endswith(".") for line in head):
        return text
    site = head[0]
    badge = any(_matches(line, boilerplate_patterns().get("line", ())) for line in head[1:])
    if badge or _names_itself(site):
        return paragraphs[1] if len(paragraphs) > 1 else ""
    return text


def _names_itself(line: str) -> bool:
    match = re.fullmatch(r"(.+?)\s+[-–—|:]\s+([A-Z][A-Za-z]{1,7}|[\w.-]+\.[a-z]{2,})", line)
    if not match:
        return False
    name, tag = match.groups()
    if "." in tag:
        return True
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z]+", name)).upper()
    return tag.upper() == initials


def _matches(line: str, patterns) -> bool:
    stripped = line.strip()
    return bool(stripped) and any(p.fullmatch(stripped) for p in patterns)


def _drop_caption_blocks(lines: list[str], patterns) -> list[str]:
    """Remove runs of bulleted lines that carry a photo credit (caption, agency, © holder)."""
    credit, caption = patterns.get("credit", ()), patterns.get("caption", ())
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        if not lines[i].startswith(tuple(BULLETS)):
            i += 1
            continue
        run = []
        j = i
        while j < len(lines) and (lines[j].startswith(tuple(BULLETS)) or not lines[j]):
            if lines[j]:
                run.append(j)
            j += 1
        bodies = {k: lines[k].lstrip(BULLETS + " ") for k in run}
        credits = [k for k, body in bodies.items() if _matches(body, credit)]
        # A caption block ends with its credit; bullets after the last credit are the story's own.
        for k, body in bodies.items():
            if k in credits or (credits and k < credits[-1] and _matches(body, caption)):
                keep[k] = False
        i = j
    return [line for line, kept in zip(lines, keep) if kept]


def _drop_about_us(lines: list[str], cues) -> list[str]:
    """Remove an outlet's description of itself from the last part of the article."""
    filled = [k for k, line in enumerate(lines) if line]
    tail = set(filled[-max(3, len(filled) // 4):])
    kept = []
    for k, line in enumerate(lines):
        if k in tail and not line.startswith(('"', "“", "‘", "'")):
            hits = sum(1 for cue in cues if cue.search(line))
            if hits >= 2 and len(_FIRST_PERSON_PLURAL.findall(line)) >= 2:
                continue
        kept.append(line)
    return kept


def _rejoin_split_parentheses(text: str) -> str:
    # Scraped pages sometimes break an editor's parenthetical insertion over paragraphs:
    # "(air defence systems. -\n\n\n) somewhere else". A paragraph cannot start with ")".
    return re.sub(r"\s*\n\s*\n\s*(?=[)\]])", " ", text)


def fix_closing_quotes(text: str) -> str:
    """Fix closing quotation marks only where the fix cannot be wrong.

    ``area, ”Doe said`` becomes ``area,” Doe said`` (a closing mark never sits right
    before a letter), and an opening mark that ends a paragraph after punctuation is a closing one.
    Anything ambiguous is left as written.
    """
    text = re.sub(r"([,.;?!]) ?”(?=\w)", r"\1” ", text)
    return re.sub(r"([,.;?!]) “(?=[ ]*(\n|$))", r"\1”", text)
