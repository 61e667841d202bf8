"""The numbers behind the map, as tables an analyst reads and downloads: each country's
involvement (what the shading shows), the country pairs (the arcs), the event places (the dots)."""

from __future__ import annotations

from typing import Any

import pandas as pd


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
