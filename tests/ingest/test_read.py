"""read_sources over a corpus of bad inputs made here, and over the seed articles."""

import json
import os
import shutil
from pathlib import Path

import pytest

from briefgen.errors import ConfigError
from briefgen.ingest import read_sources

SEEDS = Path(__file__).resolve().parents[2] / "sources"

STORY = (
    "The European Commission fined the search company 2.4 billion euros on Tuesday, saying it had abused "
    "its dominance of internet search by giving an illegal advantage to its own shopping service. "
    "The company has 90 days to end the practice or face further penalties, the Commission said.\n\n"
    "The company said it disagreed with the decision and was considering an appeal, arguing that shoppers "
    "wanted links that took them directly to the products they were searching for."
)
OTHER = (
    "Voters in the state went to the polls on Sunday in an election that is seen as a test for the governing "
    "coalition, with turnout expected to be higher than at the last vote four years ago.\n\n"
    "Opinion polls before the vote showed the opposition party narrowly ahead, but analysts said many voters "
    "had not yet made up their minds when the campaign ended on Friday night."
)
FRENCH = (
    "Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les entreprises touchées par "
    "la crise. Selon le ministre, ces aides seront versées dès le mois prochain et concerneront plus de deux "
    "millions de salariés dans tout le pays, a-t-il précisé lors d'une conférence de presse."
)
THIRD = (
    "The two companies agreed to merge in a deal worth 40 billion dollars, creating the largest maker of "
    "chips for cars in the world. Regulators in several countries will have to approve the merger before "
    "it can be completed, which the companies expect to happen by the end of next year."
)
FOURTH = (
    "Talks between the two governments on a new trade agreement broke down on Thursday after negotiators "
    "failed to agree on tariffs for farm goods. Both sides blamed each other for the failure and said they "
    "were still open to meeting again once the harvest season is over."
)
GERMAN = (
    "Die Bundesregierung hat am Dienstag neue Maßnahmen angekündigt, um die von der Krise betroffenen "
    "Unternehmen zu unterstützen. Nach Angaben des Ministers sollen die Hilfen schon im nächsten Monat "
    "ausgezahlt werden und mehr als zwei Millionen Beschäftigte in dem ganzen Land betreffen."
)


@pytest.fixture
def corpus(tmp_path):
    files = {
        "a-empty.txt": b"",
        "b-whitespace.txt": b"  \n\t\n   \n",
        "c-pdf.txt": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj",
        "d-png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        "e-truncated.json": b'{"title": "EU fines", "text": "The Commiss',
        "f-truncated.xml": b'<?xml version="1.0"?><rss><channel><item><title>EU',
        "g-truncated.html": b"<html><head><title>EU fines</ti",
        "h-front.md": b"---\ntitle: [unclosed\n---\nThe body of the article.",
        "i-huge.txt": ("x" * 70 + "\n\n").encode() * 100,
        "j-french.txt": FRENCH.encode(),
        "k-german.txt": GERMAN.encode(),
        "l-utf16.txt": STORY.encode("utf-16"),
        "m-bom.txt": THIRD.replace("dollars", "dollars ‘today’").encode("utf-8-sig"),
        "n-cp1252.txt": OTHER.replace("Sunday", "Sunday – “finally”").encode("cp1252"),
        "o-good.txt": FOURTH.encode(),
        ".hidden.txt": STORY.encode(),
        "p-backup.txt~": STORY.encode(),
        ".#q-lock.txt": STORY.encode(),
        "#r-autosave.txt#": STORY.encode(),
        "s-swap.txt.swp": STORY.encode(),
        "README": b"notes",
        "notes.csv": b"a,b",
        "t-report.pdf": b"%PDF-1.4",
        "w-stray.txt": "Hi".encode("utf-16"),
        "x-headline.md": b"# Talks on the trade agreement broke down on Thursday\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "u-loop.txt").symlink_to(tmp_path / "u-loop.txt")
    (tmp_path / "v-locked.txt").write_text(STORY)
    os.chmod(tmp_path / "v-locked.txt", 0)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(STORY)
    yield tmp_path
    os.chmod(tmp_path / "v-locked.txt", 0o644)


def by_path(sources):
    return {s.path: s for s in sources}


def test_bad_inputs_are_excluded_with_reasons_and_the_rest_read(corpus):
    sources = read_sources(corpus, max_chars=5000)
    found = by_path(sources)
    assert [s.id for s in sources] == list(range(1, len(sources) + 1))
    assert [s.path for s in sources] == sorted(found)
    reasons = {path: s.reason for path, s in found.items()}
    assert "empty" in reasons["a-empty.txt"]
    assert "only whitespace" in reasons["b-whitespace.txt"]
    assert "PDF" in reasons["c-pdf.txt"] and "PNG" in reasons["d-png.txt"]
    assert "not valid JSON" in reasons["e-truncated.json"]
    assert "not well-formed XML" in reasons["f-truncated.xml"]
    assert "no article text" in reasons["g-truncated.html"]
    assert "front matter" in reasons["h-front.md"]
    assert reasons["i-huge.txt"].startswith("too long: ") and "the limit is 5,000; split it or raise [ingest] max_chars" in reasons["i-huge.txt"]
    assert reasons["j-french.txt"].startswith("not English (detected: fr)")
    assert reasons["k-german.txt"].startswith("not English (detected: de)")
    assert "symlink loop" in reasons["u-loop.txt"]
    assert "save the article as .txt" in reasons["t-report.pdf"]
    # A stray line or a headline alone is not an article: kept, it would be a source with nothing in it.
    assert reasons["w-stray.txt"] == "too short to be an article: 1 word, the least is 10; lower [ingest] min_words to keep it"
    assert reasons["x-headline.md"] == "it has a title but no article text"
    if os.geteuid() != 0:  # root reads any file, so the permission case only shows for other users
        assert "permission denied" in reasons["v-locked.txt"]
    for kept in ("l-utf16.txt", "m-bom.txt", "n-cp1252.txt", "o-good.txt"):
        assert found[kept].status == "included", found[kept].reason
    assert "‘today’" in found["m-bom.txt"].text
    assert "Sunday – “finally”" in found["n-cp1252.txt"].text
    for s in sources:
        assert (s.status == "excluded") == (s.reason is not None)
        assert s.sha256 == "" or len(s.sha256) == 64


def test_hidden_backup_and_unknown_files_are_not_listed(corpus):
    paths = set(by_path(read_sources(corpus)))
    for skipped in (".hidden.txt", "p-backup.txt~", ".#q-lock.txt", "#r-autosave.txt#", "s-swap.txt.swp",
                    "README", "notes.csv", ".git/x.txt"):
        assert skipped not in paths


def test_chosen_files_are_read_alone_and_a_short_one_is_kept_when_asked(corpus):
    sources = read_sources(corpus, files=["o-good.txt", "w-stray.txt", "notes.csv"], min_words=1)
    assert [(s.id, s.path, s.status) for s in sources] == [
        (1, "o-good.txt", "included"), (2, "w-stray.txt", "included"), (3, "notes.csv", "excluded")]
    assert sources[1].text == "Hi"
    assert sources[2].reason.startswith("briefgen does not read .csv; it reads ")


def test_non_english_is_kept_when_asked(corpus):
    found = by_path(read_sources(corpus, exclude_non_english=False))
    assert found["j-french.txt"].status == "included" and found["j-french.txt"].text.startswith("Le gouvernement")


def test_missing_folder_and_file_instead_of_folder(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        read_sources(tmp_path / "nope")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(ConfigError, match="not a folder"):
        read_sources(tmp_path / "file.txt")


def test_json_feed_entries_are_numbered_in_file_order(tmp_path):
    items = [{"title": "First", "text": STORY}, {"title": "Broken"}, {"title": "Third", "text": OTHER}]
    (tmp_path / "batch.json").write_text(json.dumps(items))
    (tmp_path / "a.txt").write_text(OTHER.replace("Sunday", "Monday").replace("state", "country"))
    sources = read_sources(tmp_path)
    assert [(s.id, s.path, s.title) for s in sources] == [
        (1, "a.txt", None), (2, "batch.json#1", "First"), (3, "batch.json#2", "Broken"), (4, "batch.json#3", "Third")]
    assert sources[2].status == "excluded" and "no article text" in sources[2].reason


def test_near_duplicate_is_excluded_and_points_to_the_first(tmp_path):
    (tmp_path / "a-wire.txt").write_text("EU fines search giant\n\n" + STORY)
    (tmp_path / "b-copy.txt").write_text(STORY.replace("on Tuesday", "on Tuesday in Brussels") + "\n\nRead also: Other news")
    (tmp_path / "c-other.txt").write_text(OTHER)
    first, copy, other = read_sources(tmp_path)
    assert (first.status, other.status) == ("included", "included")
    assert copy.status == "excluded" and copy.duplicate_of == 1
    assert copy.reason.startswith("duplicate of [1] “EU fines search giant”")
    assert copy.text  # kept so the brief can cite both


def test_manifest_wins_over_the_text(tmp_path):
    (tmp_path / "a.txt").write_text("A headline from the text\n\n" + STORY + "\n\nSource: Text Outlet")
    (tmp_path / "sources.toml").write_text('["a.txt"]\ntitle = "Manifest title"\noutlet = "Manifest Outlet"\n'
                                           'published = "2017-06"\n')
    [source] = read_sources(tmp_path)
    assert (source.title, source.outlet, source.published, source.published_from) == (
        "Manifest title", "Manifest Outlet", "2017-06", "metadata")
    assert "A headline from the text" not in source.text and "Text Outlet" not in source.text


def test_dates_are_never_taken_from_prose(tmp_path):
    (tmp_path / "a.txt").write_text("Published on 14 December 2020.\n\n" + STORY)
    [source] = read_sources(tmp_path)
    assert (source.published, source.published_from) == (None, None)


# ------------------------------------------------------------------ the seed articles

SEED_BOILERPLATE = ("Show us some LOVE", "Share This Article", "Leave a comment", "[ad_", "Min Read", "© ",
                    "Founded by", "Read also", "Our objective", "•", "News About Turkey - NAT", "\u00a0")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds")
    for path in SEEDS.iterdir():
        shutil.copy(path, folder / path.name)
    return read_sources(folder)


def test_seeds_are_all_included_and_free_of_boilerplate(seeds):
    assert len(seeds) == 5
    for source in seeds:
        assert source.status == "included", source.reason
        for junk in SEED_BOILERPLATE:
            assert junk not in source.text, (source.path, junk)
        assert "\n\n\n" not in source.text and source.text == source.text.strip()
        assert not any(line != line.rstrip() for line in source.text.split("\n"))


def test_seed_title_outlet_and_author(seeds):
    source = by_path(seeds)["russia-playing-s400-card-in-turkey.txt"]
    assert source.title == "Russia is playing S-400 card in Turkey for strategic purposes, say experts"
    assert (source.outlet, source.author) == ("Arab News", "Menekse Tokyay")
    assert (source.published, source.published_from) == ("2021-08", "metadata")
    assert source.text.startswith("Amid increased contact between Turkey")
    assert source.text.endswith("which have been tense over many issues.")


def test_seed_paragraphs_and_quotes(seeds):
    found = by_path(seeds)
    additional = found["additional-s400-contract-likely-signed-in-2020.txt"]
    assert (additional.outlet, additional.title) == ("RT", None)
    assert "in this area,” Shugaev said in an interview with Interfax." in additional.text
    assert "for $ 2.5 billion" in additional.text
    assert len(additional.text.split("\n\n")) > 10
    shipment = found["as-us-weighs-embargoes-ankara-seeks-new-s400-shipment.txt"]
    assert "\n1. After Biden came to power" in shipment.text  # list items keep their own lines
    sanctions = found["do-us-sanctions-improve-turkey-russia-defence-cooperation.txt"]
    assert sanctions.title == "Do “US sanctions” improve defense cooperation between Turkey and Russia?"
    assert sanctions.text.startswith("The Russian daily “Kommersant”")
