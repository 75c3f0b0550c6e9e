import random

from briefgen.ingest.duplicates import find_duplicates, jaccard, shingles

WIRE = ("Oil prices rose sharply on Monday after producers agreed to extend output cuts until the end of next "
        "year, a move analysts said would tighten supply just as demand recovers from the slowdown. Brent crude "
        "climbed four percent to its highest level in three months, while traders said further gains were likely "
        "if inventories keep falling in the coming weeks.")


def test_shingles_ignore_case_and_punctuation():
    assert shingles("Oil prices rose sharply on Monday.") == shingles("oil PRICES rose, sharply on monday")
    assert jaccard(shingles(WIRE), shingles(WIRE)) == 1.0


def test_wire_story_in_two_outlets_is_found():
    republished = "LONDON (Reuters) - " + WIRE.replace("sharply", "strongly")
    other = "Voters in the state went to the polls on Sunday in an election seen as a test for the government."
    found = find_duplicates([WIRE, other, republished])
    assert found.keys() == {2} and found[2][0] == 0
    assert 0.8 < found[2][1] < 1


def test_a_rewritten_version_below_the_threshold_is_kept():
    edited = WIRE.replace("on Monday", "on Monday, officials said,") + " Copyright the wire service."
    assert find_duplicates([WIRE, edited]) == {}
    assert find_duplicates([WIRE, edited], threshold=0.7) == {1: (0, jaccard(shingles(WIRE), shingles(edited)))}


def test_a_shared_paragraph_is_not_a_duplicate():
    follow_up = WIRE + " " + " ".join(["The ministers will meet again in June to review the market."] * 1) + (
        " Several producers have asked for exemptions, and talks on quotas for each country are expected to be "
        "difficult, according to delegates who asked not to be named because the talks are private. The group "
        "also discussed a plan to publish monthly output figures for each member, which some refused to back.")
    assert find_duplicates([WIRE, follow_up]) == {}


def test_many_documents_find_every_planted_copy():
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(3000)]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(300)) for _ in range(400)]
    for copy_of in (5, 50, 250):
        words = texts[copy_of].split()
        words[10] = "changed"
        texts.append(" ".join(words))
    found = find_duplicates(texts)
    assert found.keys() == {400, 401, 402}
    assert [found[k][0] for k in (400, 401, 402)] == [5, 50, 250]
