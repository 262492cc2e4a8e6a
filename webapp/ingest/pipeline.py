"""Extract people, statements and meetings from one read article.

``extract`` is pure: a Document and the registry in, an Extraction out. When
the dateline gave a month and day but no year, the year is inferred from the
role-name pairs of the text ("the new Prime Minister of Kazakhstan Olzhas
Bektenov"): the year in which those people held those offices on that day.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from datetime import timedelta

from webapp.ingest.meetings import assign
from webapp.ingest.meetings import find_meetings
from webapp.ingest.meetings import main_meeting
from webapp.ingest.names import find_names
from webapp.ingest.names import matcher_for
from webapp.ingest.people import Pair
from webapp.ingest.people import Scan
from webapp.ingest.people import holders
from webapp.ingest.people import resolve
from webapp.ingest.people import scan
from webapp.ingest.quotes import find_statements
from webapp.ingest.read import read_bytes
from webapp.ingest.records import Document
from webapp.ingest.records import Extraction
from webapp.ingest.registry import Registry
from webapp.ingest.speakers import People

#: a holder called "the new" Prime Minister took office at most this long before
NEW_IN_OFFICE = timedelta(days=200)
YEAR_INFERRED = "year inferred from positions"


def extract(document: Document, registry: Registry) -> Extraction:
    text = document.text
    found = scan(text, registry)
    document = _with_year(document, found, registry)
    people = resolve(found, registry, document.published)
    speech = find_statements(text, people.mentions, people.phrase_starts)
    mentions = sorted([*people.mentions, *speech.mentions], key=lambda m: (m.start, m.end))
    title_people = _title_people(document.title, registry)
    meetings = find_meetings(
        text,
        People(text, mentions, people.phrase_starts),
        speech,
        registry,
        document.published,
        document.dateline_place,
        title_people,
    )
    statements = assign(speech.statements, meetings, main_meeting(meetings))
    return Extraction(
        document=document,
        mentions=tuple(mentions),
        statements=tuple(statements),
        meetings=tuple(meetings),
        new_people=tuple(people.new_people),
    )


def extract_text(name: str, text_or_bytes: str | bytes, registry: Registry) -> Extraction:
    data = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
    return extract(read_bytes(name, data), registry)


def infer_year(
    month_day: tuple[int, int], pairs: list[Pair], registry: Registry
) -> tuple[int | None, str]:
    """The one year in which the most role-name pairs hold on that day, and a note.

    Only the years in which a named person held some position can score.
    """
    if not pairs:
        return None, "year not inferred: no role noun names a person"
    candidates = set().union(*(registry.office_years(pair.person) for pair in pairs))
    seen: dict[tuple[str, str, date], tuple[str, ...]] = {}
    scores: dict[int, int] = {}
    for year in sorted(candidates):
        on = _day(year, *month_day)
        if on is not None:
            scores[year] = sum(
                _holds(pair, registry, on, seen)
                for pair in pairs
                if year in registry.office_years(pair.person)
            )
    best = max(scores.values(), default=0)
    if best == 0:
        return None, "year not inferred: no year fits the named office holders"
    years = [year for year, score in scores.items() if score == best]
    if len(years) > 1:
        listed = ", ".join(map(str, years))
        return None, f"year not inferred: office holders fit several years ({listed})"
    return years[0], YEAR_INFERRED


def _with_year(document: Document, found: Scan, registry: Registry) -> Document:
    if document.published is not None or document.dateline_month_day is None:
        return document
    year, note = infer_year(document.dateline_month_day, found.pairs, registry)
    published = _day(year, *document.dateline_month_day) if year is not None else None
    if published is None:
        return dataclasses.replace(document, notes=(*document.notes, note))
    return dataclasses.replace(
        document, published=published, date_from="inferred", notes=(*document.notes, note)
    )


def _holds(
    pair: Pair, registry: Registry, on: date, seen: dict[tuple[str, str, date], tuple[str, ...]]
) -> bool:
    for country in pair.role.countries:
        if country is None:
            continue
        key = (pair.role.title, country, on)
        if key not in seen:
            seen[key] = holders(registry, pair.role.title, country, on)
        if pair.person not in seen[key]:
            return False
        if pair.role.new and not _new_in_office(pair, registry, on):
            return False
        return True
    return False


def _new_in_office(pair: Pair, registry: Registry, on: date) -> bool:
    person = registry.get(pair.person)
    if person is None:
        return False
    for position in registry.titles_on(person, on):
        if position.start is not None and on - position.start <= NEW_IN_OFFICE:
            return True
    return False


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _title_people(title: str | None, registry: Registry) -> list[str]:
    if not title:
        return []
    hits = find_names(title, matcher_for(registry))
    return list(dict.fromkeys(hit.person for hit in hits if hit.kind == "name" and hit.person))
