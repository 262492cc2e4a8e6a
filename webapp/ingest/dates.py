"""Dates in text: the month names, a valid date or None, and dates a sentence gives.

A date a sentence gives ("on Monday", "on 31 January", "yesterday") is counted
from the publication date.
"""

from __future__ import annotations

import re
from datetime import date
from datetime import timedelta

#: the months in English, January first
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
#: a month name or its usual abbreviation, in any case, to its number
MONTH_NUMBERS = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}
#: a month name or abbreviation, for a pattern (longer alternatives first)
MONTH = "(?i:{})".format("|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)))
_MONTH = rf"{MONTH}\.?"
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


def valid_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when there is no such day (31 April, 29 February 2023)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_number(word: str) -> int | None:
    """1 for "January", "Jan", "jan." or "JANUARY"; None for a word that is no month."""
    return MONTH_NUMBERS.get(word.lower().rstrip("."))


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
    month = month_number(match.group("m1") or match.group("m2") or "")
    year = match.group("y1") or match.group("y2")
    if day is None or month is None:
        return None
    if year is None:
        if published is None:
            return None
        return _nearest_past(published, month, int(day))
    return valid_date(int(year), month, int(day))


def _nearest_past(published: date, month: int, day: int) -> date | None:
    for year in (published.year, published.year - 1):
        candidate = valid_date(year, month, day)
        if candidate is not None and candidate <= published + timedelta(days=7):
            return candidate
    return None
