"""Meetings told another way: a visit ("the visit of X to Moscow"), or a speaker's own words.

"The official visit of Vladimir Putin to Kazakhstan" is a meeting of the
visitor and the host country's holder of the visitor's office; "I just had
negotiations with …" inside a quote or a turn is a meeting of the speaker and
the people named after it.
"""

from __future__ import annotations

import re
from datetime import date

from webapp.ingest import confidence
from webapp.ingest.dates import date_in
from webapp.ingest.gazetteer import city_name
from webapp.ingest.gazetteer import country_of_place
from webapp.ingest.meetings.circumstances import Evidence
from webapp.ingest.meetings.circumstances import unique
from webapp.ingest.meetings.cues import FUTURE_BEFORE
from webapp.ingest.meetings.cues import PHONE
from webapp.ingest.people.mentions import held_titles
from webapp.ingest.people.mentions import holders
from webapp.ingest.people.registry import Registry
from webapp.ingest.records import Statement
from webapp.ingest.spans import MentionIndex
from webapp.ingest.text import UPPER
from webapp.ingest.text import contains_any
from webapp.ingest.text import sentences

_VISIT = re.compile(
    rf"\b(?:visit|trip|arrival)\s+(?:of|by)\s+(?P<between>[^.;]{{1,120}}?)\s+to\s+(?:the\s+)?"
    rf"(?P<place>[{UPPER}][\w-]*(?:\s+[{UPPER}][\w-]*)?)"
    rf"|['’]s\s+(?:[a-z]+\s+){{0,2}}(?:visit|trip|arrival)\s+to\s+(?:the\s+)?"
    rf"(?P<place2>[{UPPER}][\w-]*(?:\s+[{UPPER}][\w-]*)?)"
)
_FIRST_PERSON = re.compile(
    r"\b(?:I|[Ww]e)\b[^.!?]{0,60}?\b(?:negotiations|talks|meeting|met|conversation)\s+with\b"
)
_VISIT_WORDS = ("visit", "trip", "arrival")
_FIRST_PERSON_WORDS = ("with",)


def first_person(
    text: str, statement: Statement, people: MentionIndex, published: date | None
) -> list[Evidence]:
    result = []
    if not contains_any(text, statement.start, statement.end, _FIRST_PERSON_WORDS):
        return result
    for match in _FIRST_PERSON.finditer(text, statement.start, statement.end):
        end = len(text)
        for sentence in sentences(text, match.start(), statement.end):
            end = sentence[1]
            break
        others = [m.person for m in people.within(match.end(), end)]
        if not others or statement.speaker is None:
            continue
        if PHONE.search(text, match.start(), match.end()):
            continue  # "We had an insightful phone conversation with …": a call
        has_date, when = date_in(text, match.start(), end, published)
        result.append(
            Evidence(
                match.start(), end, unique([statement.speaker, *others]),
                when if has_date else published, narrative=False, own_date=has_date,
                confidence=confidence.MEETING_FIRST_PERSON,
            )
        )  # fmt: skip
    return result


def visits(
    text: str,
    start: int,
    end: int,
    people: MentionIndex,
    registry: Registry,
    published: date | None,
    narrative: bool,
) -> list[Evidence]:
    result: list[Evidence] = []
    if not contains_any(text, start, end, _VISIT_WORDS):
        return result
    for match in _VISIT.finditer(text, start, end):
        if FUTURE_BEFORE.search(text, max(start, match.start() - 40), match.start()):
            continue
        place = match.group("place") or match.group("place2")
        if match.group("between") is not None:
            visitors = people.within(match.start("between"), match.end("between"))
        else:
            visitors = [
                m
                for m in people.within(max(start, match.start() - 60), match.start())
                if m.end == match.start()
            ]
        if not visitors:
            continue
        visitor = visitors[-1].person
        host_country = country_of_place(place)
        hosts = _hosts(registry, visitor, host_country, published)
        sentence_end = text.find(".", match.end(), end)
        has_date, when = date_in(
            text, match.start(), sentence_end if sentence_end > 0 else end, published
        )
        city = city_name(place)
        result.append(
            Evidence(
                match.start(), match.end(), unique([visitor, *hosts[:1]]),
                when if has_date else published, city, None, narrative=narrative, own_date=has_date,
                confidence=confidence.MEETING_VISIT, visitor=visitor,
            )
        )  # fmt: skip
    return result


def _hosts(registry: Registry, visitor: str, country: str | None, on: date | None) -> list[str]:
    if country is None or on is None:
        return []
    for title, home in held_titles(registry, visitor, on):
        if home == country:
            return []
        found = holders(registry, title, country, on)
        if found:
            return list(found)
    return []
