"""News sources: who publishes, and how a page names its publisher.

``webapp/ingest/data/outlets.yaml`` lists each outlet with its canonical name,
the spellings a dateline, an agency tag or a byline uses ("/TASS/", "(AA)",
"KAZINFORM"), the site names its frame carries ("Official website of the
President of Russia") and its web domains. It is loaded and checked once,
like the people dictionary: a bad entry is refused with the file, the entry
and the field named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from webapp.ingest.records import Document
from webapp.ingest.text import HOST_NAME
from webapp.ingest.text import normalise
from webapp.ingest.yaml_text import load_yaml

DATA_FILE = "outlets.yaml"
KINDS = frozenset({"agency", "newspaper", "broadcaster", "government", "online"})


_DOMAIN = re.compile(HOST_NAME)


def _spelling_pattern(spelling: str) -> str:
    """A domain, or a name of two words or more ("DAILY SABAH"), in any case; a word as written."""
    escaped = re.escape(spelling)
    distinct = _DOMAIN.fullmatch(spelling) or len(spelling.split()) >= 2
    return f"(?i:{escaped})" if distinct else escaped


class OutletError(ValueError):
    """The outlets table is malformed; the message names the entry and field."""


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    country: str | None
    kind: str
    spellings: tuple[str, ...]
    sites: tuple[str, ...]
    domains: tuple[str, ...]

    @property
    def relays(self) -> bool:
        """A government site: when another outlet cites it, it is a press service relayed."""
        return self.kind == "government"


class Outlets:
    """The table, indexed by every spelling, site name and domain."""

    def __init__(self, outlets: list[Outlet]) -> None:
        self.outlets = tuple(outlets)
        self._by_spelling: dict[str, Outlet] = {}
        self._by_site: dict[str, Outlet] = {}
        self._by_domain: dict[str, Outlet] = {}
        self._by_folded: dict[str, Outlet | None] = {}
        self._by_handle: dict[str, Outlet | None] = {}
        for outlet in self.outlets:
            for spelling in (outlet.name, *outlet.spellings):
                self._by_spelling.setdefault(normalise(spelling), outlet)
                folded = normalise(spelling).casefold()
                if self._by_folded.setdefault(folded, outlet) is not outlet:
                    self._by_folded[folded] = None  # two outlets spelled alike but for case
            for site in outlet.sites:
                self._by_site.setdefault(_site_key(site), outlet)
            for domain in outlet.domains:
                self._by_domain.setdefault(domain.lower(), outlet)
            for written in (outlet.name, *outlet.spellings, *outlet.domains):
                handle = _handle_key(written)
                if len(handle) >= 3 and self._by_handle.setdefault(handle, outlet) is not outlet:
                    self._by_handle[handle] = None  # two outlets share the handle
        longest_first = sorted(
            (s for o in self.outlets for s in (o.name, *o.spellings)), key=len, reverse=True
        )
        #: any spelling as a whole word, in its own case: agency tags are written as the outlet
        #: does; a domain ("News.Az") or a name of several words ("DAILY SABAH") in any case
        self.spelling_pattern = re.compile(
            r"(?<![\w.])(?:{})(?![\w])".format("|".join(map(_spelling_pattern, longest_first)))
        )

    def named(self, spelling: str) -> Outlet | None:
        """The outlet a tag, byline or "X reports" names: "TASS", "(AA)", "Kazinform".

        A spelling in another case is its outlet when only one outlet is so spelled
        ("News.Az"); a domain is the outlet of that domain ("UzDaily.com").
        """
        key = normalise(spelling.strip(" ()[]/."))
        found = self._by_spelling.get(key) or self._by_folded.get(key.casefold())
        if found is None and _DOMAIN.fullmatch(key):
            found = self.domain(key)
        return found

    def handle(self, handle: str) -> Outlet | None:
        """The outlet of a social-media handle: its name or domain run together.

        "@AzerNewsAz" is azernews.az, "@TASS_agency" is not known, "@Kazinform" is Kazinform.
        """
        key = _handle_key(handle)
        found = self._by_handle.get(key)
        if found is None and (bare := _HANDLE_SUFFIX.sub("", key)) != key:
            found = self._by_handle.get(bare)  # "@kabar_news" is Kabar's
        return found

    def site(self, line: str) -> Outlet | None:
        """The outlet whose site name is this whole frame line."""
        return self._by_site.get(_site_key(line))

    def domain(self, host: str) -> Outlet | None:
        """The outlet of a host name: "www.tass.com" and "tass.com" are TASS."""
        host = host.lower().removeprefix("www.")
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            _, _, host = host.partition(".")
        return None


def publisher_country(document: Document) -> str | None:
    """The home country of the outlet a document names as its source, when the table knows it."""
    outlet = outlets().named(document.source) if document.source else None
    return outlet.country if outlet is not None else None


#: words an account adds to an outlet's name: "kabar_news", "tass_agency", "trend_en"
_HANDLE_SUFFIX = re.compile(r"(?:news|agency|official|online|english|eng|en|info|tv)$")


def _handle_key(text: str) -> str:
    return re.sub(r"[^\w]|_", "", text.removeprefix("@")).casefold()


def _site_key(text: str) -> str:
    return normalise(text.strip(" .|©"))


@cache
def outlets() -> Outlets:
    """The shipped table, read and checked on first use."""
    text = resources.files("webapp.ingest").joinpath("data", DATA_FILE).read_text("utf-8")
    return parse(load_yaml(text), DATA_FILE)


def parse(data: Any, origin: str = DATA_FILE) -> Outlets:
    if not isinstance(data, list):
        raise OutletError(f"{origin}: expected a list of outlets, got {type(data).__name__}")
    found: list[Outlet] = []
    owners: dict[str, str] = {}
    for index, raw in enumerate(data):
        outlet = _outlet(raw, f"{origin}: entry {index}")
        where = f"{origin}: entry {index} ({outlet.name})"
        for field, values in (
            ("spellings", (outlet.name, *outlet.spellings)),
            ("sites", outlet.sites),
            ("domains", outlet.domains),
        ):
            for value in values:
                key = f"{field}:{normalise(value)}" if field != "spellings" else normalise(value)
                owner = owners.setdefault(key, outlet.name)
                if owner != outlet.name:
                    raise OutletError(f"{where}: {field} {value!r} also names {owner}")
        found.append(outlet)
    return Outlets(found)


def _outlet(raw: Any, where: str) -> Outlet:
    if not isinstance(raw, dict):
        raise OutletError(f"{where}: expected a mapping")
    unknown = set(raw) - {"name", "country", "kind", "spellings", "sites", "domains"}
    if unknown:
        raise OutletError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise OutletError(f"{where}: name must be a non-empty string")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise OutletError(f"{where} ({name}): kind must be one of {', '.join(sorted(KINDS))}")
    lists = {}
    for field in ("spellings", "sites", "domains"):
        values = raw.get(field) or []
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise OutletError(f"{where} ({name}): {field} must be a list of strings")
        lists[field] = tuple(values)
    country = raw.get("country")
    if country is not None and not isinstance(country, str):
        raise OutletError(f"{where} ({name}): country must be a string")
    return Outlet(name, country, kind, lists["spellings"], lists["sites"], lists["domains"])
