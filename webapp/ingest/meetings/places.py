"""Places a meeting sentence gives: "in the capital Moscow", "in Almaty", "visit to Tashkent"."""

from __future__ import annotations

import re
from datetime import date

from webapp.ingest.gazetteer import capital_of
from webapp.ingest.gazetteer import city_name
from webapp.ingest.gazetteer import country_named
from webapp.ingest.gazetteer import name_on
from webapp.ingest.text import UPPER
from webapp.ingest.text import contains_any

_CAP_WORDS = rf"[{UPPER}][\w'’.-]*(?:[ -][{UPPER}][\w'’-]*)?"
_IN_PLACE = re.compile(
    rf"\b(?i:in|to|at)\s+(?:the\s+)?(?:[{UPPER}][\w-]+['’]s\s+)?(?:(?:capital|city)\s+(?:of\s+)?)?"
    rf"(?P<place>{_CAP_WORDS})(?P<of>\s+of\s+(?:the\s+)?{_CAP_WORDS})?"
)
_IN_CAPITAL = re.compile(rf"\b(?i:in)\s+the\s+(?P<adjective>[{UPPER}][\w-]+)\s+capital\b")
#: "in the capital of Kazakhstan"
_CAPITAL_OF = re.compile(rf"\b(?i:in|to)\s+the\s+capital\s+of\s+(?P<country>{_CAP_WORDS})")
#: "in the Kazakh city of Kostanay", "in the southern Russian resort of Sochi"
_TOWN_OF = re.compile(
    rf"\b(?i:in|to|at)\s+the\s+(?:[\w-]+\s+){{0,3}}?(?:city|town|resort|port|village)\s+of\s+"
    rf"(?P<place>{_CAP_WORDS})"
)
#: the words ``_TOWN_OF`` needs one of
_TOWN_WORDS = ("city", "town", "resort", "port", "village")
#: a city's region is not the city: "in Almaty region"
_REGION_AFTER = re.compile(r"\s+(?i:region|oblast|province|district)\b")
#: a venue of several words: "at the Diaoyutai State Guesthouse"
_LONG_NAME = re.compile(rf"[{UPPER}][\w'’-]*(?:\s[{UPPER}][\w'’-]*){{2,4}}")
_VISIT_TO = re.compile(rf"\bvisit\s+to\s+(?:[a-z]+\s+)?(?P<place>{_CAP_WORDS})")
#: a headline that ends with where and when, as transcripts are titled: "…, Tashkent, May 2, 2018"
_TITLE_CITY_DATE = re.compile(
    rf",\s+(?P<place>{_CAP_WORDS})(?:,\s+{_CAP_WORDS})?,\s+(?:[{UPPER}][a-z]+\.?\s+\d{{1,2}}"
    rf"|\d{{1,2}}\s+[{UPPER}][a-z]+),?\s+\d{{4}}\s*$"
)
#: a headline about what is still to come names no place where anything happened
_TITLE_FUTURE = re.compile(
    r"(?i:\b(?:will|to\s+(?:visit|meet|hold|attend|travel|arrive|host)|plans?|planned|expected"
    r"|upcoming|next\s+week|scheduled)\b)"
)


def place_in(
    text: str, start: int, end: int, on: date | None, near: int | None = None
) -> str | None:
    """A city named in a span ("in the capital Moscow", "in Almaty", "in the Kazakh capital").

    The first one, or with ``near`` (where a cue stands) the first after it, else
    the last before it.
    """
    found = []
    # the patterns with a word of their own are run only where the word is
    capital = text.find("capital", start, end) >= 0
    for match in _IN_CAPITAL.finditer(text, start, end) if capital else ():
        if (city := capital_of(country_named(match.group("adjective")), on)) is not None:
            found.append((match.start(), city))
    for match in _CAPITAL_OF.finditer(text, start, end) if capital else ():
        country = country_named(_before_full_stop(match.group("country")))
        if (city := capital_of(country, on)) is not None:
            found.append((match.start(), city))
    town = contains_any(text, start, end, _TOWN_WORDS)
    for match in _TOWN_OF.finditer(text, start, end) if town else ():
        if (city := city_name(_before_full_stop(match.group("place")))) is not None:
            found.append((match.start(), city))
    for match in _IN_PLACE.finditer(text, start, end):
        if _REGION_AFTER.match(text, match.end()):
            continue
        capital = match.group().find("capital") >= 0
        city = None
        if match.group("of"):  # a venue: "at the Great Hall of the People"
            city = city_name(match.group("place") + match.group("of"), capital=capital)
        if city is None and (long := _LONG_NAME.match(text, match.start("place"))):
            city = city_name(long.group())  # "at the Diaoyutai State Guesthouse"
        city = city or city_name(match.group("place"), capital=capital)
        city = city or city_name(_before_full_stop(match.group("place")), capital=capital)
        if city is not None:
            found.append((match.start(), name_on(city, on)))
    if not found:
        return None
    found.sort()
    if near is None:
        return found[0][1]
    after = [city for position, city in found if position >= near]
    return after[0] if after else found[-1][1]


def visit_place(text: str, start: int, end: int) -> str | None:
    if text.find("visit", start, end) < 0:
        return None
    for match in _VISIT_TO.finditer(text, start, end):
        place = match.group("place")
        city = city_name(place) or city_name(_before_full_stop(place))
        if city is not None:
            return city
    return None


def _before_full_stop(words: str) -> str:
    """A sentence may end at the city: "a three-day visit to Moscow. After …" is Moscow
    (tried after the whole phrase, which may be "St. Petersburg")."""
    cut = words.find(". ")
    words = words if cut < 0 else words[:cut]
    return words[:-1] if words.endswith(".") else words


def title_place(title: str | None, on: date | None) -> str | None:
    """The city a headline puts its story in: "Xi Holds Second Day Of Talks In Moscow",
    "The President of Kazakhstan has arrived in Tashkent", "…, Tashkent, May 2, 2018".

    A headline about a visit or talks still to come gives none.
    """
    if not title or _TITLE_FUTURE.search(title):
        return None
    if (match := _TITLE_CITY_DATE.search(title)) is not None:
        city = city_name(match.group("place"))
        if city is not None:
            return city
    return place_in(title, 0, len(title), on)
