"""The map as a pydeck Deck: data in, deck out (no Streamlit here, so it is unit-tested).

No tiles and no token: the base layer is the country outlines that `countryinfo` ships.
"""

from __future__ import annotations

import base64
import json
from functools import cache
from typing import Any

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from armstrack import gazetteer
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
ARC_LAYER = "deals"
PLACE_LAYER = "places"


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


def outline_features(countries: pd.DataFrame) -> dict[str, Any]:
    scores = involvement(countries)
    top = max(scores.values(), default=1.0)
    rows = countries.set_index("iso3") if not countries.empty else pd.DataFrame()
    features = []
    for iso3, name, geometry in _outlines():
        score = scores.get(iso3, 0.0)
        if score:
            share = 0.25 + 0.75 * score / top
            fill = [int(230 - 200 * share), int(238 - 160 * share), int(247 - 100 * share), 230]
            r = rows.loc[iso3]
            tip = f"{name} ({iso3})\nsupplied {int(r['supplied'])} · received {int(r['received'])} deals · {int(r['events'])} events"
        else:
            fill = [236, 239, 243, 255]
            tip = f"{name} ({iso3})"
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {"iso3": iso3, "name": name, "fill": fill, "tooltip": tip},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def arcs(pairs: pd.DataFrame) -> pd.DataFrame:
    """One arc per supplier-recipient pair (as `queries.arcs` returns them), from the supplier's
    centroid to the recipient's; width by reports, colour by the pair's most common status."""
    table = gazetteer.countries()
    rows = []
    for d in pairs.itertuples():
        a, b = table.get(str(d.supplier)), table.get(str(d.recipient))
        if a is None or b is None:
            continue
        reports = int(d.sources or 1)
        rows.append(
            {
                "source": [a.lon, a.lat],
                "target": [b.lon, b.lat],
                "supplier": d.supplier,
                "recipient": d.recipient,
                "systems": d.systems,
                "status": d.status,
                "width": 1.5 + 1.5 * min(reports, 6),
                "color": _rgb(STATUS_COLORS.get(str(d.status), "#555555")),
                "tooltip": f"{a.name} → {b.name}: {d.systems}\n"
                f"{int(d.deals)} deal(s), mostly {d.status} · {reports} report(s)",
            }
        )
    columns = [
        "source",
        "target",
        "supplier",
        "recipient",
        "systems",
        "status",
        "width",
        "color",
        "tooltip",
    ]
    return pd.DataFrame(rows, columns=columns)


def place_dots(places: pd.DataFrame) -> pd.DataFrame:
    """Event places (cities, borders), as `queries.event_places` counts them, with their
    tooltip and a radius that grows with the events there."""
    columns = ["place", "lat", "lon", "events", "types", "tooltip", "radius"]
    if places.empty:
        return pd.DataFrame(columns=columns)
    events = places["events"].astype("int64")
    dots = places.assign(
        tooltip=places["place"] + "\n" + events.astype(str) + " event(s): " + places["types"],
        radius=30000 + 15000 * events.clip(upper=10),
    )
    return dots[columns]


class _Deck(pdk.Deck):
    """A Deck whose JSON is compact: pydeck indents it, which makes json use its pure-Python
    encoder (about 70 ms for the country outlines, against 12 ms) and five times the bytes."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize)


def map_deck(countries: pd.DataFrame, deals: pd.DataFrame, places: pd.DataFrame) -> pdk.Deck:
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            outline_features(countries),
            id=OUTLINE_LAYER,
            pickable=True,
            stroked=True,
            filled=True,
            get_fill_color="properties.fill",
            get_line_color=[140, 150, 165, 255],
            line_width_min_pixels=0.6,
            auto_highlight=True,
        ),
        pdk.Layer(
            "ArcLayer",
            arcs(deals),
            id=ARC_LAYER,
            pickable=True,
            get_source_position="source",
            get_target_position="target",
            get_source_color="color",
            get_target_color="color",
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
    ]
    deck = _Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(latitude=28, longitude=25, zoom=1.1),
        map_provider=None,
        tooltip={"text": "{tooltip}"},
    )
    # Set after construction: pydeck checks custom styles against its Mapbox provider.
    deck.map_style = BLANK_STYLE
    return deck


def legend_items() -> list[tuple[str, str]]:
    return [(status, color) for status, color in STATUS_COLORS.items()]
