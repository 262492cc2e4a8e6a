"""The year of a date that gives none, from what the text says of its time.

"ASTANA, November 9. /TASS/." has no year. The evidence, strongest first:

1. role-name pairs that hold on that day ("the new Prime Minister of Kazakhstan
   Olzhas Bektenov": Bektenov took that office in February 2024);
2. a weekday the lead names ("… spoke over the phone on Monday"): a same-day
   report falls on it, which leaves one year in seven;
3. the latest year the text names as past ("… held in 2019 and 2021"): the
   article is no older than that;
4. how many of the dictionary people it names held an office on that day.

The years that score best win. One year is taken; when the evidence leaves two
or three, the latest is taken and the note says so (news is mostly recent);
more than that, and no year is given. Only years of the dictionary's span
(``Registry.years``) can win, so the answer never depends on today's date.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from datetime import timedelta

from webapp.ingest.dates import WEEKDAYS
from webapp.ingest.dates import valid_date
from webapp.ingest.people.mentions import Pair
from webapp.ingest.people.mentions import Scan
from webapp.ingest.people.mentions import holders
from webapp.ingest.people.registry import Registry
from webapp.ingest.records import Document

#: a holder called "the new" Prime Minister took office at most this long before
NEW_IN_OFFICE = timedelta(days=200)
YEAR_INFERRED = "year inferred from positions"
#: when the evidence leaves at most this many years, the latest is taken
LATEST_OF = 3
#: the lead, where a same-day report names the day: this many characters
LEAD = 600
_WEEKDAY = re.compile(
    r"(?<!\bnext\s)(?<!\blast\s)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
#: a year named as past: "in 2021", "since 2018", "held in 2019 and 2021"; not "by 2030"
_PAST_YEAR = re.compile(
    r"(?<!\bby\s)(?<!\buntil\s)(?<!\bbefore\s)\b(?:in|since|of)\s((?:19|20)\d\d)\b"
)


def infer_year(
    month_day: tuple[int, int], found: Scan, registry: Registry, text: str = ""
) -> tuple[int | None, str]:
    """The year of a month and day, from the text's evidence, and a note saying how."""
    named = list(dict.fromkeys(h.person for h in found.names if h.kind == "name" and h.person))
    people = [*dict.fromkeys([*(pair.person for pair in found.pairs), *named])]
    if not people:
        return None, "year not inferred: nobody in the dictionary is named"
    candidates = set().union(*(registry.office_years(person) for person in people))
    weekday = _lead_weekday(text)
    since = _latest_past_year(text)
    seen: dict[tuple[str, str, date], tuple[str, ...]] = {}
    scores: dict[int, tuple[int, ...]] = {}
    for year in sorted(candidates):
        on = valid_date(year, *month_day)
        if on is None:
            continue
        scores[year] = (
            sum(_holds(pair, registry, on, seen) for pair in found.pairs),
            int(weekday is not None and on.weekday() == weekday),
            int(since is None or year >= since),
            sum(
                bool(registry.titles_on(person, on)) for p in people if (person := registry.get(p))
            ),
        )
    if not scores or max(scores.values())[0] + max(scores.values())[3] == 0:
        return None, "year not inferred: no year fits the named office holders"
    best = max(scores.values())
    years = [year for year, score in scores.items() if score == best]
    if len(years) == 1:
        return years[0], YEAR_INFERRED
    listed = ", ".join(map(str, years))
    if len(years) <= LATEST_OF:
        return years[-1], f"year inferred: the latest of {listed}, which fit the text equally"
    return None, f"year not inferred: office holders fit several years ({listed})"


def _lead_weekday(text: str) -> int | None:
    """The one weekday the first paragraph names, as ``date.weekday()`` counts."""
    days = {m.group(1).lower() for m in _WEEKDAY.finditer(text, 0, min(len(text), LEAD))}
    return WEEKDAYS.index(days.pop()) if len(days) == 1 else None


def _latest_past_year(text: str) -> int | None:
    years = [int(m.group(1)) for m in _PAST_YEAR.finditer(text)]
    return max(years, default=None)


def with_year(document: Document, found: Scan, registry: Registry) -> Document:
    if document.published is not None or document.dateline_month_day is None:
        return document
    year, note = infer_year(document.dateline_month_day, found, registry, document.text)
    published = valid_date(year, *document.dateline_month_day) if year is not None else None
    if published is None:
        return dataclasses.replace(document, notes=(*document.notes, note))
    return dataclasses.replace(
        document, published=published, date_from="inferred", notes=(*document.notes, note)
    )


def _holds(
    pair: Pair, registry: Registry, on: date, seen: dict[tuple[str, str, date], tuple[str, ...]]
) -> bool:
    if pair.role.counterpart:
        return _holds_office_of(pair, registry, on)
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


def _holds_office_of(pair: Pair, registry: Registry, on: date) -> bool:
    """ "his Belarusian counterpart Roman Golovchenko": he held an office of Belarus that day."""
    person = registry.get(pair.person)
    if person is None:
        return False
    countries = {country for country in pair.role.countries if country}
    return any(
        getattr(held, "country", person.country) in countries
        for held in registry.titles_on(person, on)
    )


def _new_in_office(pair: Pair, registry: Registry, on: date) -> bool:
    person = registry.get(pair.person)
    if person is None:
        return False
    for position in registry.titles_on(person, on):
        if position.start is not None and on - position.start <= NEW_IN_OFFICE:
            return True
    return False
