"""Countries and cities: their names, adjectives, spellings, former names and venues.

Every stage asks which country a word names ("Kazakh", "Russian Federation")
and whether a phrase is a city ("Alma-Ata" is Almaty, "the Kremlin" stands for
Moscow); the answers come from ``webapp/ingest/data/places.yaml``, checked
when it is first read: a bad entry is refused with the entry and field named.

A spelling is stored as the city's name ("St. Petersburg" as "St Petersburg");
a former name is a name of its own and kept as written ("Nur-Sultan" in 2021).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from functools import lru_cache
from importlib import resources
from typing import Any

from webapp.ingest.text import normalise
from webapp.ingest.yaml_text import load_yaml

DATA_FILE = "places.yaml"


class PlacesError(ValueError):
    """The places table is malformed; the message names the entry and field."""


@dataclass(frozen=True, slots=True)
class Name:
    """A city's name in a period: its present name, or a former one."""

    name: str
    city: str  # the present name
    country: str
    start: date | None = None
    end: date | None = None
    capital: bool = False

    def current_on(self, on: date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


class Places:
    """The table, indexed by every normalised name."""

    def __init__(self, countries: dict[str, str], names: dict[str, Name], capitals: list[Name]):
        #: normalised country name or adjective -> canonical country
        self.countries = countries
        #: normalised city name, spelling, former name or venue -> the name to store
        self.names = names
        self.capitals = capitals


@cache
def places() -> Places:
    """The shipped table, read and checked on first use."""
    text = resources.files("webapp.ingest").joinpath("data", DATA_FILE).read_text("utf-8")
    return parse(load_yaml(text), DATA_FILE)


def parse(data: Any, origin: str = DATA_FILE) -> Places:
    if not isinstance(data, dict) or set(data) != {"countries", "cities"}:
        raise PlacesError(f"{origin}: expected the two lists 'countries' and 'cities'")
    countries: dict[str, str] = {}
    for index, raw in enumerate(data["countries"]):
        where = f"{origin}: countries[{index}]"
        name = _text(raw, "name", where)
        for word in [name, *_texts(raw, "names", where), *_texts(raw, "adjectives", where)]:
            if countries.setdefault(normalise(word), name) != name:
                raise PlacesError(
                    f"{where} ({name}): {word!r} also names {countries[normalise(word)]}"
                )
    names: dict[str, Name] = {}
    capitals: list[Name] = []
    for index, raw in enumerate(data["cities"]):
        where = f"{origin}: cities[{index}]"
        city = _text(raw, "name", where)
        country = _text(raw, "country", where)
        if normalise(country) not in countries:
            raise PlacesError(f"{where} ({city}): unknown country {country!r}")
        present = Name(city, city, country, end=_date(raw, "capital_to", where),
                       capital=bool(raw.get("capital") or raw.get("capital_to")))  # fmt: skip
        entries = [(city, present)]
        entries += [(spelling, present) for spelling in _texts(raw, "spellings", where)]
        entries += [(venue, present) for venue in _texts(raw, "venues", where)]
        for number, former in enumerate(raw.get("former") or []):
            at = f"{where}.former[{number}]"
            old = Name(_text(former, "name", at), city, country, _date(former, "from", at),
                       _date(former, "to", at), bool(former.get("capital")))  # fmt: skip
            entries.append((old.name, old))
            if old.capital:
                capitals.append(old)
        if present.capital:
            capitals.append(present)
        for word, name in entries:
            key = normalise(word)
            if key in countries and word != city:
                raise PlacesError(f"{where} ({city}): {word!r} is also a country's name")
            if names.setdefault(key, name).city != city:
                raise PlacesError(f"{where} ({city}): {word!r} also names {names[key].city}")
    return Places(countries, names, capitals)


def _text(raw: Any, field: str, where: str) -> str:
    value = raw.get(field) if isinstance(raw, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise PlacesError(f"{where}: {field} must be a non-empty string")
    return value


def _texts(raw: dict, field: str, where: str) -> list[str]:
    values = raw.get(field) or []
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise PlacesError(f"{where}: {field} must be a list of strings")
    return values


def _date(raw: dict, field: str, where: str) -> date | None:
    value = raw.get(field)
    if value is not None and not isinstance(value, date):
        raise PlacesError(f"{where}: {field} must be a date (YYYY-MM-DD)")
    return value


# -- the questions the stages ask ------------------------------------------------------


def country_of(word: str) -> str | None:
    """Canonical country for a name or adjective: "Russian Federation", "Kazakh", "PRC"."""
    key = normalise(re.sub(r"['’]s\s*$", "", word.strip())).removeprefix("the ")
    return places().countries.get(key)


@lru_cache(maxsize=8192)
def country_named(words: str) -> str | None:
    """``country_of``, remembered: it is asked about every capitalised word."""
    return country_of(words)


@lru_cache(maxsize=8192)
def city_name(words: str, capital: bool = False) -> str | None:
    """The name to store for a city a phrase names, or None.

    "Alma-Ata" -> "Almaty", "the Kremlin" -> "Moscow", "Nur-Sultan" stays. The
    whole phrase is tried, then its first word and the part before a hyphen
    ("Moscow-based"). With ``capital`` ("the capital X"), an unknown phrase
    that is not a country is taken as the city it names. Remembered: it is
    asked about every capitalised word of a dateline and of a name.
    """
    words = words.strip().rstrip(".,").removeprefix("the ").strip()
    if not words:
        return None
    names = places().names
    for candidate in (words, words.split(" ")[0], words.split("-")[0]):
        found = names.get(normalise(candidate))
        if found is not None:
            return found.name
    if capital and country_named(words) is None:
        return words
    return None


def capital_of(country: str | None, on: date | None) -> str | None:
    """The capital's name on a day: Nur-Sultan in 2021, Astana in 2023, Almaty in 1995."""
    held = [name for name in places().capitals if name.country == country and name.current_on(on)]
    held.sort(key=lambda name: name.start is None and name.end is None)  # a dated name first
    return held[0].name if held else None


def country_of_place(place: str) -> str | None:
    """The country a place is in, or the country it is."""
    found = places().names.get(normalise(place))
    return found.country if found is not None else country_named(place)
