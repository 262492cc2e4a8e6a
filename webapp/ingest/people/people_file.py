"""The actor dictionary file: its records, and reading them with clear errors.

Every problem names the entry (index and name) and the field, e.g.
"people.yaml entry 12 (Olzhas Bektenov): positions[0].from: '2024-13-01' is not a date".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from typing import Any

import yaml
import yaml.constructor

from webapp.ingest.people.normal_forms import country_key
from webapp.ingest.people.normal_forms import surname_of
from webapp.ingest.people.normal_forms import title_key

_PERSON_KEYS = frozenset({"name", "country", "aliases", "positions", "unsure"})
_POSITION_KEYS = frozenset(
    {"title", "country", "from", "to", "acting", "confirmed", "source", "precision"}
)
_PRECISIONS = ("day", "month", "year")


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


@dataclass(slots=True)
class Entry:
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


def parse_position(raw: Any, field: str, country: str | None, at: Entry) -> Position:
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


def parse_person(raw: Any, at: Entry) -> Person:
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
    positions = [parse_position(row, f"positions[{j}]", country, at) for j, row in enumerate(rows)]
    offices = [(title_key(p.title), country_key(p.country)) for p in positions]
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


def locate_bad_date(text: str, origin: str) -> RegistryError | None:
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
                return Entry(origin, index, name).error(field, f"{node.value!r} is not a date")
    return None
