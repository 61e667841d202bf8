"""The shared sidebar filters: the same on every page, kept across pages, mirrored in the URL.

The view lives in `st.session_state[STATE]` (a plain dict, not a widget key, so it survives page
switches) and in the query string, so pasting a URL restores it. Widgets are re-seeded from the
saved view on every page.

Why the URL is written here and not by the widgets' own `bind="query-params"` (Streamlit 1.67
has it for every widget used here): a bound widget reads only its own value format, so the
addresses analysts already share (`years=2014-2020`, `country=TUR,IND`) would stop working; it
drops a value it cannot read without a word, where the page must say that part of the address was
left out; its parameter is named after the widget key, so `country` would become `filter_country`
or the keys would lose their role prefix; and it writes only while the widget is drawn, while the
Add article page, which has no filters, must keep the view in its address and in the links to
the other pages. Tried under AppTest, a bound multiselect is seeded from `?country=IND&country=TUR`
but ignores `?years=2010-2015` and `?country=XXX,IND` without a note, so every part of the sync
below is one the binding cannot do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from armstrack.gazetteer import countries as all_countries
from armstrack.queries import ROLES, Filters
from armstrack.records import DEAL_STATUSES, EVENT_TYPES
from components.text import strip_controls

STATE = "view_filters"
# query-string name -> widget key
PARAMS = {
    "country": "filter_country",
    "role": "filter_role",
    "years": "filter_years",
    "status": "filter_status",
    "system": "filter_system",
    "category": "filter_category",
    "etype": "filter_etype",
    "q": "filter_text",
}
LIST_PARAMS = ("country", "status", "system", "category", "etype")


# Limits on what an address may hold: longer or stranger values are dropped, with a note.
MAX_PARAM = 2000  # characters of one query value read at all
MAX_VALUES = 50  # values of one list filter
MAX_NAME = 80  # characters of one system or category name
MAX_TEXT = 200  # characters of the evidence search
YEAR_RANGE = (1000, 2999)
_ISO3 = re.compile(r"\A[A-Z]{3}\Z")
_NAME = re.compile(r"\A[\w .,'’()/&+-]+\Z")
DROPPED = "filter_dropped"  # session key: the address held values that were left out


def parse_params(params: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """Query-string values -> filter values. Only well-formed values are kept: ISO3 country
    codes, known statuses, event types and roles, years within 1000–2999, names of a sane length
    and alphabet; anything else is dropped (`view[DROPPED]` says so)."""
    view: dict[str, Any] = {}
    dropped = False
    known = {"status": set(DEAL_STATUSES), "etype": set(EVENT_TYPES)}
    for name in LIST_PARAMS:
        raw_values = [raw[:MAX_PARAM] for raw in params.get(name, [])[:MAX_VALUES]]
        dropped |= any(len(raw) > MAX_PARAM for raw in params.get(name, []))
        values = []
        for raw in raw_values:
            for value in raw.split(","):
                value = strip_controls(value).strip()
                if not value:
                    continue
                ok = (
                    bool(_ISO3.match(value))
                    if name == "country"
                    else value in known[name]
                    if name in known
                    else len(value) <= MAX_NAME and bool(_NAME.match(value))
                )
                if ok and value not in values and len(values) < MAX_VALUES:
                    values.append(value)
                else:
                    dropped |= not ok
        if values:
            view[name] = values
    role = (params.get("role") or [""])[-1]
    if role in ROLES:
        view["role"] = role
    elif role:
        dropped = True
    years = (params.get("years") or [""])[-1][:40]
    if years:
        bounds = years.split("-")
        if len(bounds) == 2 and all(b.isdigit() and len(b) <= 4 for b in bounds):
            low, high = sorted(int(b) for b in bounds)
            low, high = max(low, YEAR_RANGE[0]), min(high, YEAR_RANGE[1])
            if low <= high:
                view["years"] = (low, high)
            else:
                dropped = True
        else:
            dropped = True
    text = strip_controls((params.get("q") or [""])[-1][:MAX_PARAM]).strip()
    if text:
        view["q"] = text[:MAX_TEXT]
        dropped |= len(text) > MAX_TEXT
    if dropped:
        view[DROPPED] = True
    return view


def encode_params(view: Mapping[str, Any], span: tuple[int, int]) -> dict[str, Any]:
    """Filter values -> query-string values (only what differs from the full view)."""
    out: dict[str, Any] = {}
    for name in LIST_PARAMS:
        if view.get(name):
            out[name] = list(view[name])
    if view.get("role", "any") != "any":
        out["role"] = view["role"]
    years = view.get("years")
    if years and tuple(years) != span:
        out["years"] = f"{years[0]}-{years[1]}"
    if view.get("q"):
        out["q"] = view["q"]
    return out


def to_filters(view: Mapping[str, Any], span: tuple[int, int]) -> Filters:
    years = view.get("years")
    year_from = year_to = None
    if years and tuple(years) != span:
        year_from, year_to = int(years[0]), int(years[1])
    return Filters(
        countries=tuple(view.get("country", ())),
        role=view.get("role", "any"),
        year_from=year_from,
        year_to=year_to,
        statuses=tuple(view.get("status", ())),
        systems=tuple(view.get("system", ())),
        categories=tuple(view.get("category", ())),
        event_types=tuple(view.get("etype", ())),
        text=view.get("q", ""),
    )


def _save(name: str) -> None:
    value = st.session_state[PARAMS[name]]
    if name == "role" and value is None:
        value = "any"  # a segmented control can be deselected
    st.session_state[STATE][name] = value


def _clear() -> None:
    st.session_state[STATE] = {}
    for key in PARAMS.values():
        st.session_state.pop(key, None)
    st.query_params.clear()


def select_country(iso3: str) -> bool:
    """Filter the view to one country (a click on the map); False if it already is."""
    view = st.session_state.setdefault(STATE, {})
    if view.get("country") == [iso3]:
        return False
    view["country"] = [iso3]
    return True


def current_params(options: Mapping[str, Any]) -> dict[str, Any]:
    """The saved view as query parameters, for links to other pages."""
    return encode_params(st.session_state.get(STATE, {}), options["span"])


DROPPED_NOTE = "Some filter values in the address were not understood and were left out."


def keep(options: Mapping[str, Any]) -> None:
    """On a page without filters: the view in the address is read and kept, for the links to
    the other pages and in the address itself, and what was not understood is said."""
    if STATE not in st.session_state:
        st.session_state[STATE] = parse_params(
            {k: st.query_params.get_all(k) for k in st.query_params}
        )
    view: dict[str, Any] = st.session_state[STATE]
    if view.pop(DROPPED, False):
        st.sidebar.caption(DROPPED_NOTE)
    st.query_params.from_dict(encode_params(view, options["span"]))


def render(options: Mapping[str, Any]) -> Filters:
    """Draw the sidebar filters; `options` holds the choices: countries (iso3 -> name),
    systems, categories and the year span of the corpus."""
    span: tuple[int, int] = options["span"]
    if STATE not in st.session_state:
        st.session_state[STATE] = parse_params(
            {k: st.query_params.get_all(k) for k in st.query_params}
        )
    view: dict[str, Any] = st.session_state[STATE]
    countries: dict[str, str] = options["countries"]
    # Codes the corpus does not hold are offered only if the reference data knows them.
    known_codes = set(countries) | {c for c in view.get("country", []) if c in all_countries()}
    choices = {
        "country": sorted(known_codes, key=lambda c: countries.get(c, c)),
        "status": list(DEAL_STATUSES),
        "system": sorted(set(options["systems"]) | set(view.get("system", []))),
        "category": sorted(set(options["categories"]) | set(view.get("category", []))),
        "etype": list(EVENT_TYPES),
    }
    # Seed every widget from the saved view: a page switch gives widgets new identities, and a
    # user's change has already been saved into the view by its callback before this runs.
    defaults: dict[str, Any] = {"role": "any", "years": span, "q": ""}
    for name, key in PARAMS.items():
        value = view.get(name, defaults.get(name, []))
        if name in choices:
            value = [v for v in value if v in choices[name]]
        if name == "years":
            low, high = min(value), max(value)
            value = (min(max(span[0], low), span[1]), max(min(span[1], high), span[0]))
        st.session_state[key] = value
    bar = st.sidebar
    bar.header("Filters")
    if view.pop(DROPPED, False):
        bar.caption(DROPPED_NOTE)
    bar.multiselect(
        "Countries", choices["country"], key=PARAMS["country"], on_change=_save, args=("country",),
        format_func=lambda c: strip_controls(f"{countries.get(c, c)} ({c})"), placeholder="All countries",
    )  # fmt: skip
    bar.segmented_control(
        "Country role", list(ROLES), key=PARAMS["role"], on_change=_save, args=("role",),
        format_func=str.capitalize,
    )  # fmt: skip
    if span[0] < span[1]:
        bar.slider(
            "Years", min_value=span[0], max_value=span[1], key=PARAMS["years"],
            on_change=_save, args=("years",),
        )  # fmt: skip
    bar.multiselect(
        "Deal status",
        choices["status"],
        key=PARAMS["status"],
        on_change=_save,
        args=("status",),
        placeholder="Any status",
    )
    bar.multiselect(
        "Weapon system",
        choices["system"],
        key=PARAMS["system"],
        on_change=_save,
        args=("system",),
        format_func=strip_controls,
        placeholder="Any system",
    )
    bar.multiselect(
        "System category", choices["category"], key=PARAMS["category"], on_change=_save,
        args=("category",), format_func=lambda c: strip_controls(c.replace("_", " ")), placeholder="Any category",
    )  # fmt: skip
    bar.multiselect(
        "Event type", choices["etype"], key=PARAMS["etype"], on_change=_save, args=("etype",),
        format_func=lambda c: c.replace("_", " "), placeholder="Any event type",
    )  # fmt: skip
    bar.text_input(
        "Search evidence",
        key=PARAMS["q"],
        on_change=_save,
        args=("q",),
        placeholder="e.g. howitzer",
    )
    bar.button("Clear filters", key="filter_clear", on_click=_clear, width="stretch")
    st.query_params.from_dict(encode_params(view, span))
    return to_filters(view, span)
