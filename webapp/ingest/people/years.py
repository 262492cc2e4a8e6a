"""The year of a dateline that gives none, from who held which office then.

"ASTANA, November 9. /TASS/." has no year. The role-name pairs of the text
("the new Prime Minister of Kazakhstan Olzhas Bektenov") settle it: the year
in which those people held those offices on that day.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from datetime import timedelta

from webapp.ingest.dates import valid_date
from webapp.ingest.people.mentions import Pair
from webapp.ingest.people.mentions import Scan
from webapp.ingest.people.mentions import holders
from webapp.ingest.people.registry import Registry
from webapp.ingest.records import Document

#: a holder called "the new" Prime Minister took office at most this long before
NEW_IN_OFFICE = timedelta(days=200)
YEAR_INFERRED = "year inferred from positions"


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
        on = valid_date(year, *month_day)
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


def with_year(document: Document, found: Scan, registry: Registry) -> Document:
    if document.published is not None or document.dateline_month_day is None:
        return document
    year, note = infer_year(document.dateline_month_day, found.pairs, registry)
    published = valid_date(year, *document.dateline_month_day) if year is not None else None
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
