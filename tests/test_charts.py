from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from briefgen.charts import ChartExporter, build_charts
from briefgen.charts.stakeholders import _place_labels, stakeholder_figure
from briefgen.charts.style import WIDTH
from briefgen.charts.timeline import (
    MARKER_PX,
    MAX_CHART_EVENTS,
    MAX_CHART_HEIGHT,
    _timeline_alt,
    chart_events,
    hides_its_bar,
    timeline_events,
    timeline_figure,
    timeline_groups,
    timeline_layout,
)
from briefgen.dateutil import format_period, parse_period
from briefgen.errors import RenderError
from briefgen.model import Actor, Event, Stance
from sample_brief import cite, sample_brief


@pytest.mark.parametrize(
    ("value", "period", "words"),
    [
        ("2018-06-22", (date(2018, 6, 22), date(2018, 6, 22)), "22 June 2018"),
        ("2018-06", (date(2018, 6, 1), date(2018, 6, 30)), "June 2018"),
        ("2018", (date(2018, 1, 1), date(2018, 12, 31)), "2018"),
        ("2018-H2", (date(2018, 7, 1), date(2018, 12, 31)), "second half of 2018"),
        ("2019-Q1", (date(2019, 1, 1), date(2019, 3, 31)), "Q1 2019"),
        ("2019-WI", (date(2019, 12, 1), date(2020, 2, 29)), "winter 2019"),
        ("2019-FA", (date(2019, 9, 1), date(2019, 11, 30)), "autumn 2019"),
        ("2020-W12", (date(2020, 3, 16), date(2020, 3, 22)), "week of 16 March 2020"),
        ("199", (date(1990, 1, 1), date(1999, 12, 31)), "the 1990s"),
    ],
)
def test_periods_parse_and_read_naturally(value, period, words):
    assert parse_period(value) == period
    assert format_period(value) == words


def test_unparseable_periods_are_kept_as_written():
    assert parse_period("PRESENT_REF") is None
    assert parse_period("2019-02-30") is None
    assert format_period("2026-11-23T03:08:43+00:00") == "23 November 2026"
    assert format_period("FUTURE_REF") == "no date given"
    for value in ("next spring", "P3Y", "2019-13"):
        assert format_period(value) == value


def test_charts_read_dates_as_the_extractor_writes_them():
    from briefgen.extract.dates import normalise

    value, _ = normalise("the fall of 2019", published="2019-12")
    assert format_period(value) == "autumn 2019" and parse_period(value)[0] == date(2019, 9, 1)


def test_timeline_events_are_numbered_in_date_order_without_duplicates():
    brief = sample_brief()
    brief.outlook.append(brief.events[0])  # the same event listed twice must be numbered once
    numbered = timeline_events(brief)
    assert [n for n, _ in numbered] == list(range(1, 12))
    assert numbered[0][1].text.startswith("Trump signs proclamations")
    assert [e.expected for _, e in numbered][-2:] == [True, True]


def _crowded_brief(count: int):
    brief = sample_brief()
    start = date(2019, 1, 1)
    brief.events = [
        Event(date=(start + timedelta(days=i)).isoformat(), granularity="day", text=f"Round {i} of talks",
              sources=[1], citations=[cite(1)], expected=i >= count - 5)
        for i in range(count)
    ]
    brief.outlook = []
    return brief


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _clustered_brief(count: int):
    """*count* events by twelve actors, most of them in one crowded fortnight, some given only as a month,
    a quarter, a season or a year."""
    brief = sample_brief()
    brief.actors += [Actor(name=f"Trade ministry of state number {i}", type="ORG", mentions=2) for i in range(6)]
    names = [a.name for a in brief.actors]
    start = date(2019, 3, 1)
    fuzzy = ["2019", "2019-03", "2019-Q2", "2019-SU", "2019-H2", "2020"]
    events = []
    for i in range(count):
        if i % 6 == 5:
            when, granularity = fuzzy[(i // 6) % len(fuzzy)], "year"
        elif i % 3 == 0:
            when, granularity = (start + timedelta(days=40 * (i % 7))).isoformat(), "day"
        else:
            when, granularity = (start + timedelta(days=i % 14)).isoformat(), "day"
        events.append(Event(date=when, granularity=granularity, text=f"Round {i} of talks", sources=[1],
                            citations=[cite(1)], expected=i % 4 == 3,
                            actors=[names[i % 9] if i % 5 else names[9 + i % 7], "Geneva"]))
    brief.events, brief.outlook = events, []
    return brief


@pytest.mark.parametrize("count", [10, 25, 40])
def test_timeline_markers_bars_and_lane_labels_never_overlap(count):
    layout = timeline_layout(_clustered_brief(count))
    # At most MAX_CHART_EVENTS markers, fewer when their rows would not fit on a page with the caption.
    assert len(layout.marks) + layout.left_out == count
    assert len(layout.marks) == count or (len(layout.marks) <= MAX_CHART_EVENTS and layout.left_out > 0)
    assert layout.height <= MAX_CHART_HEIGHT
    assert 2 <= len(layout.lanes) <= 8
    markers = layout.marker_boxes()
    assert not [(a, b) for i, a in enumerate(markers) for b in markers[i + 1:] if _overlap(a, b)]
    # A period's bar runs along its row: it must not run under another marker.
    for m in layout.marks:
        bar = (m.span[0], m.py - 4, m.span[1], m.py + 4)
        assert not [o.number for o, box in zip(layout.marks, markers) if o is not m and _overlap(bar, box)]
    labels = layout.label_boxes()
    assert not [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:] if _overlap(a, b)]
    left, top = layout.margin["l"], layout.margin["t"]
    right, bottom = WIDTH - layout.margin["r"], layout.height - layout.margin["b"]
    assert all(box[2] < left for box in labels)  # left of the plot, so no label meets a marker
    assert all(left <= box[0] and box[2] <= right and top <= box[1] and box[3] <= bottom for box in markers)
    # The figure draws what the layout placed: the same rows, and lane labels at the lanes.
    fig = timeline_figure(_clustered_brief(count))
    drawn = {int(t): y for trace in fig.data if trace.mode == "markers+text" for t, y in zip(trace.text, trace.y)}
    if layout.left_out:
        assert f"the other {layout.left_out} are not drawn" in _timeline_alt(_clustered_brief(count))
    assert drawn == {m.number: m.y for m in layout.marks}
    assert list(fig.layout.yaxis.tickvals) == layout.lane_y
    assert fig.layout.height == layout.height


def _event(when, text, *actors, expected=False):
    return Event(date=when, granularity="day" if len(when) == 10 else "month", text=text, sources=[1],
                 citations=[cite(1)], expected=expected, actors=list(actors))


def test_events_are_grouped_by_the_first_recurring_actor_their_clause_names():
    brief = sample_brief()
    brief.actors.append(Actor(name="United States", type="GPE", aliases=["U.S.", "Washington"], mentions=40))
    brief.actors.append(Actor(name="United States Congress", type="ORG", aliases=["Congress"], mentions=2))
    brief.events = [
        _event("2018-03-08", "Trump signs proclamations imposing steel and aluminium tariffs", "Trump"),
        _event("2018-03-23", "Washington exempts the EU temporarily", "Washington", "EU"),
        _event("2018-05-31", "Ross announces that the exemption ends", "Wilbur Ross"),
        _event("2018-06-01", "The EU requests WTO consultations", "EU", "WTO"),
        # A person counts for their affiliation: the commissioner's event goes to the Commission's lane.
        _event("2018-06-06", "Malmström tells the Parliament the EU will respond", "Cecilia Malmström"),
        _event("2018-06-22", "the Commission's duties on U.S. goods take effect", "the Commission's", "U.S."),
        # An organisation without a lane of its own falls back to the state its name holds.
        _event("2018-07", "the United States Congress holds hearings on the tariffs", "the United States Congress"),
        _event("2018-07-25", "Juncker and Trump agree to work towards zero tariffs", "Juncker", "Trump"),
        _event("2018-08", "Harley-Davidson moves some production abroad", "Harley-Davidson", "Europe"),
    ]
    brief.outlook = []
    brief.actors[0].aliases.append("EU")
    grouping, lanes, of_event = timeline_groups(brief, brief.events)
    assert grouping == "actor"
    assert lanes == ["European Commission", "Donald Trump", "United States", "Other"]
    assert [lanes[i] for i in of_event] == ["Donald Trump", "United States", "Other", "European Commission",
                                           "European Commission", "European Commission", "United States",
                                           "Donald Trump", "Other"]
    assert "in rows by main actor: European Commission (3), Donald Trump (2), United States (2) and Other (2)" \
        in _timeline_alt(brief)


def test_events_are_grouped_by_kind_when_actors_are_scattered():
    brief = sample_brief()  # its events name no actors
    grouping, lanes, of_event = timeline_groups(brief, [e for _, e in timeline_events(brief)])
    assert (grouping, lanes) == ("kind", ["Happened", "Expected"])
    assert of_event == [0] * 9 + [1] * 2
    assert "from 8 March 2018 to 2019, in rows by kind: 9 happened and 2 expected (open markers);" \
        in _timeline_alt(brief)
    brief.outlook = []
    assert timeline_groups(brief, brief.events)[1] == ["Events"]
    assert "in rows by" not in _timeline_alt(brief)  # one row of events is no grouping


def test_lanes_are_capped_with_an_other_lane():
    brief = _clustered_brief(40)
    layout = timeline_layout(brief, limit=40, max_height=10**4)  # every event drawn, however tall
    assert layout.grouping == "actor" and len(layout.marks) == 40
    assert len(layout.lanes) == 8 and layout.lanes[-1] == "Other"
    assert "Geneva" not in layout.lanes  # named in every event, but no actor of the brief


def test_periods_are_drawn_as_bars_over_their_whole_span():
    fig = timeline_figure(sample_brief())
    bars = next(trace for trace in fig.data if trace.mode == "lines+markers")
    ends = [(a, b) for a, b in zip(bars.x[0::3], bars.x[1::3])]
    assert (date(2019, 1, 1), date(2020, 1, 1)) in ends  # "2019", to the end of its last day
    assert (date(2018, 7, 1), date(2019, 1, 1)) in ends  # the second half of 2018
    assert all(b - a >= timedelta(days=28) for a, b in ends)  # no bar for a single day
    layout = timeline_layout(sample_brief())
    year = next(m for m in layout.marks if m.event.date == "2019")
    assert year.span[1] - year.span[0] > 10 * MARKER_PX  # a year is far wider than its marker


def test_expected_events_are_drawn_as_open_markers():
    fig = timeline_figure(sample_brief())
    by_name = {trace.name: trace for trace in fig.data if trace.mode == "markers+text"}
    assert by_name["Expected"].marker.color == "white"
    assert list(by_name["Expected"].text) == ["10", "11"]
    assert by_name["Event"].marker.color != "white"


def test_no_timeline_without_two_dated_events():
    brief = sample_brief()
    brief.events, brief.outlook = [], []
    assert timeline_figure(brief) is None
    one = sample_brief().events[0]
    brief.events = [one]
    brief.outlook = [one.model_copy(update={"date": "FUTURE_REF", "granularity": None, "expected": True})]
    assert timeline_figure(brief) is None  # a single marker: the table says it all
    brief.events = sample_brief().events[:2]
    assert timeline_figure(brief) is not None


def test_stakeholder_chart_omits_unknown_stances_and_colours_by_label():
    fig = stakeholder_figure(sample_brief())
    names = {a.text for a in fig.layout.annotations}
    assert "American Iron and Steel Institute" not in names  # stance unknown
    assert {"European Commission", "Donald Trump", "World Trade Organization"} <= names
    colours = {trace.name: trace.marker.color for trace in fig.data}
    assert len(set(colours.values())) == 4
    assert fig.layout.yaxis.type == "log"  # 2 to 31 mentions


def test_stakeholder_chart_is_linear_when_mentions_are_close():
    brief = sample_brief()
    for actor in brief.actors:
        actor.mentions = 5 + len(actor.name) % 4
    assert stakeholder_figure(brief).layout.yaxis.type == "linear"


def test_labels_of_crowded_points_do_not_overlap():
    points = [(300 + 6 * i, 200 + 3 * i, f"Actor number {i}") for i in range(8)]
    offsets = _place_labels(points, (0, 0, 720, 460))
    boxes = []
    for (x, y, text), (dx, dy) in zip(points, offsets):
        w = 6.3 * len(text) + 4
        boxes.append((x + dx - w / 2, y + dy - 7, x + dx + w / 2, y + dy + 7))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


class _FakeExporter:
    def __init__(self):
        self.paths: list[Path] = []

    def export_svg(self, fig, path):
        self.paths.append(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<svg/>")


def test_build_charts_describes_each_chart_from_the_data(tmp_path):
    exporter = _FakeExporter()
    charts = {c.name: c for c in build_charts(sample_brief(), tmp_path, exporter=exporter)}
    assert set(charts) == {"stakeholders", "timeline"}
    assert charts["timeline"].path == "charts/timeline.svg"
    assert "11 dated events from 8 March 2018 to 2019" in charts["timeline"].alt
    assert "2 expected (open markers)" in charts["timeline"].alt
    assert "4 oppose (European Commission" in charts["stakeholders"].alt
    assert "1 actor with an unknown" in charts["stakeholders"].alt
    assert (tmp_path / "charts" / "timeline.svg").exists()


def test_build_charts_skips_charts_without_data(tmp_path):
    brief = sample_brief()
    brief.events, brief.outlook, brief.actors = [], [], []
    assert build_charts(brief, tmp_path, exporter=_FakeExporter()) == []


@pytest.mark.slow
def test_exporter_writes_svg_once_and_then_serves_the_cache(tmp_path):
    fig = timeline_figure(sample_brief())
    with ChartExporter(cache_dir=tmp_path / "cache") as exporter:
        exporter.export_svg(fig, tmp_path / "a" / "timeline.svg")
        exporter.export_svg(stakeholder_figure(sample_brief()), tmp_path / "a" / "stakeholders.svg")
    svg = (tmp_path / "a" / "timeline.svg").read_text()
    assert svg.startswith("<svg") and ">11<" in svg
    # A second run with no usable browser still succeeds: the identical figure comes from the cache.
    with ChartExporter(cache_dir=tmp_path / "cache", browser_path="/nonexistent/chromium") as exporter:
        exporter.export_svg(timeline_figure(sample_brief()), tmp_path / "b" / "timeline.svg")
    assert (tmp_path / "b" / "timeline.svg").read_text() == svg
    assert len(list((tmp_path / "cache").glob("*.svg"))) == 2  # one file per figure, in the folder given


@pytest.mark.slow
def test_exporter_without_a_browser_raises_a_clear_error(tmp_path):
    with ChartExporter(browser_path="/nonexistent/chromium") as exporter:
        with pytest.raises(RenderError, match="chromium"):
            exporter.export_svg(timeline_figure(sample_brief()), tmp_path / "t.svg")


def test_timeline_alt_text_counts_and_spans_from_the_data():
    brief = sample_brief()
    assert _timeline_alt(brief).startswith("Timeline of 11 dated events from 8 March 2018 to 2019, in rows by kind: "
                                           "9 happened and 2 expected (open markers)")
    brief.events = [e for e in brief.events if e.date.startswith("2018-06")][:1]
    brief.outlook = []
    one = brief.events[0]
    assert _timeline_alt(brief) == (f"Timeline of 1 dated event in {format_period(one.date)}; "
                                    "the numbers refer to the timeline table.")
    brief.outlook = [one.model_copy(update={"date": "FUTURE_REF", "granularity": None, "expected": True,
                                            "text": "The Commission plans a second complaint"})]
    assert _timeline_alt(brief).endswith("the numbers refer to the timeline table; the Outlook lists 1 plan without a date.")


def test_labels_rarely_overlap_even_when_the_near_places_are_taken():
    # Twenty long names on a tight cluster: the near placements run out, farther ones must still be free.
    points = [(400 + 4 * (i % 5), 250 + 4 * (i // 5), f"Federal Service number {i} for Cooperation") for i in range(20)]
    offsets = _place_labels(points, (64, 28, 696, 396))
    boxes = []
    for (x, y, text), (dx, dy) in zip(points, offsets):
        w = 6.3 * len(text) + 4
        boxes.append((x + dx - w / 2, y + dy - 7, x + dx + w / 2, y + dy + 7))
    overlapping = sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:]
                      if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    assert overlapping <= 5, overlapping  # 42 when a label with no free place fell back to just above its marker


def test_stakeholder_labels_stay_near_their_markers_or_give_way_to_numbers():
    from briefgen.charts.stakeholders import MAX_LEADER, _leader, stakeholder_labels

    # Twenty-five actors, most of them on two tight clusters, as in a brief with many minor supporters.
    points = [(120 + 140 * (i % 4), 60 + 70 * (i // 4), f"Leading actor {i}") for i in range(5)]
    points += [(520 + 5 * (i % 5), 300 + 4 * (i // 5), f"Deputy head of agency {i}") for i in range(12)]
    points += [(200 + 6 * (i % 4), 320 + 5 * (i // 4), f"Regional governor {i}") for i in range(8)]
    placed = stakeholder_labels(points, (64, 28, 696, 396))
    named = [(p, t, o) for p, (t, o) in zip(points, placed) if t == p[2]]
    numbered = [(p, t, o) for p, (t, o) in zip(points, placed) if t != p[2]]
    assert [t for _, t, _ in numbered] == [str(k) for k in range(1, len(numbered) + 1)]
    assert all(t == p[2] for p, (t, _) in zip(points[:5], placed))  # the most prominent keep their names
    assert numbered and len(named) >= 12
    boxes = []
    for (x, y, _), text, (dx, dy) in named + numbered:
        w = 6.3 * len(text) + 4
        if not text.isdigit():
            assert _leader(dx, dy, w, 14) <= MAX_LEADER  # no long leader across the chart
        boxes.append((x + dx - w / 2, y + dy - 7, x + dx + w / 2, y + dy + 7))
    markers = [(x - 8, y - 8, x + 8, y + 8) for x, y, _ in points]
    name_boxes = boxes[:len(named)]
    assert not [(a, b) for i, a in enumerate(name_boxes) for b in boxes[i + 1:] if _overlap(a, b)]
    assert not [(a, m) for a in name_boxes for m in markers if _overlap(a, m)]


def test_stakeholder_chart_spells_out_numbered_actors_under_it():
    brief = sample_brief()
    for i in range(15):
        brief.actors.append(Actor(name=f"Member of the steel caucus number {i}", type="PERSON", mentions=2 + i % 2,
                                  stance=Stance(label="oppose", score=-0.55 - 0.01 * (i % 3))))
    fig = stakeholder_figure(brief)
    texts = [a.text for a in fig.layout.annotations]
    key = next(t for t in texts if t.startswith("Not named on the chart"))
    numbers = [t for t in texts if t.isdigit()]
    assert numbers and all(f"{n} Member of the steel caucus" in key.replace("<br>", " ") for n in numbers)
    assert "European Commission" in texts and "Donald Trump" in texts
    assert fig.layout.height > 460  # room for the key


def test_seed_clauses_go_to_the_rows_of_their_actors():
    # Clauses and entities as the extractor gives them for the seed articles.
    actors = [
        Actor(name="Turkey", type="GPE", aliases=["Ankara", "Turkish", "Turks"], mentions=130),
        Actor(name="United States", type="GPE", aliases=["America", "American", "US", "Washington"], mentions=81),
        Actor(name="Russia", type="GPE", aliases=["Kremlin", "Moscow", "Russian", "Russian Federation"], mentions=59),
        Actor(name="Mevlut Cavusoglu", type="PERSON", aliases=["Cavusoglu"], affiliation="Turkey", mentions=9),
        Actor(name="United States Congress", type="ORG", aliases=["Congress"], mentions=4),
        Actor(name="Rosoboronexport", type="ORG", aliases=["Rosoboroexport"], mentions=3),
        Actor(name="Alexander Mikheev", type="PERSON", affiliation="Rosoboronexport", mentions=3),
        Actor(name="Hulusi Akar", type="PERSON", aliases=["Akar"], affiliation="Turkey", mentions=3),
    ]
    clauses = [
        ("2019", "Last week, the general director of Rosoboroexport, Alexander Mikheev, also spoke about the "
                 "possible purchase", ["Rosoboroexport", "Alexander Mikheev", "Turkish", "S-400"]),
        ("2019-09", "In September 2019, speaking at the XIV International Strategic Forum in the Slovenian city of "
                    "Bled, Cavusoglu said", ["Slovenian", "Bled", "Cavusoglu", "Turkey", "the Russian Federation"]),
        ("2019-11", "According to Rosoboronexport in early November, the Russian side fulfilled its contractual "
                    "obligations", ["Rosoboronexport", "Russian", "Turkey"]),
        ("2019-11", "In November, Turkish Minister of National Defense Hulusi Akar announced that Ankara plans to "
                    "activate air defense systems", ["Turkish", "Akar", "Ankara", "Russia"]),
        ("2019-11", "At the end of November, the United States Congress called for sanctions against Turkey",
         ["the United States Congress", "Turkey"]),
        ("2020-06", "At the end of June 2020, Republican Senator John Thune proposed that the United States buy the "
                    "systems", ["Republican", "John Thune", "Senate", "the United States", "Turkey"]),
        ("2020-H1", "[Mikheev:] in the first half of 2020 we will come to the signing", ["Mikheev"]),
        ("2019-07", "The corresponding deliveries began in July of this year", []),
    ]
    brief = sample_brief()
    brief.actors = actors
    brief.events = [Event(date=d, granularity="month", text=t, sources=[1], citations=[cite(1)], actors=a)
                    for d, t, a in clauses]
    brief.outlook = []
    grouping, lanes, of_event = timeline_groups(brief, brief.events)
    assert grouping == "actor"
    assert [lanes[i] for i in of_event] == ["Rosoboronexport", "Turkey", "Rosoboronexport", "Turkey",
                                           "United States", "United States", "Rosoboronexport", "Other"]
    assert lanes == ["Turkey", "United States", "Rosoboronexport", "Other"]


def _large_brief(count: int):
    """*count* events over two years, as in a brief of a few hundred articles: most from one source, a few
    reported by two or three, naming actors of very different prominence."""
    brief = sample_brief()
    names = [a.name for a in brief.actors]
    start = date(2004, 1, 1)
    events = []
    for i in range(count):
        when = (start + timedelta(days=(i * 37) % 700)).isoformat() if i % 3 else f"2004-{1 + i % 12:02d}"
        sources = [1, 2, 3][: 1 + (i % 41 == 0) + (i % 82 == 0)]
        events.append(Event(date=when, granularity="day" if i % 3 else "month", text=f"Event number {i}",
                            sources=sources, citations=[cite(s) for s in sources],
                            actors=[names[i % len(names)]] if i % 5 else []))
    brief.events, brief.outlook = events, []
    return brief


def test_a_large_timeline_shows_the_most_important_events_and_says_how_many_it_leaves_out():
    brief = _large_brief(266)
    layout = timeline_layout(brief)
    assert 10 <= len(layout.marks) <= MAX_CHART_EVENTS and layout.left_out == 266 - len(layout.marks)
    assert layout.height <= MAX_CHART_HEIGHT
    markers = layout.marker_boxes()
    assert not [(a, b) for i, a in enumerate(markers) for b in markers[i + 1:] if _overlap(a, b)]
    shown = {m.event.text for m in layout.marks}
    # Every event reported by several sources is drawn; the rest are those naming the most mentioned actor.
    assert {e.text for e in brief.events if len(e.sources) > 1} <= shown
    # A person counts for the body given as their affiliation: the commissioner for the Commission.
    top = max(brief.actors, key=lambda a: a.mentions).name
    for_top = {top, *(a.name for a in brief.actors if a.affiliation == top)}
    single = [m.event for m in layout.marks if len(m.event.sources) == 1]
    assert single and all(for_top & set(e.actors) for e in single)
    # The table can show the same selection under the same numbers, and a larger bound holds a smaller one.
    numbers = {n for n, _ in chart_events(brief, limit=len(layout.marks))}
    assert numbers == {m.number for m in layout.marks}
    for small, large in ((10, 60), (30, 250), (200, 262)):
        assert {n for n, _ in chart_events(brief, limit=small)} <= {n for n, _ in chart_events(brief, limit=large)}
    assert all(n == number for n, e in timeline_events(brief) for m in layout.marks
               for number in [m.number] if e is m.event)
    alt = _timeline_alt(brief)
    assert alt.startswith(f"Timeline of the {len(layout.marks)} most important of 266 dated events")
    assert f"the other {266 - len(layout.marks)} are not drawn" in alt


def test_months_too_short_for_a_bar_on_a_long_axis_are_square_markers():
    brief = sample_brief()
    brief.events = [_event("2017-04", "a contract is signed"), _event("2019-07", "deliveries begin"),
                    _event("2019-09-05", "a minister speaks"), _event("2021-08", "a second contract is discussed")]
    brief.outlook = []
    layout = timeline_layout(brief)
    months = [m for m in layout.marks if len(m.event.date) == 7]
    # Over four years a month is a few pixels wide: its bar would hide under its marker.
    assert all(m.span[1] - m.span[0] < MARKER_PX for m in months) and all(hides_its_bar(m) for m in months)
    assert not hides_its_bar(next(m for m in layout.marks if len(m.event.date) == 10))
    fig = timeline_figure(brief)
    events = next(t for t in fig.data if t.name == "Event")
    symbols = dict(zip(events.text, events.marker.symbol))
    assert [symbols[str(m.number)] for m in layout.marks] == ["square", "square", "circle", "square"]
    assert not [t for t in fig.data if t.mode == "lines+markers"]  # no bar hidden under a marker
    assert any("too short for a bar" in (t.name or "") for t in fig.data)
    legend = {t.name: t.marker.symbol for t in fig.data if t.showlegend is not False and t.mode == "markers"}
    assert legend == {"Event": None, "Period too short for a bar": "square"}  # a round "Event" in the legend
    assert "3 square markers are dates given only as a month" in _timeline_alt(brief)
    # Over three months, a month's bar reaches well beyond its marker: it stays a bar with end ticks.
    brief.events = [_event("2019-07", "deliveries begin"), _event("2019-09-05", "a minister speaks")]
    layout = timeline_layout(brief)
    month = next(m for m in layout.marks if m.event.date == "2019-07")
    assert month.span[1] - month.span[0] > 3 * MARKER_PX and not hides_its_bar(month)
    assert [t for t in timeline_figure(brief).data if t.mode == "lines+markers"]


def test_an_event_goes_to_the_row_of_its_subject_not_of_the_object_it_names_first(nlp):
    from briefgen.extract.timeline import event_mentions, time_expressions

    brief = sample_brief()
    brief.actors = [Actor(name="Germany", type="GPE", mentions=40), Actor(name="European Commission", type="ORG",
                    aliases=["the Commission"], mentions=30)]
    sentences = [
        "In March 2019, the request from Germany was rejected by the European Commission.",
        "Facing pressure from Germany, the European Commission delayed the ruling in May 2019.",
        "Germany filed a complaint in June 2019.",
        "In July 2019, Germany appealed against the decision.",
    ]
    brief.events = []
    for text in sentences:
        doc = nlp(text)
        for mention in event_mentions(doc, times=time_expressions(doc, published="2019-12"), published="2019-12"):
            brief.events.append(Event(date=mention.date, granularity="month", text=mention.text, sources=[1],
                                      citations=[cite(1)], actors=mention.actors))
    brief.outlook = []
    grouping, lanes, of_event = timeline_groups(brief, brief.events)
    assert grouping == "actor"
    assert [lanes[i] for i in of_event] == ["European Commission", "European Commission", "Germany", "Germany"]


def test_a_large_timeline_keeps_to_the_period_most_events_fall_in():
    brief = _large_brief(266)
    # A few history dates ("in 1950") from the articles' background, even reported twice, would squeeze
    # the 266 events of 2004-2005 into a corner of the axis.
    brief.events += [Event(date=f"195{i}", granularity="year", text=f"Background event {i}", sources=[1, 2],
                           citations=[cite(1), cite(2)], actors=[brief.actors[0].name]) for i in range(5)]
    layout = timeline_layout(brief)
    assert layout.x_range[0] > date(2003, 6, 1)
    assert not [m for m in layout.marks if m.event.text.startswith("Background")]
    assert layout.left_out == 271 - len(layout.marks)
    assert f"the other {layout.left_out} are not drawn" in _timeline_alt(brief)


def test_the_actor_resolver_finds_inside_a_phrase_what_a_scan_of_every_name_finds():
    """Inside a phrase, the resolver looks only at the names indexed by the phrase's words; a scan of
    all the names, longest first, must give the same actor for every phrase."""
    from briefgen.charts.timeline import _actor_resolver, _find_whole

    brief = sample_brief()
    brief.actors.append(Actor(name="U.S. Steel", type="ORG", mentions=2, stance=Stance()))
    brief.actors.append(Actor(name="'Ndrangheta", type="ORG", mentions=1, stance=Stance()))
    brief.actors.append(Actor(name="Acme", type="ORG", mentions=3, stance=Stance()))
    brief.actors.append(Actor(name="Acme Steel Works", type="ORG", mentions=1, stance=Stance()))
    resolve = _actor_resolver(brief)
    names = sorted(((n, i) for i, a in enumerate(brief.actors) for n in (a.name, *a.aliases) if len(n) > 2),
                   key=lambda w: -len(w[0]))
    phrases = {"the 'Ndrangheta clan", "U.S. Steelworkers", "a U.S. Steel plant", "nobody at all"}
    for actor in brief.actors:
        for name in (actor.name, *actor.aliases):
            phrases |= {f"the French envoy to {name}", f"{name}-backed plan", f"ex-{name} chief", f"two {name}s"}
    found = 0
    for phrase in sorted(phrases):
        scanned = next((i for n, i in names if _find_whole(phrase, n)), None)
        assert resolve(phrase) == scanned, phrase
        found += scanned is not None
    assert found > 20 and resolve("the 'Ndrangheta clan") == len(brief.actors) - 3
    assert resolve("the Acme Steel Works board") == len(brief.actors) - 1  # the longest name wins


def _with_background(years: list[str], recent: list[str]):
    brief = sample_brief()
    name = brief.actors[0].name
    brief.events = [Event(date=when, granularity="year" if len(when) == 4 else "month",
                          text=f"Event of {when}", sources=[1], citations=[cite(1)], actors=[name])
                    for when in [*years, *recent]]
    brief.outlook = []
    return brief


def test_a_founding_year_decades_back_breaks_the_axis_instead_of_squeezing_the_news():
    # As in a story about two carmakers: a stake first bought in 1969, then a dozen events of 2000-2006.
    recent = ["2000", "2000-03", "2001", "2002-06", "2003", "2003-09", "2004", "2004-11", "2005", "2006"]
    brief = _with_background(["1969"], recent)
    layout = timeline_layout(brief)
    assert [m.axis for m in layout.marks] == [0] + [1] * len(recent)
    (early, (a0, a1)), (late, (b0, b1)) = layout.axes
    assert early[0] < date(1969, 1, 1) < date(1969, 12, 31) < early[1] < late[0] < date(2000, 1, 1)
    assert a1 < b0 and (a1 - a0) < (b1 - b0) / 2  # the lone early event gets the narrow part
    # Every marker and bar lies inside its own part, and the years of the news now show as bars.
    for m in layout.marks:
        left, right = (a0, a1) if m.axis == 0 else (b0, b1)
        assert left <= m.span[0] <= m.span[1] <= right and left <= m.px - MARKER_PX / 2
    assert not any(hides_its_bar(m) for m in layout.marks if m.axis == 1 and len(m.event.date) == 4)
    fig = timeline_figure(brief)
    assert fig.layout.xaxis2.domain[0] > fig.layout.xaxis.domain[1]
    assert {t.xaxis for t in fig.data if t.mode == "markers+text"} == {"x", "x2"}
    assert "broken (//) between 1969 and 2000" in _timeline_alt(brief)


def test_events_spread_out_or_too_few_keep_one_axis():
    for years, recent in ((["1997"], ["2004", "2005"]), (["2017"], ["2019", "2019-07", "2020", "2021"])):
        layout = timeline_layout(_with_background(years, recent))
        assert len(layout.axes) == 1 and {m.axis for m in layout.marks} == {0}
        assert "broken" not in _timeline_alt(_with_background(years, recent))
