"""The actor dictionary: people, their aliases and their dated positions.

The data lives in ``seed_data/people.yaml``, generated from the reference table
by ``seed_data/build_people.py``. This module loads and validates it and answers
the questions the extractor asks: who is this name, and who held this office on
that day. It imports neither Flask nor SQLAlchemy, and keeps no global state:
the caller loads a :class:`Registry` once and keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
import yaml.constructor
from rapidfuzz import fuzz

from webapp.ingest.people.normal_forms import TITLE_GROUPS
from webapp.ingest.people.normal_forms import country_key
from webapp.ingest.people.normal_forms import skeleton
from webapp.ingest.people.normal_forms import surname_of
from webapp.ingest.people.normal_forms import title_key
from webapp.ingest.people.people_file import Entry
from webapp.ingest.people.people_file import Person
from webapp.ingest.people.people_file import Position
from webapp.ingest.people.people_file import RegistryError
from webapp.ingest.people.people_file import locate_bad_date
from webapp.ingest.people.people_file import parse_person
from webapp.ingest.records import How
from webapp.ingest.text import normalise
from webapp.ingest.yaml_text import load_yaml

__all__ = [
    "FUZZY_THRESHOLD",
    "Person",
    "Position",
    "Registry",
    "RegistryError",
]

#: Similarity (rapidfuzz ratio, 0-100) that both the first and the last token of a
#: name must reach, compared as skeletons, for a fuzzy match. The closest pair of
#: different people in people.yaml, "Li Qiang"/"Li Keqiang", scores 83.
FUZZY_THRESHOLD = 85.0


class Registry:
    """The loaded dictionary, indexed for name lookups and dated role lookups."""

    __slots__ = (
        "people",
        "years",
        "_exact",
        "_office_years",
        "_offices",
        "_skeletons",
        "_surnames",
        "_tokens",
    )

    def __init__(self, people: Iterable[Person]) -> None:
        self.people: tuple[Person, ...] = tuple(people)
        self._exact: dict[str, tuple[Person, How]] = {}
        self._surnames: dict[str, list[Person]] = {}
        self._skeletons: dict[str, list[Person]] = {}  # surname skeleton -> people
        self._tokens: list[tuple[str, str, Person]] = []  # skeletons of first, last token
        self._offices: dict[tuple[str, str], list[tuple[Person, Position]]] = {}
        for person in self.people:
            keys: dict[str, How] = {}
            for form, how in _forms(person):
                keys.setdefault(normalise(form), how)
            # "Vladimir Vladimirovich" beside "Vladimir Vladimirovich Putin" ends
            # with a patronymic, not a surname.
            patronymic = {" ".join(k.split()[:2]) for k in keys if len(k.split()) == 3}
            for key, how in keys.items():
                self._exact.setdefault(key, (person, how))
                tokens = key.split()
                if len(tokens) < 2:
                    continue
                self._tokens.append((skeleton(tokens[0]), skeleton(tokens[-1]), person))
                if key not in patronymic:
                    surname = surname_of(key, person.country)
                    for index, k in (
                        (self._surnames, surname),
                        (self._skeletons, skeleton(surname)),
                    ):
                        bucket = index.setdefault(k, [])
                        if all(other is not person for other in bucket):
                            bucket.append(person)
            for position in person.positions:
                office = (title_key(position.title), country_key(position.country))
                self._offices.setdefault(office, []).append((person, position))
        #: every year from the earliest to the latest date of any position
        self.years = _year_span(self.people)
        self._office_years: dict[str, frozenset[int]] = _office_years(self.people, self.years)

    @classmethod
    def load(cls, path: str | Path) -> Registry:
        path = Path(path)
        origin = path.name
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RegistryError(f"{origin}: cannot read: {exc}") from exc
        try:
            data = load_yaml(text)
        except yaml.YAMLError as exc:
            raise RegistryError(f"{origin}: not valid YAML: {exc}") from exc
        except ValueError as exc:  # an implicit date that does not exist
            located = locate_bad_date(text, origin)
            raise located or RegistryError(f"{origin}: {exc}") from exc
        return cls.from_data(data, origin)

    @classmethod
    def from_data(cls, data: list[dict[str, Any]], origin: str = "people.yaml") -> Registry:
        if not isinstance(data, list):
            raise RegistryError(f"{origin}: expected a list of people, got {type(data).__name__}")
        people: list[Person] = []
        owners: dict[str, int] = {}
        for index, raw in enumerate(data):
            at = Entry(origin, index)
            person = parse_person(raw, at)
            fields = [("name", person.name)]
            fields += [(f"aliases[{k}]", alias) for k, alias in enumerate(person.aliases)]
            for field, form in fields:
                owner = owners.setdefault(normalise(form), index)
                if owner != index:
                    other = people[owner].name
                    raise at.error(field, f"{form!r} also names entry {owner} ({other})")
            people.append(person)
        return cls(people)

    def get(self, name: str) -> Person | None:
        hit = self._exact.get(normalise(name))
        return hit[0] if hit else None

    def match(self, name: str) -> tuple[Person, How] | None:
        """Exact name or alias, else a unique surname, else a unique fuzzy match.

        A single word is compared with surnames only: an exact unique surname
        gives ``How.SURNAME``, a transliteration variant of one ("Tokaev")
        ``How.FUZZY``; a surname shared by several people ("Ivanov") gives
        ``None``. Longer names are scored first token against first token and
        last against last (as skeletons), so that a shared surname or given
        name never carries a match on its own.
        """
        key = normalise(name)
        if not key:
            return None
        hit = self._exact.get(key)
        if hit:
            return hit
        tokens = key.split()
        if len(tokens) == 1:
            # A surname alone is too short to score ("Nazarbayeva" is 95 from
            # "Nazarbayev"): only a transliteration variant counts, and one
            # shared by a family (Berdimuhamedow father and son) is ambiguous.
            near = self._skeletons.get(skeleton(key), [])
            if len(near) != 1:
                return None
            return near[0], How.SURNAME if key in self._surnames else How.FUZZY
        scores: dict[str, tuple[float, Person]] = {}
        first, last = skeleton(tokens[0]), skeleton(tokens[-1])
        for form_first, form_last, person in self._tokens:
            score = name_score((first, last), (form_first, form_last))
            if score >= FUZZY_THRESHOLD and score > scores.get(person.name, (0.0, person))[0]:
                scores[person.name] = (score, person)
        ranked = sorted(scores.values(), key=lambda item: -item[0])
        if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
            return None
        return ranked[0][1], How.FUZZY

    def office_years(self, name: str) -> frozenset[int]:
        """The years of ``years`` in which the person so named held any position."""
        return self._office_years.get(name, frozenset())

    def by_surname(self, surname: str) -> tuple[Person, ...]:
        """Everyone whose name or an alias has this surname ("Aslov" finds Muhriddin)."""
        return tuple(self._surnames.get(normalise(surname), ()))

    def holders(self, title: str, country: str, on: date) -> tuple[Person, ...]:
        """Who held the office on that day.

        On a handover day the incoming holder wins; an acting holder is returned
        only when no regular holder matches (Belousov 2020 yields Mishustin).
        """
        held = self._held(title, country, on)
        regular = [(person, position) for person, position in held if not position.acting]
        return tuple({person.name: person for person, _ in regular or held}.values())

    def ever_held(self, title: str, country: str) -> tuple[Person, ...]:
        """Everyone who held the office at any time, earliest first."""
        rows = sorted(self._office_rows(title, country), key=lambda row: row[1].start or date.min)
        return tuple({person.name: person for person, _ in rows}.values())

    def titles_on(self, person: Person, on: date) -> tuple[Position, ...]:
        """The person's positions on that day, without one handed over that very day.

        Acting positions are kept: Belousov was acting Prime Minister on
        2020-05-05 even though ``holders`` answers Mishustin for that day.
        """
        result = []
        for position in person.positions:
            if not position.covers(on):
                continue
            if position.end == on and position.start != on:
                office = (title_key(position.title), country_key(position.country))
                if any(other.start == on for _, other in self._offices.get(office, ())):
                    continue
            result.append(position)
        return tuple(result)

    def surface_forms(self) -> tuple[tuple[str, Person, How], ...]:
        """Every full name and alias (no bare surnames), longest first."""
        forms = [(form, person, how) for person in self.people for form, how in _forms(person)]
        return tuple(sorted(forms, key=lambda item: (-len(item[0]), item[0])))

    def _office_rows(self, title: str, country: str) -> list[tuple[Person, Position]]:
        """Every holder of the office, with the position, under each title it is known by."""
        key = title_key(title)
        place = country_key(country)
        return [
            (person, position)
            for office in TITLE_GROUPS.get(key, (key,))
            for person, position in self._offices.get((office, place), ())
        ]

    def _held(self, title: str, country: str, on: date) -> list[tuple[Person, Position]]:
        rows = [row for row in self._office_rows(title, country) if row[1].covers(on)]
        if any(position.start == on for _, position in rows):
            rows = [row for row in rows if row[1].end != on or row[1].start == on]
        return sorted(rows, key=lambda row: row[1].start or date.min)


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> tuple[str, str] | None:
    """The skeletons of a name's first and last tokens; None for a single word."""
    tokens = normalise(name).split()
    return (skeleton(tokens[0]), skeleton(tokens[-1])) if len(tokens) > 1 else None


def name_score(key: tuple[str, str], other: tuple[str, str]) -> float:
    """How alike two ``name_key``s are, 0-100: the lower of the first and last tokens' scores.

    0 when the last tokens are under ``FUZZY_THRESHOLD``, so that a shared
    given name never carries a match on its own.
    """
    last = fuzz.ratio(key[1], other[1], score_cutoff=FUZZY_THRESHOLD)
    return last and min(last, fuzz.ratio(key[0], other[0]))


def _forms(person: Person) -> list[tuple[str, How]]:
    return [(person.name, How.NAME)] + [(alias, How.ALIAS) for alias in person.aliases]


def _year_span(people: tuple[Person, ...]) -> range:
    bounds = [
        day.year
        for person in people
        for position in person.positions
        for day in (position.start, position.end)
        if day is not None
    ]
    return range(min(bounds), max(bounds) + 1) if bounds else range(0)


def _office_years(people: tuple[Person, ...], span: range) -> dict[str, frozenset[int]]:
    years: dict[str, set[int]] = {}
    for person in people:
        held = years.setdefault(person.name, set())
        for position in person.positions:
            first = position.start.year if position.start is not None else span.start
            last = position.end.year if position.end is not None else span.stop - 1
            held.update(range(max(first, span.start), min(last + 1, span.stop)))
    return {name: frozenset(held) for name, held in years.items()}
