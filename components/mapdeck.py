"""The map as a pydeck Deck: data in, deck out (no Streamlit here, so it is unit-tested).

No tiles and no token. What the map shows (shaded countries, their borders, one arc per country
pair, event places, the dots where a country's arcs meet) is a MapLibre style of its own
(`components.mapstyle`), inlined as a data URL: the map library draws it, in the browser without
a GPU about a fifth of the time deck.gl's layers took for the same picture. Over it deck.gl keeps
a single layer, the countries,
all but transparent, for what a style cannot do: the hover tooltip, the highlight and the click
that filters every page to the country, wherever on the country it lands (arcs included).

The country outlines are one static file the app serves (`publish_outlines`), which the style
and the pick layer both name by URL: the browser fetches it once and keeps it, and a rerun sends
only what changes with the view (each country's shade, the arcs, the places).
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from armstrack import gazetteer
from armstrack.readable import counted
from components.charts import STATUS_COLORS
from components.mapstyle import (
    OUTLINE_LAYER,
    map_style,
    shade,
    style_url,
    to_hex,
)

VIEW = (28.0, 25.0, 1.1)  # latitude, longitude and zoom the map opens at


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


def shading_steps(countries: pd.DataFrame, steps: int = 5) -> list[tuple[int, list[int]]]:
    """The shading's legend: up to `steps` whole involvement numbers from 1 to the largest, each
    with its fill."""
    top = max(involvement(countries).values(), default=0.0)
    if top < 1:
        return []
    values = sorted({max(1, round(top * i / (steps - 1))) for i in range(steps)})
    return [(int(v), shade(float(v), top)) for v in values]


@cache
def outlines_json() -> str:
    """Every country's outline as compact GeoJSON, with its code and name: the file the app
    serves once for the browser to keep (`publish_outlines`)."""
    features = [
        {"type": "Feature", "geometry": geometry, "properties": {"iso3": iso3, "name": name}}
        for iso3, name, geometry in _outlines()
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))


def publish_outlines(target: Path) -> str:
    """Write the outlines to `target` (in the app's static folder) unless the same file is there
    already (written aside, then renamed into place, so a reader never sees half a file); their
    version, a digest of the content, for the URL that names them."""
    text = outlines_json()
    version = hashlib.sha256(text.encode()).hexdigest()[:12]
    try:
        same = target.read_text(encoding="utf-8") == text
    except OSError:
        same = False
    if not same:
        target.parent.mkdir(parents=True, exist_ok=True)
        aside = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        aside.write_text(text, encoding="utf-8")
        os.replace(aside, target)
    return version


def country_fills(countries: pd.DataFrame) -> dict[str, str]:
    """The fill of every country in the view with any involvement (the rest are `shade(0)`)."""
    scores = involvement(countries)
    top = max(scores.values(), default=1.0)
    return {iso3: to_hex(shade(score, top)) for iso3, score in sorted(scores.items())}


def country_table(countries: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The numbers behind the shading: each involved country, the most involved first."""
    scores = involvement(countries)
    busy = countries[countries["iso3"].astype(str).isin(scores)]
    table = pd.DataFrame(
        {
            "Country": [f"{names.get(c, c)} ({c})" for c in busy["iso3"].astype(str)],
            "Involvement": [int(scores[str(c)]) for c in busy["iso3"]],
            "Deals supplied": busy["supplied"].fillna(0).astype("int64").to_numpy(),
            "Deals received": busy["received"].fillna(0).astype("int64").to_numpy(),
            "Events": busy["events"].fillna(0).astype("int64").to_numpy(),
        }
    )
    return table.sort_values(
        ["Involvement", "Country"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


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


def pair_summary(pairs: pd.DataFrame, row: int) -> str:
    """One pair of `queries.arcs` in words: who supplied whom, how many deals, how far they got,
    the articles behind them and the systems (what its arc's row of the table says)."""
    one = arcs(pairs.iloc[[row]])
    return str(one["summary"].iloc[0]) if len(one) else ""


def place_table(dots: pd.DataFrame) -> pd.DataFrame:
    """The event places of the map as a table, busiest first."""
    table = pd.DataFrame(
        {
            "Place": dots["place"],
            "Events": dots["events"].astype("int64"),
            "Event types": dots["types"].fillna("").str.replace("_", " "),
            "Latitude": dots["lat"],
            "Longitude": dots["lon"],
        }
    )
    return table.sort_values(["Events", "Place"], ascending=[False, True], kind="stable")


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


class _Deck(pdk.Deck):
    """A Deck whose JSON is compact: pydeck indents it, which makes json use its pure-Python
    encoder (several times slower on a deck of many arcs) and five times the bytes."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize)


def map_deck(
    countries: pd.DataFrame, deals: pd.DataFrame, places: pd.DataFrame, outlines_url: str
) -> pdk.Deck:
    """The map for these countries' involvement, country pairs (`queries.arcs`) and event places
    (`place_dots`), the outlines read from `outlines_url` (`publish_outlines`): drawn by its
    style, with the countries over it as deck.gl's one layer, transparent until the pointer is
    on one, for the tooltip and the click."""
    style = map_style(
        outlines_url, country_fills(countries), arcs(deals), places, hubs(countries, deals)
    )
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            outlines_url,
            id=OUTLINE_LAYER,
            pickable=True,
            stroked=False,
            filled=True,
            # Alpha 1 of 255: nothing to see, but a layer that is drawn, so it is picked.
            get_fill_color=[255, 255, 255, 1],
            auto_highlight=True,
            highlight_color=[255, 196, 0, 90],
        )
    ]
    deck = _Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(latitude=VIEW[0], longitude=VIEW[1], zoom=VIEW[2]),
        map_provider=None,
        tooltip={"text": "{name} ({iso3})\nclick to filter every page to it"},
    )
    # Set after construction: pydeck checks custom styles against its Mapbox provider.
    deck.map_style = style_url(style)
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
    state: layer id -> picked objects; the code under the GeoJSON properties, or on the object
    itself)."""
    picked = _selected(selection, OUTLINE_LAYER)
    if not picked:
        return None
    props = picked[0].get("properties", picked[0])
    iso3 = props.get("iso3")
    return str(iso3) if iso3 else None


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
