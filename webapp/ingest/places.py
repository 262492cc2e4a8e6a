"""Places and dates that a meeting sentence gives: "in the capital Moscow", "on Monday"."""

from __future__ import annotations

import re
from datetime import date
from datetime import timedelta

from webapp.ingest.text import UPPER
from webapp.ingest.text import country_named

#: city -> country, for the cities a meeting of the region's leaders is likely held in
CITIES = {
    "Moscow": "Russia", "St Petersburg": "Russia", "St. Petersburg": "Russia",
    "Saint Petersburg": "Russia", "Sochi": "Russia", "Kazan": "Russia", "Ufa": "Russia",
    "Novosibirsk": "Russia", "Yekaterinburg": "Russia", "Omsk": "Russia", "Orenburg": "Russia",
    "Chelyabinsk": "Russia", "Astrakhan": "Russia", "Samara": "Russia", "Volgograd": "Russia",
    "Vladivostok": "Russia", "Kaliningrad": "Russia", "Novo-Ogaryovo": "Russia",
    "Astana": "Kazakhstan", "Nur-Sultan": "Kazakhstan", "Almaty": "Kazakhstan",
    "Shymkent": "Kazakhstan", "Karaganda": "Kazakhstan", "Aktau": "Kazakhstan",
    "Atyrau": "Kazakhstan", "Kostanay": "Kazakhstan", "Pavlodar": "Kazakhstan",
    "Uralsk": "Kazakhstan", "Turkestan": "Kazakhstan", "Aktobe": "Kazakhstan",
    "Semey": "Kazakhstan", "Petropavlovsk": "Kazakhstan", "Taraz": "Kazakhstan",
    "Kyzylorda": "Kazakhstan", "Ust-Kamenogorsk": "Kazakhstan", "Burabay": "Kazakhstan",
    "Minsk": "Belarus", "Bishkek": "Kyrgyzstan", "Cholpon-Ata": "Kyrgyzstan",
    "Osh": "Kyrgyzstan", "Tashkent": "Uzbekistan", "Samarkand": "Uzbekistan",
    "Bukhara": "Uzbekistan", "Dushanbe": "Tajikistan", "Ashgabat": "Turkmenistan",
    "Yerevan": "Armenia", "Baku": "Azerbaijan", "Beijing": "China", "Shanghai": "China",
    "Xi'an": "China",
}  # fmt: skip
_CAPITALS = {
    "Russia": "Moscow", "Belarus": "Minsk", "Kyrgyzstan": "Bishkek", "Uzbekistan": "Tashkent",
    "Tajikistan": "Dushanbe", "Turkmenistan": "Ashgabat", "Armenia": "Yerevan",
    "Azerbaijan": "Baku", "China": "Beijing",
}  # fmt: skip
_NUR_SULTAN = (date(2019, 3, 23), date(2022, 9, 17))

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?i:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"  # noqa: E501
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}}))?"
    r"|(?i:on\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?P<today>(?i:today|tonight|this\s+morning|this\s+afternoon|same\s+day|earlier\s+in\s+the\s+day))"
    r"|(?P<yesterday>(?i:yesterday))"
    r"|(?P<vague>(?i:last|next)\s+(?:year|month|week|autumn|spring|summer|winter)"
    r"|(?i:a\s+year|years|months)\s+ago|(?i:in|since)\s+(?:19|20)\d\d"
    r"|(?i:in|since|early|late)\s+(?:January|February|March|April|June|July|August|September"
    r"|October|November|December)(?!\s+\d)))\b"
)
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


def city_name(words: str, capital: bool = False) -> str | None:
    words = words.rstrip(".")
    for candidate in (words, words.split(" ")[0], words.split("-")[0]):
        if candidate in CITIES:
            return candidate
    if capital and country_named(words) is None:
        return words
    return None


def capital_of(country: str | None, on: date | None) -> str | None:
    if country == "Kazakhstan":
        if on is not None and _NUR_SULTAN[0] <= on < _NUR_SULTAN[1]:
            return "Nur-Sultan"
        return "Astana"
    return _CAPITALS.get(country or "")


def country_of_place(place: str) -> str | None:
    return country_named(place) or CITIES.get(place)


def date_in(text: str, start: int, end: int, published: date | None) -> tuple[bool, date | None]:
    """(found, date) for the first date expression in a span; a vague one gives (True, None)."""
    for match in _DATE.finditer(text, start, end):
        if match.group("vague"):
            return True, None
        found = _date_of(match, published)
        if found is not None:
            return True, found
    return False, None


def _date_of(match: re.Match[str], published: date | None) -> date | None:
    if match.group("today"):
        return published
    if match.group("yesterday"):
        return published - timedelta(days=1) if published else None
    weekday = match.group("weekday")
    if weekday:
        if published is None:
            return None
        back = (published.weekday() - _WEEKDAYS.index(weekday.lower())) % 7
        return published - timedelta(days=back)
    day = match.group("d1") or match.group("d2")
    month = _MONTHS.get((match.group("m1") or match.group("m2") or "").lower().rstrip("."))
    year = match.group("y1") or match.group("y2")
    if day is None or month is None:
        return None
    if year is None:
        if published is None:
            return None
        return _nearest_past(published, month, int(day))
    try:
        return date(int(year), month, int(day))
    except ValueError:
        return None


def _nearest_past(published: date, month: int, day: int) -> date | None:
    for year in (published.year, published.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= published + timedelta(days=7):
            return candidate
    return None
