"""Pure functions of a sentence's text, remembered for the article being read.

The grammar reading, the candidate features and the status reading ask the same questions of a
sentence ("is this clause future?", "where are its clause breaks?") many times over. A function
marked `per_article` answers each question once per article: `new_article()` (called as each
extraction starts) forgets every answer, so nothing read from one article serves another and
the memory held stays that of one article. The answers are the function's own, so a memo shared
between threads, or forgotten early, changes nothing but the time taken.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_MEMOS: list[dict[tuple[Any, ...], Any]] = []


def per_article(function: F) -> F:
    """`function` (of hashable positional arguments, returning a value nobody changes)
    remembered until the next article."""
    memo: dict[tuple[Any, ...], Any] = {}
    _MEMOS.append(memo)

    @wraps(function)
    def remembered(*args: Any) -> Any:
        try:
            return memo[args]
        except KeyError:
            value = memo[args] = function(*args)
            return value

    return remembered  # type: ignore[return-value]


def new_article() -> None:
    """Forget every answer: the next questions are about another article."""
    for memo in _MEMOS:
        memo.clear()
