"""A partitioned Parquet dataset answers every query exactly as the DuckDB store it came from,
refuses writes with a clear message, and serves the dashboard when ARMSTRACK_DB names it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from armstrack import dataset, queries, store
from armstrack.dataset import DatasetError
from armstrack.ingest import article_files, ingest_files

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("dataset")
    db = folder / "corpus.duckdb"
    with store.connect(db) as con:
        ingest_files(con, article_files([ROOT / "tests" / "articles", ROOT / "seeds"]))
    proc = subprocess.run(
        [sys.executable, "-m", "armstrack", "dataset", str(folder / "ds"), "--db", str(db)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return db, folder / "ds"


def _same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    assert list(left.columns) == list(right.columns)
    assert len(left) == len(right) > 0
    a = left.astype(str).sort_values(list(left.columns)).reset_index(drop=True)
    b = right.astype(str).sort_values(list(right.columns)).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


FILTERS = [
    queries.Filters(),
    queries.Filters(countries=("RUS",), role="supplier"),
    queries.Filters(year_from=2022, year_to=2024, statuses=("signed", "delivering")),
]


@pytest.mark.parametrize("f", FILTERS, ids=["all", "RUS-supplier", "2022-24"])
def test_dataset_answers_like_the_store(pair: tuple[Path, Path], f: queries.Filters) -> None:
    db, ds = pair
    assert len(list((ds / "events").rglob("*.parquet"))) > 1  # partitioned by year
    with store.connect(db, read_only=True) as a, store.connect(ds, read_only=True) as b:
        assert store.counts(a) == store.counts(b)
        for name in ("deals", "events", "articles", "countries", "arcs"):
            _same(getattr(queries, name)(a, f), getattr(queries, name)(b, f))
        assert queries.summary(a, f) == queries.summary(b, f)
        for role in ("supplier", "recipient"):
            _same(queries.top_countries(a, f, role), queries.top_countries(b, f, role))


def test_dataset_is_read_only_and_says_so(pair: tuple[Path, Path], tmp_path: Path) -> None:
    _, ds = pair
    with pytest.raises(DatasetError, match="read-only"), store.connect(ds):
        pass
    proc = subprocess.run(
        [sys.executable, "-m", "armstrack", "ingest", str(ROOT / "seeds"), "--db", str(ds)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2 and "read-only" in proc.stderr
    (tmp_path / "nothing").mkdir()
    with pytest.raises(DatasetError, match="not a dataset"):
        dataset.connect(tmp_path / "nothing")


def test_dashboard_reads_the_dataset(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, ds = pair
    shown = {}
    for source in (db, ds):
        monkeypatch.setenv("ARMSTRACK_DB", str(source))
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
        assert not at.exception, [e.value for e in at.exception]
        at.sidebar.multiselect(key="filter_country").set_value(["RUS"]).run()
        shown[source] = {m.label: m.value for m in at.metric}
        for page in ("pages/1_Deals.py", "pages/2_Timeline.py", "pages/3_Map.py"):
            at.switch_page(page).run()
            assert not at.exception, (page, [e.value for e in at.exception])
    assert shown[db] == shown[ds] and int(shown[ds]["Deals"]) > 0
    at.switch_page("pages/5_Add_article.py").run()
    assert not at.exception
    assert any("read-only" in i.value for i in at.info)
    assert not at.get("file_uploader")
