"""Direct and reported quotes, with the speaker resolved to a name written in the text.

Handles curly and straight marks, a closing mark misplaced before the comma (``, ”X said``), a
quote running over several paragraphs (opened on each, closed only on the last) and a quote that
is never closed. 'The expert said' and 'he said' resolve to the nearest named person before.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..model import QuoteMention
from .docs import doc_text, entities, sentence_index, sentences, tokens
from .gazetteer import fold, org_context, org_words, proxy_nouns, reporting_verbs, speaker_nouns, title_heads
from .mentions import _is_outlet, entity_mentions
from .roles import role_mentions

_OPEN = "“«\""
_CLOSE = "”»\""
_PRONOUNS = {"he", "she", "they"}
_MIN_QUOTE_CHARS = 25  # shorter quoted bits are scare quotes or names ("concern", "Falcon")


def _next_of(text: str, marks: str, start: int) -> int | None:
    found = [i for i in (text.find(m, start) for m in marks) if i >= 0]
    return min(found) if found else None


def _reopens(text: str, j: int) -> bool:
    """A straight mark at *j* that opens rather than closes, right after a full sentence, inside a
    straight quote: the text lost the line break of a quote running over paragraphs, each opened
    and only the last closed ('…move more quickly. "This is about…'), so the quote goes on. A mark
    with a space before it and a word after it cannot close a quote."""
    before = text[max(0, j - 3) : j]
    after = text[j + 1 : j + 2]
    return bool(re.search(r"[.!?]\s+$", before)) and after != "" and (after.isalnum() or after in "'‘(")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted passages, inner text only."""
    spans = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN and (ch != '"' or i == 0 or not text[i - 1].isalnum()):
            j = i + 1
            depth_close = None
            while j < n:
                c = text[j]
                if c in _CLOSE and c != "“":
                    if ch == '"' and _reopens(text, j):
                        j += 1  # '…quickly. "This is…': a paragraph of the same quote, joined to the last
                        continue
                    depth_close = j
                    break
                # A new paragraph that opens with a mark continues the quote; one that does not ends it.
                if c == "\n":
                    k = j
                    while k < n and text[k].isspace():
                        k += 1
                    if k < n and text[k] in _OPEN:
                        j = k + 1
                        continue
                    # A curly quote may run on over paragraphs that open with no mark at all, up to a
                    # closing mark that comes before any new opening one.
                    if ch != '"' and (close := _next_of(text, "”»", j)) is not None and close < (_next_of(text, "“«", j) or n):
                        depth_close = close
                        break
                    depth_close = j
                    break
                j += 1
            end = depth_close if depth_close is not None else n
            if end - i - 1 >= _MIN_QUOTE_CHARS:
                spans.append((i + 1, end))
            i = end + 1
        else:
            i += 1
    return spans


def _in_quote(token: Token, quoted: list[tuple[int, int]]) -> bool:
    return any(s <= token.idx < e for s, e in quoted)


def _verb_after(doc: Doc, end: int, quoted: list[tuple[int, int]] = ()) -> Token | None:
    after = doc.char_span(end, min(len(doc_text(doc)), end + 120), alignment_mode="expand")
    if after is None:
        return None
    sent_end = after[0].sent.end
    for token in after[:14]:  # past "Jane Doe, an analyst at Acme," to "told"
        # A verb inside the next quotation is its words, not this one's reporting verb ('…," "We think…').
        if token.i >= sent_end or (token.text in _OPEN and token.i > after.start + 1) or _in_quote(token, quoted):
            break
        if token.lemma_ in reporting_verbs() and token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def _verb_before(doc: Doc, start: int) -> Token | None:
    before = doc.char_span(max(0, start - 160), max(0, start - 1), alignment_mode="expand")
    if before is None:
        return None
    for token in reversed(list(before)):
        if token.text in _CLOSE or token.text == "\n" or "\n" in token.text:
            break
        if token.lemma_ in reporting_verbs() and token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def _speech_verb_near(doc: Doc, start: int, end: int, quoted: list[tuple[int, int]] = ()) -> Token | None:
    """The reporting verb of a quote: 'X said: “…”' before it, or '“…,” X said' after it."""
    lead_in = doc_text(doc)[max(0, start - 3) : start - 1].strip()
    if lead_in.endswith((":", ",")):
        return _verb_before(doc, start) or _verb_after(doc, end, quoted)
    return _verb_after(doc, end, quoted) or _verb_before(doc, start)


def _subject_of(verb: Token) -> Token | None:
    if verb.lemma_ == "say" and verb.dep_ == "pcomp" and verb.head.head.lemma_ == "quote":
        verb = verb.head.head  # 'the channel quoted the minister as saying'
    if verb.lemma_ == "quote":
        # The one quoted is the object; the subject is the outlet that carries the words.
        for child in verb.children:
            if child.dep_ == "dobj" and not _is_outlet(child):
                return child
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    if verb.dep_ in {"advcl", "xcomp", "pcomp"} and verb.head.i != verb.i:
        return _subject_of(verb.head)
    return None


def _name_span(token: Token) -> Span:
    """The whole name a token belongs to: 'Lagarde' → 'Christine Lagarde' when tagged together."""
    if token.ent_type_:
        for ent in entities(token.doc):
            if ent.start <= token.i < ent.end:
                return ent
    left = token.i
    while left > 0 and token.doc[left - 1].dep_ == "compound" and token.doc[left - 1].pos_ == "PROPN":
        left -= 1
    return token.doc[left : token.i + 1]


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_HONORIFIC_GENDER = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
    "miss": "f", "dame": "f", "lady": "f", "madam": "f",
}


def _gender_key(name: str) -> str:
    words = fold(name).split()
    return words[-1] if words else ""


def _genders(doc: Doc, people, quoted: list[tuple[int, int]]) -> dict[str, str]:
    """Surname → 'm' or 'f', from what the text itself shows: an honorific before the name ('Ms
    Okafor', 'Mr Lloyd-Webb'), or the he/she/his/her that follows a person named as the subject
    of a clause, before anyone else is named ('Ms Okafor said she was proud'). Names with both
    kinds of evidence are left out."""
    seen: dict[str, set[str]] = {}
    names = {_gender_key(p.text) for p in people}
    for token in tokens(doc):
        if token.lower_ in _HONORIFIC_GENDER and token.i + 1 < len(doc):
            # 'Mr Lloyd-Webb' is several tokens: take the word up to the next space.
            key = _gender_key(doc_text(doc)[doc[token.i + 1].idx :].split()[0])
            if key in names:
                seen.setdefault(key, set()).add(_HONORIFIC_GENDER[token.lower_])
    for person in people:
        span = doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None or span.root.dep_ != "nsubj":
            continue
        for token in doc[span.end : span.sent.end]:
            if token.ent_type_ == "PERSON" or any(s <= token.idx < e for s, e in quoted):
                break
            if token.lower_ in _PRONOUN_GENDER:
                seen.setdefault(_gender_key(person.text), set()).add(_PRONOUN_GENDER[token.lower_])
                break
    return {key: kinds.pop() for key, kinds in seen.items() if len(kinds) == 1}


class _Resolver:
    """Resolves 'he', 'the expert' and 'the head of Y' to a person named earlier in the document."""

    def __init__(self, doc: Doc, quoted: list[tuple[int, int]]):
        self.roles = role_mentions(doc)
        self.people = [
            m for m in entity_mentions(doc)
            if m.label == "PERSON" and not any(s <= m.start < e for s, e in quoted)
        ]
        self.last_speaker: str | None = None
        self.last_speaker_at = -1
        self.speakers: list[tuple[int, str]] = []  # (offset, name) of every quote's speaker so far
        self.spoken_for: set[str] = set()  # organisations an unnamed spokesman has spoken for
        self.sentences = list(sentences(doc))
        self.sentence_of = {i: k for k, sent in enumerate(self.sentences) for i in range(sent.start, sent.end)}
        self.genders = _genders(doc, self.people, quoted)
        # People named as the subject of a reporting verb (or in apposition to one): (name, end offset).
        self.subjects = []
        for person in self.people:
            span = doc.char_span(person.start, person.end, alignment_mode="expand")
            root = span.root if span is not None else None
            if root is not None and root.dep_ == "appos":
                root = root.head
            if root is not None and root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in reporting_verbs():
                self.subjects.append((person.text, person.end))

    def is_surname(self, word: str) -> bool:
        return any(_gender_key(p.text) == fold(word) for p in self.people)

    def name_in_role(self, token: Token) -> str | None:
        for role in self.roles:
            if role.start <= token.idx < role.end:
                return role.name
        return None

    def by_noun(self, noun: str, position: int) -> str | None:
        for role in reversed(self.roles):
            if role.start < position and noun in role.role.lower().split():
                return role.name
        return None

    def by_role(self, noun: str, owner: str, position: int) -> str | None:
        """The person named before *position* with a role of *noun* and *owner* ('Acme leader X')."""
        for role in reversed(self.roles):
            words = fold(role.role).split()
            if role.start < position and noun in words and fold(owner) in fold(f"{role.role} {role.affiliation or ''}"):
                return role.name
        return None

    def speaks_for(self, organisation: str, noun: Token) -> str:
        """*organisation*, for whom an unnamed *noun* spoke; remembered when that is a spokesman,
        a person the text may go on to call 'the spokesman' or 'he' (not 'the X leader')."""
        if noun.lemma_.lower().startswith("spokes"):
            self.spoken_for.add(organisation)
        return organisation

    def heard(self, name: str, position: int) -> None:
        self.last_speaker, self.last_speaker_at = name, position
        self.speakers.append((position, name))

    def agrees(self, name: str, pronoun: str | None) -> bool:
        """'he' cannot be someone the text shows is a woman ('Ms X', 'X said she…'), nor 'she' a man."""
        wanted = _PRONOUN_GENDER.get(pronoun or "")
        known = self.genders.get(_gender_key(name))
        return wanted is None or known is None or known == wanted

    def nearest(self, position: int, pronoun: str | None = None) -> str | None:
        before = [p for p in self.people if p.end <= position and self.agrees(p.text, pronoun)]
        return before[-1].text if before else None

    def main_subject(self, k: int, pronoun: str, depth: int = 0) -> str | None:
        """The person who is the subject of sentence *k*'s main verb, when gender allows; a he/she
        subject there passes the question to the sentence before ('Mr X was still able to appear on
        the show. He told reporters…')."""
        if k < 0 or depth > 2:
            return None
        root = self.sentences[k].root
        subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            return None
        if subject.lower_ == pronoun:
            return self.main_subject(k - 1, pronoun, depth + 1)
        named = next((c for c in subject.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
        token = named if named is not None else subject
        person = next((p for p in self.people if p.start <= token.idx < p.end), None)
        return person.text if person is not None and self.agrees(person.text, pronoun) else None

    def is_person(self, name: str) -> bool:
        """A person named in the text, or an organisation whose unnamed spokesman spoke."""
        if name in self.spoken_for:
            return True
        key = _gender_key(name)
        return any(p.text == name or _gender_key(p.text) == key for p in self.people)

    def latest_speaker(self, position: int, pronoun: str | None = None, person: bool = False) -> str | None:
        """Who 'he' or 'she' most likely is: the last person of that gender to speak, quoted or
        reported, before *position*, not merely the last one named ('X said he was glad to see the
        back of Y. “…,” he said'; 'Ms X said she was proud… On Thursday, he told…' is not Ms X)."""
        candidates = [(at, name) for at, name in self.speakers if at <= position]
        candidates += [(end, name) for name, end in self.subjects if end <= position]
        # 'the executive' is a person: an organisation that spoke last is not them. ('He' is left
        # free: the small model tags some people as organisations, and 'an EU spokesman… He added'.)
        for _, name in sorted(candidates, reverse=True):
            if self.agrees(name, pronoun) and (not person or self.is_person(name)):
                return name
        return self.nearest(position, pronoun)


def _speaker(doc: Doc, verb: Token, quote_start: int, resolver: _Resolver) -> str | None:
    subject = _subject_of(verb)
    if subject is None:
        return None
    named = resolver.name_in_role(subject)
    if named:
        return named
    appos = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if appos is not None:
        return _name_span(appos).text.strip()
    position = min(quote_start, subject.idx)
    if subject.lower_ in _PRONOUNS:
        # Centering: a he/she opening a sentence most often continues the subject of the one before.
        k = resolver.sentence_of[subject.i]
        if subject.lower_ in {"he", "she"} and subject.i - subject.sent.start <= 3:
            continued = resolver.main_subject(k - 1, subject.lower_)
            if continued:
                return continued
        return resolver.latest_speaker(position, subject.lower_)
    if subject.pos_ == "NOUN" and subject.lemma_.lower() in speaker_nouns():
        # 'A spokesman for Acme said', 'Acme officials argue': unnamed, they speak for the organisation.
        owner = next((c for c in subject.children if c.dep_ in {"compound", "poss"} and c.pos_ == "PROPN"), None)
        if owner is not None and owner.ent_type_ in {"ORG", "GPE", "NORP"}:
            # 'the Acme leader said' is the person named earlier as 'Acme leader X', when there is one.
            holder = resolver.by_role(subject.lemma_.lower(), owner.text, position)
            return holder or resolver.speaks_for(re.sub(r"^the\s+", "", _name_span(owner).text.strip(), flags=re.I), subject)
        for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ in {"for", "of", "at"}):
            named = next((o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None)
            if named is not None:
                return resolver.speaks_for(re.sub(r"^the\s+", "", _name_span(named).text.strip(), flags=re.I), subject)
        if subject.tag_ == "NNS":
            return None  # 'analysts believe', 'officials say': a group nobody names
        if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in subject.children):
            return None  # 'A senior source at the club told the BBC': someone new, and unnamed
        return resolver.by_noun(subject.lemma_.lower(), position) or resolver.latest_speaker(position)
    if subject.lemma_.lower() in _speech_documents():
        # 'the statement said': a text speaks for its owner ('the club's statement', 'a report by X'),
        # never for the last person named.
        owners = [c for c in subject.children if c.dep_ in {"compound", "poss"} and c.pos_ == "PROPN"]
        owner = owners[-1] if owners else None  # the word next to the noun: 'the Sunday Telegraph report'
        if owner is None:
            for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}):
                owner = next((o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), owner)
        return re.sub(r"^the\s+", "", _name_span(owner).text.strip(), flags=re.I) if owner is not None else None
    if _person_description(subject):
        # 'The former minister added: "…"': a definite description points back to who spoke last.
        return resolver.latest_speaker(position, person=True)
    if subject.lower_ in title_heads() and any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children) and not any(
        c.dep_ in {"compound", "amod", "poss", "prep"} for c in subject.children
    ):
        # 'The MEP said', 'the Senator added': a bare title with 'the' points back to a person named before.
        return (resolver.main_subject(resolver.sentence_of[subject.i] - 1, None) or resolver.by_noun(subject.lower_, position)
                or resolver.latest_speaker(position, person=True))
    # The small model tags a sentence-initial surname ('Palmer added:') as a singular common noun;
    # a capitalised first word that is no one's surname is just a noun ('Speculation suggests that').
    if subject.text[:1].isupper() and (subject.pos_ == "PROPN" or subject.tag_ == "NN"):
        if subject.pos_ != "PROPN" and not subject.ent_type_ and not resolver.is_surname(subject.text):
            return None
        return _name_span(subject).text.strip()
    return None


@lru_cache(maxsize=1)
def _speech_documents() -> frozenset[str]:
    text = (resources.files("briefgen") / "data" / "speech_documents.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _person_description(subject: Token) -> bool:
    """'the former minister', 'the veteran striker': 'the', a singular common noun that names no
    organisation (data/org_context.json descriptors, data/org_words.txt, proxies such as 'the
    board'), and no name, owner or clause of its own."""
    word = subject.lemma_.lower()
    descriptors, _ = org_context()
    return (
        subject.pos_ == "NOUN" and subject.tag_ == "NN"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
        and word not in descriptors | org_words() | proxy_nouns()
        and not any(c.dep_ in {"compound", "poss", "prep", "relcl", "acl", "appos"} and (c.pos_ == "PROPN" or c.dep_ != "compound")
                    for c in subject.children)
    )


def _said_after(clause: Token, verb: Token) -> bool:
    """The words follow the verb ('X said that …'), or end in a quotation mark before it ('…,” X said')."""
    if clause.left_edge.i > verb.i:
        return True
    between = clause.doc[clause.right_edge.i + 1 : verb.i]
    return any(t.text in _CLOSE for t in between)


def _reported(doc: Doc, starts: dict[int, int], quoted: list[tuple[int, int]], resolver: _Resolver) -> list[QuoteMention]:
    """'X said that ...': a reporting verb with a named subject and a clause as its complement."""
    found = []
    for token in tokens(doc):
        if token.lemma_ not in reporting_verbs() or token.pos_ != "VERB":
            continue
        # What was said follows the verb ('X said that ...') and is a clause, not a fragment.
        clause = next((c for c in token.children if c.dep_ == "ccomp" and _said_after(c, token)), None)
        if clause is None or not any(t.pos_ in {"VERB", "AUX"} for t in clause.subtree):
            continue
        span = doc[clause.left_edge.i : clause.right_edge.i + 1]
        if any(s - 1 <= span.end_char and span.start_char <= e for s, e in quoted) or len(span.text) < _MIN_QUOTE_CHARS:
            continue
        speaker = _speaker(doc, token, token.idx, resolver)
        if speaker is None:
            continue
        found.append(
            QuoteMention(
                speaker=speaker,
                cue=token.text,
                text=span.text.strip(),
                start=span.start_char,
                end=span.end_char,
                sentence=starts[span.sent.start],
                direct=False,
            )
        )
    return found


def quote_mentions(doc: Doc) -> list[QuoteMention]:
    """Direct quotes (in quotation marks) and reported speech, each with speaker and cue verb."""
    starts = sentence_index(doc)
    text = doc_text(doc)
    quoted = _quote_spans(text)
    resolver = _Resolver(doc, quoted)
    found: list[QuoteMention] = []
    for start, end in quoted:
        inner = text[start:end]
        # The seeds' misplaced closing mark ', ”X said' leaves the comma inside: trim it.
        stripped = re.sub(r"[\s,]+$", "", inner)
        lead = len(inner) - len(inner.lstrip())
        text_start, text_end = start + lead, start + len(stripped)
        if text_end <= text_start:
            continue
        verb = _speech_verb_near(doc, text_start, end, quoted)
        speaker = _speaker(doc, verb, text_start, resolver) if verb is not None else None
        if speaker:
            resolver.heard(speaker, text_start)
        first = doc.char_span(text_start, text_end, alignment_mode="expand")
        if first is None:
            continue
        found.append(
            QuoteMention(
                speaker=speaker,
                cue=verb.text if verb is not None else None,
                text=re.sub(r"\s*\n\s*[“\"«]?|(?<=[.!?])\s+\"(?=[\w'‘(])", " ", text[text_start:text_end]).strip(),
                start=text_start,
                end=text_end,
                sentence=starts[first[0].sent.start],
                direct=True,
            )
        )
    reported = _reported(doc, starts, quoted, resolver)
    # 'X said he believed that Y': the clause of 'believed' lies inside the clause of 'said', and the
    # same person says it; it is one quote, not two.
    found.extend(
        q for q in reported
        if not any(o is not q and o.speaker == q.speaker and o.start <= q.start and q.end <= o.end for o in reported)
    )
    return sorted(found, key=lambda q: q.start)
