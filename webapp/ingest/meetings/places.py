"""Places a meeting sentence gives: "in the capital Moscow", "in Almaty", "visit to Tashkent"."""

from __future__ import annotations

import re
from datetime import date

from webapp.ingest.gazetteer import capital_of
from webapp.ingest.gazetteer import city_name
from webapp.ingest.gazetteer import country_named
from webapp.ingest.text import UPPER

_CAP_WORDS = rf"[{UPPER}][\w'’.-]*(?:[ -][{UPPER}][\w'’-]*)?"
_IN_PLACE = re.compile(
    rf"\b(?:in|to|at)\s+(?:the\s+)?(?:(?:capital|city)\s+(?:of\s+)?)?(?P<place>{_CAP_WORDS})"
)
_IN_CAPITAL = re.compile(rf"\bin\s+the\s+(?P<adjective>[{UPPER}][\w-]+)\s+capital\b")
_VISIT_TO = re.compile(rf"\bvisit\s+to\s+(?:[a-z]+\s+)?(?P<place>{_CAP_WORDS})")


def place_in(text: str, start: int, end: int, on: date | None) -> str | None:
    """A city named in a span ("in the capital Moscow", "in Almaty", "in the Kazakh capital")."""
    for match in _IN_CAPITAL.finditer(text, start, end):
        city = capital_of(country_named(match.group("adjective")), on)
        if city is not None:
            return city
    for match in _IN_PLACE.finditer(text, start, end):
        city = city_name(match.group("place"), capital=match.group().find("capital") >= 0)
        if city is not None:
            return city
    return None


def visit_place(text: str, start: int, end: int) -> str | None:
    for match in _VISIT_TO.finditer(text, start, end):
        city = city_name(match.group("place"))
        if city is not None:
            return city
    return None
