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
    rf"\b(?i:in|to|at)\s+(?:the\s+)?(?:[{UPPER}][\w-]+['’]s\s+)?(?:(?:capital|city)\s+(?:of\s+)?)?"
    rf"(?P<place>{_CAP_WORDS})(?P<of>\s+of\s+(?:the\s+)?{_CAP_WORDS})?"
)
_IN_CAPITAL = re.compile(rf"\b(?i:in)\s+the\s+(?P<adjective>[{UPPER}][\w-]+)\s+capital\b")
_VISIT_TO = re.compile(rf"\bvisit\s+to\s+(?:[a-z]+\s+)?(?P<place>{_CAP_WORDS})")


def place_in(
    text: str, start: int, end: int, on: date | None, near: int | None = None
) -> str | None:
    """A city named in a span ("in the capital Moscow", "in Almaty", "in the Kazakh capital").

    The first one, or with ``near`` (where a cue stands) the first after it, else
    the last before it.
    """
    found = []
    for match in _IN_CAPITAL.finditer(text, start, end):
        if (city := capital_of(country_named(match.group("adjective")), on)) is not None:
            found.append((match.start(), city))
    for match in _IN_PLACE.finditer(text, start, end):
        capital = match.group().find("capital") >= 0
        city = None
        if match.group("of"):  # a venue: "at the Great Hall of the People"
            city = city_name(match.group("place") + match.group("of"), capital=capital)
        city = city or city_name(match.group("place"), capital=capital)
        if city is not None:
            found.append((match.start(), city))
    if not found:
        return None
    found.sort()
    if near is None:
        return found[0][1]
    after = [city for position, city in found if position >= near]
    return after[0] if after else found[-1][1]


def visit_place(text: str, start: int, end: int) -> str | None:
    for match in _VISIT_TO.finditer(text, start, end):
        city = city_name(match.group("place"))
        if city is not None:
            return city
    return None
