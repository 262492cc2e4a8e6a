"""Dates at the head of an article: the ``date`` header, a byline, a wire dateline.

Every pattern is anchored at the start of a line or a paragraph and every
repetition in it is bounded, so a match costs constant time whatever follows.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from webapp.ingest.dates import MONTH
from webapp.ingest.dates import month_number
from webapp.ingest.dates import valid_date

_MONTH = MONTH

#: `` date 2024-03-04 …``: the rest of the line is the article's first sentence
HEADER = re.compile(r"date:?\s(\d{4})-(\d{2})-(\d{2})(?=\s|$)", re.IGNORECASE)
#: ``1 February 2024`` inside a photo caption
CAPTION_DATE = re.compile(rf"\s\d{{1,2}}\s{_MONTH}\s\d{{4}}(?!\w)")
#: a caption that ends with its date: ``X and Y before the meeting, 27 September 2024``
CAPTION_DATE_END = re.compile(rf",\s\d{{1,2}}\s{_MONTH}\s\d{{4}}$")
#: ``By our correspondent in Astana``: an author line at the head of an article
AUTHOR = re.compile(r"By\s[^\W\d_].{0,100}")
#: the date that ends an author line: ``By A. Writer in Nation on 8 November 2024``
_AUTHOR_DATE = re.compile(
    rf"\s(?:on\s)?(?:(?P<d1>\d{{1,2}})\s(?P<mn1>{_MONTH})\s(?P<y1>\d{{4}})"
    rf"|(?P<mn2>{_MONTH})\.?\s(?P<d2>\d{{1,2}}),\s(?P<y2>\d{{4}}))$"
)
#: a header line of fields: ``Source: Xinhua | 2024-07-03 22:15:40 | Editor: huaxia``
_FIELD_SEPARATOR = " | "
_MAX_FIELDS = 6
#: the place at the end of a date line: ``27 September 2024, 15:00. Government House, Moscow``
_LAST_PART = re.compile(r"(?:^|[,.]\s)(?P<place>[^\W\d_][\w' -]{1,40})$")

_BYLINE = re.compile(
    r"(?:(?P<d1>\d{1,2})\.(?P<m1>\d{2})\.(?P<y1>\d{4})"
    rf"|(?P<d2>\d{{1,2}})\s(?P<mn2>{_MONTH})\s(?P<y2>\d{{4}})"
    rf"|(?P<mn3>{_MONTH})\.?\s(?P<d3>\d{{1,2}}),\s(?P<y3>\d{{4}})"
    r"|(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2}))"
    r"(?:[\s,.]{1,3}(?P<rest>.{0,150}))?"
)

_UNDATED = re.compile(
    r"(?P<place>(?:[A-Z]{1,2}\. )?[A-Z][A-Z'’-]{1,30}(?: [A-Z][A-Z'’-]{1,30}){0,3})"
    r"(?:\.\s(?P<agency>[A-Z][A-Za-z-]{1,30}))?"
    r"\s(?:--?|[—–])(?=\s)"
)
_DATELINE = re.compile(
    r"(?P<place>[A-Z][\w'’.-]{0,30}(?: [\w'’.-]{1,30}){0,3}),\s"
    rf"(?:(?P<month>{_MONTH})\.?\s(?P<day>\d{{1,2}})(?:,\s(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})\s(?P<month2>{_MONTH})\.?,?(?:\s(?P<year2>\d{{4}}))?)"
    r"(?:\s?\.?\s?/(?P<slash>[^\W\d_][\w .-]{0,30})/\.?"
    r"|\s?\((?P<paren>[^\W\d_][\w .-]{0,30})\)(?:\s?(?:--?|[—–]))?"
    r"|\s?(?:--?|[—–])"
    r"|(?P<stop>\.))"
    r"(?=\s|$)"
)


class Dateline(NamedTuple):
    end: int  # where the dateline ends in its paragraph
    place: str
    month: int | None
    day: int | None
    year: int | None
    agency: str | None  # as written: "TASS", "Reuters", "KAZINFORM"


def match_byline(line: str) -> tuple[date, str] | None:
    """A line that is a date and what the site adds to it; the date and the rest.

    ``03.02.2023 ТАСС 33 просмотров`` (day first), ``9 November 2023``,
    ``12 June 2024, 17:40``, ``January 5, 2023 1:42 PM UTC``, ``2024-02-01``.
    """
    match = _BYLINE.fullmatch(line)
    if match is None:
        return _field_date(line)
    if match["d1"]:
        when = valid_date(int(match["y1"]), int(match["m1"]), int(match["d1"]))
    elif match["d2"]:
        month = month_number(match["mn2"])
        when = valid_date(int(match["y2"]), month, int(match["d2"]))
    elif match["d3"]:
        month = month_number(match["mn3"])
        when = valid_date(int(match["y3"]), month, int(match["d3"]))
    else:
        when = valid_date(int(match["y4"]), int(match["m4"]), int(match["d4"]))
    return None if when is None else (when, match["rest"] or "")


def _field_date(line: str) -> tuple[date, str] | None:
    """The date among the fields of a ``Source: X | date | Editor: Y`` line; the line."""
    if _FIELD_SEPARATOR not in line:
        return None
    for field in line.split(_FIELD_SEPARATOR, _MAX_FIELDS)[:_MAX_FIELDS]:
        found = match_byline(field.strip())
        if found is not None:
            return found[0], line
    return None


def author_date(line: str) -> date | None:
    """The date at the end of an author line, if it has one."""
    match = _AUTHOR_DATE.search(line)
    if match is None:
        return None
    if match["d1"]:
        month = month_number(match["mn1"])
        return valid_date(int(match["y1"]), month, int(match["d1"]))
    month = month_number(match["mn2"])
    return valid_date(int(match["y2"]), month, int(match["d2"]))


def place_at_end(rest: str) -> str | None:
    """The words after the last comma or full stop of what follows a byline date."""
    match = _LAST_PART.search(rest)
    return match["place"].strip() if match is not None else None


def match_dateline(paragraph: str, *, undated: bool = False) -> Dateline | None:
    """Parse a wire dateline opening a paragraph.

    Handles ``MOSCOW, March 4. /TASS/.``, ``RUSSIA, February 1 -``,
    ``ASTANA, Jan 5 (Reuters) -``, ``BEIJING, March 4 (Xinhua) --``,
    ``Almaty, 12 May 2023 —`` and ``MOSCOW, October 12, 2023. /TASS/``. A place
    followed by a date and a bare full stop counts only in capitals, so that
    "In Moscow, March 4." stays a sentence. With ``undated``, a place in
    capitals and a dash also count: ``ASTANA –``, ``ASTANA. KAZINFORM –``.
    """
    match = _DATELINE.match(paragraph)
    if match is None:
        if undated and (bare := _UNDATED.match(paragraph)) is not None:
            place = _place_name(bare["place"])
            return Dateline(bare.end(), place, None, None, None, bare["agency"])
        return None
    place = match["place"]
    if match["stop"] and not place.isupper():
        return None
    month = month_number(match["month"] or match["month2"])
    day = int(match["day"] or match["day2"])
    year_text = match["year"] or match["year2"]
    year = int(year_text) if year_text else None
    if valid_date(year or 2000, month, day) is None:
        return None
    agency = (match["slash"] or match["paren"] or "").strip() or None
    return Dateline(match.end(), _place_name(place), month, day, year, agency)


def _place_name(place: str) -> str:
    """``NUR-SULTAN`` becomes ``Nur-Sultan``; a place not in capitals stays as written."""
    if not place.isupper():
        return place
    words = ("-".join(part.capitalize() for part in word.split("-")) for word in place.split())
    return " ".join(words)
