from briefgen.extract.actors import build_actors, entity_mentions, role_mentions
from briefgen.extract.quotes import quote_mentions
from briefgen.extract.stance import stance_cues
from briefgen.model import Analysis, Sentence


def analyse(nlp, text):
    doc = nlp(text)
    sentences = [
        Sentence(start=s.start_char, end=s.end_char, text=s.text, lemmas=[t.lemma_.lower() for t in s if t.is_alpha])
        for s in doc.sents
    ]
    entities = entity_mentions(doc)
    return Analysis(sentences=sentences, entities=entities, roles=role_mentions(doc),
                    quotes=quote_mentions(doc), stance_cues=stance_cues(doc, entities=entities))


def test_products_and_carrying_agencies_are_not_actors(nlp):
    doc = nlp("“We have big plans ahead, ”Mikheev told RIA Novosti. The S-400 will function, Akar said.")
    texts = {m.text for m in entity_mentions(doc)}
    assert "RIA Novosti" not in texts
    assert not any("S-400" in t for t in texts)


def test_surname_mislabelled_by_the_model_is_a_person(nlp):
    doc = nlp("This was announced by the Director of the Federal Service for Military-Technical Cooperation "
              "(FSVTS) of Russia Dmitry Shugaev.")
    people = {m.text for m in entity_mentions(doc) if m.label == "PERSON"}
    assert "Dmitry Shugaev" in people


def test_capital_in_a_locative_phrase_is_a_place(nlp):
    doc = nlp("Cavusoglu made a controversial statement during the Crimean Platform meeting in Kiev on Aug. 23.")
    assert not any(m.text == "Kiev" for m in entity_mentions(doc))


def test_roles_from_titles_and_appositions(nlp):
    doc = nlp("US Secretary of State Mike Pompeo announced the concern of the American side. "
              "Last week, the general director of Rosoboroexport, Alexander Mikheev, also spoke about the purchase. "
              "“It is not reasonable,” Prof. Emre Ersen, a Russia expert at Marmara University in Istanbul, told Arab News.")
    roles = {r.name: r for r in role_mentions(doc)}
    assert roles["Mike Pompeo"].role == "US Secretary of State"
    assert roles["Mike Pompeo"].affiliation == "United States"
    assert roles["Alexander Mikheev"].role == "general director of Rosoboroexport"
    assert roles["Emre Ersen"].affiliation == "Marmara University"


def test_aliases_merge_across_sources(nlp):
    one = analyse(nlp, "Turkish President Recep Tayyip Erdoğan met Joe Biden in Rome. Ankara wants F-35 jets.")
    two = analyse(nlp, "Erdogan said Turkey will not give up. Washington threatened new sanctions against Ankara.")
    actors = {a.name: a for a in build_actors({1: one, 2: two}, issue="Turkey's purchase of fighter jets")}
    assert "Recep Tayyip Erdoğan" in actors or "Recep Tayyip Erdogan" in actors
    erdogan = actors.get("Recep Tayyip Erdoğan") or actors["Recep Tayyip Erdogan"]
    assert erdogan.sources == [1, 2] and erdogan.type == "PERSON"
    assert "Ankara" in actors["Turkey"].aliases
    assert "Washington" in actors["United States"].aliases


def test_acronym_merges_with_its_expansion(nlp):
    one = analyse(nlp, "The Organization of the Petroleum Exporting Countries (OPEC) agreed to cut output. "
                       "OPEC said the cut would start in May.")
    names = [a.name for a in build_actors({1: one}, issue="oil output cut")]
    assert sum("OPEC" in n or "Petroleum" in n for n in names) == 1


def test_stance_from_agent_and_override(nlp):
    from briefgen.config import StanceOverride

    one = analyse(nlp, "The European Union imposed tariffs on Chinese electric cars. "
                       "Beijing condemned the tariffs on electric cars and threatened to retaliate.")
    issue = "EU tariffs on Chinese electric cars"
    actors = {a.name: a for a in build_actors({1: one}, issue=issue)}
    assert actors["China"].stance.label == "oppose"
    assert actors["China"].stance.evidence[0].citations[0].source_id == 1
    overridden = {a.name: a for a in build_actors({1: one}, issue=issue,
                                                  overrides={"China": StanceOverride(label="mixed")})}
    assert overridden["China"].stance.label == "mixed" and overridden["China"].stance.set_by == "author"


def test_an_override_names_an_actor_by_any_alias_keeps_its_note_and_a_typo_is_reported(nlp, caplog):
    from briefgen.config import StanceOverride

    one = analyse(nlp, "The European Union imposed tariffs on Chinese electric cars. "
                       "The EU said the tariffs would protect carmakers in Europe.")
    overrides = {
        "EU": StanceOverride(label="support", note="Stated position in the Commission's decision."),
        "Europaen Comission": StanceOverride(label="oppose"),
    }
    with caplog.at_level("WARNING"):
        actors = {a.name: a for a in build_actors({1: one}, issue="EU tariffs on Chinese electric cars", overrides=overrides)}
    union = actors["European Union"]
    assert (union.stance.label, union.stance.set_by) == ("support", "author")
    assert union.stance.note == "Stated position in the Commission's decision."
    assert union.stance.score > 0
    assert "Europaen Comission" in caplog.text and "EU'" not in caplog.text


def test_no_relevant_evidence_is_unknown(nlp):
    one = analyse(nlp, "Germany signed a football sponsorship deal with Adidas.")
    actors = {a.name: a for a in build_actors({1: one}, issue="EU tariffs on Chinese electric cars")}
    assert actors["Germany"].stance.label == "unknown"


def test_a_short_name_joins_the_organisation_named_far_more_often(nlp):
    # 'United' ends two clubs' names; read alone it is the one the sources name far more often.
    texts = [
        "Malcolm Glazer has made a new offer for Manchester United. Manchester United said it would study it. "
        "Manchester United's board met on Monday. The fan-based group Shareholders United is strongly opposed "
        "to any takeover by Mr Glazer.",
        "A proposal was received by David Gill, United's chief executive, at the end of last week. "
        "Shares in Manchester United rose.",
    ]
    actors = build_actors({i: analyse(nlp, t) for i, t in enumerate(texts, 1)}, issue="a takeover")
    names = {a.name: a for a in actors}
    assert "United" not in names
    assert "United" in names["Manchester United"].aliases
    assert "Shareholders United" in names
    # Most mentioned first, whatever the spread over sources ('Manchester United' 6 in 2 sources,
    # 'Malcolm Glazer' 2 in 1 after it).
    assert [a.mentions for a in actors] == sorted((a.mentions for a in actors), reverse=True)
