from briefgen.extract.actors import entity_mentions
from briefgen.extract.stance import stance_cues


def cues(nlp, text):
    doc = nlp(text)
    return stance_cues(doc, entities=entity_mentions(doc))


def test_agent_of_threat_opposes_and_patient_is_only_noted(nlp):
    found = cues(nlp, "Washington has repeatedly threatened Turkey with restrictive measures.")
    by_role = {(c.entity, c.role): c.polarity for c in found if c.cue == "threaten"}
    assert by_role[("Washington", "agent")] < 0
    assert ("Turkey", "patient") in by_role and ("Turkey", "agent") not in by_role


def test_negation_flips_polarity(nlp):
    found = cues(nlp, "Turkey will not abandon the Russian complexes despite threats from the United States.")
    abandon = [c for c in found if c.cue == "abandon" and c.entity == "Turkey"]
    assert abandon and abandon[0].polarity > 0


def test_quoted_speaker_holds_the_cue(nlp):
    found = cues(nlp, "“Ankara will continue to purchase systems from others,” Cavusoglu said.")
    assert any(c.entity == "Cavusoglu" and c.role == "speaker" and c.polarity > 0 for c in found)
