"""The cities file is built from GeoNames, and the gazetteer reads places from it."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

from armstrack import gazetteer

ROOT = Path(__file__).resolve().parent.parent


def test_cities_file_is_what_the_builder_makes_from_geonames() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_cities.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


def test_city_lexicon_reads_the_file_largest_first() -> None:
    rows = gazetteer.cities()
    assert len(rows) > 6000
    assert all(a.population >= b.population for a, b in itertools.pairwise(rows))
    entry = gazetteer.city_lexicon().entries[("mumbai",)][0]
    assert entry.iso3 == "IND" and entry.detail == "big"


def test_warm_up_reads_everything_extraction_looks_up() -> None:
    gazetteer.weapon_systems.cache_clear()  # read again below, so the test sees warm_up do it
    gazetteer.warm_up()
    for loaded in (
        gazetteer.country_lexicon,
        gazetteer.city_lexicon,
        gazetteer.weapon_lexicon,
        gazetteer.organization_lexicon,
        gazetteer.weapon_systems,
    ):
        assert loaded.cache_info().currsize == 1, loaded.__name__
