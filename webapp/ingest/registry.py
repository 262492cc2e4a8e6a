"""The actor dictionary: people, their aliases and their dated positions.

The data lives in ``seed_data/people.yaml``, generated from the reference table
by ``seed_data/build_people.py``. This module loads and validates it and answers
the questions the extractor asks: who is this name, and who held this office on
that day. It imports neither Flask nor SQLAlchemy, and keeps no global state:
the caller loads a :class:`Registry` once and keeps it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
import yaml.constructor
from rapidfuzz import fuzz

from webapp.ingest.records import How

#: Similarity (rapidfuzz ratio, 0-100) that both the first and the last token of a
#: name must reach, compared as skeletons, for a fuzzy match. The closest pair of
#: different people in people.yaml, "Li Qiang"/"Li Keqiang", scores 83.
FUZZY_THRESHOLD = 85.0

_PERSON_KEYS = frozenset({"name", "country", "aliases", "positions", "unsure"})
_POSITION_KEYS = frozenset(
    {"title", "country", "from", "to", "acting", "confirmed", "source", "precision"}
)
_PRECISIONS = ("day", "month", "year")

# Apostrophe-like marks are dropped ("Nigʻmatilla" = "Nig'matilla" = "Nigmatilla")
# and dash-like marks become a hyphen.
_TRANSLATE = {**dict.fromkeys(map(ord, "'`ʻʼ’‘"), None), **dict.fromkeys(map(ord, "‐‑‒–—"), "-")}

# Transliteration variants folded before fuzzy comparison, so that
# Alikhan/Alihan, Tokayev/Tokaev, Kassym-Zhomart/Kassym-Jomart, Sergey/Sergei,
# Yerlan/Erlan and Massimov/Masimov have the same skeleton.
_SKELETON_RULES = [
    (re.compile(pattern), replacement)
    for pattern, replacement in [
        ("-", ""), ("x", "ks"), ("d?zh|dj", "j"), ("kh", "h"), ("w", "v"),
        ("(?<=[aeiou])y", ""), ("(?<=[aeo])i(?![aeiou])", ""), ("^y(?=[aeiou])", ""),
        ("y", "i"), (r"(.)\1", r"\1"),
    ]
]  # fmt: skip

_COUNTRY_WORDS = {
    "Russia": ("russia", "russian federation", "russian", "rf"),
    "Kazakhstan": ("kazakhstan", "republic of kazakhstan", "kazakh", "kazakhstani"),
    "Belarus": ("belarus", "republic of belarus", "belarusian", "belarussian", "belorussian"),
    "Armenia": ("armenia", "republic of armenia", "armenian"),
    "Azerbaijan": ("azerbaijan", "republic of azerbaijan", "azerbaijani", "azeri"),
    "Kyrgyzstan": ("kyrgyzstan", "kyrgyz republic", "kyrgyz", "kirghiz", "kyrgyzstani"),
    "Tajikistan": ("tajikistan", "republic of tajikistan", "tajik"),
    "Uzbekistan": ("uzbekistan", "republic of uzbekistan", "uzbek"),
    "Turkmenistan": ("turkmenistan", "turkmen"),
    "China": ("china", "people's republic of china", "prc", "chinese"),
}

# "Chairman of the Cabinet of Ministers" is Kyrgyzstan's official title since 2021;
# the rows say "Prime Minister" as the media do.
_TITLE_WORDS = {
    "prime minister": ("premier", "pm", "chairman of the government",
                       "chairman of the cabinet of ministers"),
    "head of government": ("head of the government",),
    "foreign minister": ("minister of foreign affairs", "foreign affairs minister", "fm"),
    "president": ("head of state", "state president"),
}  # fmt: skip
#: A query for the broader title also answers with holders of the narrower ones.
_TITLE_GROUPS = {"head of government": ("head of government", "prime minister")}


class RegistryError(ValueError):
    """people.yaml (or data shaped like it) is not a valid actor dictionary."""


@dataclass(frozen=True, slots=True)
class Position:
    title: str
    country: str
    start: date | None
    end: date | None  # the day the tenure ended, usually the successor's first day
    acting: bool = False
    confirmed: bool = True
    #: the coarsest precision of the dates as the reference gave them
    precision: str = "day"
    source: str | None = None

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    country: str | None
    aliases: tuple[str, ...] = ()
    positions: tuple[Position, ...] = ()
    unsure: bool = False

    @property
    def surname(self) -> str:
        return surname_of(self.name, self.country)


#: longer texts are normalised afresh: the cache is for names and titles
_CACHED_LENGTH = 200


def normalise(text: str) -> str:
    """Key for exact lookups: case, whitespace and diacritics do not count."""
    if len(text) <= _CACHED_LENGTH:
        return _normalise_short(text)
    return _normalise(text)


@lru_cache(maxsize=8192)
def _normalise_short(text: str) -> str:
    return _normalise(text)


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLATE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def skeleton(token: str) -> str:
    """Fold transliteration variants of one normalised token: "tokayev" -> "tokaev"."""
    for pattern, replacement in _SKELETON_RULES:
        token = pattern.sub(replacement, token)
    return token


_COUNTRIES = {normalise(w): country for country, ws in _COUNTRY_WORDS.items() for w in ws}
_TITLE_SYNONYMS = {word: title for title, words in _TITLE_WORDS.items() for word in words}


def country_of(word: str) -> str | None:
    """Canonical country for a name or adjective: "Russian Federation", "Kazakh", "PRC"."""
    key = normalise(re.sub(r"['’]s\s*$", "", word.strip()))
    key = key.removeprefix("the ")
    return _COUNTRIES.get(key)


def surname_of(name: str, country: str | None) -> str:
    """Family name of a full name: the last token, but the first for Chinese names."""
    tokens = name.split()
    if not tokens:
        return ""
    return tokens[0] if country and country_of(country) == "China" else tokens[-1]


@lru_cache(maxsize=1024)
def title_key(title: str) -> str:
    """Normalised office: "Chairman of the Government of Russia" -> "prime minister"."""
    key = re.sub(r"\s*\([^)]*\)", "", normalise(title)).strip().removeprefix("the ")
    head, sep, tail = key.rpartition(" of ")
    if sep and country_of(tail):
        key = head
    key = re.sub(r"^(chair|chairwoman|chairperson|speaker)\b", "chairman", key)
    return _TITLE_SYNONYMS.get(key, key)


@lru_cache(maxsize=1024)
def _country_key(country: str) -> str:
    return country_of(country) or normalise(country)


@dataclass(slots=True)
class _Entry:
    """Where a problem is: names the entry (index and name) in every error."""

    origin: str
    index: int
    name: str | None = None

    def error(self, field: str, problem: str) -> RegistryError:
        who = f" ({self.name})" if self.name else ""
        return RegistryError(f"{self.origin} entry {self.index}{who}: {field}: {problem}")

    def check_keys(self, raw: dict[Any, Any], allowed: frozenset[str], prefix: str) -> None:
        unknown = next((key for key in raw if key not in allowed), None)
        if unknown is not None:
            raise self.error(f"{prefix}{unknown}", "unknown key")

    def date(self, value: Any, field: str) -> date | None:
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.error(field, f"{value!r} is not a date")

    def flag(self, value: Any, default: bool, field: str) -> bool:
        if value is not None and not isinstance(value, bool):
            raise self.error(field, f"{value!r} is not true or false")
        return default if value is None else value

    def text(self, value: Any, field: str, *, required: bool = True) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(field, "missing" if value is None else f"{value!r} is not text")
        return " ".join(value.split())

    def sequence(self, value: Any, field: str) -> list[Any]:
        if value is not None and not isinstance(value, list):
            raise self.error(field, f"expected a list, got {type(value).__name__}")
        return value or []


def _parse_position(raw: Any, field: str, country: str | None, at: _Entry) -> Position:
    if not isinstance(raw, dict):
        raise at.error(field, f"expected a mapping, got {type(raw).__name__}")
    at.check_keys(raw, _POSITION_KEYS, f"{field}.")
    start = at.date(raw.get("from"), f"{field}.from")
    end = at.date(raw.get("to"), f"{field}.to")
    if start and end and start > end:
        raise at.error(field, f"from {start} is after to {end}")
    precision = raw.get("precision", "day")
    if precision not in _PRECISIONS:
        raise at.error(f"{field}.precision", f"{precision!r} is not one of {_PRECISIONS}")
    return Position(
        title=at.text(raw.get("title"), f"{field}.title") or "",
        country=at.text(raw.get("country", country), f"{field}.country") or "",
        start=start,
        end=end,
        acting=at.flag(raw.get("acting"), False, f"{field}.acting"),
        confirmed=at.flag(raw.get("confirmed"), True, f"{field}.confirmed"),
        precision=precision,
        source=at.text(raw.get("source"), f"{field}.source", required=False),
    )


def _parse_person(raw: Any, at: _Entry) -> Person:
    if not isinstance(raw, dict):
        raise at.error("entry", f"expected a mapping, got {type(raw).__name__}")
    if isinstance(raw.get("name"), str):
        at.name = raw["name"].strip() or None
    at.check_keys(raw, _PERSON_KEYS, "")
    name = at.text(raw.get("name"), "name") or ""
    country = at.text(raw.get("country"), "country", required=False)
    aliases = at.sequence(raw.get("aliases"), "aliases")
    forms = tuple(at.text(alias, f"aliases[{k}]") or "" for k, alias in enumerate(aliases))
    rows = at.sequence(raw.get("positions"), "positions")
    positions = [_parse_position(row, f"positions[{j}]", country, at) for j, row in enumerate(rows)]
    offices = [(title_key(p.title), _country_key(p.country)) for p in positions]
    for j, b in enumerate(positions):
        for i, a in enumerate(positions[:j]):
            # Sharing more than a handover day (one's end = the other's start).
            shared = (a.start is None or b.end is None or a.start < b.end) and (
                b.start is None or a.end is None or b.start < a.end
            )
            if offices[i] == offices[j] and shared and not (a.acting or b.acting):
                raise at.error(f"positions[{j}]", f"overlaps positions[{i}] ({a.title})")
    unsure = at.flag(raw.get("unsure"), False, "unsure")
    unsure = unsure or any(not p.confirmed or p.source is None for p in positions)
    return Person(name, country, forms, tuple(positions), unsure)


def _locate_bad_date(text: str, origin: str) -> RegistryError | None:
    """Name the entry and field of an unquoted date that does not exist (2024-13-01).

    ``yaml.safe_load`` fails on such a value before any entry is built, so the
    document is composed again (nodes only, nothing constructed) to find it.
    """
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    constructor = yaml.constructor.SafeConstructor()
    for index, entry in enumerate(root.value if isinstance(root, yaml.SequenceNode) else []):
        fields = [(str(k.value), v) for k, v in getattr(entry, "value", []) if hasattr(k, "value")]
        name = next((v.value for k, v in fields if k == "name" and v.tag.endswith(":str")), None)
        for key, node in list(fields):
            for j, row in enumerate(node.value if key == "positions" else []):
                if isinstance(row, yaml.MappingNode):
                    fields += [(f"positions[{j}].{k.value}", v) for k, v in row.value]
        for field, node in fields:
            try:
                if node.tag.endswith(":timestamp"):
                    constructor.construct_yaml_timestamp(node)
            except ValueError:
                return _Entry(origin, index, name).error(field, f"{node.value!r} is not a date")
    return None


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
                office = (title_key(position.title), _country_key(position.country))
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
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise RegistryError(f"{origin}: not valid YAML: {exc}") from exc
        except ValueError as exc:  # an implicit date that does not exist
            located = _locate_bad_date(text, origin)
            raise located or RegistryError(f"{origin}: {exc}") from exc
        return cls.from_data(data, origin)

    @classmethod
    def from_data(cls, data: list[dict[str, Any]], origin: str = "people.yaml") -> Registry:
        if not isinstance(data, list):
            raise RegistryError(f"{origin}: expected a list of people, got {type(data).__name__}")
        people: list[Person] = []
        owners: dict[str, int] = {}
        for index, raw in enumerate(data):
            at = _Entry(origin, index)
            person = _parse_person(raw, at)
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
            score = fuzz.ratio(last, form_last, score_cutoff=FUZZY_THRESHOLD)
            score = score and min(score, fuzz.ratio(first, form_first))
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
                office = (title_key(position.title), _country_key(position.country))
                if any(other.start == on for _, other in self._offices.get(office, ())):
                    continue
            result.append(position)
        return tuple(result)

    def surface_forms(self) -> tuple[tuple[str, Person, How], ...]:
        """Every full name and alias (no bare surnames), longest first."""
        forms = [(form, person, how) for person in self.people for form, how in _forms(person)]
        return tuple(sorted(forms, key=lambda item: (-len(item[0]), item[0])))

    def _held(self, title: str, country: str, on: date) -> list[tuple[Person, Position]]:
        key = title_key(title)
        place = _country_key(country)
        rows = [
            (person, position)
            for office in _TITLE_GROUPS.get(key, (key,))
            for person, position in self._offices.get((office, place), ())
            if position.covers(on)
        ]
        if any(position.start == on for _, position in rows):
            rows = [row for row in rows if row[1].end != on or row[1].start == on]
        return sorted(rows, key=lambda row: row[1].start or date.min)


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
