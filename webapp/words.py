"""Counts in words, the one place they are made: "1 new meeting", "2 new meetings"."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, in the plural unless the count is one.

    ``plural(1, "new meeting")`` is "1 new meeting"; ``plural(2, "person", "people")``
    is "2 people"; thousands are grouped, "1,500 articles".
    """
    return f"{count:,} {word if count == 1 else many or word + 's'}"
