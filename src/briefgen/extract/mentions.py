"""Actor mentions in one document: who acts or speaks, with spaCy's labels corrected.

The small English model mislabels often: it tags surnames as ORG, FAC or PRODUCT, weapons as
PERSON or ORG, and news agencies as GPE. Each mention is checked against its context and general
gazetteers before it counts.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..model import EntityMention
from .docs import doc_text, entities, memo, sentence_index, tokens
from .gazetteer import (
    country_of,
    document_words,
    fold,
    goods_nouns,
    is_currency,
    is_known_place,
    is_language,
    is_religion,
    is_time_zone,
    news_outlets,
    org_context,
    org_words,
    place_nouns,
    product_words,
    proxy_nouns,
    street_words,
    reporting_verbs,
    title_heads,
)
from .roles import role_mentions, strip_title_words, title_word_set

_CANDIDATE_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT"}
_MEDIA_WORDS = {"agency", "television", "tv", "newspaper", "daily", "channel", "radio", "magazine", "news", "media"}
# Verbs through which an outlet only passes on someone else's words.
_CARRIER_VERBS = {
    "publish", "report", "quote", "carry", "broadcast", "cite", "write", "say", "tell", "air", "run",
    "speak", "talk", "interview", "ask", "contact",  # gathering words is an outlet's trade, not an act
}
_CAPTION_STARTS = ("•", "©", "photo", "image", "credit", "read also", "read more", "related:", "source:", "by ")
_LOCATIVE = {"in", "at", "near", "outside", "inside", "around", "across", "from", "to", "into", "towards", "toward", "via", "through", "off"}
# Prepositions that place something rather than direct it ('sold to X', 'explained to X' are not here).
_IN_A_PLACE = {"in", "near", "outside", "inside", "around", "across", "throughout", "within"}
_CODE = re.compile(r"\b(?=[\w-]*\d)[A-Za-z]+[\w]*-?\d[\w-]*\b|\b\d+[A-Za-z]\b")


_PEOPLE_ENDING = re.compile(r"(?:an|ans|ese|ish|ic|i|s|ern)$")
_HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mr.", "mrs.", "ms.", "sir", "dame", "lord", "lady", "dr", "dr.", "prof", "prof.", "professor",
}
# 'Ex-BBC', 'Pan-European', 'Anti-EU': a prefix makes the name an adjective.
_PREFIXED = re.compile(r"^(?:ex|pan|anti|pro|non|post|pre|former|neo)-", re.IGNORECASE)


@lru_cache(maxsize=1)
def group_nouns() -> tuple[tuple[str, ...], frozenset[str]]:
    """(nouns that stand for a group's states, in order of preference; nouns that name a group of
    its own), from data/group_nouns.json: after an adjective that names no country, they make the
    group's name ('Western states', 'Arab protesters')."""
    data = json.loads((resources.files("briefgen") / "data" / "group_nouns.json").read_text(encoding="utf-8"))
    return tuple(data["states"]), frozenset(data["people"])


def _with_group_noun(span: Span) -> Span:
    """'Western' in 'Western states refuse…' → 'Western states': a group adjective that names no
    country is named with the group noun it modifies (and the adjectives between). A country's
    adjective stays as it is: 'Iranian officials' are the state of Iran."""
    if country_of(_text(span)) is not None or span.root.dep_ not in {"amod", "compound", "nmod"}:
        return span
    head = span.root.head
    states, people = group_nouns()
    if head.i < span.end or head.tag_ != "NNS" or not (head.lower_ in people or head.lower_ in states):
        return span  # 'the Tory leader' is one person, 'a Muslim nation' one state: neither is the group
    between = span.doc[span.end : head.i]
    if any(t.head.i != head.i or t.dep_ not in {"amod", "compound"} for t in between):
        return span  # 'Western European states' stays whole; 'Western arms states' is no group
    return span.doc[span.start : head.i + 1]


@lru_cache(maxsize=1)
def occupation_nouns() -> frozenset[str]:
    """Occupations written before a name like a title ('Novelist Jane Doe'), data/occupation_nouns.txt."""
    text = (resources.files("briefgen") / "data" / "occupation_nouns.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _without_occupation(span: Span) -> Span:
    """'Novelist Jane Doe' → 'Jane Doe', 'Kenyan John Doe' → 'John Doe': an occupation, or a
    country's adjective, before a personal name of two words or more is no part of the name."""
    first = span[0]
    rest = span.doc[span.start + 1 : span.end]
    if len(rest) < 2 or not all(t.text[:1].isupper() for t in rest if t.is_alpha):
        return span
    hit = country_of(first.text)
    if first.lower_ in occupation_nouns() or hit is not None and hit[1] == "demonym":
        return rest
    return span


def _text(span: Span) -> str:
    """``span.text``, cut from the Doc's text instead of joined from new Tokens."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def _trim(span: Span) -> Span | None:
    """Drop whitespace, bullets, a leading 'the' or 'Mr', a trailing 'through', and a dash aside.

    'Mr Smith' is 'Smith' (so it joins 'Jane Smith'); 'Acme - Europe's largest' is 'Acme'.
    """
    start, end = span.start, span.end
    doc = span.doc
    toks = tokens(doc)  # doc[i] makes a new Token each time
    while start < end and (
        toks[start].is_space or toks[start].text in {"•", "©", "-"} or toks[start].lower_ == "the"
        or toks[start].lower_ in _HONORIFICS and end - start > 1
    ):
        start += 1
    for k in range(start + 1, end):
        if toks[k].text in {"-", "–", "—"} and toks[k - 1].whitespace_:
            end = k  # a spaced dash starts an aside, not more of the name
            break
        if toks[k].text == "(" and not any(t.text == ")" for t in toks[k + 1 : end]):
            end = k  # 'Court of Arbitration for Sport (CAS': the bracket opens an acronym or an aside
            break
    while end > start and (
        toks[end - 1].is_space or toks[end - 1].is_punct and toks[end - 1].text != "."
        or toks[end - 1].is_lower and toks[end - 1].pos_ in {"ADP", "CCONJ", "DET", "ADV"}
    ):
        end -= 1
    return doc[start:end] if end > start else None


def _is_demonym(token: Token) -> bool:
    hit = country_of(token.text)
    if hit is None and token.text.endswith("men"):
        hit = country_of(token.text[:-3])  # 'Irishmen', 'Englishmen'
    return hit is not None and hit[1] == "demonym"


def _without_demonyms(span: Span) -> Span:
    """'Irishmen Jane Doe' → 'Jane Doe'; 'the Acme Corp American unit' → 'Acme Corp'."""
    start, end = span.start, span.end
    if end - start > 1 and _is_demonym(span[0]) and span[0].text.endswith(("s", "men")):
        start += 1
    if end - start > 1 and _is_demonym(span.doc[end - 1]) and end < len(span.doc) and span.doc[end].is_lower:
        end -= 1
    return span.doc[start:end] if (start, end) != (span.start, span.end) else span


def _extend_organisation(span: Span) -> Span:
    """'the Department' + 'of the Treasury': the model sometimes stops an organisation at its head word."""
    doc = span.doc
    if fold(span[-1].text) not in org_words() or span.end >= len(doc) - 1 or doc[span.end].lower_ not in {"of", "for"}:
        return span
    end = span.end + 1
    if end < len(doc) and doc[end].lower_ == "the":
        end += 1
    name_end = end
    while name_end < len(doc) and doc[name_end].pos_ == "PROPN" and doc[name_end].text[:1].isupper():
        name_end += 1
    return doc[span.start : name_end] if name_end > end else span


def _extend_left(span: Span) -> Span:
    """'ACB Globex' tagged 'Globex': a capitalised proper noun just before, untagged, that the
    parser hangs on the name as a compound, is the start of the name."""
    doc = span.doc
    start = span.start
    while start > 0:
        t = doc[start - 1]
        if not (
            t.pos_ == "PROPN" and t.dep_ == "compound" and span.start <= t.head.i < span.end and t.ent_iob_ == "O"
            and t.text[:1].isupper() and t.lower_ not in _HONORIFICS and fold(t.text) not in title_word_set()
            and not country_of(t.text) and not t.is_sent_start
        ):
            break
        start -= 1
    return doc[start : span.end] if start != span.start else span


def is_product_name(text: str) -> bool:
    """Names with model codes ('A-320', 'F-16', 'X-123') name products, not actors."""
    return bool(_CODE.search(text))


def is_caption(sentence: Span) -> bool:
    """Photo captions, credits, bylines and 'read also' lines: nobody acts in them."""
    text = _text(sentence).strip().lower()
    if text.startswith(_CAPTION_STARTS):
        return True
    words = tokens(sentence.doc)[sentence.start : sentence.end]
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in words)
    return not has_verb and len([t for t in words if not t.is_space]) <= 8


def _product_words_in_doc(doc: Doc) -> set[str]:
    """Words named together with a model code ('A-320 Neo' → 'neo') are product names too."""
    words: set[str] = set()
    for ent in entities(doc):
        if is_product_name(ent.text):
            words.update(fold(t.text) for t in ent if t.is_alpha and t.text[:1].isupper() and not country_of(t.text))
    return words


def _product_names(doc: Doc, person_names: set[str]) -> set[str]:
    """Names the document uses for a product in at least one place, so every mention of them goes.

    'the Sentinel air defence system' once makes 'sell Sentinel to X' a product too; so does being
    listed with a model code ('the Falcon and the A-320') or traded ('a batch of Falcons').
    """
    names: set[str] = set()
    for ent in entities(doc):
        if ent.label_ not in _CANDIDATE_LABELS or fold(ent.text) in person_names:
            continue
        span = _trim(ent)
        if span is None or country_of(span.text):
            continue  # 'the Russian gas pipeline' says whose pipeline, not that 'Russian' is a product
        listed_with_code = any(is_product_name(c.text) for c in span.root.conjuncts) or (
            span.root.dep_ == "conj" and is_product_name(span.root.head.text)
        )
        if _heads_product_noun(span) or listed_with_code or _goods_object(span) or _names_a_product(span):
            words = span.text.split()
            while len(words) > 1 and country_of(words[0]):
                words = words[1:]  # 'the American X system' makes 'X' a product
            for name in (span.text, " ".join(words)):
                names.add(fold(name))
                names.add(fold(name).rstrip("s"))
    return names


def _names_a_product(span: Span) -> bool:
    """'the gas pipeline ..., called X': X is the name given to a product."""
    head = span.root.head
    if span.root.dep_ != "oprd" or head.lemma_ not in {"call", "name", "dub", "brand"}:
        return False
    named = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    if head.dep_ in {"acl", "relcl"}:
        named.append(head.head)
    return any(t.lower_ in product_words() for t in named)


def _heads_product_noun(span: Span) -> bool:
    """'the Sentinel air defence system': a name that modifies a product noun names the product."""
    token: Token = span.root
    for _ in range(4):
        if token.dep_ not in {"compound", "amod", "nmod"} or token.head.i == token.i:
            break
        token = token.head
        if token.lower_ in product_words():
            return True
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return bool(nxt is not None and nxt.lower_ in product_words())


def _names_a_document(span: Span) -> bool:
    """'the Countering ... Sanctions Act', 'the Paris Agreement': laws and treaties do not act."""
    words = fold(span.text).split()
    return bool(words) and words[-1] in document_words() and len(words) >= 2


def _goods_object(span: Span) -> bool:
    """'a batch of X', 'the supply of X': the name is the thing traded."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in goods_nouns()


def _looks_like_org(span: Span) -> bool:
    words = fold(span.text).split()
    return bool(set(words) & org_words()) or (span.text.isupper() and len(span.text) >= 2)


def _is_place(span: Span) -> bool:
    """A name that only locates something: 'the city of X', 'developments in X', 'the X summit'.

    Only for names with no organisation word in them: 'deliveries to the Armed Forces' is an actor.
    """
    if _looks_like_org(span):
        return False
    if span.start > 0 and span.doc[span.start - 1].lower_ in org_context()[0]:
        return False  # 'sold to state-run oil group X': the descriptor says it is a firm
    root = _listed_head(span.root)
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in place_nouns():
        return True  # 'the Slovenian city of X', 'the Black Sea province of X'
    if root.dep_ == "pobj" and head.lower_ == "at" and (head.head.lower_ in title_heads() or _a_unit_of_title(head.head)):
        return False  # 'investment director at X', 'director of the desk at X': X employs them
    if root.dep_ == "pobj" and head.lower_ in _LOCATIVE:
        # 'shares in X', 'a stake in X' name a company, not a place.
        return head.head.lower_ not in org_context()[1]
    if root.dep_ == "appos" and _listed_head(head).dep_ == "pobj" and _listed_head(head).head.lower_ in _LOCATIVE:
        return True  # 'a meeting in Hinckley, Leicestershire'
    # 'the X summit', 'the X region': a bare name modifying a common noun that is no title, and
    # nothing only organisations have ('its key X unit', 'the X shareholders' name a firm).
    return (
        root.dep_ == "compound" and head.pos_ == "NOUN"
        and head.lower_ not in title_heads() | org_words() | org_context()[1]
    )


def _is_outlet(span: Span) -> bool:
    words = fold(span.text).split()
    return fold(span.text) in news_outlets() or bool(words and words[-1] in _MEDIA_WORDS)


def _acts_on_its_own(span: Span) -> bool:
    """The entity is the subject of something other than passing on words ('Reuters reported')."""
    root = span.root
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ not in _CARRIER_VERBS | reporting_verbs()


def _listed_head(token: Token) -> Token:
    """'in Stockholm or The Hague': the second name of a list stands where the first does."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _in_locative_phrase(span: Span) -> bool:
    root = _listed_head(span.root)
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE


def _adjectival(span: Span) -> bool:
    """'Russian' in 'Russian weapons' describes a thing; in 'the Russian side' or 'the Russians' it acts."""
    root = span.root
    if root.pos_ in {"NOUN", "PROPN"} and root.dep_ not in {"amod", "compound"}:
        return False
    if span.text.endswith("s") and root.tag_ in {"NNPS", "NNS"}:
        return False
    return root.head.lemma_.lower() not in proxy_nouns()


def _surnames(doc: Doc, names: list[str]) -> set[str]:
    return {fold(name.split()[-1]) for name in names if len(name.split()) >= 2}


def _label(span: Span, spacy_label: str, surnames: set[str], person_names: set[str]) -> str | None:
    """The corrected label, or None when the span is not an actor."""
    text = _text(span)
    parts = re.split(r"\s*[-–]\s*", text)
    if len(parts) > 1 and all(country_of(p) or is_known_place(p) for p in parts):
        return None  # 'Paris-Berlin' names a relation between two places, not a third actor
    after = span.doc[span.end : span.end + 2]
    if len(after) == 2 and after[0].text in {"-", "–"} and after[1].lower_ in {"based", "born", "listed", "owned", "registered"}:
        return None  # 'the Frankfurt-based exchange' describes the exchange
    if _names_a_document(span) or _goods_object(span):
        return None
    if is_language(text) and not _PEOPLE_ENDING.search(text) and not text.endswith("ch"):
        return None  # 'Fides - Latin for faith': a language that is no people's name does not act
    country = country_of(text)
    if country:
        kind = country[1]
        if kind == "demonym":
            return None if _adjectival(span) else "NORP"
        if kind in {"capital", "seat"} and _in_locative_phrase(span):
            return None  # 'a summit in Kiev' is a place, not the state acting
        root = _listed_head(span.root)
        if kind == "capital" and root.dep_ in {"compound", "nmod"} and root.head.pos_ == "NOUN" and root.head.lemma_ not in proxy_nouns():
            return None  # 'the Brussels, Paris and Amsterdam exchanges' are the cities' exchanges
        return "GPE"
    if _is_not_an_actor(span, spacy_label):
        return None
    folded = fold(text)
    if folded in person_names or folded in surnames:
        return "PERSON"
    root = span.root
    if (
        spacy_label == "PERSON" and len(span) == 1 and root.dep_ == "compound"
        and root.head.lemma_.lower() in org_context()[0] and any(c.lower_ == "the" for c in root.head.children)
    ):
        return None  # 'valuing the Bundesliga club': a lone word, no one's surname, that sorts the club
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.lower_ in title_heads() or before.lower_ in _HONORIFICS) and spacy_label != "GPE":
        return "PERSON"
    if spacy_label == "NORP":
        if _adjectival(span):
            return None
        # 'the Democrats', 'Kurds', 'Tories' are groups of people; a singular coined name is a firm.
        return "NORP" if span.root.tag_ in {"NNPS", "NNS"} or _PEOPLE_ENDING.search(text) else "ORG"
    if spacy_label in {"PRODUCT", "FAC"}:
        return None
    if spacy_label == "GPE":
        if is_known_place(text):
            return None if _in_locative_phrase(span) or span.root.dep_ not in {"nsubj", "nsubjpass"} else "GPE"
        if _is_place(span):
            return None
        return "ORG"  # not a place anyone knows, nor placed like one: an exporter's name tagged GPE
    if spacy_label == "ORG" and (_is_place(span) or is_known_place(text) and span.root.dep_ == "appos"):
        return None  # 'Houston, Texas'

    if spacy_label == "ORG" and fold(text).split()[-1:] and fold(text).split()[-1] in org_words():
        return "ORG"
    if spacy_label == "ORG" and _a_plural_of_people(span):
        return "NORP"
    return spacy_label


def _a_plural_of_people(span: Span) -> bool:
    """'what the Federalists pray for': one plural word after 'the', with no organisation word and
    no capitals inside, names a group of people (like 'the Democrats'), not a firm."""
    word = span[0]
    before = span.doc[span.start - 1] if span.start > 0 else None
    return (
        len(span) == 1 and before is not None and before.lower_ == "the"
        and word.text.endswith("s") and not word.text.endswith("ss") and word.text[1:].islower()
        and fold(word.text) not in org_words() and span.root.dep_ not in {"compound", "poss", "nmod"}
    )


def _is_not_an_actor(span: Span, spacy_label: str) -> bool:
    """Names of things that never act, whatever label the model gave them.

    A time zone ('0800 GMT', from the tz database), a religion ('in the name of Islam',
    data/religions.txt), a currency ('Sterling', pycountry's ISO 4217 names); a lone word the
    parser reads as a verb ('some threats and Rub the deprivations'); a name with an indefinite
    article, which makes it one of a kind ('driving a red Vauxhall Corsa'); and a place with a
    title after it ('Ms Kelly, a Cabinet Office minister and Bolton West MP': the MP is the person).
    """
    text = span.text
    if is_time_zone(text) or is_religion(text):
        return True
    if spacy_label != "PERSON" and is_currency(text):
        return True
    if len(span) == 1 and span.root.tag_.startswith("VB") and any(c.dep_ == "dobj" for c in span.root.children):
        return True  # parsed as a verb with an object of its own
    root = span.root
    if (
        any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in root.children)
        and root.dep_ not in {"compound", "nmod"}  # 'a House of Commons motion' is the motion's article
        and not any(c.dep_ == "relcl" for c in root.children)  # 'a UKIP whose leadership…'
    ):
        return True
    if _a_unit_of(span) or _a_common_noun(span):
        return True
    last = span[-1]
    return len(span) >= 2 and last.text[:1].isupper() and fold(last.text) in title_heads() and fold(span.text) not in org_words()


def _a_unit_of(span: Span) -> bool:
    """'investment director of X at Acme Investments': X is a desk or department of the firm named
    after 'at', part of the person's title, not an actor of its own."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.head.lower_ not in title_heads():
        return False
    title = root.head.head
    return any(
        c.dep_ == "prep" and c.lower_ == "at" and c.i >= span.end and any(o.pos_ == "PROPN" for o in c.children)
        for c in title.children
    )


def _a_unit_of_title(token: Token) -> bool:
    """'Research' in 'director of Research at X': the object of 'of' after a title word."""
    return token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in title_heads()


def _a_common_noun(span: Span) -> bool:
    """'start up your own Party': a generic organisation word with a possessive pronoun or 'own'
    is a common noun written with a capital, not a name."""
    words = fold(span.text).split()
    if not words or not set(words) <= org_words():
        return False
    return any(c.tag_ == "PRP$" or c.lower_ == "own" for c in span.root.children)


def _place_names(doc: Doc) -> set[str]:
    """Names the document uses only as places: written in a locative phrase ('31% of the vote in
    X') and never the subject of an active verb, with no organisation word in them. Every mention
    of them goes ('Until 1997, X had been held by the Tories')."""
    located: set[str] = set()
    acting: set[str] = set()
    for ent in entities(doc):
        span = _trim(ent)
        if span is None:
            continue
        key = fold(span.text)
        root = _listed_head(span.root)
        if root.dep_ == "nsubj" or ent.label_ not in {"GPE", "ORG"}:
            acting.add(key)
        elif (
            root.dep_ == "pobj" and root.head.lower_ in _IN_A_PLACE and root.head.head.lower_ not in org_context()[1]
            and not _looks_like_org(span) and not country_of(span.text)
        ):
            located.add(key)
    return located - acting


def _organisation_context(span: Span) -> int:
    """+1 when the words around a name show an organisation, -1 when they show a person, else 0.

    'oil giant X', "X's shareholders", 'the X chief executive', 'X claims its ...' → organisation;
    'X said his ...', 'X, 44,' → person. spaCy's label for a lone name is often a guess.
    """
    descriptors, possessions = org_context()
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in _HONORIFICS:
        return -2  # 'Ms Kelly', 'Mr Moreau'
    if before is not None and before.lower_ in descriptors and before.pos_ == "NOUN":
        return 2  # 'accountancy firm X', 'oil giant X': the text says what it is
    root = span.root
    if any(c.dep_ == "appos" and c.lower_ in descriptors for c in root.children):
        return 2  # 'X, the investment bank,'
    if root.dep_ == "pobj" and root.head.lower_ == "at" and root.head.head.pos_ == "NOUN":
        return 1  # 'an analyst at X', 'a specialist at X'
    if root.dep_ == "poss" and root.head.ent_type_ == "PERSON" and root.head.i >= span.end + 2:
        return 1  # "Labour's Jane Okafor": a person's party or firm
    if root.dep_ in {"poss", "compound", "nmod"} and root.head.lower_ in possessions:
        return 1
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in possessions:
        return 1
    listed = Counter(c.ent_type_ for c in root.conjuncts)
    if listed["ORG"] >= 2 and listed["ORG"] > 2 * listed["PERSON"]:
        return 2  # 'Acme Bank, Banque Nord, Calyx, First Harbour Trust': listed among organisations
    if listed["ORG"] and not listed["PERSON"]:
        return 1
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ not in reporting_verbs():
        # Only the speaker's own clause: in 'X said the firm cut its costs', 'its' is the firm's.
        clause = [t for t in root.head.subtree if t.dep_ != "ccomp" and t.head.dep_ != "ccomp"]
        owners = {t.lower_ for t in clause if t.i > span.end and t.lower_ in {"its", "his", "her"}}
        if owners == {"its"}:
            return 1
        if owners and "its" not in owners:
            return -1
    if root.dep_ == "nsubj" and root.head.lemma_ in reporting_verbs():
        # 'X has said he is unsure', 'X said it would sell': the pronoun of the clause reported.
        said = [t for c in root.head.children if c.dep_ == "ccomp" for t in c.children if t.dep_ in {"nsubj", "nsubjpass"}]
        pronouns = {t.lower_ for t in said} & {"he", "she", "it"}
        if pronouns == {"it"}:
            return 1
        if pronouns and "it" not in pronouns:
            return -1
    return 0


def _type_by_context(doc: Doc, spans: list[tuple[Span, str]], person_names: set[str]) -> dict[str, str]:
    """One label per name in a document, from the contexts of all its mentions."""
    votes: dict[str, int] = {}
    full_names: set[str] = set()
    for span, label in spans:
        if label not in {"PERSON", "ORG"}:
            continue
        key = fold(span.text)
        votes[key] = votes.get(key, 0) + _organisation_context(span)
        if label == "PERSON" and len(span) >= 2 and not (is_known_place(span[0].text) or country_of(span[0].text)):
            full_names.add(key)  # 'Bristol Rovers' starts with a place, not a given name
    # A full personal name is good evidence on its own: it takes two signs to overturn it.
    return {
        key: "ORG" if vote > 0 else "PERSON"
        for key, vote in votes.items()
        if vote != 0 and key not in person_names and (key not in full_names or vote >= 2)
    }


def _cut_from_a_name(ent: Span) -> bool:
    """A bare organisation word the model split off a longer name next to it."""
    doc = ent.doc
    if fold(ent.text) not in org_words():
        return False
    neighbours = [doc[i] for i in (ent.start - 1, ent.end) if 0 <= i < len(doc)]
    return any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in neighbours)


def _candidate_entities(doc: Doc) -> list[Span]:
    """The model's entities, with a list tagged as one name split into its members.

    'Acme and Globex' is two actors when one of them is written alone elsewhere in the document;
    'Procter and Gamble' stays whole.
    """
    alone = {fold(e.text) for e in entities(doc)}
    found: list[Span] = []
    for ent in entities(doc):
        cuts = [t.i for t in ent if t.lower_ in {",", "and", "&"}]
        if ent.label_ in {"ORG", "PERSON"} and cuts:
            bounds = [ent.start - 1, *cuts, ent.end]
            parts = [doc[a + 1 : b] for a, b in zip(bounds, bounds[1:]) if b > a + 1]
            written_alone = [fold(p.text) in alone or country_of(p.text) for p in parts]
            if len(parts) > 1 and any(written_alone) and all(p.text[:1].isupper() for p in parts):
                found.extend(Span(doc, p.start, p.end, label=ent.label_) for p in parts)
                continue
        found.append(ent)
    return found


def entity_mentions(doc: Doc) -> list[EntityMention]:
    """PERSON, ORG, GPE and NORP mentions of actors: people, organisations and states.

    Found once per Doc (a new list of the same mentions, which callers must not change)."""
    return list(memo(doc, "entity_mentions", _entity_mentions))


def _entity_mentions(doc: Doc) -> list[EntityMention]:
    starts = sentence_index(doc)
    roles = role_mentions(doc)
    person_names = {fold(r.name) for r in roles}
    person_names |= {fold(e.text) for e in entities(doc) if e.label_ == "PERSON" and len(e.text.split()) >= 2}
    # 'Mr McManus' anywhere makes 'JP McManus' a person wherever the model tagged it.
    honoured = {fold(doc[t.i + 1].text) for t in tokens(doc) if t.lower_ in _HONORIFICS and t.i + 1 < len(doc)}
    person_names |= {
        " ".join(words[i:]) for e in entities(doc)
        if e.label_ in {"PERSON", "ORG"} and 2 <= len(words := fold(e.text).split()) <= 3 and words[-1] in honoured
        and not set(words) & org_words()
        for i in range(len(words) - 1)
    }
    surnames = _surnames(doc, [r.name for r in roles] + [e.text for e in entities(doc) if e.label_ == "PERSON"])
    product_words_here = _product_words_in_doc(doc)
    products = _product_names(doc, {fold(r.name) for r in roles})
    places = _place_names(doc)
    mentions: list[EntityMention] = []
    kept: list[tuple[Span, str]] = []
    covered: set[int] = set()
    captions: dict[int, bool] = {}  # by sentence start: is_caption walks the whole sentence
    role_names = {fold(r.name) for r in roles}
    for ent in _candidate_entities(doc):
        if ent.label_ not in _CANDIDATE_LABELS or _cut_from_a_name(ent):
            continue  # 'Group' cut from 'Group Acme' names nobody; 'Congress' alone does
        span = _trim(ent)
        if span is None:
            continue
        text = _text(span)
        if not text[:1].isupper() or _PREFIXED.match(text):
            continue
        sent = span.sent
        if sent.start not in captions:
            captions[sent.start] = is_caption(sent)
        if captions[sent.start]:
            continue
        folded = fold(text)
        if folded.split()[-1:] and folded.split()[-1] in street_words() and len(span) > 1:
            continue  # 'Wilmslow Road', 'Main Street'
        if is_product_name(text) or set(folded.split()) & product_words_here:
            continue
        if (folded in products or folded.rstrip("s") in products) and folded not in role_names:
            continue
        span = _without_demonyms(span)
        if ent.label_ == "NORP":
            span = _with_group_noun(span)
        elif ent.label_ == "PERSON":
            span = _without_occupation(span)
        named_words = [t for t in span if t.tag_ != "POS"]  # "the Kenyan Government's policies"
        if len(named_words) == 2 and named_words[1].lower_ in proxy_nouns() and (country_of(span[0].text) or ("", ""))[1] == "demonym":
            span = span.doc[span.start : span.start + 1]  # 'the Kenyan Government' is the state, as 'the Kenyan government' is
        if ent.label_ == "ORG":
            span = _extend_left(_extend_organisation(span))
        if not covered.isdisjoint(range(span.start_char, span.end_char)):
            continue  # already inside a longer name found before
        folded = fold(_text(span))
        if folded in places and ent.label_ in {"GPE", "ORG"}:
            continue
        named = strip_title_words(span)
        if named is not span:
            # 'Secretary of State X' tagged as 'State X': the title words go to the role.
            span, spacy_label = named, "PERSON"
            folded = fold(_text(span))
        else:
            spacy_label = ent.label_
        if folded in title_word_set():
            continue  # 'State' cut out of 'Secretary of State'
        label = _label(span, spacy_label, surnames, person_names)
        if label is None:
            continue
        if label == "NORP" and any(r.start <= span.start_char and span.end_char < r.end - len(r.name) for r in roles):
            continue  # 'Eurasian' in 'Undersecretary for European and Eurasian Affairs X' is part of a title
        if label in {"PERSON", "ORG"} and folded not in person_names and _heads_product_noun(span):
            continue
        if (label != "PERSON" or folded in news_outlets()) and _is_outlet(span) and not _acts_on_its_own(span):
            continue
        kept.append((span, label))
        mentions.append(
            EntityMention(
                text=_text(span), label=label, start=span.start_char, end=span.end_char, sentence=starts[span.sent.start]
            )
        )
        covered.update(range(span.start_char, span.end_char))
    mentions.extend(_names_only_roles_found(doc, roles, covered, mentions))
    decided = _type_by_context(doc, kept, {fold(r.name) for r in roles})
    for m in mentions:
        m.label = decided.get(fold(m.text), m.label)
    # '…," said Smith' tagged ORG where 'Jane Smith' is a person: a lone word that ends a
    # person's full name in the same article is that person's surname.
    surnames_here = {
        fold(m.text).split()[-1] for m in mentions
        if m.label == "PERSON" and len(words := m.text.split()) >= 2
        and not (is_known_place(words[0]) or country_of(words[0]))  # a club named after its city, tagged PERSON
    }
    for m in mentions:
        if m.label == "ORG" and " " not in m.text and fold(m.text) in surnames_here and fold(m.text) not in org_words():
            m.label = "PERSON"
    return sorted(mentions, key=lambda m: m.start)


def _names_only_roles_found(doc: Doc, roles, covered: set[int], mentions: list[EntityMention]) -> list[EntityMention]:
    """People the NER missed or mislabelled but a title names: 'Director of Y Jane Doe'."""
    extra = []
    for role in roles:
        name_start = role.start + (doc_text(doc)[role.start : role.end].rfind(role.name))
        name_end = name_start + len(role.name)
        overlapping = [m for m in mentions if m.start < name_end and name_start < m.end]
        for m in [m for m in overlapping if m.start < name_start and m.label != "PERSON"]:
            # 'the Ministry of Industry and Trade Jane Doe' tagged as one organisation: split it.
            overlapping.remove(m)
            head = doc_text(doc)[m.start : name_start].rstrip(" ,")
            if set(fold(head).split()) - title_word_set() - {"of", "the", "and", "for"}:
                m.text, m.end = head, m.start + len(head)
            else:
                mentions.remove(m)
        for m in overlapping:
            m.label = "PERSON"
        if overlapping and any(m.start <= name_start and m.end >= name_end for m in overlapping):
            continue
        for m in overlapping:
            mentions.remove(m)
        extra.append(EntityMention(text=role.name, label="PERSON", start=name_start, end=name_end, sentence=role.sentence))
    return extra
