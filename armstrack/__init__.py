"""Arms-deal news extraction and the corpus store. `armstrack.extract_many` is the map step
for distributed engines (see armstrack.tools.scale)."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "extract_many":  # imported on first use: the package import stays light
        from armstrack.tools.scale import extract_many

        return extract_many
    raise AttributeError(f"module 'armstrack' has no attribute {name!r}")
