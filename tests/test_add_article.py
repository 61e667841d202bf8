"""The Add article page: good files preview and save; every bad input gets its message and leaves
the store exactly as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from armstrack import store
from armstrack.ingest import ensure_store
from components.text import shown

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/5_Add_article.py"
GOOD = (
    b"---\ntitle: Chile buys tankers\npublished: 2024-02-12\nsource: Andes Defence\n"
    b"url: https://example.org/chile-kc390\n---\n\n"
    b"Chile signed a contract on Friday for three KC-390 aircraft from Brazil's Embraer, the air force said."
)
BAD = {
    "empty.txt": (b"", "empty"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "binary"),
    "nulls.md": (b"Turkey\x00 bought\x00 jets\x00" * 20, "binary"),
    "frontmatter.md": (
        b"---\ntitle: [broken\n---\nTurkey signed for S-400s.",
        "front matter is not valid YAML",
    ),
    "baddate.md": (
        b"---\ntitle: x\ndate: the day after\n---\nTurkey signed for S-400s.",
        "cannot read the date",
    ),
    "nothing.txt": (
        b"The weather was mild and the market opened higher on Tuesday.",
        "no countries or weapon systems",
    ),
    "longline.txt": (b"Turkey " * 40_000, "longer than"),
    "huge.txt": (b"Turkey bought jets. " * 300_000, "limit"),
}


def _checksum(db: Path) -> tuple[dict[str, int], str]:
    with store.connect(db, read_only=True) as con:
        digest = hashlib.sha256()
        for table in ("articles", "mentions", "events", "event_actors", "deals", "deal_sources"):
            rows = con.execute(f"SELECT * FROM {table}").fetchall()
            digest.update(repr(sorted(map(repr, rows))).encode())
        return store.counts(con), digest.hexdigest()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "add.duckdb"
    ensure_store(path)
    monkeypatch.setenv("ARMSTRACK_DB", str(path))
    return path


def _page() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).switch_page(PAGE).run()


def test_good_file_previews_then_saves(db: Path) -> None:
    at = _page()
    before = _checksum(db)
    at.file_uploader(key="add_files").upload("chile.md", GOOD, "text/markdown").run()
    assert not at.exception and not at.error
    assert any("Chile buys tankers" in e.label for e in at.expander)
    assert _checksum(db) == before  # a preview saves nothing
    at.button(key="add_save_files").click().run()
    assert not at.exception
    assert any("Saved 1 article" in shown(s.value) for s in at.success)
    with store.connect(db, read_only=True) as con:
        deal = con.execute(
            "SELECT supplier, recipient, system, status FROM deals WHERE recipient = 'CHL'"
        ).fetchone()
    assert deal == ("BRA", "CHL", "C-390", "signed")
    # The same content again is recognised and not stored twice.
    at.file_uploader(key="add_files").upload("chile-again.md", GOOD, "text/markdown").run()
    assert any("already in the corpus" in e.label for e in at.expander)
    assert not [b for b in at.button if b.key == "add_save_files"]


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_gets_a_clear_message_and_changes_nothing(db: Path, name: str) -> None:
    raw, reason = BAD[name]
    before = _checksum(db)
    at = _page()
    at.file_uploader(key="add_files").upload(name, raw, "text/plain").run()
    assert not at.exception
    messages = [shown(e.value) for e in at.error]
    assert any(m.startswith(name) and reason in m for m in messages), messages
    assert _checksum(db) == before


def test_batch_with_bad_files_still_saves_the_good_one(db: Path) -> None:
    at = _page()
    files = [("chile.md", GOOD, "text/markdown"), ("photo.txt", BAD["photo.txt"][0], "text/plain")]
    at.file_uploader(key="add_files").set_value(files).run()
    assert len(at.error) == 1
    at.button(key="add_save_files").click().run()
    assert any("Saved 1 article" in shown(s.value) for s in at.success)
    counts, _ = _checksum(db)
    assert counts["articles"] == 2  # the seed and the good upload


def test_paste_form_previews_and_saves(db: Path) -> None:
    at = _page()
    at.text_input(key="paste_title").input("Peru orders Gripens")
    at.text_input(key="paste_outlet").input("Lima Wire")
    at.text_input(key="paste_url").input("https://example.org/peru-gripen")
    at.date_input(key="paste_published").set_value("2025-03-05")
    at.text_area(key="paste_text").input(
        "Peru signed a contract for 12 Gripen fighters from Sweden on Monday."
    )
    at.get("form_submit_button")[0].click().run()
    assert not at.exception
    save = [b for b in at.button if b.key and b.key.startswith("add_save_paste_")]
    assert save
    save[0].click().run()
    assert any("Saved 1 article" in shown(s.value) for s in at.success)
    with store.connect(db, read_only=True) as con:
        row = con.execute(
            "SELECT title, source, url, published FROM articles WHERE source = 'Lima Wire'"
        ).fetchone()
    assert row is not None and row[0] == "Peru orders Gripens" and str(row[3]) == "2025-03-05"


def test_remove_article_with_confirmation(db: Path) -> None:
    at = _page()
    assert at.button(key="remove_button").disabled
    at.checkbox(key="remove_confirm").check().run()
    at.button(key="remove_button").click().run()
    assert any("Removed" in shown(s.value) for s in at.success)
    counts, _ = _checksum(db)
    assert counts["articles"] == 0 and counts["deals"] == 0
