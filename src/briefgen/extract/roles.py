"""Roles given to named people: 'Danish Foreign Minister X', 'X, director of Y', 'the head of Y, X'."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..model import RoleMention
from .docs import entities, memo, sentence_index, tokens
from .gazetteer import country_of, fold, org_words, portfolio_words, title_heads, title_words

# Lower-case words that may stand inside a title phrase besides the title words themselves.
_TITLE_FILLERS = {"of", "for", "and", "the", "on", "at", "in", "to", "-", "(", ")", "&", "'s", "’s"}
_MAX_ROLE_TOKENS = 22


@lru_cache(maxsize=1)
def title_word_set() -> frozenset[str]:
    """Words the titles of data/titles.txt are made of ('minister', 'foreign'), portfolios not included."""
    return frozenset(word for title in title_words() for word in title.split())


@lru_cache(maxsize=1)
def title_vocabulary() -> frozenset[str]:
    """Words a title phrase is made of, portfolios included ('secretary', 'state', 'affairs')."""
    return title_word_set() | portfolio_words()


@lru_cache(maxsize=1)
def _title_vocabulary_and_fillers() -> frozenset[str]:
    return title_vocabulary() | _TITLE_FILLERS


def follows_title(doc: Doc, i: int) -> bool:
    """Token *i* comes right after a title phrase: 'Secretary of State | X', 'head of the Ministry of Trade | X'."""
    vocabulary = title_vocabulary()
    k = i - 1
    while k >= 0 and i - k <= _MAX_ROLE_TOKENS:
        token = doc[k]
        if _is_title_head(token):
            return True
        if token.is_space or token.pos_ in {"VERB", "AUX"} or token.ent_type_ == "PERSON":
            return False
        if not (token.lower_ in vocabulary or token.lower_ in _TITLE_FILLERS or token.text[:1].isupper()):
            return False
        k -= 1
    return False


def strip_title_words(span: Span) -> Span:
    """'Affairs Matthew Palmer' → 'Matthew Palmer', 'State Pompeo' → 'Pompeo': title words before a
    name belong to the role. The span is kept whole unless what is left is a personal name."""
    start = span.start
    vocabulary = _title_vocabulary_and_fillers()
    while start < span.end - 1 and span.doc[start].lower_ in vocabulary:
        start += 1
    if start == span.start:
        return span
    rest = span.doc[start : span.end]
    names = title_word_set()
    if all(_nameish(t, names) for t in rest) and follows_title(span.doc, start):
        return rest
    return span


def _is_title_head(token: Token) -> bool:
    return token.lower_ in title_heads() or token.lower_.rstrip(".") in {"prof", "dr"}


def _nameish(token: Token, vocabulary: set[str]) -> bool:
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.lower_ not in vocabulary
        and token.lower_ not in org_words()
        and not country_of(token.text)
        and not any(c.isdigit() for c in token.text)
    )


def _extend(doc: Doc, start: int, end: int, vocabulary: set[str]) -> Span:
    """Grow a partial name over neighbouring proper nouns: 'Jane' + 'Okafor' when NER took only 'Okafor'."""
    toks = tokens(doc)
    while start > 0 and end - start < 4 and _nameish(toks[start - 1], vocabulary) and toks[start - 1].ent_type_ in {"", "PERSON"}:
        start -= 1
    while end < len(doc) and end - start < 4 and _nameish(toks[end], vocabulary) and toks[end].ent_type_ in {"", "PERSON"}:
        end += 1
    return doc[start:end]


def _name_runs(doc: Doc, vocabulary: set[str]) -> list[Span]:
    """Candidate personal names: PERSON entities, and runs of proper nouns right after a title."""
    runs = [_extend(doc, strip_title_words(ent).start, ent.end, vocabulary) for ent in entities(doc) if ent.label_ == "PERSON"]
    taken = {t.i for run in runs for t in run}
    toks = tokens(doc)  # doc[i] makes a new Token each time
    i = 1
    while i < len(doc):
        before = toks[i - 1]
        # "... Cooperation of France Jane Doe": a country may sit between the title and the name.
        k = i
        while k < len(doc) - 1 and country_of(toks[k].text) and before.lower_ == "of":
            k += 1
        after_title = (
            _is_title_head(before)
            or (k > i and _nameish(toks[k], vocabulary))
            or (before.lower_ in title_vocabulary() and before.text[:1].isupper() and follows_title(doc, i))
        )
        if after_title and k not in taken and _nameish(toks[k], vocabulary):
            j = k
            while j < len(doc) and _nameish(toks[j], vocabulary) and j - k < 4:
                j += 1
            if j - k == 1 and i >= 2 and toks[i - 2].lower_ == "the" and before.text[:1].isupper():
                i = j
                continue  # 'the General Election': a title word inside a name, not before a person's
            if k > i and j - k < 2 or j < len(doc) and toks[j].lower_ in org_words():
                i = j
                continue  # a lone word after 'of <country>', or one before 'University', names an organisation
            runs.append(doc[k:j])
            taken.update(range(k, j))
            i = j
        else:
            i += 1
    return runs


def _clean_role(tokens: list[Token]) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip(" ,")
    text = re.sub(r"^(?:(?:and|or|the|a|an|to|its|his|her|their|our)\s+)+", "", text, flags=re.I)
    return re.sub(r"\s+", " ", text)


def _affiliation(role: str) -> str | None:
    """The organisation or state a role belongs to: 'director of Y' → Y, 'Danish minister' → Denmark."""
    match = re.search(r"\b(?:of|at|for)\s+(?:the\s+)?(.+)$", role)
    portfolio_only = match and all(w.lower() in portfolio_words() | _TITLE_FILLERS for w in match.group(1).split())
    if match and not portfolio_only and match.group(1)[:1].isupper() and match.group(1).split()[0].lower() not in title_word_set():
        return re.sub(r"\s+in\s+[A-Z][\w-]+$", "", match.group(1)).strip()
    first = role.split()[0] if role.split() else ""
    hit = country_of(first) or country_of(" ".join(role.split()[:2]))
    if hit:
        return hit[0]
    return None


def _role_before(name: Span, vocabulary: set[str]) -> list[Token]:
    """The title phrase written right before a name: 'US Secretary of State' Mike Pompeo."""
    tokens: list[Token] = []
    i = name.start - 1
    sent_start = name.sent.start
    while i >= sent_start and len(tokens) < _MAX_ROLE_TOKENS:
        token = doc_token = name.doc[i]
        word = token.lower_
        if token.is_space or token.text in {"•", "©"}:
            break
        capitalised = token.text[:1].isupper()
        if not (word in vocabulary or word in _TITLE_FILLERS or capitalised or (token.pos_ == "ADJ" and token.is_lower)):
            break
        if token.pos_ in {"VERB", "AUX"} or token.ent_type_ == "PERSON":
            break
        if token.pos_ in {"ADP", "SCONJ", "CCONJ", "DET", "PRON"} and word not in _TITLE_FILLERS:
            break
        tokens.insert(0, doc_token)
        i -= 1
    while tokens and (tokens[0].lower_ in _TITLE_FILLERS - {"the"} or tokens[0].is_punct):
        tokens.pop(0)
    if not tokens or not any(_is_title_head(t) for t in tokens):
        return []
    return tokens


def _role_after(name: Span) -> list[Token]:
    """An apposition after the name: 'X, deputy director of Y, said'."""
    doc = name.doc
    if name.end >= len(doc) - 1 or doc[name.end].text != ",":
        return []
    tokens: list[Token] = []
    for token in doc[name.end + 1 : min(name.end + 1 + _MAX_ROLE_TOKENS, name.sent.end)]:
        hyphenated = token.i > 0 and doc[token.i - 1].text == "-"  # 'the Frankfurt-based exchange'
        if token.text in {",", ".", ";", ":", "“", "”", '"'} or token.pos_ in {"VERB", "AUX"} and not hyphenated:
            break
        tokens.append(token)
    if not tokens or not any(_is_title_head(t) for t in tokens[:8]):
        return []
    if tokens[0].lower_ in {"and", "or"} or any(
        t.ent_type_ == "PERSON" and not _place_and_title(t) or t.lower_ in {"its", "his", "her", "their"} for t in tokens
    ):
        return []  # a list of names or a second person, not an apposition
    return tokens


def _place_and_title(token: Token) -> bool:
    """'Bolton West MP' tagged PERSON: a constituency and a title, part of a role, not a second person."""
    ent = next((e for e in entities(token.doc) if e.start <= token.i < e.end), None)
    return ent is not None and len(ent) >= 2 and ent[-1].lower_ in title_word_set()


def _role_before_comma(name: Span) -> list[Token]:
    """'the general director of Y, X': the title phrase comes first, then a comma and the name."""
    doc = name.doc
    i = name.start - 1
    if i < name.sent.start or doc[i].text != ",":
        return []
    tokens: list[Token] = []
    i -= 1
    while i >= name.sent.start and len(tokens) < _MAX_ROLE_TOKENS:
        token = doc[i]
        if token.text in {",", ".", ";", ":", "“", "”", '"'} or token.pos_ in {"VERB", "AUX"}:
            break
        tokens.insert(0, token)
        i -= 1
    heads = [t for t in tokens if _is_title_head(t)]
    if not heads or heads[0].i - tokens[0].i > 3 or tokens[-1].ent_type_ == "PERSON":
        return []
    return tokens


def role_mentions(doc: Doc) -> list[RoleMention]:
    """Roles written next to named people, with the affiliation when the text gives one.

    Several extractors ask for them: they are found once per Doc (a new list of the same mentions,
    which callers must not change)."""
    return list(memo(doc, "role_mentions", _role_mentions))


def _role_mentions(doc: Doc) -> list[RoleMention]:
    vocabulary = title_vocabulary()
    starts = sentence_index(doc)
    found: list[RoleMention] = []
    for name in _name_runs(doc, vocabulary):
        # 'Ms Kelly' is 'Kelly', as the actor is named.
        name_text = re.sub(r"^(?:Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady)\.?\s+(?=\S)", "", name.text.strip())
        if not name_text or country_of(name_text):
            continue
        if len(name) >= 2 and name[-1].lower_ in vocabulary:
            continue  # 'Bolton West MP': a place and a title, the person is named elsewhere
        candidates = [_role_before(name, vocabulary), _role_after(name), _role_before_comma(name)]
        # The longest phrase says most: 'a Russia expert at Marmara University' beats 'Prof.'.
        tokens = max(candidates, key=lambda c: sum(len(t.text) for t in c))
        if tokens:
            role = _clean_role(tokens)
            if fold(role) == fold(name_text) or len(role) < 3:
                continue
            start = min(tokens[0].idx, name.start_char)
            end = max(tokens[-1].idx + len(tokens[-1]), name.end_char)
            found.append(
                RoleMention(
                    name=name_text,
                    role=role,
                    affiliation=_affiliation(role),
                    start=start,
                    end=end,
                    sentence=starts[name.sent.start],
                )
            )
    return found
