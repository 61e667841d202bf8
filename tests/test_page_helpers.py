"""What the pages used to do themselves, now in components and the core: saving previewed
uploads, reading the map's selection, the sidebar's choices and one article's facts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from armstrack import queries, store
from armstrack.ingest import Preview, preview, save_previews
from components.adding import savable, undated, url_error
from components.mapchart import (
    map_legend,
    pair_summary,
    picked_country,
    picked_pair,
)
from components.maptables import (
    involved,
    placed_note,
)
from components.tables import article_labels

ARTICLE = (
    "---\ntitle: Corvettes for Egypt\npublished: 2021-06-01\nsource: Test Wire\n"
    "url: https://example.org/corvettes\n---\n\n"
    "Egypt ordered two Gowind corvettes from France on Monday, the defence ministry said.\n"
)


def test_save_previews_stores_the_good_and_names_the_bad(tmp_path: Path) -> None:
    good = preview(ARTICLE, "corvettes.md")
    assert not good.error and good.state == "new"
    bad = preview(b"\x00\x01\x02", "broken.bin")
    assert bad.error
    progress: list[tuple[int, int]] = []
    with store.connect(tmp_path / "s.duckdb") as con:
        saved, failed = save_previews(con, [good, bad], lambda *step: progress.append(step))
        titles = [r[0] for r in con.execute("SELECT title FROM articles").fetchall()]
        again = preview(ARTICLE, "corvettes.md", con=con)
    assert saved == ["corvettes.md"] and titles == ["Corvettes for Egypt"]
    assert len(failed) == 1 and failed[0].startswith("broken.bin: ")
    assert progress == [(1, 2), (2, 2)]
    # The same content is not offered for saving twice.
    assert again.state == "unchanged" and savable([good, bad, again]) == [good]


def test_undated_uploads_and_pasted_addresses() -> None:
    plain_text = preview("Egypt ordered two Gowind corvettes from France.", "note.txt")
    dated = preview(ARTICLE, "corvettes.md")
    assert undated([plain_text, dated]) == ["note.txt"]
    assert url_error("javascript:alert(1)") == "The URL must start with http:// or https://"
    assert url_error("HTTPS://example.org/a") is None and url_error("") is None


def test_article_labels_carry_the_date_when_known() -> None:
    stored = pd.DataFrame(
        {"id": ["a", "b"], "title": ["Dated", "Undated"], "published": [date(2020, 5, 1), None]}
    )
    assert article_labels(stored) == {"a": "2020-05-01 · Dated", "b": "Undated"}


def test_map_selection_is_read_from_the_chart_state() -> None:
    country = {"selection": {"country": [{"iso3": "IND"}], "pair": [{}]}}
    # A click on an arc picks its pair and no country (the chart leaves an empty pick).
    arc = {"selection": {"country": [{}], "pair": [{"supplier": "RUS", "recipient": "IND"}]}}
    assert picked_country(country) == "IND" and picked_country(arc) is None
    assert picked_pair(arc) == ("RUS", "IND") and picked_pair(country) is None
    assert picked_country(None) is None and picked_country({"selection": {}}) is None
    assert picked_pair(None) is None and picked_pair({"selection": {"pair": []}}) is None
    pairs = pd.DataFrame(
        [{"supplier": "RUS", "recipient": "IND", "systems": "S-400", "status": "signed",
          "furthest": "delivered", "deals": 3, "sources": 4}]
    )  # fmt: skip
    assert (
        pair_summary(pairs, 0) == "Russia → India: 3 deals, furthest delivered · 4 articles\nS-400"
    )


def test_map_lists_involved_countries_and_says_when_places_are_cut() -> None:
    countries = pd.DataFrame(
        {
            "iso3": ["FRA", "NOR", "EGY"],
            "supplied": [2, 0, 0],
            "received": [0, 0, 1],
            "events": [0, 0, 0],
        }
    )
    assert involved(countries) == ["FRA", "EGY"]
    assert placed_note(100, 5000) == ""
    assert "first 5,000 of 12,000 events" in placed_note(12_000, 5000)
    assert "furthest status" in map_legend(countries.assign(mentions=1))


def test_filter_options_and_article_reads(tmp_path: Path) -> None:
    with store.connect(tmp_path / "s.duckdb") as con:
        assert queries.filter_options(con)["span"] == (2000, 2030)  # an empty store
        item = preview(ARTICLE, "corvettes.md")
        assert isinstance(item, Preview) and item.article is not None
        save_previews(con, [item])
        options = queries.filter_options(con)
        reads = queries.article_reads(con, item.article.id)
    assert {"EGY", "FRA"} <= set(options["countries"]) and options["span"][0] <= 2021
    assert "Gowind" in options["systems"]
    assert reads["meta"]["title"].tolist() == ["Corvettes for Egypt"]
    deals = reads["facts"][reads["facts"]["fact"] == "deal"]
    assert deals["summary"].tolist() == ["FRA → EGY · Gowind"]
    assert list(reads["facts"]["char_start"]) == sorted(reads["facts"]["char_start"])
