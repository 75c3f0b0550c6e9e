"""What the reading copy shows of a brief: choices, order, caps, the counts of what is left out."""

from __future__ import annotations

import re

import pytest

from briefgen.charts import chart_events
from briefgen.config import LimitsSection, load_config
from briefgen.digest import digest, is_minor_actor
from briefgen.errors import ConfigError
from briefgen.model import Actor, Event, KeyFigure, SourceEntry, Stance
from sample_brief import cite, said, sample_brief


def _event(when, granularity, text, *sources, expected=False, actors=()):
    return Event(date=when, granularity=granularity, text=text, sources=list(sources),
                 citations=[cite(s) for s in sources], expected=expected, actors=list(actors))


def _more_sources(brief, count: int) -> None:
    """Adds uncited sources 8, 9, … after the sample's seven, as a large brief has."""
    first = max(s.id for s in brief.sources) + 1
    brief.sources += [SourceEntry(id=n, path=f"wire-{n:03d}.txt", title=f"Wire report {n}", words=300,
                                  summary=[said("Steel importers said prices rose again this week.", n)])
                      for n in range(first, first + count)]


def test_a_small_brief_is_shown_whole_in_its_own_order():
    brief = sample_brief()
    shown = digest(brief, LimitsSection())
    assert shown.left_out == {}
    assert list(shown.figures) == brief.figures
    assert shown.actor_cards == brief.actors  # ten actors: all get a card
    assert [number for number, _ in shown.timeline] == list(range(1, 12))
    assert [e.text for e in shown.outlook] == ["The WTO panel is expected to be established",  # date order
                                               "A second tranche of EU countermeasures could apply"]
    assert list(shown.source_summaries) == brief.included
    assert list(shown.source_list) == brief.included and list(shown.excluded_list) == brief.excluded


def test_key_figures_keep_those_most_sources_give_and_disagreements_in_the_briefs_order():
    brief = sample_brief()  # sources: 3, 2, 1 with a conflicting value, 1
    shown = digest(brief, LimitsSection(key_figures=3))
    assert [f.text for f in shown.figures] == ["25 percent", "10 percent", "€2.8 billion"]
    assert shown.figures.total == 4 and shown.figures.left_out == 1
    brief.figures.insert(0, KeyFigure(value=12, unit="count", text="a dozen", measures="plants affected",
                                      sources=[4], citations=[cite(4)]))
    # The new figure ties with the $100 million one (one source each, no disagreement): the earlier wins.
    shown = digest(brief, LimitsSection(key_figures=4))
    assert [f.text for f in shown.figures] == ["a dozen", "25 percent", "10 percent", "€2.8 billion"]


def test_actors_get_cards_then_a_capped_table_then_a_capped_line_of_names():
    brief = sample_brief()
    brief.actors += [Actor(name=f"Steel Association {n}", type="ORG", mentions=3, sources=[1]) for n in range(5)]
    brief.actors += [Actor(name=f"Port of Call {n}", type="ORG", mentions=1, sources=[2]) for n in range(7)]
    shown = digest(brief, LimitsSection(actor_cards=4, other_actors=5, named_actors=3))
    assert [a.name for a in shown.actor_cards] == ["European Commission", "Donald Trump", "Cecilia Malmström",
                                                   "Jean-Claude Juncker"]
    # The table: actors the sources say something about, most prominent first, five of the eleven.
    assert [a.name for a in shown.other_actors] == ["Wilbur Ross", "Harley-Davidson", "World Trade Organization",
                                                    "Germany", "American Iron and Steel Institute"]
    assert shown.other_actors.total == 11 and shown.other_actors.left_out == 6
    assert all(is_minor_actor(a) for a in shown.other_actors)
    assert [a.name for a in shown.named_actors] == ["Port of Call 0", "Port of Call 1", "Port of Call 2"]
    assert shown.named_actors.left_out == 4


def test_timeline_keeps_the_charts_events_those_most_sources_report_or_naming_prominent_actors():
    brief = sample_brief()
    brief.events.append(_event("2018-05-02", "day", "the Commission publishes its list of U.S. goods", 2,
                               actors=["the Commission"]))
    brief.events.append(_event("2018-05-03", "day", "A port strike delays steel cargoes", 3, actors=["Dockers"]))
    shown = digest(brief, LimitsSection(timeline=4))
    texts = [event.text for _, event in shown.timeline]
    # Two reported by two sources each; then, of the one-source events, the one naming a prominent
    # actor (under an alias, after "the"), then the most precise and earliest: in date order.
    assert texts == ["Trump signs proclamations imposing steel and aluminium tariffs",
                     "Tariffs take effect; the EU is temporarily exempted",
                     "the Commission publishes its list of U.S. goods",
                     "Tariffs apply to EU steel and aluminium"]
    numbers = [number for number, _ in shown.timeline]
    assert numbers == [1, 2, 4, 6]  # numbered as on the chart
    assert shown.timeline.total == 13 and shown.timeline.left_out == 9
    # The chart draws the first events of the same ranking, so every number on it is in the table.
    assert {n for n, _ in chart_events(brief, limit=3)} <= set(numbers)


def test_undated_plans_stay_out_of_the_timeline_table_and_are_in_the_outlook():
    brief = sample_brief()
    dated = len(digest(brief, LimitsSection(timeline=100)).timeline)
    brief.outlook.append(_event("FUTURE_REF", None, "Talks could resume", 4, expected=True))
    brief.outlook.append(_event("FUTURE_REF", None, "Trump may widen the tariffs", 1, 2, expected=True,
                                actors=["Trump"]))
    shown = digest(brief, LimitsSection(timeline=100))
    texts = [event.text for _, event in shown.timeline]
    assert "Trump may widen the tariffs" not in texts and "Talks could resume" not in texts
    assert len(shown.timeline) == shown.timeline.total == dated  # nothing counted as left out
    assert {"Trump may widen the tariffs", "Talks could resume"} <= {e.text for e in shown.outlook_ahead}


def test_outlook_splits_what_is_ahead_from_what_was_reported_done_and_counts_each():
    from briefgen.model import DoneReport

    brief = sample_brief()
    brief.outlook[0].reported_done = DoneReport(date="2019-06", text="The second tranche applied in June.",
                                                citations=[cite(2)])
    brief.outlook.append(_event("FUTURE_REF", None, "Talks could resume", 4, expected=True))
    shown = digest(brief, LimitsSection(outlook=3))
    assert [e.text for e in shown.outlook_done] == ["A second tranche of EU countermeasures could apply"]
    assert [e.text for e in shown.outlook_ahead] == ["The WTO panel is expected to be established",
                                                     "Talks could resume"]  # date order, undated last
    assert (shown.outlook_ahead.total, shown.outlook_done.total) == (2, 1)
    # Short of room, what is still ahead is shown first, and the rest is counted.
    shown = digest(brief, LimitsSection(outlook=2))
    assert [e.text for e in shown.outlook_ahead] == ["The WTO panel is expected to be established",
                                                     "Talks could resume"]
    assert list(shown.outlook_done) == [] and shown.outlook_done.left_out == 1


def test_what_was_due_before_the_newest_source_and_never_reported_is_overdue_not_ahead():
    from datetime import date

    from briefgen.digest import sources_as_of
    from briefgen.model import DoneReport

    brief = sample_brief()
    assert sources_as_of(brief) == date(2018, 7, 25)  # the newest source, 25 July 2018
    brief.outlook.append(_event("2018-03", "month", "The Commission expects a ruling in March", 1, expected=True))
    brief.outlook.append(_event("2018-07", "month", "Ministers expect a deal in July", 4, expected=True))
    done = _event("2018-02", "month", "Talks were expected to open in February", 2, expected=True)
    done.reported_done = DoneReport(date="2018-02-20", text="Talks opened.", citations=[cite(2)])
    brief.outlook.append(done)
    shown = digest(brief, LimitsSection())
    assert [e.text for e in shown.outlook_overdue] == ["The Commission expects a ruling in March"]
    # July 2018 has not ended when the newest source appears: still ahead. 2019 and 2019-Q1 too.
    assert "Ministers expect a deal in July" in [e.text for e in shown.outlook_ahead]
    assert [e.text for e in shown.outlook_done] == ["Talks were expected to open in February"]
    assert (shown.outlook_ahead.total, shown.outlook_overdue.total, shown.outlook_done.total) == (3, 1, 1)
    for source in brief.sources:
        source.published_from = "text"  # dates read from the text may be a year it names: not trusted here
    assert sources_as_of(brief) is None and digest(brief, LimitsSection()).outlook_overdue.total == 0


def test_beyond_the_limit_only_cited_sources_are_listed_with_their_numbers():
    brief = sample_brief()
    _more_sources(brief, 40)
    brief.executive_summary.append(said("Steel importers said prices rose again this week.", 30))
    shown = digest(brief, LimitsSection(source_list=20, source_summaries=3))
    listed = [s.id for s in shown.source_list]
    assert listed == [1, 2, 3, 4, 5, 30]  # every source cited, by its own number; none of the uncited
    assert shown.source_list.total == 45 and shown.source_list.left_out == 39
    assert set(listed) >= set(shown.cited)
    # Summaries: the three most cited, in id order (1 and 5 are cited most, then 2 before 3, 4, 30).
    assert [s.id for s in shown.source_summaries] == [1, 2, 5]
    # Under the limit every source is listed, cited or not.
    assert len(digest(brief, LimitsSection(source_list=45)).source_list) == 45


def test_a_listed_duplicate_brings_the_source_it_repeats():
    brief = sample_brief()
    _more_sources(brief, 10)
    brief.sources.append(SourceEntry(id=99, path="copy-of-wire.txt", status="excluded", duplicate_of=12,
                                     reason="Repeats source 12 word for word."))
    shown = digest(brief, LimitsSection(source_list=5, excluded_sources=5))
    assert 99 in [s.id for s in shown.excluded_list]
    assert 12 in [s.id for s in shown.source_list]
    shown = digest(brief, LimitsSection(source_list=5, excluded_sources=1))
    assert list(shown.excluded_list) == [] and shown.excluded_list.left_out == 3


def test_card_limits_decide_which_citations_count():
    brief = sample_brief()
    _more_sources(brief, 20)
    malmstrom = brief.actors[2]
    malmstrom.quotes[1].citation = cite(20)
    assert 20 not in digest(brief, LimitsSection(source_list=5, actor_quotes=1)).cited
    assert 20 in digest(brief, LimitsSection(source_list=5, actor_quotes=2)).cited


# --------------------------------------------------------------------------- rendered


def _render(brief, tmp_path, limits, templates_dir=None):
    from briefgen.config import ThemeSection
    from briefgen.render import make_environment, render_html

    env = make_environment(templates_dir=templates_dir)
    return render_html(brief, env=env, theme=ThemeSection(), output_dir=tmp_path, limits=limits)


def _big_brief():
    brief = sample_brief()
    _more_sources(brief, 60)
    for n in range(8, 68):
        brief.figures.append(KeyFigure(value=n, unit="percent", text=f"{n} percent", measures="price rise",
                                       sources=[n], citations=[cite(n)]))
        brief.events.append(_event(f"2018-09-{n % 28 + 1:02d}", "day", f"Mill {n} raises prices", n))
    brief.actors += [Actor(name=f"Mill Owner {n}", type="PERSON", mentions=1, sources=[n]) for n in range(8, 68)]
    return brief


def test_every_citation_in_a_bounded_brief_resolves_and_each_section_counts_what_it_leaves_out(tmp_path):
    html = _render(_big_brief(), tmp_path, LimitsSection(key_figures=10, timeline=12, named_actors=5,
                                                         source_summaries=4, source_list=10))
    cited = set(re.findall(r'href="#source-(\d+)"', html))
    anchors = set(re.findall(r'id="source-(\d+)"', html))
    assert cited and cited <= anchors
    notes = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", note)).strip()
             for note in re.findall(r'<p class="left-out">(.*?)</p>', html, re.S)]
    assert "Showing 10 of 64 key figures: those most sources give, and those they disagree on. " \
           "The other 54 are in brief.json under figures." in notes
    assert any(n.startswith("Showing 12 of 71 events") for n in notes)
    assert any(n.startswith("Showing 4 of 65 source summaries") for n in notes)
    assert any(n.startswith(f"Listed here: the {len(anchors) - 2} sources this brief cites, of 65 read.") for n in notes)
    # Twelve cards (the sample's ten actors, Mill Owners 8 and 9), then five names of the 58 left.
    assert "Mill Owner 14, and 53 more (in brief.json)." in re.sub(r"\s+", " ", html)
    assert "Showing 10 of 64" in html[html.index('class="reading-guide"'):]


def test_an_override_citing_more_than_the_digest_still_gets_its_sources_listed(tmp_path):
    templates = tmp_path / "templates"
    (templates / "partials").mkdir(parents=True)
    (templates / "partials" / "key_figures.html.j2").write_text(
        '<section id="key-figures"><h1>Key figures</h1>'
        '{% for figure in brief.figures %}<p>{{ figure.text }} {{ figure.citations | cite }}</p>{% endfor %}</section>')
    html = _render(_big_brief(), tmp_path, LimitsSection(key_figures=2, timeline=2, source_list=10),
                   templates_dir=templates)
    assert "67 percent" in html
    assert set(re.findall(r'href="#source-(\d+)"', html)) <= set(re.findall(r'id="source-(\d+)"', html))
    assert 'id="source-67"' in html


def test_limits_are_read_from_the_config_and_checked(tmp_path):
    toml = tmp_path / "briefgen.toml"
    toml.write_text("[limits]\nkey_figures = 5\ntimeline = 0\n")
    limits = load_config(toml).limits
    assert (limits.key_figures, limits.timeline, limits.actor_cards) == (5, 0, 12)
    toml.write_text("[limits]\nkey_figures = -1\nheadlines = 3\n")
    with pytest.raises(ConfigError) as error:
        load_config(toml)
    assert "limits.key_figures" in str(error.value) and "limits.headlines" in str(error.value)


def test_a_stance_without_evidence_cites_nothing():
    brief = sample_brief()
    brief.actors.append(Actor(name="Steel Users Alliance", type="ORG", mentions=2, sources=[3],
                              stance=Stance(label="oppose", score=-0.4)))
    shown = digest(brief, LimitsSection(actor_cards=1))
    assert "Steel Users Alliance" in [a.name for a in shown.other_actors]


def test_docs_give_every_limit_with_its_default():
    from pathlib import Path

    text = (Path(__file__).parents[1] / "docs" / "templates.md").read_text()
    for key, field in LimitsSection.model_fields.items():
        assert f"| `{key}` | {field.default} |" in text, key
        assert field.description, key


def test_a_long_run_of_citations_shows_the_sources_cited_most_and_counts_the_rest(tmp_path):
    brief = sample_brief()
    _more_sources(brief, 12)
    # The first key figure is given by twelve sources; source 9 is also cited by the summary.
    brief.figures[0].sources = list(range(8, 20))
    brief.figures[0].citations = [cite(n) for n in range(8, 20)]
    brief.executive_summary.append(said("Steel importers said prices rose again this week.", 9))
    shown = digest(brief, LimitsSection(citations_per_item=3, source_list=5))
    assert shown.visible_citations(range(8, 20)) == ([8, 9, 10], 9)
    assert {11, 12, 19}.isdisjoint(shown.cited) and {8, 9, 10} <= shown.cited
    html = _render(brief, tmp_path, LimitsSection(citations_per_item=3, source_list=5, source_summaries=5))
    start = html.index('<td class="figure-text">25 percent')
    row = html[start:html.index("</tr>", start)]
    assert re.findall(r'href="#source-(\d+)"', row) == ["8", "9", "10"] and "+9</span>" in row
    assert 'id="source-11"' not in html and 'id="source-10"' in html


def test_each_group_of_changes_lists_up_to_the_limit_and_counts_the_rest(tmp_path):
    brief = sample_brief()
    brief.changes.new_sources = [f"wire-{n:03d}.txt" for n in range(40)]
    shown = digest(brief, LimitsSection(changes=25))
    groups = dict(shown.changes)
    assert list(groups) == ["New sources", "New actors", "Changed stances", "New events"]
    assert (len(groups["New sources"]), groups["New sources"].left_out) == (25, 15)
    html = _render(brief, tmp_path, LimitsSection(changes=25))
    changes = html[html.index('id="changes"'):html.index('id="key-figures"')]
    assert "wire-024.txt" in changes and "wire-025.txt" not in changes
    assert '<span class="count">40</span>' in changes and "And 15 more, in brief.json" in changes


def test_excluded_sources_beyond_the_limit_are_counted_with_how_many_repeat_another(tmp_path):
    brief = sample_brief()  # 6 excluded (a paywall notice), 7 repeats source 1
    html = _render(brief, tmp_path, LimitsSection(excluded_sources=1))
    note = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html[html.index('class="excluded-title"'):]))
    assert "Listed here: 0 of 2 excluded sources; 1 of the 2 repeat another source. The other 2 are in brief.json" in note
    assert 'id="source-6"' not in html and 'id="source-7"' not in html


def test_a_small_count_headlines_only_when_there_is_nothing_else():
    from briefgen.digest import headline_figure
    from briefgen.model import KeyFigure

    brief = sample_brief()
    two = KeyFigure(value=2, unit="count", text="two", measures="countries", sources=[1, 2, 3, 4, 5], citations=[])
    best = headline_figure(brief)
    brief.figures.append(two)
    assert headline_figure(brief) == best and best.unit != "count"
    brief.figures = [two]
    assert headline_figure(brief) == two


def test_a_figure_that_says_not_what_it_measures_headlines_only_when_there_is_nothing_else():
    from briefgen.digest import headline_figure
    from briefgen.model import KeyFigure

    brief = sample_brief()
    best = headline_figure(brief)
    bare = KeyFigure(value=2e8, unit="GBP", text="£200m", measures="", sources=[1, 2, 3, 4, 5, 6, 7], citations=[])
    brief.figures.append(bare)
    assert headline_figure(brief) == best and best.measures
    brief.figures = [bare]
    assert headline_figure(brief) == bare
