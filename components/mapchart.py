"""The map as a Vega-Lite spec: data in, spec out (no Streamlit here, so it is unit-tested).

No tiles and no token. The countries, their outlines read by URL from one static file the app
serves (`outlines.publish_outlines`: the browser fetches it once and keeps it, and a rerun sends only what
changes with the view), shaded by involvement; one arc per country pair, thin at the supplier
and widening to an arrowhead at the recipient; the dots where a country's arcs meet; the event
places. Over all of them the countries once more, invisible, which take the pointer: the tooltip
and the click that filters every page to a country land on the country wherever it is hit, on
its arcs and dots too. Over the sea an arc takes the click, and picks its pair.

Drawn by Vega on a canvas: in a browser without a GPU, about half the time MapLibre and deck.gl
took for the same picture.
"""

from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd

from armstrack import gazetteer
from armstrack.readable import counted
from components.charts import STATUS_COLORS
from components.maptables import involvement

SEA = "#f4f8fb"
BORDER = "#8c96a5"
HUB = "#283c5a"  # the ring of the dots where a country's arcs meet
COUNTRY_PARAM = "country"  # the click on a country: its code
PAIR_PARAM = "pair"  # the click on an arc: its supplier and recipient
HOVER_PARAM = "hover"  # the country under the pointer, highlighted (no rerun)
ARC_STEPS = 12  # points along each arc after its start
# What the map shows: the whole way round, every inhabited latitude, as wide as the chart allows
# (Mercator, centred on `CENTRE`, scaled to fit). Arcs stay inside it.
WEST, EAST, SOUTH, NORTH = -179.0, 179.0, -56.0, 76.0
CENTRE = (0.0, 25.27)  # longitude, latitude: halfway between SOUTH and NORTH on the map


def to_hex(rgba: list[int]) -> str:
    """An RGB(A) list as a #rrggbb colour."""
    return "#{:02x}{:02x}{:02x}".format(*rgba[:3])


def shade(score: float, top: float) -> list[int]:
    """A country's fill for its involvement: pale to dark blue as the score nears the top one."""
    if score <= 0:
        return [236, 239, 243, 255]
    share = 0.25 + 0.75 * score / max(top, 1.0)
    return [int(230 - 200 * share), int(238 - 160 * share), int(247 - 100 * share), 230]


def arc_path(
    source: list[float], target: list[float], steps: int = ARC_STEPS, first: int = 0
) -> list[list[float]]:
    """Points of a curve from `source` to `target` (longitude, latitude), bent to the right of the
    way it runs, so that A → B and B → A are two arcs side by side, not one line over another:
    `steps` after the start, from the `first`. It stays on the map: never over the date line
    (the map shows the world once), between `WEST` and `EAST`, `SOUTH` and `NORTH`."""
    (x0, y0), (x1, y1) = source, target
    bend = 0.2
    cx, cy = (x0 + x1) / 2 + bend * (y1 - y0), (y0 + y1) / 2 - bend * (x1 - x0)
    points = []
    for i in range(first, steps + 1):
        u = i / steps
        a, b, c = (1 - u) ** 2, 2 * (1 - u) * u, u * u
        x = max(WEST, min(EAST, a * x0 + b * cx + c * x1))
        y = max(SOUTH, min(NORTH, a * y0 + b * cy + c * y1))
        points.append([round(x, 2), round(y, 2)])
    return points


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(max(-85.0, min(85.0, lat))) / 2))


def heading(a: list[float], b: list[float]) -> float:
    """Degrees clockwise from up of the way from `a` to `b` on the (Mercator) map."""
    dx = math.radians(b[0] - a[0])
    dy = _mercator(b[1]) - _mercator(a[1])
    return round(math.degrees(math.atan2(dx, dy)) % 360, 1)


def shading_steps(countries: pd.DataFrame, steps: int = 5) -> list[tuple[int, list[int]]]:
    """The shading's legend: up to `steps` whole involvement numbers from 1 to the largest, each
    with its fill."""
    top = max(involvement(countries).values(), default=0.0)
    if top < 1:
        return []
    values = sorted({max(1, round(top * i / (steps - 1))) for i in range(steps)})
    return [(int(v), shade(float(v), top)) for v in values]


def country_fills(countries: pd.DataFrame) -> dict[str, str]:
    """The fill of every country in the view with any involvement (the rest are `shade(0)`)."""
    scores = involvement(countries)
    top = max(scores.values(), default=1.0)
    return {iso3: to_hex(shade(score, top)) for iso3, score in sorted(scores.items())}


def arc_width(deals: int) -> float:
    """Pixels: grows with the pair's deals, by the square root so a busy pair does not hide the
    rest (1 deal 2.5 px, 4 deals 4 px, 16 deals 7 px, never more than 9)."""
    return min(9.0, 1.0 + 1.5 * math.sqrt(max(deals, 1)))


def arcs(pairs: pd.DataFrame) -> pd.DataFrame:
    """One arc per supplier-recipient pair (as `queries.arcs` returns them), from the supplier's
    centroid to the recipient's; width by the pair's deals, colour by the furthest status its
    deals reached, faint at the supplier and solid at the recipient."""
    table = gazetteer.countries()
    rows = []
    for d in pairs.itertuples():
        a, b = table.get(str(d.supplier)), table.get(str(d.recipient))
        if a is None or b is None:
            continue
        deals = int(d.deals or 1)
        status = str(getattr(d, "furthest", None) or d.status)
        color = STATUS_COLORS.get(status, "#555555")
        rows.append(
            {
                "source": [a.lon, a.lat],
                "target": [b.lon, b.lat],
                "supplier": d.supplier,
                "recipient": d.recipient,
                "systems": d.systems,
                "status": status,
                "deals": deals,
                "width": arc_width(deals),
                "color": color,
                "summary": f"{a.name} → {b.name}: {counted(deals, 'deal')}, furthest {status}"
                f" · {counted(int(d.sources or 0), 'article')}\n{d.systems}",
            }
        )
    columns = [
        "source", "target", "supplier", "recipient", "systems", "status", "deals", "width",
        "color", "summary",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def pair_summary(pairs: pd.DataFrame, row: int) -> str:
    """One pair of `queries.arcs` in words: who supplied whom, how many deals, how far they got,
    the articles behind them and the systems (what its arc's row of the table says)."""
    one = arcs(pairs.iloc[[row]])
    return str(one["summary"].iloc[0]) if len(one) else ""


def hubs(countries: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """A dot at the centre of every country an arc starts or ends at (the arcs' own end
    points). The style draws the dots; the country layer over them takes the click."""
    columns = ["iso3", "lon", "lat"]
    if pairs.empty or countries.empty:
        return pd.DataFrame(columns=columns)
    ends = set(pairs["supplier"].astype(str)) | set(pairs["recipient"].astype(str))
    table = gazetteer.countries()
    rows = [
        [iso3, table[iso3].lon, table[iso3].lat]
        for iso3 in sorted(ends & set(countries["iso3"].astype(str)))
        if iso3 in table
    ]
    return pd.DataFrame(rows, columns=columns)


def place_dots(places: pd.DataFrame) -> pd.DataFrame:
    """Event places (cities, borders), as `queries.event_places` counts them, with a radius in
    pixels that grows with the events there (3.5 for one, 8 from ten)."""
    columns = ["place", "lat", "lon", "events", "types", "radius"]
    if places.empty:
        return pd.DataFrame(columns=columns)
    events = places["events"].astype("int64")
    return places.assign(radius=3 + 0.5 * events.clip(upper=10))[columns]


def _lon_lat() -> dict[str, Any]:
    return {
        "longitude": {"field": "lon", "type": "quantitative"},
        "latitude": {"field": "lat", "type": "quantitative"},
    }


def _outline_layer(outlines_url: str, name: str) -> dict[str, Any]:
    return {
        "name": name,
        "data": {"url": outlines_url, "format": {"type": "json", "property": "features"}},
        "transform": [
            {"calculate": "datum.properties.iso3", "as": "iso3"},
            {
                "calculate": "datum.properties.name + ' (' + datum.properties.iso3 + ')'",
                "as": "label",
            },
        ],
    }


def arc_layers(arc_rows: pd.DataFrame) -> list[dict[str, Any]]:
    """The arcs (`arcs`) as Vega-Lite layers: each a trail along its curve, thin at the supplier
    and its full width at the recipient, an arrowhead just short of the recipient's centre (where
    the dot its arcs meet at would hide it); over the sea a
    click on one picks its pair (`PAIR_PARAM`). Drawn with no arcs too, empty, so that the
    chart always has the parameter the page listens to."""
    points: list[dict[str, Any]] = []
    heads: list[dict[str, Any]] = []
    for n, arc in enumerate(arc_rows.itertuples()):
        path = arc_path(arc.source, arc.target)
        for i, (lon, lat) in enumerate(path):
            size = round(arc.width * (0.25 + 0.75 * i / ARC_STEPS), 2)
            points.append({"arc": n, "step": i, "lon": lon, "lat": lat, "size": size})
        # The arrowhead a forty-eighth of the way before the end, pointing the way the arc runs.
        near = arc_path(arc.source, arc.target, 4 * ARC_STEPS, first=4 * ARC_STEPS - 2)
        heads.append(
            {"arc": n, "supplier": arc.supplier, "recipient": arc.recipient, "color": arc.color,
             "summary": str(arc.summary).split("\n")[0] + " · click for the pair",
             "lon": near[-2][0], "lat": near[-2][1], "angle": heading(near[-3], near[-1]),
             "size": round((3 + 1.5 * arc.width) ** 2)}
        )  # fmt: skip
    colour = {"field": "color", "type": "nominal", "scale": None}
    tooltip = {"field": "summary", "type": "nominal"}
    return [
        {
            "name": "arcs",
            "data": {"values": points},
            "transform": [
                {
                    "lookup": "arc",
                    "from": {
                        "data": {"values": heads},
                        "key": "arc",
                        "fields": ["supplier", "recipient", "color", "summary"],
                    },
                },
            ],
            "mark": {"type": "trail", "opacity": 0.8},
            "encoding": {
                **_lon_lat(),
                "detail": {"field": "arc", "type": "nominal"},
                "order": {"field": "step", "type": "quantitative"},
                "size": {"field": "size", "type": "quantitative", "scale": None},
                "color": colour,
                "tooltip": tooltip,
            },
            "params": [
                {
                    "name": PAIR_PARAM,
                    "select": {"type": "point", "on": "click", "fields": ["supplier", "recipient"]},
                }
            ],
        },
        {
            "name": "heads",
            "data": {"values": heads},
            "mark": {"type": "point", "shape": "triangle-up", "filled": True, "opacity": 0.95},
            "encoding": {
                **_lon_lat(),
                "angle": {"field": "angle", "type": "quantitative", "scale": None},
                "size": {"field": "size", "type": "quantitative", "scale": None},
                "color": colour,
                "tooltip": tooltip,
            },
        },
    ]


def map_spec(
    countries: pd.DataFrame,
    pairs: pd.DataFrame,
    places: pd.DataFrame,
    outlines_url: str,
    height: int = 560,
) -> dict[str, Any]:
    """The map (see the module's doc) for these countries' involvement, country pairs
    (`queries.arcs`) and event places (`place_dots`), the outlines read from `outlines_url`
    (`publish_outlines`), as a Vega-Lite spec."""
    fills = [{"iso3": k, "fill": v} for k, v in country_fills(countries).items()]
    centres = hubs(countries, pairs)
    dots = [
        {"lon": round(float(p.lon), 2), "lat": round(float(p.lat), 2),
         "size": round((2 * float(p.radius)) ** 2)}
        for p in places.itertuples()
    ]  # fmt: skip
    shaded = _outline_layer(outlines_url, "countries")
    shaded["transform"].append(
        {"lookup": "iso3", "from": {"data": {"values": fills}, "key": "iso3", "fields": ["fill"]},
         "default": to_hex(shade(0, 1))}
    )  # fmt: skip
    shaded |= {
        "mark": {"type": "geoshape", "stroke": BORDER, "strokeWidth": 0.6, "fillOpacity": 0.9},
        "encoding": {"fill": {"field": "fill", "type": "nominal", "scale": None}},
    }
    layers = [shaded, *arc_layers(arcs(pairs))]
    if len(centres):
        layers.append(
            {
                "name": "hubs",
                "data": {"values": centres[["lon", "lat"]].to_dict("records")},
                "mark": {
                    "type": "circle",
                    "size": 30,
                    "fill": "white",
                    "stroke": HUB,
                    "strokeWidth": 1,
                    "opacity": 1,
                },
                "encoding": _lon_lat(),
            }
        )
    if dots:
        layers.append(
            {
                "name": "places",
                "data": {"values": dots},
                "mark": {
                    "type": "circle",
                    "fill": "#1e1e1e",
                    "opacity": 0.8,
                    "stroke": "white",
                    "strokeWidth": 1,
                },
                "encoding": {
                    **_lon_lat(),
                    "size": {"field": "size", "type": "quantitative", "scale": None},
                },
            }
        )
    # The countries again, over everything and invisible until the pointer is on one (then
    # highlighted): they take the pointer, so a click anywhere on a country picks it.
    picks = _outline_layer(outlines_url, "picks")
    picks["transform"].append(
        {"calculate": "datum.label + ' · click to filter every page to it'", "as": "hint"}
    )
    picks |= {
        "mark": {"type": "geoshape", "fill": "#ffc400", "stroke": None, "cursor": "pointer"},
        "encoding": {
            "fillOpacity": {
                "condition": {"param": HOVER_PARAM, "empty": False, "value": 0.35},
                "value": 0,
            },
            "tooltip": {"field": "hint", "type": "nominal"},
        },
        "params": [
            {"name": COUNTRY_PARAM, "select": {"type": "point", "on": "click", "fields": ["iso3"]}},
            {
                "name": HOVER_PARAM,
                "select": {
                    "type": "point",
                    "on": "pointerover",
                    "clear": "pointerout",
                    "fields": ["iso3"],
                },
            },
        ],
    }
    layers.append(picks)
    span = round(_mercator(NORTH) - _mercator(SOUTH), 4)
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": "container",
        "height": height,
        "projection": {
            "type": "mercator",
            "center": list(CENTRE),
            "scale": {"expr": f"min(width / {math.radians(EAST - WEST)}, height / {span})"},
            "translate": {"expr": "[width / 2, height / 2]"},
        },
        "background": SEA,
        # No margin (Streamlit adds one below a chart unless told): the map fills the canvas.
        "padding": {"left": 0, "right": 0, "top": 0, "bottom": 0},
        "config": {"view": {"fill": SEA, "stroke": None}, "aria": False},
        # A canvas: in a browser without a GPU several times faster to draw than SVG.
        "usermeta": {"embedOptions": {"renderer": "canvas"}},
        "layer": layers,
    }


def legend_items() -> list[tuple[str, str]]:
    return [(status, color) for status, color in STATUS_COLORS.items()]


def legend_html(steps: list[tuple[int, list[int]]]) -> str:
    """The map's key: arc colours by furthest status, the supplier-to-recipient taper, arc width,
    and the countries' shading with its numbers. Only our own words and numbers go in."""
    chips = "".join(
        f'<span style="white-space:nowrap"><span style="display:inline-block;width:22px;'
        f'height:5px;background:{color};margin:0 5px 2px 10px"></span>{html.escape(status)}</span>'
        for status, color in legend_items()
    )
    # An arc in small: thin at the supplier, widening to its arrowhead at the recipient.
    taper = (
        '<span style="display:inline-block;width:60px;height:10px;margin:0 6px -1px 0;'
        "background:#2f80ed;clip-path:polygon(0 45%,78% 25%,78% 0,100% 50%,78% 100%,78% 75%,"
        '0 55%)"></span>'
    )
    shades = "".join(
        f'<span style="display:inline-block;min-width:34px;padding:1px 4px;margin-right:2px;'
        f"text-align:center;background:rgba({r},{g},{b},{a / 255:.2f});"
        f'color:{"white" if r < 120 else "#1e1e1e"}">{value}</span>'
        for value, (r, g, b, a) in steps
    )
    shading = (
        f"<br>Countries shaded by involvement (deals supplied and received plus events): {shades}"
        if steps
        else ""
    )
    return (
        '<div style="font-size:0.9rem;line-height:1.9">'
        f"Arcs, one per country pair, by the furthest status of its deals:{chips}<br>"
        f"{taper}thin at the supplier, an arrowhead at the recipient · thicker with more deals · "
        '<span style="display:inline-block;width:10px;height:10px;border-radius:5px;'
        'background:#1e1e1e;margin:0 6px 0 6px"></span>event place · '
        f'<span style="display:inline-block;width:8px;height:8px;border-radius:5px;'
        f"border:1px solid {HUB};background:white;margin:0 6px 0 6px\"></span>where a country's "
        "arcs meet"
        f"{shading}</div>"
    )


def map_legend(countries: pd.DataFrame) -> str:
    """The key of the map drawn for these countries (`legend_html` with their shading)."""
    return legend_html(shading_steps(countries))


def _picked(state: Any, param: str) -> dict[str, Any]:
    selection = (dict(state) if state else {}).get("selection") or {}
    tuples = selection.get(param) or []
    return dict(tuples[0]) if tuples and isinstance(tuples[0], dict) else {}


def picked_country(state: Any) -> str | None:
    """The ISO3 code of the country clicked on the map, if one was (the chart's selection
    state: parameter -> picked values; a click elsewhere leaves an empty pick)."""
    iso3 = _picked(state, COUNTRY_PARAM).get("iso3")
    return str(iso3) if iso3 else None


def picked_pair(state: Any) -> tuple[str, str] | None:
    """The supplier and recipient of the arc clicked on the map, if one was."""
    pick = _picked(state, PAIR_PARAM)
    supplier, recipient = pick.get("supplier"), pick.get("recipient")
    return (str(supplier), str(recipient)) if supplier and recipient else None
