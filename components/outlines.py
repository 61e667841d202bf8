"""The country outlines the map draws, as one GeoJSON file the app serves from its static folder:
written once (`publish_outlines`), fetched once by the browser and kept, named by a digest of its
content so a changed file gets a new URL. Rounded to two decimals, rings wound the way the map's
projection reads them."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from armstrack import gazetteer


def _round(coords: Any) -> Any:
    if isinstance(coords, list) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), 2) for c in coords]
    return [_round(c) for c in coords]


def _area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def _rewind(geometry: dict[str, Any]) -> dict[str, Any]:
    """Outer rings clockwise, holes anticlockwise, as the map's projection reads them (a ring
    the other way round is taken for the whole globe but it)."""
    multi = geometry["type"] == "MultiPolygon"
    polygons = geometry["coordinates"] if multi else [geometry["coordinates"]]
    turned = [
        [ring if (_area(ring) < 0) == (n == 0) else ring[::-1] for n, ring in enumerate(rings)]
        for rings in polygons
    ]
    return {"type": geometry["type"], "coordinates": turned if multi else turned[0]}


@cache
def _outlines() -> tuple[tuple[str, str, Any], ...]:
    names = gazetteer.countries()
    return tuple(
        (
            iso3,
            names[iso3].name if iso3 in names else iso3,
            _rewind({"type": g["type"], "coordinates": _round(g["coordinates"])}),
        )
        for iso3, g in sorted(gazetteer.country_outlines().items())
    )


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
