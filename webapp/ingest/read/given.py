"""Metadata the operator gives, which wins over what the reader infers.

Two ways to give it, with the same fields (``url``, ``published``, ``source``,
``title``): front matter at the top of the file::

    ---
    url: https://tass.com/politics/1234567
    published: 2024-03-04
    source: TASS
    ---
    MOSCOW, March 4. /TASS/. …

or a manifest beside the files (``webapp.seed.manifest``), one row per file.
A value that cannot be used is refused with the field and the reason; an
absent field is left to the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

FIELDS = ("url", "published", "source", "title")
#: front matter: "---" on the first line, "key: value" lines, "---"
_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\r?\n(?P<body>(?:[^\n]{0,2000}\n){0,20}?)---[ \t]*(?:\r?\n|\Z)"
)
_FIELD = re.compile(r"(?P<key>[a-z_]{1,20})\s*:\s*(?P<value>.*?)\s*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class GivenError(ValueError):
    """Operator metadata that cannot be used; the message names the field."""


@dataclass(frozen=True, slots=True)
class Given:
    url: str | None = None
    published: date | None = None
    source: str | None = None
    title: str | None = None

    def __bool__(self) -> bool:
        return any(getattr(self, name) is not None for name in FIELDS)

    def over(self, other: Given) -> Given:
        """These values, and ``other``'s where these give none."""
        return Given(*(getattr(self, n) if getattr(self, n) is not None else getattr(other, n)
                       for n in FIELDS))  # fmt: skip


def given(values: dict[str, Any]) -> Given:
    """Check and convert raw values (strings from a manifest, YAML scalars, dates)."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise GivenError(f"unknown field {sorted(unknown)[0]!r} (fields: {', '.join(FIELDS)})")
    cleaned: dict[str, Any] = {}
    for name in FIELDS:
        value = values.get(name)
        if isinstance(value, str):
            value = value.strip() or None
        if value is None:
            continue
        if name == "published":
            value = _date(value)
        elif name == "url":
            value = _url(value)
        elif not isinstance(value, str):
            raise GivenError(f"{name}: expected text, got {value!r}")
        elif len(value) > 500:
            raise GivenError(f"{name}: longer than 500 characters")
        cleaned[name] = value
    return Given(**cleaned)


def split_front_matter(text: str) -> tuple[Given, str]:
    """The front matter's metadata and the text after it; no front matter gives ``Given()``."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return Given(), text
    values: dict[str, str] = {}
    for number, line in enumerate(match["body"].splitlines(), start=2):
        if not line.strip():
            continue
        field = _FIELD.fullmatch(line)
        if field is None:
            raise GivenError(f"front matter line {number}: expected 'field: value', got {line!r}")
        values[field["key"]] = field["value"]
    return given(values), text[match.end() :]


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise GivenError(f"published: expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise GivenError(f"published: {value} is not a date") from None


def _url(value: Any) -> str:
    if not isinstance(value, str):
        raise GivenError(f"url: expected text, got {value!r}")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GivenError(f"url: expected an http(s) address, got {value!r}")
    return value
