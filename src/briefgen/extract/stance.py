"""Stance cues: sentences in which an entity does or says something that bears on a position.

A cue word from the lexicon in ``data/stance_cues.json`` gives a direction (+1 pushes the matter
forward, -1 pushes against it); negation and verbs such as 'refuse' or 'stop' turn it round. The
dependency parse decides who holds it: the agent of 'sanction' opposes; its patient is only noted
(``actor_stance`` reads a patient of opposition as a party pushing the matter). A directive verb
('demand', 'urge', 'call on') gives its subject the direction of the act it asks for, not the one
asked. Whoever is quoted or reported saying a cue holds it too: fully when they speak of
themselves or of no one named, by half when they report what a named third party does.
``actor_stance`` weighs one actor's cues across sources, keeping those that bear on the issue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from difflib import SequenceMatcher
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..config import StanceOverride
from ..model import Analysis, Citation, CitedSentence, EntityMention, QuoteMention, Stance, StanceCue
from .docs import doc_text, sentence_index, sentences as doc_sentences, tokens
from .gazetteer import data_mapping, fold, org_context, reporting_verbs, speaker_nouns, stance_lexicon, strip_article
from .issue import relevance, stems
from .quotes import _Resolver, quote_mentions

_NEGATORS = {"not", "never", "no", "n't", "without", "nor"}
_FIRST_PERSON = {"i", "we", "us", "me", "our", "my"}
_ANAPHORS = {"this", "that", "it", "which"}
_MAX_EVIDENCE = 3
_THIRD_PARTY = 0.5  # a speaker reporting what someone else named does
_PATIENT = 0.5  # the target of opposition is taken to push the matter, by half
_MIN_EVIDENCE = 0.5  # less weighed evidence than this is 'unknown'
_OWNER = 1.0  # the issue names the actor as the one acting ('X's takeover of Y')
_ACQUIRING = {"takeo", "acqui", "purch", "bid", "buyou", "merge"}  # matters where a rival bid exists
_LEAN = 0.7  # share of the weight one way needed for 'support' or 'oppose'; between is 'mixed'


@lru_cache(maxsize=8)
def _words(key: str) -> frozenset[str]:
    """A closed word class from ``data/stance_words.json``: reversers, directives, proxies."""
    return frozenset(data_mapping("stance_words.json")[key])


def _negated(token: Token) -> bool:
    before = [t.lower_ for t in token.doc[max(0, token.i - 3) : token.i] if t.pos_ != "AUX" and t.lower_ != "to"]
    if before[-2:] in (["rather", "than"], ["instead", "of"]):
        return True  # 'buy back its shares rather than buy the rival'
    if any(child.dep_ == "neg" or child.lower_ in _NEGATORS for child in token.children):
        return True
    head = token.head
    # 'does not intend to buy', 'will not be able to supply': negation on the governing verb.
    if head.i == token.i or not any(c.dep_ == "neg" for c in head.children):
        return False
    if token.dep_ == "dobj":
        # 'would not place any restrictions', 'did not make an offer': a verb that only carries out the
        # noun's act passes its negation on; 'would not change its approach' says nothing of the approach.
        return head.lemma_.lower() in _words("light_verbs") | _words("imposing")
    # Not across a clause ('do not forget that X threatened' still reports a threat).
    return token.dep_ in {"xcomp", "acomp"}


def _disclaimed(token: Token) -> bool:
    """'these measures are not intended to undermine X', 'X is not required to impose sanctions': an
    opposing act denied through a passive verb of purpose or obligation is disowned, not reversed;
    not being meant to harm the matter is no support for it."""
    head = token.head
    return (token.dep_ == "xcomp" and head.i != token.i and any(c.dep_ == "neg" for c in head.children)
            and any(c.dep_ in {"auxpass", "nsubjpass"} for c in head.children))


def _reversed(token: Token) -> bool:
    """'refuse to buy', 'stop supplying', 'the rejection of X is impossible'."""
    head = token.head
    if head.i == token.i:
        return False
    if token.dep_ in {"xcomp", "pobj", "pcomp", "dobj"} and head.lemma_.lower() in _words("reversers"):
        return True
    if token.dep_ == "pobj" and head.lower_ in {"at", "from", "on"} and head.head.lemma_.lower() in _words("reversers"):
        return True  # 'stop at the decision to ...', 'refrain from buying'
    # 'X is impossible' / 'X is out of the question': a reversing predicate of the cue noun.
    if token.dep_ in {"nsubj", "csubj"}:
        return any(c.dep_ in {"acomp", "attr"} and c.lemma_.lower() in _words("reversers") for c in head.children)
    return False


def _cue_weight(token: Token, lexicon: Mapping[str, float]) -> float | None:
    lemma = token.lemma_.lower()
    particles = [c.lower_ for c in token.children if c.dep_ in {"prt", "prep", "advmod"}]
    for particle in particles:  # 'back down', 'pull out', 'go ahead', 'vote against'; 'buy back' is 0
        if f"{lemma} {particle}" in lexicon:
            return lexicon[f"{lemma} {particle}"] or None
    if token.pos_ not in {"VERB", "NOUN", "ADJ"}:
        return None
    if token.pos_ != "VERB" and lemma in _words("verbs_only"):
        return None  # 'glad to see the back of him' is no backing
    if token.pos_ == "VERB" and lemma in _words("nouns_only"):
        return None  # 'the opportunity offered by' is no offer; 'an offer for X' is
    return lexicon.get(lemma)


def _entity_at(position: int, entities: list[EntityMention]) -> EntityMention | None:
    return next((e for e in entities if e.start <= position < e.end), None)


def _holder(token: Token, entities: list[EntityMention]) -> EntityMention | None:
    """The entity covering *token* or naming its owner ('the French side', 'EU sanctions')."""
    hit = _entity_at(token.idx, entities)
    if hit:
        return hit
    for child in token.children:  # 'the fan group Acme Holders': the apposition names the noun
        if child.dep_ == "appos" and (hit := _entity_at(child.idx, entities)):
            return hit
    if token.pos_ == "NOUN" and token.lemma_.lower() not in _words("proxies") and _sign(token) == 0:
        return None  # 'Smith's backers', 'French state media' are not Smith, not the state
    if token.lemma_.lower() in _words("acquiring"):
        return None  # 'opposed the Acme bid': Acme is what is bid for, not who is opposed
    for child in token.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"}:
            hit = _entity_at(child.idx, entities)
            if hit:
                return hit
    for child in token.children:  # 'the leaders of the party', 'the board of the exchange'
        if child.dep_ == "prep" and child.lower_ == "of" and token.lemma_.lower() in _words("proxies"):
            for obj in child.children:
                if obj.dep_ == "pobj" and (hit := _entity_at(obj.idx, entities)):
                    return hit
    return None


def _subjects(verb: Token) -> list[Token]:
    """Subjects of *verb*, through control ('X plans to buy', 'X is required to impose') and
    coordination ('X signed and delivered')."""
    node = verb
    for _ in range(4):
        found = [c for c in node.children if c.dep_ in {"nsubj"}]
        if found:
            # 'The EU and the UN are opposed': every conjoined subject.
            return found + [c for f in found for c in f.children if c.dep_ == "conj"]
        if node.dep_ == "xcomp" and node.head.i != node.i:
            node = node.head
            passive = [c for c in node.children if c.dep_ == "nsubjpass"]
            if passive and node.lemma_.lower() not in _words("directives"):
                return passive  # 'the president is required to impose'
            continue
        if node.dep_ == "conj" and any(c.dep_ == "nsubjpass" for c in node.children):
            break  # 'X withdrew, and Y was sold to Z': the passive conjunct has a subject of its own
        if node.dep_ in {"conj", "acomp"} and node.head.i != node.i:
            node = node.head  # 'X signed and delivered'; 'X is strongly opposed to'
            continue
        if node.dep_ == "acl" and (owner := [c for c in node.head.children if c.dep_ == "poss"]):
            return owner  # 'the board's decision to suspend talks'
        if node.dep_ in {"advcl", "relcl", "acl"} and any(c.lower_ == "to" and c.dep_ == "aux" for c in node.children):
            node = node.head  # 'X manufactured a case to stop the sale'
            if node.dep_ in {"dobj", "attr"}:
                node = node.head  # 'X is the latest shareholder to express concern': X, through the copula
            continue
        if node.dep_ == "acl" and node.head.dep_ == "dobj":
            node = node.head.head  # 'the Senate passed a bill prohibiting ...'
            continue
        break
    return []


def _by_agent(verb: Token) -> list[Token]:
    return [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]


def _agents_and_patients(cue: Token, entities: list[EntityMention]) -> tuple[list[EntityMention], list[EntityMention]]:
    agents: list[EntityMention] = []
    patients: list[EntityMention] = []

    def add(into: list[EntityMention], token: Token) -> None:
        holder = _holder(token, entities)
        if holder and holder not in into:
            into.append(holder)

    if cue.pos_ == "VERB":
        for subject in _subjects(cue) + _by_agent(cue):
            if subject.head.lemma_.lower() in _words("directives") and subject.head.i != cue.i:
                continue  # 'urged Paris to cancel': Paris is asked, it does not hold it
            add(agents, subject)
        for child in cue.children:
            if child.dep_ in {"dobj", "nsubjpass", "dative"}:
                add(patients, child)
            elif child.dep_ == "prep" and child.lower_ in {"against", "on", "to", "with"}:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        add(patients, obj)
    else:  # a cue noun or adjective
        acquiring = cue.lemma_.lower() in _words("acquiring")
        for child in cue.children:
            if acquiring and child.dep_ in {"compound", "nmod"}:
                continue  # 'the Acme bid' is a bid for Acme (its target), not one Acme makes
            elif child.dep_ in {"poss", "compound", "amod", "nmod"}:
                add(agents, child)  # 'Berlin's sanctions', 'EU sanctions'
            elif child.dep_ == "prep" and (
                child.lower_ == "by" or (child.lower_ == "from" and cue.lemma_.lower() not in _words("separations"))
            ):
                for obj in child.children:
                    add(agents, obj)  # 'threats from X', not 'expulsion from X'
            elif child.dep_ == "prep" and child.lower_ == "of" and _sign(cue) < 0:
                for obj in child.children:
                    add(agents, obj)  # 'the pressure of Berlin'
            elif child.dep_ == "prep" and child.lower_ in {"against", "on", "to"}:
                for obj in child.children:
                    add(patients, obj)
        if cue.dep_ == "dobj" and cue.head.lemma_.lower() in _words("expressing"):
            agents = []  # 'X announced the concern of the German side': X holds it
            for subject in _subjects(cue.head):
                add(agents, subject)
        if not agents:
            verb = None
            if cue.dep_ in {"dobj", "attr"}:
                verb = cue.head  # 'X imposed sanctions', 'X signed the agreement'
            elif cue.dep_ == "pobj" and cue.head.lower_ == "for" and cue.head.head.pos_ == "VERB" and cue.head.i == cue.head.head.i + 1:
                verb = cue.head.head  # 'parliament called for sanctions', not '… for the acquisition'
            elif cue.dep_ == "acomp":
                verb = cue.head  # 'investors are opposed'
            if verb is not None and verb.lemma_.lower() in _words("undergoing"):
                verb = None  # 'the club received an approach', 'X faces sanctions': not X's own act
            if verb is not None and (verb.lemma_.lower() not in reporting_verbs() or verb.lemma_.lower() in _words("expressing")):
                for subject in _subjects(verb):
                    add(agents, subject)
    return agents, [p for p in patients if p not in agents]


def _governed(token: Token, lexicon: Mapping[str, float]) -> bool:
    """A cue noun that is the object or topic of another cue ('criticised the agreement', 'sanctions
    for the acquisition', 'signed a contract'): the governing cue speaks for the holder."""
    if token.pos_ != "NOUN" or token.lemma_.lower() in _words("acquiring"):
        return False  # a bid is the act itself, whatever verb launches it
    node = token
    for _ in range(3):
        if node.head.i == node.i or node.dep_ in {"nsubj", "nsubjpass", "ROOT", "ccomp", "advcl", "conj"}:
            return False
        node = node.head
        if node.dep_ == "prep" and node.lower_ not in {"of", "for", "to", "against", "on", "over", "with", "from"}:
            return False  # 'abandon it despite threats': the threats are an act of their own
        if node.pos_ in {"VERB", "NOUN"} and _cue_weight(node, lexicon) is not None:
            return True
        if node.pos_ == "VERB":
            return False
    return False


def _target(cue: Token) -> str | None:
    """What the cue is done to, as written: its object, its passive subject, or the object of
    'against', 'on', 'for', 'of', 'over', 'to', 'with' ('sanctions against Chile', 'a bid for Acme')."""
    preps = ["against", "on", "for", "over", "regarding", "about", "concerning", "to", "with", "of"]
    if _sign(cue) < 0 and cue.pos_ == "NOUN":
        preps.remove("of")  # 'the pressure of Berlin': its agent, not its target
    found = None
    for child in cue.children:
        if child.dep_ in {"dobj", "nsubjpass", "dative"}:
            found = child
            break
    if found is None:
        for child in cue.children:
            if child.dep_ == "prep" and child.lower_ in preps and child.lower_ != "from":
                found = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
                if found is not None:
                    break
    if found is None:
        return None
    span = cue.doc[found.left_edge.i : found.right_edge.i + 1]
    return span.text[:120]


def _background(token: Token) -> bool:
    """A cue in a clause that only sets the time ('after X launched a bid', 'before it was sold')
    or the speaker's own loss told in the passive ('our assets were seized'): no position of the speaker."""
    node = token
    for _ in range(5):
        if any(c.dep_ == "mark" and c.lower_ in _words("time_marks") for c in node.children):
            return True
        if node.head.i == node.i or node.dep_ in {"ccomp", "ROOT"} or node.head.lemma_ in reporting_verbs():
            break
        node = node.head
    passive = [c for c in token.children if c.dep_ == "nsubjpass"]
    return bool(passive) and any(t.lower_ in _FIRST_PERSON | {"it", "its", "they", "their"} for t in passive[0].subtree)


def _topic(token: Token) -> bool:
    """A cue noun with no agent of its own, in a prepositional phrase or as a subject, names the
    matter ('for the acquisition', 'the bid undervalued the business'), and so does a verb giving a
    reason ('sanctions for buying the system'): nobody's act, and no position of whoever reports it."""
    if token.pos_ == "VERB" and token.dep_ == "pcomp":
        return token.head.lower_ in {"for", "over", "about", "despite", "against"}  # 'sanctions for buying it'
    if token.pos_ == "NOUN" and token.dep_ == "dobj":
        return token.head.lemma_.lower() in _words("undergoing")  # 'they had received an approach'
    return token.pos_ == "NOUN" and token.dep_ in {"pobj", "nsubj", "nsubjpass", "compound"}


def _leaves_a_contest(token: Token) -> bool:
    """'withdrew from the auction', 'pulled out of the race': a contender leaving a contest
    (data/stance_words.json "contests") no longer takes part; that is no side on what it decides."""
    return any(
        c.dep_ == "prep" and c.lower_ in {"from", "of"}
        and any(o.dep_ == "pobj" and o.lemma_.lower() in _words("contests") for o in c.children)
        for c in token.children
    )


_PARTS = {"unit", "subsidiary", "arm", "division", "affiliate", "asset"}


def _owners(doc: Doc, entities: list[EntityMention]) -> dict[str, str]:
    """Organisations the text makes a part of another: 'its key X unit' (its: the organisation
    named before it in the sentence), 'Y's main production arm, X', 'the X unit of Y', 'X, a
    subsidiary of Y'. Name → owner, as written."""
    found: dict[str, str] = {}

    def named(token: Token) -> EntityMention | None:
        return _entity_at(token.idx, entities)

    for e, span in _organisation_spans(doc, entities):
        root = span.root
        part = None
        if root.dep_ == "compound" and root.head.lemma_.lower() in _PARTS:
            part = root.head  # 'its key X unit', 'the X unit of Y'
        elif root.dep_ == "appos" and root.head.lemma_.lower() in _PARTS:
            part = root.head  # "Y's main production arm, X"
        elif any(c.dep_ == "appos" and c.lemma_.lower() in _PARTS for c in root.children):
            part = next(c for c in root.children if c.dep_ == "appos" and c.lemma_.lower() in _PARTS)  # 'X, a unit of Y'
        if part is None:
            continue
        owner = None
        for c in part.children:
            if c.dep_ == "poss" and c.lower_ in {"its", "their"}:
                before = [m for m in entities if m.label == "ORG" and m.end <= c.idx and m.start >= span.sent.start_char
                          and m.text != e.text]
                owner = before[0] if before else None
            elif c.dep_ == "poss":
                owner = named(c)
            elif c.dep_ == "prep" and c.lower_ == "of":
                owner = next((named(o) for o in c.children if o.dep_ == "pobj" and named(o)), None)
            if owner is not None:
                break
        if owner is not None and owner.text != e.text:
            found.setdefault(e.text, owner.text)
    return found


def _with_owner(target: str | None, owners: Mapping[str, str]) -> str | None:
    """'Globex' → 'Globex (of Acme)' when the text makes it a part of Acme, so that an act aimed
    at a part counts as aimed at the whole ('a bid for X', X being the issue's company's unit)."""
    if not target:
        return target
    extra = [owner for name, owner in owners.items() if name in target and owner not in target]
    return f"{target} (of {', '.join(extra)})" if extra else target


def _light(token: Token, lexicon: Mapping[str, float]) -> bool:
    """A light verb whose object carries the act ('launch a bid', 'make an offer'): the object counts."""
    return token.pos_ == "VERB" and token.lemma_.lower() in _words("light_verbs") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _words("acquiring") for c in token.children
    )


def _sign(token: Token) -> float:
    return stance_lexicon().get(token.lemma_.lower(), 0.0)


def _directive_holder(cue: Token, entities: list[EntityMention]) -> EntityMention | None:
    """'X demanded that Y destroy it', 'X urged Y to cancel': X holds the act asked for."""
    node = cue
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # 'demanded that Y destroy, return …'
    for _ in range(2):
        if node.dep_ not in {"ccomp", "xcomp", "pcomp", "pobj"} or node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_.lower() in _words("directives"):
            for subject in _subjects(node) + _by_agent(node):
                if holder := _holder(subject, entities):
                    return holder
            return None
    return None


def _named(token: Token, entities: list[EntityMention]) -> EntityMention | None:
    """Who a speaker phrase names: 'the Director of the Agency … Jane Smith' names the person
    at its end; 'a spokesman for Acme' names Acme; a proper noun the model left untagged
    ('according to Acme') names itself."""
    if holder := _holder(token, entities):
        return holder
    own = [t for t in token.subtree if not any(a.dep_ in {"relcl", "acl", "ccomp", "advcl", "poss"} for a in _path(t, token))]
    inside = [e for e in entities if any(e.start <= t.idx < e.end for t in own)]
    people = [e for e in inside if e.label == "PERSON"]
    if people:
        return people[-1]
    if token.pos_ == "NOUN" and token.lemma_.lower() in speaker_nouns():
        # 'A spokesman for Acme said': an unnamed spokesman speaks for the body named with him.
        bodies = [e for e in inside if e.label in {"ORG", "GPE", "NORP"}]
        return bodies[-1] if bodies else None
    if token.pos_ == "PROPN" and token.dep_ != "compound":
        words = [t for t in token.subtree if t.dep_ == "compound" and t.pos_ == "PROPN" and t.i < token.i] + [token]
        start, end = words[0].idx, token.idx + len(token)
        text = doc_text(token.doc)[start:end]
        # The same name tagged elsewhere in the article, perhaps spelt a little differently.
        known = max(entities, key=lambda e: SequenceMatcher(None, e.text.lower(), text.lower()).ratio(), default=None)
        if known is not None and SequenceMatcher(None, known.text.lower(), text.lower()).ratio() >= 0.9:
            text = known.text
        return EntityMention(text=text, label="ORG", start=start, end=end, sentence=0)
    return None


def _path(token: Token, top: Token) -> list[Token]:
    """Tokens from *token* up to, not including, *top*."""
    path = []
    while token.i != top.i and token.head.i != token.i:
        path.append(token)
        token = token.head
    return path


def _ancestors(token: Token, limit: int) -> list[Token]:
    """Up to *limit* heads above *token*, nearest first, ending at the root.

    Compared by index: spaCy makes a new Token object on each access, so ``token.head is token``
    is never true, even at the root, whose head is itself."""
    found = []
    while len(found) < limit and token.head.i != token.i:
        token = token.head
        found.append(token)
    return found


def _speaker_of(token: Token, entities: list[EntityMention]) -> EntityMention | None:
    """'X said that Chile will buy', 'according to X, ...': X holds the content of what they report."""
    for node in _ancestors(token, 6):
        if node.lemma_ in reporting_verbs():
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            return _named(subject, entities) if subject is not None else None
    for t in token.sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.nbor().lower_ == "to":
            obj = next((c for c in t.nbor().children if c.dep_ == "pobj"), None)
            if obj is not None and (holder := _named(obj, entities)):
                return holder
    return None


def _announced_by(sentence, entities: list[EntityMention]) -> EntityMention | None:
    """'This was announced by X.' / 'This was stated by X': X said the sentence before."""
    root = sentence.root
    if root.lemma_ not in reporting_verbs():
        return None
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects or subjects[0].lower_ not in _ANAPHORS:
        return None
    for obj in _by_agent(root):
        if holder := _named(obj, entities):
            return holder
    return None


def stance_cues(
    doc: Doc, *, entities: list[EntityMention], quotes: list[QuoteMention] | None = None
) -> list[StanceCue]:
    """Cue words with their holders: agents and speakers take the cue's direction, patients are noted.

    *quotes* are the document's quote mentions when the caller has them already (they are the
    costliest part to find); else they are found here."""
    lexicon = stance_lexicon()
    starts = sentence_index(doc)
    all_quotes = quote_mentions(doc) if quotes is None else quotes
    quotes = [q for q in all_quotes if q.speaker]
    entities = entities + _pronoun_subjects(doc, entities, all_quotes)
    sentences = list(doc_sentences(doc))
    later_speaker = {}
    for prev, sent in zip(sentences, sentences[1:]):
        if holder := _announced_by(sent, entities):
            later_speaker[prev.start] = holder
    owners = _owners(doc, entities)
    cues: list[StanceCue] = []
    for token in tokens(doc):
        weight = _cue_weight(token, lexicon)
        if weight is None or _governed(token, lexicon) or _light(token, lexicon):
            continue
        if weight < 0 and (_leaves_a_contest(token) or _disclaimed(token)):
            continue
        polarity = weight * (-1 if _negated(token) else 1) * (-1 if _reversed(token) else 1)
        sentence = starts[token.sent.start]
        cue = token.lemma_.lower()
        held: set[tuple[str, str]] = set()

        target = _with_owner(_target(token), owners)

        def hold(entity: str, role: str, value: float, doer: str | None = None) -> None:
            if (entity, role) not in held and (entity, "agent") not in held:
                held.add((entity, role))
                cues.append(StanceCue(entity=entity, cue=cue, polarity=value, role=role, sentence=sentence,
                                      target=target, agent=doer))

        directive = _directive_holder(token, entities)
        if directive is not None:
            hold(directive.text, "agent", polarity)
            agents, patients = [], []
        else:
            agents, patients = _agents_and_patients(token, entities)
        for entity in agents:
            hold(entity.text, "agent", polarity)
        for entity in patients:
            hold(entity.text, "patient", polarity)
        if not agents and _topic(token):
            continue  # 'sanctions against X for the acquisition', 'the bid undervalued it': nobody's act
        own = not agents or any(t.lower_ in _FIRST_PERSON for t in token.subtree if t.dep_ in {"nsubj", "poss"})
        # Reporting a named party's act: a step forward by half (the speaker's side, or a forecast);
        # an opposing act not at all (telling of an opponent's threat is not making one).
        share = 1.0 if own else _THIRD_PARTY if polarity > 0 else 0.0
        speakers = []
        if _background(token):
            share = 0.0
        if any(c.dep_ == "advmod" and c.lemma_.lower() in _words("disapproving") for c in token.children):
            polarity, share = -abs(polarity), 1.0  # '"Our assets were illegally seized," X said'
            for entity in agents:
                held.discard((entity.text, "agent"))  # the doer still did it; the speaker condemns it
        if (speaker := _speaker_of(token, entities)) is not None:
            speakers.append(speaker.text)
        speakers += [q.speaker for q in quotes if q.start <= token.idx < q.end][:1]
        if token.sent.start in later_speaker:
            speakers.append(later_speaker[token.sent.start].text)
        for name in speakers:
            if name not in {a.text for a in agents} and share:
                hold(name, "speaker", polarity * share, None if own else agents[0].text)
    cues.extend(_verdicts(doc, entities, starts))
    cues.extend(_no_side(doc, entities, quotes, starts))
    return cues


def _phrase_at(token: Token, phrase: list[str]) -> bool:
    """The lemmas of *phrase* from *token* on, in order, each within two words of the one before,
    in one sentence ('keep its options open', 'wait and see', 'has not decided')."""
    if token.lemma_.lower() != phrase[0] and token.lower_ != phrase[0]:
        return False
    at = token.i
    for word in phrase[1:]:
        nxt = next((t.i for t in token.doc[at + 1 : min(at + 4, token.sent.end)] if word in {t.lemma_.lower(), t.lower_}), None)
        if nxt is None:
            return False
        at = nxt
    return True


def _no_side(doc: Doc, entities: list[EntityMention], quotes, starts: dict[int, int]) -> list[StanceCue]:
    """Words that take no side ('remained neutral', 'is undecided', 'we will have to wait and see',
    'keep its options open'; data/stance_words.json "neutral"): a cue of polarity 0 for the subject
    of their clause and for whoever is quoted or reported saying them."""
    phrases = [p.split() for p in _words("neutral")]
    firsts = {p[0] for p in phrases}
    found = []
    for token in tokens(doc):
        if token.lower_ not in firsts and token.lemma_.lower() not in firsts:
            continue  # no phrase starts here (what _phrase_at checks first, for every token)
        phrase = next((p for p in phrases if _phrase_at(token, p)), None)
        if phrase is None:
            continue
        verb = token
        for _ in range(3):
            if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
                break
            verb = verb.head
        found += _unsided(token, verb, " ".join(phrase), None, entities, quotes, starts)
    found += _deliberating(doc, entities, quotes, starts)
    return found


def _unsided(token: Token, verb: Token, cue: str, target: str | None, entities: list[EntityMention], quotes,
             starts: dict[int, int]) -> list[StanceCue]:
    """A cue of no direction for the subject of *verb*, else for whoever is quoted or reported saying it."""
    holders = [h for subject in _subjects(verb) if (h := _holder(subject, entities))]
    role = "agent"
    if not holders:
        role = "speaker"
        holders = [q for q in [_speaker_of(token, entities)] if q is not None]
        holders += [EntityMention(text=q.speaker, label="PERSON", start=q.start, end=q.start, sentence=0)
                    for q in quotes if q.start <= token.idx < q.end][:1]
    return [StanceCue(entity=holder.text, cue=cue, polarity=0.0, role=role, sentence=starts[token.sent.start],
                      target=target) for holder in holders[:1]]


def _deliberating(doc: Doc, entities: list[EntityMention], quotes, starts: dict[int, int]) -> list[StanceCue]:
    """'The board is weighing the offer', 'X is studying the proposal': weighing someone's proposal
    ("deliberating" verbs, "proposals" nouns in data/stance_words.json) is a cue of no direction for
    the subject. Only a definite proposal: 'X is considering a bid for Y' is X's own step toward
    making one, not an undecided view of someone else's; a negated verb ('will not consider the
    offer') is no deliberation."""
    found = []
    for token in tokens(doc):
        if token.pos_ != "VERB" or token.lemma_.lower() not in _words("deliberating"):
            continue
        if any(c.dep_ == "neg" for c in token.children):
            continue
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if obj is None or obj.lemma_.lower() not in _words("proposals"):
            continue
        if not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"})
                   for c in obj.children):
            continue
        target = doc[obj.left_edge.i : obj.right_edge.i + 1].text[:120]
        found += _unsided(token, token, token.lemma_.lower(), target, entities, quotes, starts)
    return found


_NOT_REFERRING = {"be", "seem", "appear", "remain", "become", "take", "make", "follow", "mean", "rain"}


def _pronoun_subjects(doc: Doc, entities: list[EntityMention], quotes) -> list[EntityMention]:
    """'It'/'they' as the subject of an act, outside quotes, stand for the nearest organisation or
    state named as a subject in the same or the three sentences before ('Acme's board has
    agreed … But it said it continued to oppose …'). Pleonastic 'it is possible' is left alone."""
    subjects = []  # (token index, entity) of named subjects, in order
    for e in entities:
        if e.label not in {"ORG", "GPE", "NORP"}:
            continue
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is not None and any(t.dep_ in {"nsubj", "nsubjpass"} or
                                    (t.dep_ == "poss" and t.head.dep_ in {"nsubj", "nsubjpass"}) for t in span):
            subjects.append((span.start, span.sent.start, e))
    sentence_starts = [s.start for s in doc_sentences(doc)]
    found = []
    for token in tokens(doc):
        if token.lower_ not in {"it", "they"} or token.dep_ != "nsubj":
            continue  # a passive 'it should be stopped' is more often a thing than an organisation
        if token.head.lemma_.lower() in _NOT_REFERRING:
            continue
        said = token.head.head if token.head.dep_ == "ccomp" and token.head.head.lemma_ in reporting_verbs() else None
        speaker = next((c for c in said.children if c.dep_ == "nsubj"), None) if said is not None else None
        if speaker is not None and speaker.pos_ in {"NOUN", "PROPN"} and speaker.i < token.i and speaker.i < said.i:
            # 'X said it would fight', 'Supporters' group Y said it would…': 'it' is whoever said so,
            # named or not (the reported words are a quote, but 'it' there is the speaker).
            if hit := _holder(speaker, entities):
                found.append(EntityMention(text=hit.text, label=hit.label, start=token.idx,
                                           end=token.idx + len(token), sentence=hit.sentence))
            continue
        if any(q.start <= token.idx < q.end for q in quotes):
            continue
        here = sentence_starts.index(token.sent.start)
        window = set(sentence_starts[max(0, here - 3) : here + 1])
        before = [e for i, sent, e in subjects if i < token.i and sent in window]
        if before:
            e = before[-1]
            found.append(EntityMention(text=e.text, label=e.label, start=token.idx, end=token.idx + len(token),
                                       sentence=e.sentence))
    found += _descriptions(doc, entities, quotes, subjects, sentence_starts)
    found += _he_she(doc, quotes)
    return found


def _outside(token: Token, quotes) -> bool:
    return not any(q.start <= token.idx < q.end for q in quotes)


def _organisation_spans(doc: Doc, entities: list[EntityMention]) -> Iterator[tuple[EntityMention, Span]]:
    """Each organisation among *entities* with its span in *doc*."""
    for e in entities:
        if e.label == "ORG" and (span := doc.char_span(e.start, e.end, alignment_mode="expand")) is not None:
            yield e, span


def _descriptions(doc: Doc, entities: list[EntityMention], quotes, subjects, sentence_starts) -> list[EntityMention]:
    """'The club said it would oppose…', 'the firm has agreed…': 'the' and a word for an organisation
    (data/org_context.json descriptors) as the subject of an act stand for the organisation the text
    calls so ('football club X', 'X, the club'), else for the one named as a subject in the same or
    the three sentences before, as 'it' does."""
    descriptors, _ = org_context()
    called: list[tuple[int, str, EntityMention]] = []  # (token index, descriptor, organisation)
    for e, span in _organisation_spans(doc, entities):
        if span.start > 0 and doc[span.start - 1].lemma_.lower() in descriptors:
            called.append((span.start, doc[span.start - 1].lemma_.lower(), e))  # 'football club X'
        for c in span.root.children:
            if c.dep_ == "appos" and c.lemma_.lower() in descriptors:
                called.append((span.start, c.lemma_.lower(), e))  # 'X, the club,'
    found = []
    for token in tokens(doc):
        word = token.lemma_.lower()
        if token.dep_ != "nsubj" or token.tag_ != "NN" or word not in descriptors or not _outside(token, quotes):
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) or any(
            c.pos_ == "PROPN" or c.dep_ in {"poss", "prep", "relcl", "appos"} or (c.dep_ != "det" and c.text[:1].isupper())
            for c in token.children
        ):
            continue  # 'the Acme club', 'the Danish side', 'the club's board', 'the firm which…' say whose
        if _entity_at(token.idx, entities) or token.head.lemma_.lower() in _NOT_REFERRING:
            continue
        same = [e for i, w, e in called if i < token.i and w == word]
        if not same:
            here = sentence_starts.index(token.sent.start)
            window = set(sentence_starts[max(0, here - 3) : here + 1])
            same = [e for i, sent, e in subjects if i < token.i and sent in window and e.label == "ORG"]
        if same:
            e = same[-1]
            found.append(EntityMention(text=e.text, label=e.label, start=token.idx, end=token.idx + len(token),
                                       sentence=e.sentence))
    return found


def _he_she(doc: Doc, quotes) -> list[EntityMention]:
    """'He' or 'she' opening a sentence, outside quotes, as the subject of an act: the person who is
    the main subject of the sentence before, when the text allows the gender (centering, as for
    quotes: 'Mr X quit the party on Friday. He said he would…')."""
    candidates = [
        t for t in tokens(doc)
        if t.lower_ in {"he", "she"} and t.dep_ == "nsubj" and t.i - t.sent.start <= 3 and _outside(t, quotes)
        and t.head.lemma_.lower() not in _NOT_REFERRING
    ]
    if not candidates:
        return []
    resolver = _Resolver(doc, [(q.start, q.end) for q in quotes if q.direct])
    people = {p.text: p for p in resolver.people}
    found = []
    for token in candidates:
        name = resolver.main_subject(resolver.sentence_of[token.i] - 1, token.lower_)
        if name is not None and name in people:
            found.append(EntityMention(text=name, label="PERSON", start=token.idx, end=token.idx + len(token),
                                       sentence=people[name].sentence))
    return found


def _verdicts(doc: Doc, entities: list[EntityMention], starts: dict[int, int]) -> list[StanceCue]:
    """'X called the sale illegal', 'X described the plan as damaging': X condemns what it names."""
    found = []
    for token in tokens(doc):
        if token.pos_ != "VERB" or token.lemma_.lower() not in _words("judging"):
            continue
        verdict = [c for c in token.children if c.dep_ in {"oprd", "acomp", "xcomp"} and c.lemma_.lower() in _words("disapproving")]
        verdict += [o for c in token.children if c.dep_ == "prep" and c.lower_ == "as"
                    for o in c.children if o.lemma_.lower() in _words("disapproving")]
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if not verdict or obj is None:
            continue
        target = doc[obj.left_edge.i : obj.right_edge.i + 1].text[:120]
        for subject in _subjects(token):
            if holder := _holder(subject, entities):
                found.append(StanceCue(entity=holder.text, cue=verdict[0].lemma_.lower(), polarity=-1.0, role="agent",
                                       sentence=starts[token.sent.start], target=target))
    return found


def _is_owner(matches: Callable[[str], bool], issue_stems: set[str]) -> bool:
    """Whether the actor is the one whose act the issue names ('X's takeover of Y' → X)."""
    owner = getattr(issue_stems, "owner", None)
    if not owner:
        return False
    words = [w for w in re.findall(r"[\w-]+", owner) if w[:1].isupper()]
    return matches(owner) or any(matches(w) for w in words) or (len(words) > 1 and matches(" ".join(words)))


def _aim(cue: StanceCue, issue_stems: set[str]) -> str:
    """'issue' when the cue's target names a party of the issue or has no name; 'elsewhere' when it
    names only others; 'rival' when it is an acquiring act aimed at the issue's object."""
    target = stems(cue.target) if cue.target else stems("")
    named = target.names
    issue_names = getattr(issue_stems, "names", frozenset())
    if named and not named & issue_names and not (target - named) & (set(issue_stems) - issue_names):
        return "elsewhere"  # names only others, and not the matter either ('the X deal' is the matter)
    # The prize is a named party (a company, a club), not a product or a country's goods.
    object_names = getattr(issue_stems, "object_names", frozenset())
    prize = {n for n in object_names if not n.startswith("country:") and not any(c.isdigit() for c in n)}
    owner_names = issue_names - object_names
    acquiring = getattr(issue_stems, "matter", None) in _ACQUIRING and cue.cue in _words("acquiring")
    # A bid with no named target, in a story about a bid, is a bid for the same prize.
    if acquiring and prize and (not named or (named & prize and not named & owner_names)):
        return "rival"
    return "issue"


def _between_parties(cue: StanceCue, issue_stems: set[str]) -> bool:
    """An act of one party of the issue aimed at another: its holder names one party and its
    target another ('it continued to oppose Mr X's plans', held by the club X wants to buy, whose
    name the sentence leaves to 'it'). It bears on the issue in full."""
    parties = getattr(issue_stems, "parties", ())
    if len(parties) < 2 or not cue.target:
        return False
    holder, target = stems(cue.entity).names, stems(cue.target).names
    return any(g & holder for g in parties) and any(g & target and not g & holder for g in parties)


def actor_stance(
    analyses: Mapping[int, Analysis], matches: Callable[[str], bool], issue_stems: set[str]
) -> Stance:
    """One actor's stance on the issue from the cues it holds, across all sources.

    *matches* says whether an entity's text names the actor. A cue counts as far as its sentence
    bears on the issue (``issue.relevance``); the patient of an opposing act ('sanctions against
    X') counts by half for the matter. Too little weighed evidence is 'unknown'.
    """
    held = ((s, cue) for s, analysis in analyses.items() for cue in analysis.stance_cues if matches(cue.entity))
    return _weigh(analyses, held, _is_owner(matches, issue_stems), issue_stems)


CueIndex = tuple[list[tuple[int, StanceCue]], dict[str, list[int]]]


def cue_index(analyses: Mapping[int, Analysis], keys: Callable[[str], Iterable[str]]) -> CueIndex:
    """Every stance cue as (source id, cue), in the order ``actor_stance`` reads them, and the
    positions of the cues under each key ``keys(cue.entity)`` gives: made once for all the actors
    of a build, so that each actor reads its own cues, not every source's."""
    cues: list[tuple[int, StanceCue]] = []
    by_key: dict[str, list[int]] = {}
    for source_id, analysis in analyses.items():
        for cue in analysis.stance_cues:
            for key in keys(cue.entity):
                by_key.setdefault(key, []).append(len(cues))
            cues.append((source_id, cue))
    return cues, by_key


def indexed_actor_stance(
    analyses: Mapping[int, Analysis], matches: Callable[[str], bool], names: Iterable[str], index: CueIndex,
    issue_stems: set[str],
) -> Stance:
    """``actor_stance`` through a ``cue_index``: the cues are those filed under one of *names*,
    which must be exactly those *matches* accepts (matches(e) is true when keys(e) meets *names*)."""
    cues, by_key = index
    positions = sorted({n for key in names for n in by_key.get(key, ())})
    return _weigh(analyses, (cues[n] for n in positions), _is_owner(matches, issue_stems), issue_stems)


def _weigh(
    analyses: Mapping[int, Analysis], held: Iterable[tuple[int, StanceCue]], owner: bool, issue_stems: set[str]
) -> Stance:
    """The stance from the cues an actor holds, as (source id, cue) in the order of the analyses."""
    weighed: dict[tuple[int, int], float] = {}  # (source, sentence) → signed weight
    unsided: dict[tuple[int, int], float] = {}  # (source, sentence) → weight of words taking no side
    for source_id, cue in held:
        analysis = analyses[source_id]
        if cue.role == "patient":
            if cue.polarity >= 0:
                continue
            value = -cue.polarity * _PATIENT
        else:
            value = cue.polarity
        weight = relevance(analysis.sentences, cue.sentence, issue_stems)
        if cue.role == "agent" and _between_parties(cue, issue_stems):
            weight = 1.0  # 'it continued to oppose Mr X's plans', by the party X wants to buy
        if cue.polarity == 0:  # 'remained neutral', 'we will wait and see', 'is weighing the offer'
            if weight and not (cue.target and _aim(cue, issue_stems) == "elsewhere"):
                unsided[(source_id, cue.sentence)] = max(unsided.get((source_id, cue.sentence), 0.0), weight)
            continue
        aim = _aim(cue, issue_stems)
        if aim == "elsewhere":
            continue  # 'quit the other party', 'refuse contacts on other fighters': not this matter
        if aim == "rival" and not owner and value > 0 and (cue.role == "agent" or cue.agent is None):
            value = -value  # a rival bid for the same prize works against the issue's own bid
        if weight:
            key = (source_id, cue.sentence)
            weighed[key] = weighed.get(key, 0.0) + value * weight
    support = sum(v for v in weighed.values() if v > 0) + (_OWNER if owner else 0.0)
    oppose = -sum(v for v in weighed.values() if v < 0)
    neutral = sum(unsided.values())
    if neutral >= _MIN_EVIDENCE and neutral >= support + oppose:
        # The actor speaks on the issue and takes no side: 'neutral', unlike 'unknown' (nothing said).
        ranked = sorted(unsided.items(), key=lambda kv: -kv[1])[:_MAX_EVIDENCE]
        evidence = [
            CitedSentence(text=(sentence := analyses[s].sentences[i]).text,
                          citations=[Citation(source_id=s, start=sentence.start, end=sentence.end)])
            for (s, i), _ in ranked
        ]
        score = (support - oppose) / (support + oppose + neutral + 0.5)
        return Stance(label="neutral", score=round(score, 3), evidence=evidence)
    if support + oppose < _MIN_EVIDENCE:
        return Stance(label="unknown", score=0.0)
    score = (support - oppose) / (support + oppose + 0.5)
    lean = support / (support + oppose)
    label = "support" if lean >= _LEAN else "oppose" if lean <= 1 - _LEAN else "mixed"
    sign = 1 if score > 0 else -1
    # Evidence: the sentences that weigh most in the direction of the label (both ways when mixed).
    ranked = sorted(weighed.items(), key=lambda kv: -abs(kv[1]) * (1 if label == "mixed" or kv[1] * sign > 0 else 0))
    evidence = []
    for (source_id, index), value in ranked[:_MAX_EVIDENCE]:
        if label != "mixed" and value * sign <= 0:
            break
        sentence = analyses[source_id].sentences[index]
        evidence.append(
            CitedSentence(text=sentence.text, citations=[Citation(source_id=source_id, start=sentence.start, end=sentence.end)])
        )
    return Stance(label=label, score=round(max(-1.0, min(1.0, score)), 3), evidence=evidence)


_AUTHOR_SCORE = {"support": 0.75, "oppose": -0.75, "mixed": 0.0, "neutral": 0.0}


def _override_for(names: list[str], overrides: Mapping[str, StanceOverride]) -> StanceOverride | None:
    folded = {fold(strip_article(n)) for n in names}
    return next((o for key, o in overrides.items() if fold(strip_article(key)) in folded), None)


def author_stance(
    names: list[str], computed: Stance, overrides: Mapping[str, StanceOverride] | None
) -> Stance:
    """The stance the author set in briefgen.toml ``[stances."Name"]`` for an actor known by any of
    *names* (its name first, then its aliases, matched without case, accents or a leading 'the'),
    marked as set by the author with the author's note; else *computed*.

    The score follows the author's label (a measured score of the same sign is kept), so a chart
    never places an actor on the side the author has taken it off; the measured evidence stays,
    for the reader to weigh against the author's call."""
    override = _override_for(names, overrides or {})
    if override is None:
        return computed
    score = computed.score if computed.score * _AUTHOR_SCORE[override.label] > 0 else _AUTHOR_SCORE[override.label]
    return Stance(label=override.label, score=score, evidence=computed.evidence, set_by="author", note=override.note)


def unused_overrides(actor_names: list[list[str]], overrides: Mapping[str, StanceOverride] | None) -> list[str]:
    """Keys of ``[stances]`` that name no actor of the brief (a typo, or an actor the sources never name)."""
    known = {fold(strip_article(n)) for names in actor_names for n in names}
    return [key for key in (overrides or {}) if fold(strip_article(key)) not in known]
