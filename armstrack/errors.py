"""The error every bad input raises: a message of one line that says why, never a traceback.
Its own module, so the command line catches it without importing the store or pandas."""

from __future__ import annotations


class InputError(ValueError):
    """An article, dataset or correction that cannot be used; the message says why."""
