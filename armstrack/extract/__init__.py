"""Pure extraction: article text -> entities, dates, events and deals.

`extract` is loaded on first use: a module that needs only a helper of the package (the store's
`context.stable_id`) does not pay for the whole pipeline, its patterns and its models."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from armstrack.extract.pipeline import extract


def __getattr__(name: str) -> Any:
    if name == "extract":
        from armstrack.extract.pipeline import extract

        return extract
    raise AttributeError(f"module 'armstrack.extract' has no attribute {name!r}")


__all__ = ["extract"]
