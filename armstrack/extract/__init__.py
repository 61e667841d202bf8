"""Pure extraction: article text -> entities, dates, events and deals."""

from armstrack.extract.pipeline import extract

__all__ = ["extract"]
