"""The lines at the head of an article that carry its date, its author or its outlet.

A date line is a short line whose words, once its date is taken out, are only
what sites print around a date: a time, a weekday, a time zone, "Published" or
"Updated", a view counter, a section name in capitals, the outlet's name, a
place at the end::

    17 May 2023, 17:46                      Published May 17,2025
    April 3, 2019, The Kremlin, Moscow      PTIUpdated: Tuesday, November 08, 2022, 04:23 PM IST
    POLITICS 16:54 / 21.12.2022 3988        Reuters Published 08 May, 2025 01:03pm
    4 Jan. 13:55   (no year)                Source: Xinhua | 2024-07-03 22:15:40 | Editor: huaxia

An outlet line is the outlet's name and at most a section: "Anadolu Agency
WORLD". An author line starts with "By". Every pattern is bounded.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import NamedTuple

from webapp.ingest.dates import MONTH
from webapp.ingest.dates import WrittenDate
from webapp.ingest.dates import written_dates
from webapp.ingest.read.frame import SHORT_LINE

#: `` date 2024-03-04 …``: the store's header; the rest of the line is the page's first line
HEADER = re.compile(r"date:?\s(\d{4})-(\d{2})-(\d{2})(?=\s|$)", re.IGNORECASE)
#: ``1 February 2024`` inside a photo caption
CAPTION_DATE = re.compile(rf"\s\d{{1,2}}\s{MONTH}\s\d{{4}}(?!\w)")
#: a caption that ends with its date: ``X and Y before the meeting, 27 September 2024``
CAPTION_DATE_END = re.compile(rf",\s\d{{1,2}}\s{MONTH}\s\d{{4}}$")
#: ``By our correspondent in Astana``: an author line at the head of an article
AUTHOR = re.compile(r"By\s[^\W\d_].{0,100}|Written\sby\s\S.{0,100}")
#: words a site prints around a date, removed before the rest is judged
_AROUND_DATE = re.compile(
    r"(?i:\b(?:published|updated|posted|last\s+updated|date|time|source|editor)\b:?(?:\s+on\b)?"
    r"|\bby\s+[\w.-]{1,30}\s*$"  # "Posted on July 3, 2024 by admin": the site's user
    r"|\b(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?"
    r"|\b\d{1,2}[:.]\d{2}(?::\d{2})?\s?(?:[ap]\.?m\.?)?"
    r"|\b(?:utc|gmt|msk|ist|cet|cest|bst|edt|est|pst|almt|aqtt)(?:\s?[+-]\s?\d{1,2})?\b"
    r"|\(\s*\)|[|/•·,;()]|(?<!\w)[-–—](?!\w)|\b\d{1,9}\b)"
)
#: "PTIUpdated": a site that glues its name to the word after it
_GLUED = re.compile(r"(?<=[A-Za-z])(?=(?:Updated|Published|Posted)\b)")
#: a section name in capitals: "POLITICS", "WORLD"
_SECTION = re.compile(r"\b[A-Z]{3,15}\b")
#: the outlet's staff writing with an agency's copy: "DAILY SABAH WITH AA"
_WITH_AGENCY = re.compile(r"(?i:\s+with\s+)[A-Z][\w.]{1,20}(?:\s(?:and|&)\s[A-Z][\w.]{1,20})?")
#: a field label before the outlet: "Source: Russian Federation Government"
_LABEL = re.compile(r"(?i:source|from|via|by|agency)\s?:?")
#: at most this many words may be left once a date line's date and noise are removed
_REST_WORDS = 4
#: the place at the end of a date line: ``27 September 2024, 15:00. Government House, Moscow``
_LAST_PART = re.compile(r"(?:^|[,.]\s)(?P<place>[^\W\d_][\w' -]{1,40})$")


class DateLine(NamedTuple):
    date: WrittenDate  # the date, with or without its year
    rest: str  # the line without the date: an outlet, a place, a section
    words: tuple[str, ...]  # what is left of the rest once times, weekdays and the like are out


def date_line(line: str) -> DateLine | None:
    """The date of a line that is only a date and what sites print beside one."""
    if len(line) > SHORT_LINE or line.rstrip().endswith(("!", "?")):
        return None
    dates = written_dates(line)
    if not dates:
        return None
    first = dates[0]
    rest = (line[: first.start] + " " + line[first.end :]).strip()
    if first.year is None and (year := re.match(r",?\s?((?:19|20)\d\d)\b", line[first.end :])):
        first = dataclasses.replace(first, year=int(year.group(1)))
        rest = (line[: first.start] + " " + line[first.end + year.end() :]).strip()
    words = _AROUND_DATE.sub(" ", _GLUED.sub(" ", rest)).split()
    if len(words) > _REST_WORDS or _sentence_like(words):
        return None
    return DateLine(first, rest, tuple(words))


def outlet_line(line: str, outlet_spelling: re.Pattern[str]) -> str | None:
    """The outlet's spelling in a line that is only its name and a section ("AA WORLD")."""
    if len(line) > 60:
        return None
    found = outlet_spelling.search(line)
    if found is None:
        return None
    rest = (line[: found.start()] + line[found.end() :]).strip(" |-–—:")
    if rest and not _SECTION.fullmatch(rest) and not _LABEL.fullmatch(rest):
        if not _WITH_AGENCY.fullmatch(line[found.end() :]):
            return None
    return found.group()


def author_date(line: str) -> date | None:
    """The date at the end of an author line: ``By A. Writer in Nation on 8 November 2024``."""
    dates = written_dates(line)
    if not dates or dates[-1].end < len(line.rstrip(". ")) or dates[-1].year is None:
        return None
    return dates[-1].on()


def place_at_end(rest: str) -> str | None:
    """The words after the last comma or full stop of what follows a date."""
    match = _LAST_PART.search(rest.strip(" ,."))
    return match["place"].strip() if match is not None else None


def _sentence_like(words: list[str]) -> bool:
    """Leftover words that read as prose: two lower-case words in a row."""
    lower = [word[:1].islower() for word in words]
    return any(a and b for a, b in zip(lower, lower[1:], strict=False))
