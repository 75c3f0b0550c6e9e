from briefgen.editions import archive_edition, changes_since, load_brief, prune_editions
from briefgen.model import Actor, Brief, Edition, Event, KeyFigure, SourceEntry, Stance


def _brief(generated: str, *, sources, actors=(), figures=(), events=()) -> Brief:
    return Brief(
        title="Trade brief",
        issue="The proposed tariff on imported steel",
        edition=Edition(date=generated[:10], generated=generated, version="0"),
        sources=[SourceEntry(id=i + 1, path=p, title=p) for i, p in enumerate(sources)],
        actors=list(actors),
        figures=list(figures),
        events=list(events),
    )


def test_no_previous_edition_means_no_changes_section():
    assert changes_since(None, _brief("2024-05-02T00:00:00", sources=["a.txt"])) is None


def test_changes_list_sources_actors_stances_figures_and_events():
    union = Actor(name="Steelworkers Union", type="ORG", stance=Stance(label="support"))
    ministry_old = Actor(name="Ministry of Trade", type="ORG", stance=Stance(label="unknown"))
    ministry_new = ministry_old.model_copy(update={"stance": Stance(label="oppose")})
    tariff = KeyFigure(value=25, unit="percent", text="25%", measures="tariff on steel", sources=[2], citations=[])
    vote = Event(date="2024-06", granularity="month", text="parliament votes on the tariff", sources=[2], citations=[])
    plan = Event(date="FUTURE_REF", granularity=None, text="the union plans a strike", expected=True, sources=[2], citations=[])
    old = _brief("2024-05-01T08:00:00", sources=["a.txt", "b.txt"], actors=[ministry_old])
    new = _brief(
        "2024-05-02T08:00:00",
        sources=["a.txt", "c.txt"],
        actors=[ministry_new, union],
        figures=[tariff],
        events=[vote, plan],
    )
    changes = changes_since(old, new)
    assert changes.previous_edition == "2024-05-01T08:00:00"
    assert changes.new_sources == ["c.txt"]
    assert changes.removed_sources == ["b.txt"]
    assert changes.new_actors == ["Steelworkers Union"]
    assert changes.changed_stances == ["Ministry of Trade: unknown → oppose"]
    assert changes.new_figures == ["25%: tariff on steel"]
    # Dates read as the brief writes them; an undated plan says so rather than "FUTURE_REF".
    assert changes.new_events == ["June 2024: parliament votes on the tariff", "no date given: the union plans a strike"]


def test_archive_copies_the_previous_outputs(tmp_path):
    old = _brief("2024-05-01T08:00:00+00:00", sources=["a.txt"])
    (tmp_path / "brief.json").write_text(old.model_dump_json())
    (tmp_path / "brief.pdf").write_bytes(b"%PDF-1.7 old")
    target = archive_edition(tmp_path, load_brief(tmp_path / "brief.json"))
    assert target == tmp_path / "editions" / "2024-05-01T08-00-00-00-00"
    assert (target / "brief.pdf").read_bytes() == b"%PDF-1.7 old"
    assert load_brief(target / "brief.json") == old


def test_an_unreadable_previous_brief_is_ignored(tmp_path):
    (tmp_path / "brief.json").write_text('{"schema_version": "0"}')
    assert load_brief(tmp_path / "brief.json") is None


def _editions(folder, stamps):
    for stamp in stamps:
        (folder / "editions" / stamp).mkdir(parents=True)
        (folder / "editions" / stamp / "brief.json").write_text("{}")


def test_pruning_keeps_the_newest_editions_and_clears_half_copied_ones(tmp_path):
    stamps = [f"2024-05-0{day}T08-00-00-00-00" for day in (3, 1, 5, 2, 4)]
    _editions(tmp_path, stamps)
    (tmp_path / "editions" / ".2024-05-06T08-00-00-00-00.tmp").mkdir()  # a build killed mid-copy
    removed = prune_editions(tmp_path, keep=2)
    assert sorted(p.name for p in (tmp_path / "editions").iterdir()) == [
        "2024-05-04T08-00-00-00-00", "2024-05-05T08-00-00-00-00"]
    assert len(removed) == 4


def test_keep_zero_keeps_every_edition(tmp_path):
    _editions(tmp_path, ["2024-05-01T08-00-00-00-00", "2024-05-02T08-00-00-00-00"])
    assert prune_editions(tmp_path, keep=0) == []
    assert len(list((tmp_path / "editions").iterdir())) == 2
    assert prune_editions(tmp_path / "no-output-yet", keep=1) == []
