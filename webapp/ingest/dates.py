"""Dates in text: the month names, a valid date or None, written dates, and dates a sentence gives.

:func:`written_dates` finds calendar dates in the forms news sites print
("17 May 2023", "May 17,2025", "Tuesday, November 08, 2022", "21.12.2022",
"2024-05-17", "Sept. 2" without a year). A date a sentence gives ("on Monday",
"on 31 January", "yesterday") is counted from the publication date by
:func:`date_in`.

Numeric dates are read day first (21.12.2022, 01/02/2024), as in the region's
press, unless only the other order makes a date. Every pattern is bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from datetime import timedelta

#: the months in English, January first
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
#: the months in Russian, as a date writes them ("12 марта 2023"): the site's chrome
#: of a Russian-language site prints its dates so on its English pages too
RUSSIAN_MONTH_NAMES = (
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
    "октября", "ноября", "декабря",
)  # fmt: skip
#: a month name or its usual abbreviation, in any case, to its number
MONTH_NUMBERS = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
    **{name: number for number, name in enumerate(RUSSIAN_MONTH_NAMES, start=1)},
}
#: a month name or abbreviation, for a pattern (longer alternatives first)
MONTH = "(?i:{})".format("|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)))
_MONTH = rf"{MONTH}\.?"
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"
_WRITTEN = re.compile(
    r"(?<![\w.])(?:"
    rf"{_YEAR.format('iy')}-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?![\d])"
    rf"|(?P<na>[0-3]?\d)(?P<sep>[./-])(?P<nb>[01]?\d)(?P=sep){_YEAR.format('ny')}(?!\d)"
    rf"|{_YEAR.format('ry')}[./](?P<rm>[01]?\d)[./](?P<rd>[0-3]?\d)(?!\d)"
    rf"|{_DAY.format('dd')}\s(?:of\s)?(?P<dm>{_MONTH}),?(?:\s{{1,2}}{_YEAR.format('dy')})?"
    rf"|(?P<mm>{_MONTH})\s{_DAY.format('md')}(?!\d)(?:,\s?|\s){_YEAR.format('my')}"
    # "September 16:30" is a time, but "Samarkand, September 16: Prime Minister …" a date
    rf"|(?P<bm>{_MONTH})\s{_DAY.format('bd')}(?!\d|:\d)"
    r")(?:(?![\w])|(?=T?\d{1,2}:\d{2}))"  # a time may follow unspaced: "2 May 201918:50"
)
#: weekday names, in the order ``date.weekday()`` counts them
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})(?:,?\s+(?P<y1>\d{{4}}))?"
    r"|(?P<d3>[0-3]?\d)\.(?P<m3>[01]?\d)\.(?P<y3>(?:19|20)\d\d)(?!\d)"  # "on 10.07.2024"
    r"|(?P<ago>(?i:one|two|three|four|five|six|[1-6])\s+days?\s+ago)"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}}))?"
    r"|(?i:on\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?P<today>(?i:today|tonight|this\s+morning|this\s+afternoon|same\s+day|earlier\s+in\s+the\s+day))"
    r"|(?P<yesterday>(?i:yesterday|the\s+(?:day\s+before|previous\s+(?:day|evening))|a\s+day"
    r"\s+earlier|last\s+night|on\s+the\s+eve(?!\s+of)))"
    r"|(?P<vague>(?i:last|next)\s+(?:year|month|week|autumn|spring|summer|winter|January"
    r"|February|March|April|May|June|July|August|September|October|November|December)"
    r"|(?<!reported\s)(?<!noted\s)(?<!mentioned\s)(?<!said\s)(?<!stated\s)"
    r"(?i:earlier|previously)(?!\s+(?:today|this|that|in\s+the|on)\b)"
    r"|(?i:a\s+year|years|months|an?\s+week|weeks)\s+ago|(?i:in|since)\s+(?:19|20)\d\d"
    r"|(?i:earlier|later)\s+this\s+(?:week|month)"
    # "in May" too: after "in" the month cannot be the modal verb
    r"|(?i:in|since|early|late)\s+(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)(?!\s+\d)))\b"
)


def valid_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when there is no such day (31 April, 29 February 2023)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class WrittenDate:
    """A calendar date as printed; ``year`` is None when the text gives none."""

    start: int
    end: int
    year: int | None
    month: int
    day: int

    def on(self, year: int | None = None) -> date | None:
        """The date, in ``year`` when the text gives no year of its own."""
        year = self.year if self.year is not None else year
        return None if year is None else valid_date(year, self.month, self.day)


def written_dates(text: str, start: int = 0, end: int | None = None) -> list[WrittenDate]:
    """The calendar dates printed in ``text[start:end]``, in order; impossible ones left out."""
    found = []
    for match in _WRITTEN.finditer(text, start, len(text) if end is None else end):
        parts = _parts(match)
        if parts is not None and valid_date(parts[0] or 2000, parts[1], parts[2]) is not None:
            found.append(WrittenDate(match.start(), match.end(), *parts))
    return found


def _parts(match: re.Match[str]) -> tuple[int | None, int, int] | None:
    group = match.group
    if group("iy"):
        return int(group("iy")), int(group("im")), int(group("id"))
    if group("ny"):
        first, second = int(group("na")), int(group("nb"))
        if second > 12 >= first:
            first, second = second, first  # only month first makes a date
        return int(group("ny")), second, first
    if group("ry"):
        return int(group("ry")), int(group("rm")), int(group("rd"))
    for month, day, year in (("dm", "dd", "dy"), ("mm", "md", "my"), ("bm", "bd", None)):
        if group(month):
            number = month_number(group(month))
            if number is None:
                return None
            return (int(group(year)) if year and group(year) else None), number, int(group(day))
    return None


def month_number(word: str) -> int | None:
    """1 for "January", "Jan", "jan." or "JANUARY"; None for a word that is no month."""
    return MONTH_NUMBERS.get(word.lower().rstrip("."))


def date_in(
    text: str, start: int, end: int, published: date | None, near: int | None = None
) -> tuple[bool, date | None]:
    """(found, date) for a date expression in a span; a vague one gives (True, None).

    The first one, or with ``near`` the first after that position, else the last
    before it: in "spoke on Monday after meeting in Almaty on January 31" the
    meeting is on January 31.
    """
    found = []
    for match in _DATE.finditer(text, start, end):
        if match.group("vague"):
            found.append((match.start(), True, None))
        elif (day := _date_of(match, published)) is not None:
            found.append((match.start(), True, day))
    if not found:
        return False, None
    if near is not None:
        after = [item for item in found if item[0] >= near]
        chosen = after[0] if after else found[-1]
    else:
        chosen = found[0]
    return chosen[1], chosen[2]


_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _date_of(match: re.Match[str], published: date | None) -> date | None:
    if match.group("today"):
        return published
    if match.group("yesterday"):
        return published - timedelta(days=1) if published else None
    if match.group("ago"):
        count = match.group("ago").split()[0].lower()
        days = _COUNTS.get(count) or int(count)
        return published - timedelta(days=days) if published else None
    if match.group("d3"):
        return valid_date(int(match.group("y3")), int(match.group("m3")), int(match.group("d3")))
    weekday = match.group("weekday")
    if weekday:
        if published is None:
            return None
        back = (published.weekday() - WEEKDAYS.index(weekday.lower())) % 7
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
