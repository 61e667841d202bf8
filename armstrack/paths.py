"""Where the store lives, with nothing heavy imported: the server's start reads it first."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "armstrack.duckdb"


def db_path(path: str | Path | None = None) -> Path:
    """The database file: the argument, else $ARMSTRACK_DB, else data/armstrack.duckdb. A folder
    names a Parquet dataset (see armstrack.dataset), read instead of a database file."""
    return Path(path or os.environ.get("ARMSTRACK_DB") or DEFAULT_DB)
