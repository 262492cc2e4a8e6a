"""The wire dateline that opens a story: where it was filed, when, and by which agency.

The forms agencies use, all read by one grammar::

    MOSCOW, March 4. /TASS/.            BEIJING, Sept. 2 (Xinhua) --
    MOSCOW. Feb 3 (Interfax) -          ASTANA, Kazakhstan, June 12.
    XI'AN. KAZINFORM –                  TURKMENBASHI. KAZINFORM Kassym-Jomart …
    ASTANA (AA) -                       Astana. July 4. KazTAG -
    Kazan [Russia], October 22 :        Moscow: Amid speculation …
    SAMARKAND /Uzbekistan/, December 2. /TASS/.
    ASTANA—President …                  Almaty, 12 May 2023 —
    Almaty. 5 March. KazTAG -           Baku, 5 November, AZERTAC -
    Tashkent, Uzbekistan (UzDaily.com) --

A place is a run of words in capitals, or a city of the gazetteer in any case
(so that "In Moscow, March 4." and "Moscow has …" stay sentences). After it
may come a region, a date, an agency and a separator; without a date, an
agency or a separator must follow. Every pattern is anchored where the last
part ended and every repetition is bounded, so a paragraph costs constant time.
"""

from __future__ import annotations

import dataclasses
import re
from typing import NamedTuple

from webapp.ingest.dates import month_number
from webapp.ingest.dates import written_dates
from webapp.ingest.gazetteer import city_name
from webapp.ingest.gazetteer import country_named
from webapp.ingest.read.outlets import Outlets
from webapp.ingest.text import UPPER

#: how far into a paragraph a dateline's date may start
_DATE_REACH = 40

_CAPS_PLACE = re.compile(
    r"(?:[A-Z]{1,2}\.\s?)?[A-Z][A-Z'’-]{1,30}(?:\s[A-Z][A-Z'’.-]{1,30}){0,3}(?![\w'’])"
)
_CITY_WORDS = re.compile(rf"[{UPPER}][\w'’-]{{1,30}}\.?(?:\s[{UPPER}][\w'’-]{{1,30}}){{0,2}}")
_REGION = re.compile(
    r",\s(?P<comma>[A-Z][^\W\d_ -]{1,20}(?:[ -][A-Z][^\W\d_]{1,20}){0,2}),(?=\s)"
    r"|,\s(?P<country>[A-Z][^\W\d_ -]{1,20}(?:\s[A-Z][^\W\d_]{1,20}){0,2})(?=\s\()"
    r"|\s\[(?P<bracket>[^\]\n]{1,30})\],?"
    r"|\s?/(?P<slashed>[A-Z][^\W\d_]{1,20}(?:\s[A-Z][^\W\d_]{1,20}){0,2})/,?"
    r"|\s\((?P<paren>[A-Z][\w ]{1,30})\),?"
)
_DATE_LEAD = re.compile(r"(?:,|\.)?\s")
_YEAR_AFTER = re.compile(r",\s(?P<year>(?:19|20)\d\d)(?!\d)")
_SEPARATOR = r"(?:\s?(?:--?|[—–:]))"
#: "Samarkand, (APP - UrduPoint … - 2nd Nov, 2023)": a parenthesis of outlets and a date
_LONG_PAREN = re.compile(r",?\s\((?P<text>[^()\n]{3,120})\)")
#: an agency opening a paragraph: "Tengrinews.kz – …", "(Bloomberg) — …"
_OPENING_TAG = re.compile(
    r"(?:(?P<word>[A-Z][\w.+-]{1,30}(?:\s[A-Z][\w.+-]{1,30})?)|\((?P<inside>[A-Z][\w. +-]{1,30})\))"
    r"\s?(?:--?|[—–])\s"
)
#: an agency the table does not know, in brackets at the start: "(AGENPARL) –", "(Report.az) -"
_TAG_LIKE = re.compile(r"[A-Z]{3,20}|[A-Z][\w-]{1,30}\.[a-z]{2,6}")
_TAIL = re.compile(
    rf"\s?\.?\s?/(?P<slash>[^\W\d_][\w .-]{{0,30}})/\.?(?=\s|$)"
    rf"|\s?\((?P<paren>[^\W\d_][\w .-]{{0,30}})\){_SEPARATOR}?(?=\s|$)"
    rf"|\.\s(?P<bare>[A-Z][A-Za-z.-]{{1,30}}){_SEPARATOR}?(?=\s|$)"
    rf"|(?P<dash>{_SEPARATOR})(?=\s|$|[{UPPER}])"
    r"|,\s(?P<comma>[A-Z][A-Za-z.-]{1,30})\.?(?=\s|$)"  # "YEREVAN, FEBRUARY 14, ARMENPRESS."
    r"|(?P<stop>\.)(?=\s|$)"
)


class Dateline(NamedTuple):
    end: int  # where the dateline ends in its paragraph
    place: str | None  # None for an agency tag alone: "(Bloomberg) — …"
    month: int | None
    day: int | None
    year: int | None
    agency: str | None  # as written: "TASS", "Reuters", "KAZINFORM"


def match_dateline(
    paragraph: str, *, undated: bool = False, outlets: Outlets | None = None
) -> Dateline | None:
    """The dateline opening ``paragraph``, or None.

    Without ``undated``, a dateline must carry a date. ``outlets`` tells a bare
    word after the place ("TURKMENBASHI. KAZINFORM Kassym-Jomart") from the first
    word of the story, and finds the agency among several in a parenthesis.
    """
    is_agency = (lambda word: outlets.named(word) is not None) if outlets else (lambda _: False)
    place, position, capitals = _place(paragraph)
    if place is None:
        return agency_tag(paragraph, outlets) if undated and outlets else None
    region = _REGION.match(paragraph, position)
    if region is not None and _is_region(region):
        position = region.end()
    if outlets is not None and (inside := _LONG_PAREN.match(paragraph, position)):
        tagged = _paren_tag(paragraph, place, inside, outlets)
        if tagged is not None:
            return tagged
    when = None
    lead = _DATE_LEAD.match(paragraph, position)
    if lead is not None:
        dates = written_dates(paragraph, lead.end(), min(len(paragraph), lead.end() + _DATE_REACH))
        if dates and dates[0].start == lead.end():
            when = dates[0]
            position = when.end
            if paragraph[position - 1] in ".,":
                position -= 1  # "5 March." / "15 May,": the mark leads to the agency's tag
            if when.year is None and (year := _YEAR_AFTER.match(paragraph, position)):
                when = dataclasses.replace(when, end=year.end(), year=int(year["year"]))
                position = year.end()
    if when is None and not undated:
        return None
    tail = _TAIL.match(paragraph, position)
    if tail is None:
        return None
    month, day, year = (when.month, when.day, when.year) if when else (None, None, None)
    if not _accepted(tail, when is not None, capitals, place, is_agency):
        if tail["bare"] and when is not None and capitals:  # "BISHKEK, …, 2023. Russian …"
            return Dateline(position + 1, place, month, day, year, None)
        return None
    agency = tail["slash"] or tail["paren"] or tail["bare"] or tail["comma"]
    return Dateline(tail.end(), place, month, day, year, agency.strip() if agency else None)


def agency_tag(paragraph: str, outlets: Outlets) -> Dateline | None:
    """An agency opening a paragraph with no place: "Tengrinews.kz – …", "(Bloomberg) — …"."""
    match = _OPENING_TAG.match(paragraph)
    if match is None:
        return None
    word = match["word"] or match["inside"]
    if outlets.named(word) is None and not (match["inside"] and _TAG_LIKE.fullmatch(word)):
        return None
    return Dateline(match.end(), None, None, None, None, word)


def _paren_tag(
    paragraph: str, place: str, inside: re.Match[str], outlets: Outlets
) -> Dateline | None:
    """ "Samarkand, (APP - UrduPoint / Pakistan Point News - 2nd Nov, 2023) …": agency and date.

    Of several outlets, a wire agency is the source; the others republish it.
    """
    found = [m.group() for m in outlets.spelling_pattern.finditer(inside["text"])]
    named = [outlet for spelling in found if (outlet := outlets.named(spelling))]
    if not named:
        return None
    agency = next((o for o in named if o.kind == "agency"), named[0])
    dates = written_dates(inside["text"])
    when = dates[-1] if dates else None
    month, day, year = (when.month, when.day, when.year) if when else (None, None, None)
    return Dateline(inside.end(), place, month, day, year, agency.name)


def _accepted(tail: re.Match[str], dated: bool, capitals: bool, place: str, is_agency) -> bool:
    """Whether what follows the place (and date) closes a dateline."""
    if tail["slash"]:
        return True
    if tail["paren"]:
        return country_named(tail["paren"]) is None  # "(Kazakhstan)" is a region
    if tail["bare"]:
        separated = tail.group().rstrip()[-1] in "-–—:"
        return separated or is_agency(tail["bare"])
    if tail["comma"]:
        return dated and is_agency(tail["comma"])
    if tail["dash"]:
        if tail["dash"].strip() == ":" and not dated:
            return city_name(place) is not None  # "Moscow: …", but not "WARNING: …"
        return True
    return dated and capitals  # "ASTANA, Kazakhstan, June 12." but not "In Moscow, March 4."


def _place(paragraph: str) -> tuple[str | None, int, bool]:
    """The place opening a paragraph, where it ends, and whether it was in capitals."""
    caps = _CAPS_PLACE.match(paragraph)
    if caps is not None and sum(ch.isalpha() for ch in caps.group()) >= 3:
        return place_name(caps.group()), caps.end(), True
    words = _CITY_WORDS.match(paragraph)
    if words is None:
        return None, 0, False
    parts = words.group().split()
    for size in range(len(parts), 0, -1):
        candidate = " ".join(parts[:size])
        if city_name(candidate) == candidate.rstrip(".") or city_name(candidate.rstrip(".")):
            bare = candidate.rstrip(".") if size == 1 else candidate
            end = words.start() + len(bare)
            return bare, end, False
    return None, 0, False


def _is_region(match: re.Match[str]) -> bool:
    """ ", Kazakhstan," or "[Russia]" after the place; a parenthesis must name a country."""
    for name in ("paren", "slashed", "country"):
        if match[name] is not None:
            return country_named(match[name]) is not None
    if match["comma"] is not None:
        return month_number(match["comma"].split()[0].split("-")[0]) is None
    return True


def place_name(place: str) -> str:
    """``NUR-SULTAN`` becomes ``Nur-Sultan``; a place not in capitals stays as written."""
    if not place.isupper():
        return place
    words = ("-".join(part.capitalize() for part in word.split("-")) for word in place.split())
    return " ".join(words)
