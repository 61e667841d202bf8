"""The map's picture as a MapLibre style: data in, style out (no Streamlit, no deck.gl).

No tiles, glyphs or sprites: the sea, the countries (their outlines read from the file the app
serves) shaded by involvement, their borders, the arcs, the event places and the dots where a
country's arcs meet. Inlined in the deck as a data URL (`style_url`), drawn by the map library
at a fraction of what deck.gl's layers cost in a browser without a GPU.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pandas as pd

from components.charts import STATUS_COLORS

SEA = "#f4f8fb"
BORDER = "#8c96a5"
STYLE_PREFIX = "data:application/json;base64,"
OUTLINE_LAYER = "countries"  # the deck's one layer, and the style's country fills
BORDER_LAYER = "borders"
ARC_LAYER = "deals"
PLACE_LAYER = "places"
HUB_LAYER = "hubs"  # a dot at each arc end's country centre, where its arcs meet
ARC_STEPS = 12  # points along each arc after its start
# The supplier's end of an arc is this faint, the recipient's end solid: the colour runs the way
# the weapons go.
SOURCE_ALPHA, TARGET_ALPHA = 40, 235


def to_hex(rgba: list[int]) -> str:
    """An RGB(A) list as a #rrggbb colour."""
    return "#{:02x}{:02x}{:02x}".format(*rgba[:3])


def _rgb(hex_color: str, alpha: int = 220) -> list[int]:
    value = hex_color.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def shade(score: float, top: float) -> list[int]:
    """A country's fill for its involvement: pale to dark blue as the score nears the top one."""
    if score <= 0:
        return [236, 239, 243, 255]
    share = 0.25 + 0.75 * score / max(top, 1.0)
    return [int(230 - 200 * share), int(238 - 160 * share), int(247 - 100 * share), 230]


def arc_path(source: list[float], target: list[float], steps: int = ARC_STEPS) -> list[list[float]]:
    """Points of a curve from `source` to `target` (longitude, latitude), bent to the right of the
    way it runs, so that A → B and B → A are two arcs side by side, not one line over another.
    It takes the shorter way round (over the date line when that is shorter: longitudes then
    run past ±180, which the map draws on) and stays between latitudes -80 and 80."""
    (x0, y0), (x1, y1) = source, target
    if x1 - x0 > 180:
        x1 -= 360
    elif x0 - x1 > 180:
        x1 += 360
    bend = 0.2
    cx, cy = (x0 + x1) / 2 + bend * (y1 - y0), (y0 + y1) / 2 - bend * (x1 - x0)
    points = []
    for i in range(steps + 1):
        u = i / steps
        a, b, c = (1 - u) ** 2, 2 * (1 - u) * u, u * u
        x = a * x0 + b * cx + c * x1
        y = max(-80.0, min(80.0, a * y0 + b * cy + c * y1))
        points.append([round(x, 2), round(y, 2)])
    return points


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def _point(lon: float, lat: float, **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }


def arc_features(arc_rows: pd.DataFrame) -> list[dict[str, Any]]:
    """Each arc as one line along its curve, with its furthest status and its width."""
    return [
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": arc_path(arc.source, arc.target)},
            "properties": {"status": arc.status, "width": arc.width},
        }
        for arc in arc_rows.itertuples()
    ]


def _fade(hex_color: str) -> list[Any]:
    """A colour running from faint at the line's start to solid at its end."""
    r, g, b, _ = _rgb(hex_color)
    return [
        "interpolate", ["linear"], ["line-progress"],
        0, f"rgba({r},{g},{b},{SOURCE_ALPHA / 255:.2f})",
        1, f"rgba({r},{g},{b},{TARGET_ALPHA / 255:.2f})",
    ]  # fmt: skip


def _fill_expression(fills: dict[str, str]) -> Any:
    blank = to_hex(shade(0, 1))
    if not fills:
        return blank
    pairs = [item for code, fill in fills.items() for item in (code, fill)]
    return ["match", ["get", "iso3"], *pairs, blank]


def map_style(
    outlines_url: str,
    fills: dict[str, str],
    arc_rows: pd.DataFrame,
    places: pd.DataFrame,
    centres: pd.DataFrame,
) -> dict[str, Any]:
    """The map as a MapLibre style (no tiles, glyphs or sprites): the sea, the countries (their
    outlines read from `outlines_url`) shaded by `fills`, their borders, the arcs (a layer per
    status, each arc fading in from its supplier's end), the event places and, over all, the
    dots where each country's arcs meet."""
    place_points = [
        _point(float(p.lon), float(p.lat), radius=float(p.radius)) for p in places.itertuples()
    ]
    hub_points = [_point(float(h.lon), float(h.lat)) for h in centres.itertuples()]
    statuses = [s for s in STATUS_COLORS if s in set(arc_rows["status"])] if len(arc_rows) else []
    arc_layers = [
        {
            "id": f"{ARC_LAYER}-{status}", "type": "line", "source": ARC_LAYER,
            "filter": ["==", ["get", "status"], status],
            "layout": {"line-cap": "round", "line-join": "round"},
            "paint": {"line-gradient": _fade(STATUS_COLORS[status]),
                      "line-width": ["get", "width"]},
        }
        for status in statuses
    ]  # fmt: skip
    return {
        "version": 8,
        "name": "armstrack",
        "sources": {
            OUTLINE_LAYER: {"type": "geojson", "data": outlines_url},
            ARC_LAYER: {
                "type": "geojson",
                "data": _collection(arc_features(arc_rows)),
                "lineMetrics": True,
            },
            PLACE_LAYER: {"type": "geojson", "data": _collection(place_points)},
            HUB_LAYER: {"type": "geojson", "data": _collection(hub_points)},
        },
        "layers": [
            {"id": "sea", "type": "background", "paint": {"background-color": SEA}},
            {
                "id": OUTLINE_LAYER, "type": "fill", "source": OUTLINE_LAYER,
                "paint": {"fill-color": _fill_expression(fills), "fill-opacity": 0.9},
            },
            {
                "id": BORDER_LAYER, "type": "line", "source": OUTLINE_LAYER,
                "paint": {"line-color": BORDER, "line-width": 0.6},
            },
            *arc_layers,
            {
                "id": PLACE_LAYER, "type": "circle", "source": PLACE_LAYER,
                "paint": {
                    "circle-radius": ["get", "radius"], "circle-color": "#1e1e1e",
                    "circle-opacity": 0.8, "circle-stroke-color": "#ffffff",
                    "circle-stroke-width": 1,
                },
            },
            {
                "id": HUB_LAYER, "type": "circle", "source": HUB_LAYER,
                "paint": {
                    "circle-radius": 3, "circle-color": "#ffffff",
                    "circle-stroke-color": "#283c5a", "circle-stroke-width": 1,
                },
            },
        ],
    }  # fmt: skip


def style_url(style: dict[str, Any]) -> str:
    """A style inlined as a data URL: no style file, no network."""
    return STYLE_PREFIX + base64.b64encode(json.dumps(style).encode()).decode()


def style_of(deck: dict[str, Any]) -> dict[str, Any]:
    """The MapLibre style inside a deck's JSON (for tests and checks)."""
    url = str(deck.get("mapStyle") or "")
    if not url.startswith(STYLE_PREFIX):
        raise ValueError("the deck carries no inlined map style")
    style: dict[str, Any] = json.loads(base64.b64decode(url[len(STYLE_PREFIX) :]))
    return style
