"""Reference data: countries and cities from maintained packages, curated systems and organisations.

Countries come from `countryinfo` and `pycountry`; cities from `data/cities.csv`, built from
GeoNames by `tools/build_cities.py`; weapon systems, organisations and a few extra country aliases
are curated YAML files under `data/`.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from armstrack.lexicon import Entry, Lexicon, fold, phrase_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CITIES_FILE = DATA_DIR / "cities.csv"

# Cities this large match anywhere; smaller ones need a locative cue ("in X", "X-based").
BIG_CITY_POPULATION = 1_000_000
MIN_CITY_POPULATION = 100_000
# City names that are far more often something else in English text.
_CITY_STOPLIST = {
    "of", "mobile", "nice", "split", "reading", "bath", "victoria", "independence", "concord",
    "surprise", "orange", "sale", "most", "bar", "police", "marine", "university", "hamilton",
    "lincoln", "jackson", "charlotte", "florence", "eugene", "santiago", "york", "durham",
    "wellington", "kingston", "columbia", "aurora", "phoenix", "mesa", "irvine", "burlington",
    "richmond", "springfield", "arlington", "london", "georgetown", "trinidad", "lima",
    "cambridge", "oxford", "batman", "van", "man", "bat", "sur", "como", "hai", "general",
    "president", "mission", "union", "progreso", "victory", "liberty", "midland", "norman",
}  # fmt: skip


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    lat: float
    lon: float
    capital: str
    capital_lat: float | None
    capital_lon: float | None


# libyaml's parser when PyYAML has it (its wheels do): the data files load ten times faster.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(name: str) -> Any:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_YAML_LOADER)


@cache
def countries() -> dict[str, Country]:
    """Every country with an ISO alpha-3 code, keyed by that code."""
    from countryinfo import all_countries

    out: dict[str, Country] = {}
    for item in all_countries():
        info = item.info()
        iso3 = (info.get("ISO") or {}).get("alpha3")
        latlng = info.get("latlng") or []
        if not iso3 or len(latlng) != 2:
            continue
        cap: list[Any] = info.get("capital_latlng") or [None, None]
        out[iso3] = Country(
            iso3=iso3,
            name=_common_name(iso3, info["name"]),
            lat=float(latlng[0]),
            lon=float(latlng[1]),
            capital=_first_capital(info.get("capital")),
            capital_lat=float(cap[0]) if cap[0] is not None else None,
            capital_lon=float(cap[1]) if cap[1] is not None else None,
        )
    return out


def _first_capital(value: Any) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value or "")


def _common_name(iso3: str, fallback: str) -> str:
    import pycountry

    record = pycountry.countries.get(alpha_3=iso3)
    if record is None:
        return str(fallback)
    return str(getattr(record, "common_name", None) or fallback)


@cache
def country_outlines() -> dict[str, Any]:
    """GeoJSON geometry per ISO3, from the outlines `countryinfo` ships."""
    from countryinfo import all_countries

    out: dict[str, Any] = {}
    for item in all_countries():
        info = item.info()
        iso3 = (info.get("ISO") or {}).get("alpha3")
        features = (info.get("geoJSON") or {}).get("features") or []
        if iso3 and features:
            out[iso3] = features[0]["geometry"]
    return out


def country_name(iso3: str) -> str:
    country = countries().get(iso3)
    return country.name if country else iso3


@cache
def _country_forms() -> dict[str, dict[str, set[str]]]:
    """Names, demonyms and seats of power for each country, from the packages and data/."""
    import pycountry
    from countryinfo import all_countries

    curated = _load_yaml("countries.yml")
    forms: dict[str, dict[str, set[str]]] = {}
    for item in all_countries():
        info = item.info()
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3:
            continue
        entry = forms.setdefault(iso3, {"name": set(), "demonym": set(), "capital": set()})
        entry["name"].add(info["name"])
        for alt in info.get("altSpellings") or []:
            alt = alt.strip()
            # Two- and three-letter codes ("TR", "RUS") are not how articles name countries.
            if len(alt) > 3 and not alt.isupper() and "," not in alt:
                entry["name"].add(alt)
        if info.get("demonym"):
            entry["demonym"].add(info["demonym"])
        capital = info.get("capital")
        for name in capital if isinstance(capital, list) else [capital]:
            if name:
                entry["capital"].add(str(name))
        record = pycountry.countries.get(alpha_3=iso3)
        if record is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(record, attr, None)
                if value and "," not in value:
                    entry["name"].add(value)
    _drop_ambiguous(forms)
    for section, form in (
        ("aliases", "name"),
        ("demonyms", "demonym"),
        ("seats", "seat"),
        ("capitals", "capital"),
    ):
        for iso3, names in (curated.get(section) or {}).items():
            forms.setdefault(iso3, {"name": set(), "demonym": set(), "capital": set()})
            forms[iso3].setdefault(form, set()).update(names)
    return forms


def _drop_ambiguous(forms: dict[str, dict[str, set[str]]]) -> None:
    """A package name or demonym shared by several countries ("American" for American Samoa
    too) names none of them for sure; curated data may claim it back."""
    owners: dict[str, set[str]] = {}
    for iso3, entry in forms.items():
        for form in ("name", "demonym"):
            for phrase in entry[form]:
                owners.setdefault(fold(phrase), set()).add(iso3)
    for entry in forms.values():
        for form in ("name", "demonym"):
            entry[form] = {p for p in entry[form] if len(owners[fold(p)]) == 1}


def _case_rule(phrase: str) -> str:
    letters = [c for c in phrase if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 5:
        return "upper"
    return "title"


@cache
def country_lexicon() -> Lexicon:
    """Names, demonyms, capitals and seats of power, each resolving to an ISO3 code."""
    lex = Lexicon()
    table = countries()
    for iso3, forms in _country_forms().items():
        country = table.get(iso3)
        for form in ("name", "demonym", "seat", "capital"):
            for phrase in sorted(forms.get(form, ())):
                lat = lon = None
                if form == "capital":
                    lat, lon = _capital_point(phrase, iso3, country)
                entry = Entry(
                    kind="country",
                    canonical=country.name if country else iso3,
                    iso3=iso3,
                    lat=lat,
                    lon=lon,
                    form=form,
                    case=_case_rule(phrase),
                )
                lex.add(phrase, entry)
                if phrase.lower().startswith("the "):
                    lex.add(phrase[4:], entry)
    return lex


def _capital_point(
    name: str, iso3: str, country: Country | None
) -> tuple[float | None, float | None]:
    """Coordinates of a capital: the packages' capital point, else the geonames city."""
    if country and fold(name) == fold(country.capital) and country.capital_lat is not None:
        return country.capital_lat, country.capital_lon
    city = _cities_by_name().get((fold(name), iso3))
    if city:
        return city
    if country:
        return country.capital_lat, country.capital_lon
    return None, None


@dataclass(frozen=True)
class City:
    name: str
    iso3: str
    lat: float
    lon: float
    population: int


@cache
def cities() -> tuple[City, ...]:
    """The cities of `data/cities.csv`, largest first."""
    with open(CITIES_FILE, encoding="utf-8", newline="") as fh:
        return tuple(
            City(r["name"], r["iso3"], float(r["lat"]), float(r["lon"]), int(r["population"]))
            for r in csv.DictReader(fh)
        )


@cache
def capital_names() -> dict[str, set[str]]:
    """Each country's capital names, folded (the cities file keeps the small ones too)."""
    return {
        iso3: {fold(name) for name in forms.get("capital", ())}
        for iso3, forms in _country_forms().items()
    }


@cache
def _cities_by_name() -> dict[tuple[str, str], tuple[float, float]]:
    out: dict[tuple[str, str], tuple[float, float]] = {}
    for city in cities():
        out.setdefault((fold(city.name), city.iso3), (city.lat, city.lon))
    return out


@cache
def city_lexicon() -> Lexicon:
    """Cities with coordinates (non-capital; capitals are country metonyms in `country_lexicon`)."""
    lex = Lexicon()
    taken = set(country_lexicon().entries)
    for city in cities():
        population = city.population
        if population < MIN_CITY_POPULATION:
            break
        name = city.name
        key = phrase_key(name)
        if not key or key in taken or fold(name) in _CITY_STOPLIST or len(name) < 4:
            continue
        taken.add(key)
        lex.add(
            name,
            Entry(
                kind="place",
                canonical=name,
                iso3=city.iso3 or None,
                lat=city.lat,
                lon=city.lon,
                form="city",
                detail="big" if population >= BIG_CITY_POPULATION else "",
            ),
        )
    return lex


@cache
def iso2_to_iso3() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


@dataclass(frozen=True)
class WeaponSystem:
    canonical: str
    category: str
    origin: str | None
    partners: tuple[str, ...]
    description: str


@cache
def weapon_systems() -> dict[str, WeaponSystem]:
    out: dict[str, WeaponSystem] = {}
    for item in _load_yaml("weapon_systems.yml") or []:
        out[item["canonical"]] = WeaponSystem(
            canonical=item["canonical"],
            category=item.get("category") or "other",
            origin=item.get("origin"),
            partners=tuple(item.get("partners") or ()),
            description=item.get("description") or "",
        )
    return out


@cache
def weapon_lexicon() -> Lexicon:
    lex = Lexicon()
    for item in _load_yaml("weapon_systems.yml") or []:
        entry = Entry(
            kind="weapon_system",
            canonical=item["canonical"],
            iso3=item.get("origin"),
            detail=item.get("category") or "other",
            plural=True,
        )
        phrases = [str(p) for p in [item["canonical"], *(item.get("aliases") or [])]]
        for phrase in phrases:
            case = "title" if phrase[:1].isupper() or phrase[:1].isdigit() else "any"
            lex.add(phrase, Entry(**{**entry.__dict__, "case": case}))
    return lex


@cache
def organizations() -> dict[str, dict[str, Any]]:
    return {item["canonical"]: item for item in _load_yaml("organizations.yml") or []}


@cache
def organization_lexicon() -> Lexicon:
    lex = Lexicon()
    for item in organizations().values():
        entry = Entry(
            kind="organization",
            canonical=item["canonical"],
            iso3=item.get("iso3"),
            detail=item.get("kind") or "",
        )
        for phrase in [item["canonical"], *(item.get("aliases") or [])]:
            phrase = str(phrase)
            lex.add(phrase, Entry(**{**entry.__dict__, "case": _case_rule(phrase)}))
            if phrase.lower().startswith("the "):
                lex.add(phrase[4:], Entry(**{**entry.__dict__, "case": _case_rule(phrase)}))
    return lex


@cache
def border_point(a: str, b: str) -> tuple[float, float] | None:
    """A point on the shared border of two countries: the mean of outline vertices of `a`
    lying within ~30 km of `b`'s outline; None when they share no border in the outlines."""
    outlines = country_outlines()
    if a not in outlines or b not in outlines:
        return None
    pts_a = _vertices(outlines[a])
    pts_b = _vertices(outlines[b])
    grid: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for lon, lat in pts_b:
        grid.setdefault((math.floor(lon * 4), math.floor(lat * 4)), []).append((lon, lat))
    near: list[tuple[float, float]] = []
    for lon, lat in pts_a:
        cx, cy = math.floor(lon * 4), math.floor(lat * 4)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for blon, blat in grid.get((cx + dx, cy + dy), ()):
                    if abs(blon - lon) < 0.3 and abs(blat - lat) < 0.3:
                        near.append((lon, lat))
                        break
    if not near:
        return None
    return (
        round(sum(p[1] for p in near) / len(near), 4),
        round(sum(p[0] for p in near) / len(near), 4),
    )


def _vertices(geometry: dict[str, Any]) -> list[tuple[float, float]]:
    coords = geometry.get("coordinates") or []
    polygons = coords if geometry.get("type") == "MultiPolygon" else [coords]
    return [(float(p[0]), float(p[1])) for poly in polygons for ring in poly for p in ring]


def warm_up() -> None:
    """Build every lexicon and read the weapon systems' records once (the first extraction is
    otherwise slower, and forked workers would each read them again)."""
    country_lexicon()
    city_lexicon()
    weapon_lexicon()
    organization_lexicon()
    weapon_systems()
