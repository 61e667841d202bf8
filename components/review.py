"""What was read from an article before it is saved: metadata, countries, deals, events."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from armstrack.article import Article
from armstrack.records import Extraction
from armstrack.report import extraction_json


def preview_frames(article: Article, result: Extraction) -> dict[str, pd.DataFrame]:
    """The extraction as small tables (pure, so it is tested without Streamlit)."""
    doc = extraction_json(result)
    countries = pd.DataFrame(
        [
            {
                "Country": f"{c['name']} ({c['iso3']})",
                "Mentions": c["mentions"],
                "Roles": ", ".join(c["roles"]),
            }
            for c in doc["countries"]
        ],
        columns=["Country", "Mentions", "Roles"],
    )
    deals = pd.DataFrame(
        [
            {
                "Supplier": d["supplier"], "Recipient": d["recipient"], "System": d["system"],
                "Status": d["status"], "Quantity": d["quantity"],
                "Order date": (d["order_date"] or {}).get("edtf"),
                "Delivery date": (d["delivery_date"] or {}).get("edtf"),
                "Certainty": d["certainty"], "Who says so": d["attribution"],
                "Evidence": d["evidence"]["sentence"],
            }
            for d in doc["deals"]
        ],
        columns=["Supplier", "Recipient", "System", "Status", "Quantity", "Order date", "Delivery date", "Certainty", "Who says so", "Evidence"],
    )  # fmt: skip
    events = pd.DataFrame(
        [
            {
                "Type": e["type"], "Date": (e["date"] or {}).get("edtf"),
                "As written": (e["date"] or {}).get("text"), "Actors": ", ".join(e["actors"]),
                "Certainty": e["certainty"], "Who says so": e["attribution"],
                "Evidence": e["evidence"]["sentence"],
            }
            for e in doc["events"]
        ],
        columns=["Type", "Date", "As written", "Actors", "Certainty", "Who says so", "Evidence"],
    )  # fmt: skip
    return {"countries": countries, "deals": deals, "events": events}


def preview_tables(article: Article, result: Extraction) -> None:
    meta = article.meta
    published = meta.published.isoformat() if meta.published else "no date"
    st.text(
        f"{meta.title}\n{meta.source or 'unknown outlet'} · {published} · {len(article.text.split())} words"
    )
    frames = preview_frames(article, result)
    st.markdown(f"**Countries** ({len(frames['countries'])})")
    st.dataframe(frames["countries"], hide_index=True, placeholder="—")
    st.markdown(f"**Deals** ({len(frames['deals'])})")
    st.dataframe(frames["deals"], hide_index=True, placeholder="—")
    st.markdown(f"**Events** ({len(frames['events'])})")
    st.dataframe(frames["events"], hide_index=True, placeholder="—")
