"""Figure, map and reader builders: pure functions, tested without Streamlit."""

from __future__ import annotations

import itertools
import json
import math
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go
import pytest

from armstrack import gazetteer
from components.charts import STATUS_COLORS, stage_funnel, top_countries
from components.mapchart import (
    COUNTRY_PARAM,
    EAST,
    NORTH,
    PAIR_PARAM,
    SOUTH,
    WEST,
    arc_path,
    arc_width,
    arcs,
    country_fills,
    heading,
    hubs,
    legend_html,
    map_spec,
    place_dots,
    shading_steps,
)
from components.maptables import (
    country_table,
    pairs_table,
    place_table,
)
from components.outlines import (
    outlines_json,
)
from components.reader import annotate
from components.timeline import (
    DAY_MS,
    EVENT_FAMILIES,
    LABEL_GAP_PX,
    LANES_SHOWN,
    TOP_AXIS,
    calendar_step,
    deals_figure,
    events_figure,
    label_width,
    lanes_by_activity,
    open_sides,
)


def _events(*rows: dict[str, object]) -> pd.DataFrame:
    base = {
        "id": "e", "type": "contract", "summary": "s", "actors": "RUS, CHN", "date_text": "t",
        "date_edtf": "x", "certainty": "certain", "attribution": "a", "evidence": "ev",
        "date_qualifier": "exact", "date_earliest": pd.NaT, "date_latest": pd.NaT,
        "published": pd.Timestamp("2016-11-21"), "place": None, "article_id": "a1",
    }  # fmt: skip
    frame = pd.DataFrame([{**base, **r} for r in rows])
    for col in ("date_earliest", "date_latest", "published"):
        frame[col] = pd.to_datetime(frame[col])
    return frame


def _traces(fig: go.Figure, kind: str) -> list[go.BaseTraceType]:
    """The figure's traces of one kind that show data (not the one that carries the top axis)."""
    return [t for t in fig.data if t.type == kind and t.name != TOP_AXIS]


def test_interval_event_is_a_bar_with_its_ends() -> None:
    fig = events_figure(_events({"date_earliest": "2014-09-01", "date_latest": "2014-09-30"}))
    (bar,) = _traces(fig, "bar")
    start = pd.Timestamp(bar.base[0])
    assert start == pd.Timestamp("2014-09-01")
    assert start + pd.Timedelta(milliseconds=bar.x[0]) == pd.Timestamp("2014-09-30")
    assert bar.orientation == "h"
    # Solid and edged in white: overlapping bars keep their own colours, never a blend.
    assert bar.marker.opacity in (None, 1) and bar.marker.line.color == "white"
    assert not [t for t in _traces(fig, "scatter") if "open end" in (t.name or "")]


def test_precise_date_is_a_marker() -> None:
    fig = events_figure(
        _events(
            {
                "date_earliest": "2015-11-24",
                "date_latest": "2015-11-24",
                "type": "military_incident",
            }
        )
    )
    assert not _traces(fig, "bar")
    (point,) = _traces(fig, "scatter")
    assert point.marker.symbol == "diamond"
    assert pd.Timestamp(point.x[0]) == pd.Timestamp("2015-11-24")


def test_open_ended_event_is_a_triangle_not_a_bar() -> None:
    frame = _events(
        {
            "id": "nb",
            "date_earliest": "2018-01-01",
            "date_qualifier": "not-before",
            "type": "delivery",
        },
        {
            "id": "by",
            "date_earliest": "2016-11-21",
            "date_latest": "2016-12-31",
            "date_qualifier": "deadline",
            "type": "contract",
        },
        {"id": "x", "date_earliest": "2024-01-01", "date_latest": "2024-12-31"},
    )
    fig = events_figure(frame)
    bars = _traces(fig, "bar")
    assert {i for t in bars for i in t.customdata} == {"x"}  # only the closed interval
    (after,) = [t for t in _traces(fig, "scatter") if "nb" in t.customdata]
    assert after.marker.symbol == "triangle-right"
    assert pd.Timestamp(after.x[0]) == pd.Timestamp("2018-01-01")
    (deadline,) = [t for t in _traces(fig, "scatter") if "by" in t.customdata]
    assert deadline.marker.symbol == "triangle-left"
    assert pd.Timestamp(deadline.x[0]) == pd.Timestamp("2016-12-31")
    assert open_sides(pd.Timestamp("2016-11-21"), pd.Timestamp("2016-12-31"), "deadline") == (
        True,
        False,
    )
    assert open_sides(pd.NaT, pd.Timestamp("2025-12-31"), "before") == (True, False)


def _many_lanes(lanes: int) -> pd.DataFrame:
    """Country lane i holds i + 1 events (lane 0 the quietest)."""
    rows = [
        {"id": f"e{i}-{j}", "actors": f"C{i:02d}", "date_earliest": f"20{10 + j % 10}-05-01",
         "date_latest": f"20{10 + j % 10}-05-01", "type": list(EVENT_FAMILIES)[(i + j) % 14]}
        for i in range(lanes)
        for j in range(i + 1)
    ]  # fmt: skip
    return _events(*rows)


def test_lanes_ordered_by_activity_and_cut_to_the_first() -> None:
    frame = _many_lanes(40)
    order = lanes_by_activity(frame)
    assert order[0] == "C39 (C39)" and order[-1] == "C00 (C00)" and len(order) == 40
    fig = events_figure(frame)
    drawn = {y for t in fig.data if t.name != TOP_AXIS for y in t.y}
    assert len(drawn) == LANES_SHOWN == 25
    assert drawn == set(order[:25])
    assert list(fig.layout.yaxis.categoryarray) == order[:25]
    everything = events_figure(frame, lanes=None)
    assert len({y for t in everything.data if t.name != TOP_AXIS for y in t.y}) == 40


def test_few_families_distinct_colours_types_in_hover_axis_on_top() -> None:
    fig = events_figure(_many_lanes(14), lanes=None)
    data = [t for t in fig.data if t.name != TOP_AXIS]
    legend = [t.name for t in data if t.showlegend]
    assert len(legend) == len(set(legend)) <= 8
    colours = {t.name: t.marker.color for t in data}
    assert len(set(colours.values())) == len(colours) == len(set(EVENT_FAMILIES.values()))
    hovers = " ".join(h for t in data for h in t.hovertext)
    assert "military incident" in hovers and "exhibition" in hovers
    assert fig.layout.xaxis2.side == "top" and fig.layout.xaxis2.matches == "x"
    (top,) = [t for t in fig.data if t.name == TOP_AXIS]
    assert top.xaxis == "x2" and top.hoverinfo == "skip" and top.marker.opacity == 0
    # The top axis steps in calendar units from a New Year (left to itself, plotly labels an
    # overlaid date axis a year late).
    assert fig.layout.xaxis2.tick0 == "2000-01-01" and str(fig.layout.xaxis2.dtick).startswith("M")
    assert fig.layout.showlegend is True


def test_lane_per_country_and_publication_lines() -> None:
    frame = _events({"date_earliest": "2014-09-01", "date_latest": "2014-09-30"})
    fig = events_figure(
        frame, names={"RUS": "Russia", "CHN": "China"}, publications=frame["published"]
    )
    (bar,) = _traces(fig, "bar")
    assert set(bar.y) == {"Russia (RUS)", "China (CHN)"}
    assert any(shape.type == "line" for shape in fig.layout.shapes)


def test_hover_text_is_escaped() -> None:
    fig = events_figure(
        _events(
            {
                "date_earliest": "2015-11-24",
                "date_latest": "2015-11-24",
                "evidence": "<script>alert(1)</script>",
            }
        )
    )
    hover = _traces(fig, "scatter")[0].hovertext[0]
    assert "<script>" not in hover and "&lt;script&gt;" in hover


def test_empty_frames_give_valid_empty_figures() -> None:
    empty = _events({"date_earliest": "2015-11-24"}).iloc[0:0]
    for fig in (
        events_figure(empty),
        deals_figure(pd.DataFrame(columns=["supplier"])),
    ):
        assert len(fig.data) == 0
        assert json.loads(fig.to_json())["layout"]


def test_deal_lifecycle_bar() -> None:
    deals = pd.DataFrame(
        [{"id": "d", "supplier": "RUS", "recipient": "CHN", "system": "S-400", "status": "signed",
          "order_earliest": datetime(2014, 9, 1), "first_reported": datetime(2016, 11, 21),
          "delivery_latest": datetime(2019, 12, 31), "delivery_earliest": datetime(2018, 1, 1),
          "last_reported": datetime(2016, 11, 21), "status_history": "signed", "order_edtf": "2014-09",
          "delivery_edtf": "2018/.."}]
    )  # fmt: skip
    (bar,) = deals_figure(deals, {"RUS": "Russia", "CHN": "China"}).data
    assert pd.Timestamp(bar.base[0]) == pd.Timestamp("2014-09-01")
    assert bar.y[0] == "Russia → China · S-400"
    assert bar.x[0] > 365 * DAY_MS
    assert deals_figure(deals).layout.showlegend is True  # one status, still named


def test_arcs_go_from_supplier_to_recipient() -> None:
    deals = pd.DataFrame(
        [
            {
                "supplier": "RUS",
                "recipient": "IND",
                "systems": "S-400",
                "deals": 1,
                "status": "agreed",
                "sources": 2,
            }
        ]
    )
    (arc,) = arcs(deals).to_dict("records")
    rus, ind = gazetteer.countries()["RUS"], gazetteer.countries()["IND"]
    assert arc["source"] == [rus.lon, rus.lat]
    assert arc["target"] == [ind.lon, ind.lat]
    assert arc["width"] > 1.5


def test_one_arc_per_pair_by_deals_and_furthest_status_faint_at_the_supplier() -> None:
    pairs = pd.DataFrame(
        [
            {"supplier": "RUS", "recipient": "IND", "systems": "S-400, T-90", "deals": 9,
             "status": "signed", "furthest": "delivered", "sources": 12},
            {"supplier": "FRA", "recipient": "IND", "systems": "Rafale", "deals": 1,
             "status": "negotiating", "furthest": "negotiating", "sources": 1},
        ]
    )  # fmt: skip
    busy, quiet = arcs(pairs).to_dict("records")
    assert busy["status"] == "delivered" and quiet["status"] == "negotiating"
    assert busy["color"] == STATUS_COLORS["delivered"]
    assert quiet["width"] < busy["width"] <= 9
    assert arc_width(1) == 2.5 and arc_width(4) == 4 and arc_width(100) == 9
    assert "9 deals, furthest delivered · 12 articles" in busy["summary"]
    assert "1 deal, furthest negotiating · 1 article" in quiet["summary"]
    table = pairs_table(pairs, {"RUS": "Russia", "IND": "India"})
    assert list(table.columns) == [
        "Supplier", "Recipient", "Deals", "Furthest status", "Sources", "Systems",
    ]  # fmt: skip
    assert table.iloc[0].tolist() == [
        "Russia (RUS)", "India (IND)", 9, "delivered", 12, "S-400, T-90",
    ]  # fmt: skip


def test_shading_has_a_numeric_legend() -> None:
    countries = pd.DataFrame(
        [
            {"iso3": "RUS", "supplied": 90, "received": 0, "events": 10},
            {"iso3": "IND", "supplied": 0, "received": 20, "events": 5},
            {"iso3": "NOR", "supplied": 1, "received": 0, "events": 0},
        ]
    )
    steps = shading_steps(countries)
    values = [v for v, _ in steps]
    assert values == [1, 25, 50, 75, 100]
    fills = [fill for _, fill in steps]
    assert all(a[0] > b[0] for a, b in itertools.pairwise(fills))  # darker as numbers grow
    shades = country_fills(countries)
    assert shades["RUS"] == "#{:02x}{:02x}{:02x}".format(*fills[-1][:3])
    assert shades["NOR"] == "#{:02x}{:02x}{:02x}".format(*fills[0][:3])
    table = country_table(countries, {"RUS": "Russia", "IND": "India"})
    assert table["Country"].tolist() == ["Russia (RUS)", "India (IND)", "NOR (NOR)"]
    assert table.iloc[0].tolist() == ["Russia (RUS)", 100, 90, 0, 10]
    legend = legend_html(steps)
    assert all(f">{v}</span>" in legend for v in values)
    assert "thin at the supplier, an arrowhead at the recipient" in legend
    assert shading_steps(countries.iloc[0:0]) == []
    small = pd.DataFrame([{"iso3": "NOR", "supplied": 2, "received": 0, "events": 0}])
    assert [v for v, _ in shading_steps(small)] == [1, 2]


def test_place_dots_grow_with_events() -> None:
    places = pd.DataFrame(
        [
            {"place": "Izmir", "lat": 38.4, "lon": 27.1, "events": 2, "types": "delivery"},
            {"place": "Ankara", "lat": 39.9, "lon": 32.9, "events": 40, "types": "contract"},
        ]
    )
    dots = place_dots(places)
    assert dots["radius"].tolist() == [4.0, 8.0]  # pixels, capped at ten events
    table = place_table(dots.assign(types=["military_incident", "contract"]))
    assert table["Place"].tolist() == ["Ankara", "Izmir"]  # busiest first
    assert table["Event types"].tolist() == ["contract", "military incident"]
    assert place_dots(places.iloc[0:0]).empty


def test_top_countries_are_bars_stacked_by_status_the_most_first() -> None:
    counts = pd.DataFrame(
        [
            {"iso3": "FRA", "status": "signed", "deals": 3, "total": 4},
            {"iso3": "FRA", "status": "delivered", "deals": 1, "total": 4},
            {"iso3": "KOR", "status": "signed", "deals": 2, "total": 2},
            {"iso3": "XXX", "status": "signed", "deals": 1, "total": 1},
        ]
    )
    chart = top_countries(counts, {"FRA": "France", "XXX": "<b>Nowhere</b>"})
    assert chart.index("France (FRA)") < chart.index("KOR (KOR)") < chart.index("Nowhere")
    assert "<b>" not in chart and "&lt;b&gt;Nowhere&lt;/b&gt; (XXX)" in chart  # text, not markup
    # Each part as long as its share of the longest bar, named on hover; totals written out.
    assert 'title="France (FRA): 3 signed"' in chart and "width:75.000%" in chart
    assert 'title="France (FRA): 1 delivered"' in chart and "width:25.000%" in chart
    assert 'title="KOR (KOR): 2 signed"' in chart and "width:50.000%" in chart
    assert ">4</span>" in chart and ">2</span>" in chart
    key = chart[chart.index("Deals by status:") :]
    assert "signed" in key and "delivered" in key and "cancelled" not in key


def test_status_key_shows_with_one_status_and_an_empty_view_says_so() -> None:
    one = pd.DataFrame([{"iso3": "FRA", "status": "signed", "deals": 2, "total": 2}])
    chart = top_countries(one, {})
    assert STATUS_COLORS["signed"] in chart[chart.index("Deals by status:") :]
    assert "No deals in this view" in top_countries(pd.DataFrame(), {})


def test_stage_funnel_bars_are_as_long_as_their_share_and_named_on_hover() -> None:
    reached = [("offered", 8), ("talks", 6), ("agreed", 4), ("signed", 2), ("delivering", 1),
               ("delivered", 0)]  # fmt: skip
    chart = stage_funnel(reached)
    # In stage order, each bar its share of the widest, its count written in it and on hover.
    positions = [chart.index(f">{label}</span>") for label, _ in reached]
    assert positions == sorted(positions)
    assert 'title="offered: 8 deal(s) reached this stage"' in chart and "width:100.000%" in chart
    assert 'title="talks: 6 deal(s) reached this stage"' in chart and "width:75.000%" in chart
    assert 'title="delivering: 1 deal(s) reached this stage"' in chart and "width:12.500%" in chart
    # The stages in their status colours, dark text on a light fill; a stage none reached unfilled.
    assert f"background:{STATUS_COLORS['proposed']};color:#1b1f24" in chart
    assert f"background:{STATUS_COLORS['signed']};color:#ffffff" in chart
    assert STATUS_COLORS["delivered"] not in chart and "background:none" in chart
    assert ">0</span>" in chart


def test_stage_funnel_escapes_its_labels_and_says_when_nothing_got_past_a_rumour() -> None:
    chart = stage_funnel([("<b>offered</b>", 1)])
    assert "<b>" not in chart and "&lt;b&gt;offered&lt;/b&gt;" in chart
    empty = stage_funnel([("offered", 0), ("talks", 0)])
    assert "No deals past a rumour in this view" in empty


def test_map_needs_no_tiles_or_token_and_names_the_outlines_by_url() -> None:
    countries = pd.DataFrame(
        [{"iso3": "RUS", "name": "Russia", "supplied": 2, "received": 0, "events": 3}]
    )
    url = "http://localhost:8501/app/static/countries.json?v=abc"
    spec = map_spec(
        countries,
        pd.DataFrame(columns=["supplier"]),
        pd.DataFrame(columns=["lat", "lon", "radius"]),
        url,
    )
    text = json.dumps(spec)
    # No tiles, no token: the outlines the one file read by URL (the app's own), the rest inline;
    # drawn on a canvas.
    urls = [layer["data"]["url"] for layer in spec["layer"] if "url" in layer["data"]]
    assert urls == [url, url]  # the shaded countries and, over all, the ones that take the click
    assert all("values" in layer["data"] for layer in spec["layer"] if "url" not in layer["data"])
    assert "tile" not in text.lower() and "token" not in text.lower()
    assert spec["usermeta"]["embedOptions"]["renderer"] == "canvas"
    assert len(text) < 20_000  # no outlines inside
    # The page listens to both clicks, with arcs or none.
    params = [p["name"] for layer in spec["layer"] for p in layer.get("params", [])]
    assert COUNTRY_PARAM in params and PAIR_PARAM in params
    # Russia's shade, every other country's the blank one.
    (lookup,) = [t for t in spec["layer"][0]["transform"] if "lookup" in t]
    assert lookup["from"]["data"]["values"] == [
        {"iso3": "RUS", "fill": country_fills(countries)["RUS"]}
    ]
    assert lookup["default"] != country_fills(countries)["RUS"]
    features = json.loads(outlines_json())["features"]
    assert len(features) > 150
    assert {"iso3", "name"} == set(features[0]["properties"])
    assert (
        next(f for f in features if f["properties"]["iso3"] == "TUR")["properties"]["name"]
        == "Turkey"
    )


def test_outlines_wind_as_the_map_projection_reads_them() -> None:
    """Outer rings clockwise, holes anticlockwise: a ring the other way round is read as the
    whole globe but the country, and would cover the map."""

    def area(ring: list[list[float]]) -> float:
        return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2

    for feature in json.loads(outlines_json())["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        for rings in polygons:
            assert area(rings[0]) < 0, feature["properties"]["iso3"]
            assert all(area(hole) > 0 for hole in rings[1:]), feature["properties"]["iso3"]


def test_outlines_are_written_once_whole_and_versioned_by_content(tmp_path) -> None:
    from components.outlines import publish_outlines

    target = tmp_path / "static" / "countries.json"
    version = publish_outlines(target)
    assert json.loads(target.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    stamp = target.stat().st_mtime_ns
    assert publish_outlines(target) == version and target.stat().st_mtime_ns == stamp
    target.write_text("{}", encoding="utf-8")  # a stale or damaged file is replaced
    assert publish_outlines(target) == version
    assert target.read_text(encoding="utf-8") == outlines_json()
    assert [p.name for p in target.parent.iterdir()] == ["countries.json"]


def test_arcs_bend_right_and_stay_on_the_map() -> None:
    there = arc_path([0.0, 0.0], [40.0, 0.0])
    back = arc_path([40.0, 0.0], [0.0, 0.0])
    assert there[0] == [0.0, 0.0] and there[-1] == [40.0, 0.0]
    assert there[6][1] < 0 < back[6][1]  # each bends to its right: two arcs, not one line
    # The map shows the world once: an arc never leaves it, over the date line or the poles.
    pacific = arc_path([-98.0, 39.0], [127.8, 36.0])  # United States to South Korea
    assert pacific[0] == [-98.0, 39.0] and pacific[-1] == [127.8, 36.0]
    assert (
        arc_path([-98.0, 39.0], [127.8, 36.0], 48, first=46)
        == arc_path([-98.0, 39.0], [127.8, 36.0], 48)[-3:]
    )  # only the last points, for the arrowhead
    for path in (pacific, arc_path([0.0, 70.0], [120.0, 75.0]), arc_path([170, -45], [-170, -50])):
        assert all(WEST <= x <= EAST and SOUTH <= y <= NORTH for x, y in path)


def test_country_hubs_sit_over_the_arcs_where_they_meet() -> None:
    """A dot at each arc end's country centre, drawn last so a click there picks the country;
    the country fills stay pickable and their borders are a layer of their own that is not."""
    countries = pd.DataFrame(
        [
            {"iso3": "RUS", "name": "Russia", "supplied": 2, "received": 0, "events": 3},
            {"iso3": "TUR", "name": "Turkey", "supplied": 0, "received": 2, "events": 1},
            {"iso3": "FRA", "name": "France", "supplied": 0, "received": 0, "events": 4},
        ]
    )
    pairs = pd.DataFrame(
        [{"supplier": "RUS", "recipient": "TUR", "systems": "S-400", "status": "signed",
          "furthest": "signed", "deals": 2, "sources": 1}]
    )  # fmt: skip
    dots = hubs(countries, pairs)
    assert sorted(dots["iso3"]) == ["RUS", "TUR"]  # France has events but no arc
    ends = arcs(pairs).iloc[0]
    turkey = dots.set_index("iso3").loc["TUR"]
    assert [turkey["lon"], turkey["lat"]] == ends["target"]
    assert hubs(countries, pairs.iloc[0:0]).empty
    spec = map_spec(countries, pairs, place_dots(pd.DataFrame()), "c.json")
    layers = {layer["name"]: layer for layer in spec["layer"]}
    # The countries are drawn first and again last, invisible, over the arcs and the centre
    # dots: the last take the pointer wherever it lands on a country, its tooltip and its click.
    assert list(layers) == ["countries", "arcs", "heads", "hubs", "picks"]
    picks = layers["picks"]
    assert picks["data"] == layers["countries"]["data"]
    assert picks["encoding"]["fillOpacity"]["value"] == 0
    (click,) = [p for p in picks["params"] if p["name"] == COUNTRY_PARAM]
    assert click["select"] == {"type": "point", "on": "click", "fields": ["iso3"]}
    assert "datum.properties.name" in json.dumps(picks["transform"])  # the file's own names
    assert layers["countries"].get("params") is None  # the lower countries are never picked
    assert len(layers["hubs"]["data"]["values"]) == 2
    # One trail per arc along its curve, widening from the supplier to the recipient, where its
    # arrowhead points the way it came in; its colour the furthest status.
    arc = layers["arcs"]
    points = arc["data"]["values"]
    assert len(points) == 13 and [p["step"] for p in points] == list(range(13))
    sizes = [p["size"] for p in points]
    assert sizes == sorted(sizes) and sizes[0] < 0.3 * sizes[-1]
    assert [points[0]["lon"], points[0]["lat"]] == ends["source"]
    (head,) = layers["heads"]["data"]["values"]
    # Just short of Turkey's centre (the dot there would hide it), pointing at it.
    assert ends["target"] == [turkey["lon"], turkey["lat"]]
    assert 0 < math.dist([head["lon"], head["lat"]], ends["target"]) < 2
    assert abs(heading([head["lon"], head["lat"]], ends["target"]) - head["angle"]) < 10
    assert head["color"] == STATUS_COLORS["signed"] and 0 <= head["angle"] < 360
    assert "2 deals, furthest signed" in head["summary"]
    (pair,) = arc["params"]
    assert pair["name"] == PAIR_PARAM and pair["select"]["fields"] == ["supplier", "recipient"]


def test_reader_escapes_article_text_and_marks_entities() -> None:
    text = "Egypt ordered <script>alert(1)</script> jets. <img src=x onerror=alert(2)>"
    mentions = pd.DataFrame(
        [{"kind": "country", "canonical": "Egypt", "char_start": 0, "char_end": 5}]
    )
    facts = pd.DataFrame([{"char_start": 0, "char_end": 46}])
    out = annotate(text, mentions, facts, selected=(0, 46))
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert '<mark title="country: Egypt"' in out and ">Egypt</mark>" in out
    assert "outline:2px" in out


# Lane labels and their widths in pixels as Chromium draws them in the chart (12 px, the theme's
# sans serif), read from the page.
DRAWN_LABEL_PX = [
    ("French Southern and Antarctic Lands (ATF)", 212.65),
    ("United States (USA)", 97.06),
]


@pytest.mark.parametrize(("label", "drawn"), DRAWN_LABEL_PX)
def test_lane_label_width_is_a_little_over_the_drawn_one(label: str, drawn: float) -> None:
    assert drawn <= label_width(label) <= drawn * 1.1


def test_left_margin_holds_the_longest_lane_label_from_the_start() -> None:
    """Left to plotly's automatic margin, the chart is drawn once too narrow and then again."""
    frame = _events(
        {"id": "e1", "actors": "ATF", "date_earliest": "2014-09-01", "date_latest": "2014-09-30"},
        {"id": "e2", "actors": "USA", "date_earliest": "2015-09-01", "date_latest": "2015-09-30"},
    )
    names = {"ATF": "French Southern and Antarctic Lands", "USA": "United States"}
    fig = events_figure(frame, names=names)
    longest = label_width("French Southern and Antarctic Lands (ATF)")
    assert longest + LABEL_GAP_PX - 1 <= fig.layout.margin.l <= longest + LABEL_GAP_PX
    assert fig.layout.yaxis.tickfont.size == 12


def test_events_figure_is_drawn_once_as_streamlit_mounts_it() -> None:
    """No template and no typed arrays, and a data revision that follows the marks: plotly then
    keeps what it drew when Streamlit hands it the same chart again."""
    one = _events({"id": "e1", "date_earliest": "2014-09-01", "date_latest": "2014-09-30"})
    other = _events({"id": "e2", "date_earliest": "2014-09-01", "date_latest": "2014-10-30"})
    fig = events_figure(one)
    spec = json.loads(fig.to_json())
    assert "template" not in spec["layout"] and "bdata" not in json.dumps(spec["data"])
    assert spec["layout"]["clickmode"] == "event+select"
    assert fig.layout.datarevision == events_figure(one).layout.datarevision
    assert fig.layout.datarevision != events_figure(other).layout.datarevision


def test_calendar_steps_give_ten_ticks_at_most() -> None:
    from datetime import timedelta

    assert calendar_step(timedelta(days=20)) == 7 * DAY_MS
    assert calendar_step(timedelta(days=200)) == "M1"
    assert calendar_step(timedelta(days=365 * 8)) == "M12"
    assert calendar_step(timedelta(days=365 * 27)) == "M60"
    assert calendar_step(timedelta(days=365 * 70)) == "M120"
