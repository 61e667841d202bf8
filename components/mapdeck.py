"""The map as a pydeck Deck: data in, deck out (no Streamlit here, so it is unit-tested).

No tiles and no token: the base layer is the country outlines that `countryinfo` ships.
"""

from __future__ import annotations

import base64
import html
import json
import math
from functools import cache
from typing import Any

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from armstrack import gazetteer
from armstrack.readable import counted
from components.charts import STATUS_COLORS

_BLANK = {
    "version": 8,
    "name": "blank",
    "sources": {},
    "layers": [{"id": "sea", "type": "background", "paint": {"background-color": "#f4f8fb"}}],
}
# A style with only a background, inlined as a data URL: no tiles, no style file, no network.
BLANK_STYLE = (
    "data:application/json;base64," + base64.b64encode(json.dumps(_BLANK).encode()).decode()
)
OUTLINE_LAYER = "countries"
BORDER_LAYER = "borders"
ARC_LAYER = "deals"
PLACE_LAYER = "places"
# A dot at each involved country's centre, where its arcs meet, drawn over them: there a click
# would otherwise land on an arc, and this one picks the country.
HUB_LAYER = "hubs"
VIEW = (28.0, 25.0, 1.1)  # latitude, longitude and zoom the map opens at


def _rgb(hex_color: str, alpha: int = 220) -> list[int]:
    value = hex_color.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def _round(coords: Any) -> Any:
    if isinstance(coords, list) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), 2) for c in coords]
    return [_round(c) for c in coords]


@cache
def _outlines() -> tuple[tuple[str, str, Any], ...]:
    names = gazetteer.countries()
    return tuple(
        (
            iso3,
            names[iso3].name if iso3 in names else iso3,
            {"type": g["type"], "coordinates": _round(g["coordinates"])},
        )
        for iso3, g in sorted(gazetteer.country_outlines().items())
    )


def involvement(countries: pd.DataFrame) -> dict[str, float]:
    """Deals supplied and received plus events, per country, under the current filters."""
    if countries.empty:
        return {}
    score = (
        countries["supplied"].fillna(0)
        + countries["received"].fillna(0)
        + countries["events"].fillna(0)
    )
    return {str(k): float(v) for k, v in zip(countries["iso3"], score, strict=True) if v > 0}


def shade(score: float, top: float) -> list[int]:
    """A country's fill for its involvement: pale to dark blue as the score nears the top one."""
    if score <= 0:
        return [236, 239, 243, 255]
    share = 0.25 + 0.75 * score / max(top, 1.0)
    return [int(230 - 200 * share), int(238 - 160 * share), int(247 - 100 * share), 230]


def shading_steps(countries: pd.DataFrame, steps: int = 5) -> list[tuple[int, list[int]]]:
    """The shading's legend: up to `steps` whole involvement numbers from 1 to the largest, each
    with its fill."""
    top = max(involvement(countries).values(), default=0.0)
    if top < 1:
        return []
    values = sorted({max(1, round(top * i / (steps - 1))) for i in range(steps)})
    return [(int(v), shade(float(v), top)) for v in values]


def _country_tip(name: str, iso3: str, score: float, row: Any) -> str:
    return (
        f"{name} ({iso3}), involvement {int(score)}\n"
        f"supplied {int(row['supplied'])} · received {int(row['received'])} deals · "
        f"{counted(int(row['events']), 'event')}"
    )


def outline_features(countries: pd.DataFrame) -> dict[str, Any]:
    scores = involvement(countries)
    top = max(scores.values(), default=1.0)
    rows = countries.set_index("iso3") if not countries.empty else pd.DataFrame()
    features = []
    for iso3, name, geometry in _outlines():
        score = scores.get(iso3, 0.0)
        fill = shade(score, top)
        tip = _country_tip(name, iso3, score, rows.loc[iso3]) if score else f"{name} ({iso3})"
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {"iso3": iso3, "name": name, "fill": fill, "tooltip": tip},
            }
        )
    return {"type": "FeatureCollection", "features": features}


# The supplier's end of an arc is this faint, the recipient's end solid: the colour runs the way
# the weapons go.
SOURCE_ALPHA, TARGET_ALPHA = 40, 235


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
                "source_color": _rgb(color, SOURCE_ALPHA),
                "target_color": _rgb(color, TARGET_ALPHA),
                "tooltip": f"{a.name} → {b.name}: {counted(deals, 'deal')}, furthest {status}"
                f" · {counted(int(d.sources or 0), 'article')}\n{d.systems}",
            }
        )
    columns = [
        "source", "target", "supplier", "recipient", "systems", "status", "deals", "width",
        "source_color", "target_color", "tooltip",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def pairs_table(pairs: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The arcs as a table: who supplied whom, how many deals, how far they got, which systems."""

    def country(code: Any) -> str:
        return f"{names.get(code, code)} ({code})" if isinstance(code, str) else ""

    furthest = pairs["furthest"] if "furthest" in pairs else pairs["status"]
    return pd.DataFrame(
        {
            "Supplier": pairs["supplier"].map(country),
            "Recipient": pairs["recipient"].map(country),
            "Deals": pairs["deals"].astype("int64"),
            "Furthest status": furthest,
            "Sources": pairs["sources"].astype("int64"),
            "Systems": pairs["systems"],
        }
    )


def hubs(countries: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """A dot at the centre of every country an arc starts or ends at (the arcs' own end
    points), with the country's tooltip: a click there picks the country, not an arc."""
    columns = ["iso3", "lon", "lat", "tooltip"]
    if pairs.empty or countries.empty:
        return pd.DataFrame(columns=columns)
    ends = set(pairs["supplier"].astype(str)) | set(pairs["recipient"].astype(str))
    scores = involvement(countries)
    table = gazetteer.countries()
    rows = []
    for r in countries.itertuples():
        iso3 = str(r.iso3)
        place = table.get(iso3)
        if iso3 not in ends or place is None:
            continue
        row = {"supplied": r.supplied, "received": r.received, "events": r.events}
        tip = _country_tip(place.name, iso3, scores.get(iso3, 0.0), row)
        rows.append([iso3, place.lon, place.lat, f"{tip}\nclick to filter to it"])
    return pd.DataFrame(rows, columns=columns)


def place_dots(places: pd.DataFrame) -> pd.DataFrame:
    """Event places (cities, borders), as `queries.event_places` counts them, with their
    tooltip and a radius that grows with the events there."""
    columns = ["place", "lat", "lon", "events", "types", "tooltip", "radius"]
    if places.empty:
        return pd.DataFrame(columns=columns)
    events = places["events"].astype("int64")
    dots = places.assign(
        tooltip=places["place"]
        + "\n"
        + events.map(lambda n: counted(int(n), "event"))
        + ": "
        + places["types"],
        radius=30000 + 15000 * events.clip(upper=10),
    )
    return dots[columns]


class _Deck(pdk.Deck):
    """A Deck whose JSON is compact: pydeck indents it, which makes json use its pure-Python
    encoder (about 70 ms for the country outlines, against 12 ms) and five times the bytes."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize)


def map_deck(countries: pd.DataFrame, deals: pd.DataFrame, places: pd.DataFrame) -> pdk.Deck:
    outlines = outline_features(countries)
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            outlines,
            id=OUTLINE_LAYER,
            pickable=True,
            stroked=False,
            filled=True,
            get_fill_color="properties.fill",
            auto_highlight=True,
        ),
        # The borders apart and not pickable: picking draws every pickable layer again, and
        # the border lines made each click's pick slow enough (half a second without a GPU)
        # for the browser to take the click for a press, and drop it.
        pdk.Layer(
            "GeoJsonLayer",
            outlines,
            id=BORDER_LAYER,
            pickable=False,
            stroked=True,
            filled=False,
            get_line_color=[140, 150, 165, 255],
            line_width_min_pixels=0.6,
        ),
        pdk.Layer(
            "ArcLayer",
            arcs(deals),
            id=ARC_LAYER,
            pickable=True,
            get_source_position="source",
            get_target_position="target",
            get_source_color="source_color",
            get_target_color="target_color",
            get_width="width",
            great_circle=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            places,
            id=PLACE_LAYER,
            pickable=True,
            get_position=["lon", "lat"],
            get_radius="radius",
            get_fill_color=[30, 30, 30, 200],
            stroked=True,
            get_line_color=[255, 255, 255, 255],
            line_width_min_pixels=1,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            hubs(countries, deals),
            id=HUB_LAYER,
            pickable=True,
            get_position=["lon", "lat"],
            get_radius=3,
            radius_units="pixels",
            get_fill_color=[255, 255, 255, 235],
            stroked=True,
            get_line_color=[40, 60, 90, 255],
            line_width_units="pixels",
            get_line_width=1,
            # Over the arcs, which stand above the ground and would otherwise hide the dot.
            parameters={"depthCompare": "always"},
        ),
    ]
    deck = _Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(latitude=VIEW[0], longitude=VIEW[1], zoom=VIEW[2]),
        map_provider=None,
        tooltip={"text": "{tooltip}"},
    )
    # Set after construction: pydeck checks custom styles against its Mapbox provider.
    deck.map_style = BLANK_STYLE
    return deck


def legend_items() -> list[tuple[str, str]]:
    return [(status, color) for status, color in STATUS_COLORS.items()]


def legend_html(steps: list[tuple[int, list[int]]]) -> str:
    """The map's key: arc colours by furthest status, the supplier-to-recipient fade, arc width,
    and the countries' shading with its numbers. Only our own words and numbers go in."""
    chips = "".join(
        f'<span style="white-space:nowrap"><span style="display:inline-block;width:22px;'
        f'height:5px;background:{color};margin:0 5px 2px 10px"></span>{html.escape(status)}</span>'
        for status, color in legend_items()
    )
    fade = (
        '<span style="display:inline-block;width:60px;height:6px;margin:0 6px 1px 0;'
        'background:linear-gradient(to right, rgba(47,128,237,0.16), rgba(47,128,237,0.92))">'
        "</span>"
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
        f"{fade}faint at the supplier, solid at the recipient · thicker with more deals · "
        '<span style="display:inline-block;width:10px;height:10px;border-radius:5px;'
        'background:#1e1e1e;margin:0 6px 0 6px"></span>event place'
        f"{shading}</div>"
    )


def map_legend(countries: pd.DataFrame) -> str:
    """The key of the map drawn for these countries (`legend_html` with their shading)."""
    return legend_html(shading_steps(countries))


def _selected(selection: Any, layer: str) -> list[dict[str, Any]]:
    state = dict(selection) if selection else {}
    objects = (state.get("selection") or {}).get("objects", {})
    return list(objects.get(layer) or [])


def picked_country(selection: Any) -> str | None:
    """The ISO3 code of the country clicked on the map, if one was (a pydeck chart's selection
    state: layer id -> picked objects; a country outline's code under its GeoJSON properties, a
    country centre dot's on the object itself)."""
    picked = _selected(selection, OUTLINE_LAYER) or _selected(selection, HUB_LAYER)
    if not picked:
        return None
    props = picked[0].get("properties", picked[0])
    iso3 = props.get("iso3")
    return str(iso3) if iso3 else None


def picked_arc(selection: Any) -> str:
    """The tooltip of the arc clicked on the map, or '' when none was."""
    picked = _selected(selection, ARC_LAYER)
    return str(picked[0].get("tooltip", "")) if picked else ""


def involved(countries: pd.DataFrame) -> list[str]:
    """Codes of the countries with any deal or event in the view, in the table's order."""
    busy = countries[(countries["supplied"] + countries["received"] + countries["events"]) > 0]
    return [str(c) for c in busy["iso3"]]


def placed_note(events_total: int, placed: int) -> str:
    """What the caption adds when the map places only the first events of the view."""
    if events_total <= placed:
        return ""
    return (
        f" (places of the first {placed:,} of {events_total:,} events by date; "
        "narrow the filters to place the rest)"
    )
