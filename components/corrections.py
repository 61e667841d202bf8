"""Analyst review: confirm, reject or correct a deal or a deal fact, beside its evidence.

The reviewer's name lives in the session (remembered while the browser tab stays open; there
are no accounts). A review is written to the store's corrections table (armstrack.store.
corrections), which every deal row and download then respects.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from armstrack import dataset, store
from armstrack.queries import REVIEW_FILTERS
from armstrack.records import DEAL_STATUSES
from armstrack.store.corrections import CorrectionError
from components.tables import DEAL_COLUMN_CONFIG

REVIEW_COLUMN = DEAL_COLUMN_CONFIG["Review"]
_ACTIONS = {
    "confirm": "Confirm: it is right",
    "correct": "Correct the values",
    "reject": "Reject: not a deal, or the wrong pair",
}
_DONE = "review_done"  # session key: what the last saved review did, said after the rerun


def review_filter(key: str) -> str:
    """'all', 'needs' (machine-read, least confident first: the review queue) or 'reviewed'."""
    choice = st.radio(
        "Review",
        list(REVIEW_FILTERS),
        format_func=lambda k: REVIEW_FILTERS[k].capitalize(),
        horizontal=True,
        key=key,
        help="Needs review lists what no analyst has checked yet, the least confident first.",
    )
    return str(choice)


def reviewer_name(key: str) -> str:
    """The reviewer's name, kept for the session across pages."""
    name = st.text_input(
        "Your name (reviewer)",
        value=st.session_state.get("reviewer", ""),
        key=key,
        placeholder="Who reviews: kept while this tab stays open",
    )
    st.session_state["reviewer"] = name
    return str(name)


def said_done() -> None:
    """Say what the review saved before the rerun did."""
    done = st.session_state.pop(_DONE, None)
    if done:
        st.success(done, icon=":material/task_alt:")


def review_form(
    *,
    target: dict[str, Any],
    key: str,
    db: str,
    deal: str | None = None,
    fact: tuple[str, str] | None = None,
    reset: tuple[str, ...] = (),
) -> None:
    """The review form for one deal row (`deal`: its id; the review goes to every report of
    it) or one fact (`fact`: deal id as read and article id), with its evidence sentence and
    the model's confidence beside it. `target` holds the current values; `reset` names the
    widgets (a table's selection) to clear once the review is saved."""
    if dataset.is_dataset(db):
        st.caption("This store is a read-only Parquet dataset: reviews are made in a DuckDB store.")
        return
    st.markdown("**Review**")
    left, right = st.columns([2, 3])
    with left:
        st.text(f"Evidence: “{target.get('evidence') or ''}”")
        confidence = target.get("confidence")
        st.caption(
            "Model confidence: "
            + ("—" if confidence is None or pd.isna(confidence) else f"{float(confidence):.2f}")
            + f" · now: {target.get('review') or 'machine-read'}"
        )
    with right, st.form(f"{key}_form", border=True):
        reviewer = reviewer_name(f"{key}_reviewer")
        action = st.radio(
            "Action", list(_ACTIONS), format_func=_ACTIONS.__getitem__, key=f"{key}_action"
        )
        cols = st.columns(3)
        supplier = cols[0].text_input("Supplier (ISO3)", value=_text(target, "supplier"))
        recipient = cols[1].text_input("Recipient (ISO3)", value=_text(target, "recipient"))
        system = cols[2].text_input("System", value=_text(target, "system"))
        cols = st.columns(3)
        current = _text(target, "status")
        statuses = list(DEAL_STATUSES)
        status = cols[0].selectbox(
            "Status", statuses, index=statuses.index(current) if current in statuses else 0
        )
        order = cols[1].text_input(
            "Order date", value=_text(target, "order_edtf"), help="YYYY, YYYY-MM or YYYY-MM-DD"
        )
        delivery = cols[2].text_input(
            "Delivery date",
            value=_text(target, "delivery_edtf"),
            help="YYYY, YYYY-MM or YYYY-MM-DD",
        )
        cols = st.columns(3)
        quantity = cols[0].text_input("Quantity", value=_text(target, "quantity"))
        amount = cols[1].text_input("Value", value=_text(target, "value_amount"))
        currency = cols[2].text_input("Currency", value=_text(target, "value_currency"))
        note = st.text_input("Note (optional)", key=f"{key}_note")
        saved = st.form_submit_button("Save review", type="primary")
    if not saved:
        return
    proposed = {
        "supplier": supplier, "recipient": recipient, "system": system, "status": status,
        "order_date": order, "delivery_date": delivery, "quantity": quantity,
        "value_amount": amount, "value_currency": currency,
    }  # fmt: skip
    # Only what the analyst changed is a correction.
    changes = {
        name: value
        for name, value in proposed.items()
        if str(value).strip() != _text(target, _column(name))
    }
    try:
        with store.connect(db, wait_s=15) as con:
            if deal is not None:
                store.review_deal(con, deal, str(action), changes, note=note, reviewer=reviewer)
            elif fact is not None:
                store.review_fact(
                    con, fact[0], fact[1], str(action), changes, note=note, reviewer=reviewer
                )
    except (CorrectionError, ValueError) as exc:
        st.error(f"Not saved: {exc}", icon=":material/error:")
        return
    except store.StoreBusy as exc:
        st.error(str(exc), icon=":material/hourglass:")
        return
    st.session_state[_DONE] = {
        "confirm": "Confirmed.",
        "reject": "Rejected: it no longer shows in tables or downloads; the corrections table keeps it.",
        "correct": "Corrected.",
    }[str(action)]
    for widget in reset:
        st.session_state.pop(widget, None)
    st.rerun()


def _column(field: str) -> str:
    return {"order_date": "order_edtf", "delivery_date": "delivery_edtf"}.get(field, field)


def _text(target: dict[str, Any], name: str) -> str:
    """A value as a form field shows it: empty when unknown, whole numbers without '.0'."""
    value = target.get(name)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def orphans_note(db: str) -> None:
    """Corrections whose fact is no longer read, listed so none is lost silently."""
    if dataset.is_dataset(db):
        return
    with store.connect(db, read_only=True, wait_s=15) as con:
        lost = store.orphaned(con)
    if lost.empty:
        return
    with st.expander(f"Orphaned corrections: {len(lost)} whose fact is no longer read"):
        st.caption(
            "The article was removed, or changed so that the deal is no longer read from the "
            "same sentence. Kept in the corrections table; review the deal again to apply it."
        )
        st.dataframe(
            lost[["created_at", "reviewer", "action", "changed", "evidence", "note"]],
            hide_index=True,
            key="table_orphans",
        )
