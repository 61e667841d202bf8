from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_cdcd1ebedb62d0ab.txt"
ARTICLES = ROOT / "tests" / "articles"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED
