from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Generated-input tests: 250 examples each in the whole suite (what CI runs), 40 in the quick
# loop (`make test-quick` passes --hypothesis-profile=quick). Extraction of one example can take
# longer than Hypothesis's default deadline on a busy machine, which is not a failure here.
settings.register_profile(
    "full", max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("quick", settings.get_profile("full"), max_examples=40)
settings.load_profile("full")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_cdcd1ebedb62d0ab.txt"
ARTICLES = ROOT / "tests" / "articles"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(autouse=True, scope="session")
def _component_scan_once():
    """Every AppTest run scans all installed distributions for Streamlit component manifests
    (~0.1 s each, over a hundred runs). Installed packages do not change during a test session,
    so the first scan's answer is kept for the rest of it."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:  # an older Streamlit without v2 components has nothing to scan
        yield
        return
    scan = manifest_scanner.scan_component_manifests
    kept: list = []

    def scan_once(*args, **kwargs):
        if not kept:
            kept.append(scan(*args, **kwargs))
        return list(kept[0])

    manifest_scanner.scan_component_manifests = scan_once
    yield
    manifest_scanner.scan_component_manifests = scan
