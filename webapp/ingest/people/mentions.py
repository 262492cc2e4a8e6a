"""Person mentions: names, surnames, spelling variants, role nouns and new names.

Finding is split in two so that the pipeline can infer a missing year between
them: :func:`scan` needs no date (names and role phrases, and the role-name
pairs such as "Russian Prime Minister Mikhail Mishustin"), :func:`resolve`
turns the scan into mentions on the article's date.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from datetime import date

from rapidfuzz.distance import Levenshtein

from webapp.ingest import confidence
from webapp.ingest.people.names import NameHit
from webapp.ingest.people.names import find_names
from webapp.ingest.people.names import matcher_for
from webapp.ingest.people.registry import Registry
from webapp.ingest.people.roles import Role
from webapp.ingest.people.roles import find_roles
from webapp.ingest.records import How
from webapp.ingest.records import Mention
from webapp.ingest.records import NewPerson

#: what may stand between a role noun and the name it introduces
_ROLE_TO_NAME = re.compile(r"\s*,?\s*(?:(?i:the)\s+)?(?:(?i:esteemed|visiting)\s+)?")


#: countries whose names put the family name first: "Ding Xuexiang … Ding said"
FAMILY_NAME_FIRST = frozenset({"China", "South Korea", "North Korea", "Japan", "Vietnam"})


@dataclass(frozen=True, slots=True)
class Pair:
    """A role noun directly followed by the name of its holder."""

    role: Role
    person: str


@dataclass(slots=True)
class Scan:
    names: list[NameHit]
    roles: list[Role]  # role nouns not followed by a name
    pairs: list[Pair]
    #: for a name introduced by a role noun: name start -> role start
    phrase_starts: dict[int, int] = field(default_factory=dict)
    #: a role noun set off after a name describes that person: role start -> name end
    appositions: dict[int, int] = field(default_factory=dict)


#: what stands between a name and a role noun that describes it: "Gurbanguly
#: Berdimuhamedov, the national leader of Turkmenistan", "Berdimuhamedov, who was the
#: president of Turkmenistan until 2022"
_APPOSITION = re.compile(
    r",\s(?:who\s(?:is|was|has\sbeen|had\sbeen|remains)\s|now\s|then\s|formerly\s)?"
    r"(?:the\s|a\s|an\s)?(?:(?:national|former|current|then|incumbent|outgoing|new|newly"
    r"[\s-]elected|acting)\s)?"
)
#: how far after a name its apposition's role noun may start
_APPOSITION_REACH = 60


@dataclass(slots=True)
class ResolvedPeople:
    """Who the article names, resolved on its date: mentions, and people new to the dictionary."""

    mentions: list[Mention]
    new_people: list[NewPerson]
    #: mention start -> start of its whole phrase ("Russian Prime Minister Mikhail ...")
    phrase_starts: dict[int, int]
    #: the person the article is mainly about: the first one named
    main: str | None


def scan(text: str, registry: Registry) -> Scan:
    names = find_names(text, matcher_for(registry))
    roles: list[Role] = []
    pairs: list[Pair] = []
    phrase_starts: dict[int, int] = {}
    by_start = {hit.start: hit for hit in names}
    ends = sorted(hit.end for hit in names)
    appositions: dict[int, int] = {}
    for role in find_roles(text):
        hit = _name_after(text, role, by_start)
        if hit is None:
            roles.append(role)
            if (end := _described_name(text, role, ends)) is not None:
                appositions[role.start] = end
            continue
        phrase_starts[hit.start] = role.start
        if hit.person is not None and hit.kind == "name":
            pairs.append(Pair(role, hit.person))
        elif hit.kind == "new":
            # "Prime Minister Shehbaz Sharif …. Prime minister underscored": the new
            # person holds the title a bare role noun later names
            pairs.append(Pair(role, hit.text))
            if hit.country is None and role.countries[0] is not None:
                hit.country = role.countries[0]
    return Scan(names, roles, pairs, phrase_starts, appositions)


def _described_name(text: str, role: Role, ends: list[int]) -> int | None:
    """The end of the name a role noun is set off after, if it is: the person it describes."""
    index = bisect.bisect_right(ends, role.start) - 1
    if index < 0 or role.start - ends[index] > _APPOSITION_REACH:
        return None
    gap = _APPOSITION.fullmatch(text, ends[index], role.start)
    return ends[index] if gap is not None else None


def resolve(
    found: Scan, registry: Registry, on: date | None, home: str | None = None
) -> ResolvedPeople:
    """Mentions in text order, with surnames and role nouns resolved on ``on``.

    ``home`` is the publisher's country: "the head of state" in Kazinform is Kazakhstan's.
    """
    titles = _Titles(registry, on, home)
    surnames = _article_surnames(found.names, registry)
    new_names = {hit.text for hit in found.names if hit.kind == "new"}
    items: list[NameHit | Role] = [*found.names, *found.roles]
    items.sort(key=lambda item: item.start)
    mentions: list[Mention] = []
    new_people: dict[str, NewPerson] = {}
    main = next((hit.person for hit in found.names if hit.kind == "name"), None)
    for item in items:
        if isinstance(item, Role):
            described = found.appositions.get(item.start)
            named = next((m for m in reversed(mentions) if m.end == described), None)
            if named is not None:  # "…, the national leader of Turkmenistan": the same man
                mentions.append(
                    Mention(item.start, item.end, named.person, How.ROLE, named.confidence)
                )
                continue
            mentions.extend(_role_mentions(item, mentions, found, titles, main, registry))
            continue
        mention = _name_mention(item, surnames, new_names, titles, registry)
        if mention is None:
            continue
        mentions.append(mention)
        if mention.how is How.NEW:
            new_people.setdefault(item.text, NewPerson(item.text, item.country))
        if main is None:
            main = mention.person
    return ResolvedPeople(mentions, list(new_people.values()), found.phrase_starts, main)


def _name_after(text: str, role: Role, by_start: dict[int, NameHit]) -> NameHit | None:
    gap = _ROLE_TO_NAME.match(text, role.end)
    if gap is None:
        return None
    return by_start.get(gap.end())


#: the word that makes a name "X son of Y …", whose bearer is called by the first name
_PATRONYMIC = frozenset({"bin", "ibn", "bint"})


def _article_surnames(names: list[NameHit], registry: Registry) -> dict[str, list[tuple[int, str]]]:
    """Surname -> (position, person) of every fuller mention in the article."""
    found: dict[str, list[tuple[int, str]]] = {}
    for hit in names:
        if hit.kind not in ("name", "new") or hit.person is None:
            continue
        parts = hit.text.split()
        # "KISHIDA Fumio": a surname in capitals, wherever it stands
        words = {
            parts[-1],
            *(part.capitalize() for part in parts if part.isupper() and len(part) > 3),
        }
        family_first = "-" in parts[-1] or hit.country in FAMILY_NAME_FIRST
        if hit.kind == "new" and len(parts) >= 2 and family_first:
            words.add(parts[0])  # "Park Kyung-mee … Park said": the family name first
        if any(part.lower() in _PATRONYMIC for part in parts[1:-1]):
            words.add(parts[0])  # "Mohamed Bin Zayed Al Nahyan … Sheikh Mohamed said"
        person = registry.get(hit.person)
        if person is not None:
            words.add(person.surname)
        for word in words:
            entries = found.setdefault(word, [])
            if all(entry[1] != hit.person for entry in entries):
                entries.append((hit.start, hit.person))
    return found


def _name_mention(
    hit: NameHit,
    surnames: dict[str, list[tuple[int, str]]],
    new_names: set[str],
    titles: _Titles,
    registry: Registry,
) -> Mention | None:
    if hit.kind == "name" and hit.person is not None and hit.how is not None:
        return Mention(
            hit.start,
            hit.end,
            hit.person,
            hit.how,
            confidence.NAME_FOUND.get(hit.how, confidence.FUZZY),
        )
    if hit.kind == "new":
        return Mention(hit.start, hit.end, hit.text, How.NEW, confidence.NEW)
    if hit.kind == "untitled":  # the full name of a new person the article titles elsewhere
        if hit.text in new_names:
            return Mention(hit.start, hit.end, hit.text, How.NEW, confidence.NEW)
        return None
    if hit.kind != "surname":
        return None
    known = surnames.get(hit.text)
    if known:
        before = [entry for entry in known if entry[0] <= hit.start]
        person = (before[-1] if before else known[0])[1]
        unique = len(known) == 1
        surname_confidence = confidence.SURNAME_UNIQUE if unique else confidence.SURNAME_SHARED
        return Mention(hit.start, hit.end, person, How.SURNAME, surname_confidence)
    if (misspelt := _misspelt_surname(hit.text, surnames)) is not None:
        return Mention(hit.start, hit.end, misspelt, How.SURNAME, confidence.SURNAME_MISSPELT)
    candidates = registry.by_surname(hit.text)
    if titles.on is not None:
        candidates = tuple(person for person in candidates if titles.of(person.name))
    if len(candidates) != 1:
        return None
    return Mention(hit.start, hit.end, candidates[0].name, How.SURNAME, confidence.SURNAME_SHARED)


#: the shortest surname whose misspelling is recognised: shorter ones are too alike
MISSPELT_MIN = 5


def _misspelt_surname(word: str, surnames: dict[str, list[tuple[int, str]]]) -> str | None:
    """The one person of the article whose surname this word misspells by one letter."""
    if len(word) < MISSPELT_MIN or not word[0].isupper():
        return None
    people = {
        entries[0][1]
        for surname, entries in surnames.items()
        if len(surname) >= MISSPELT_MIN
        and surname[0] == word[0]
        and Levenshtein.distance(surname, word, score_cutoff=1) <= 1
        and len({person for _, person in entries}) == 1
    }
    return people.pop() if len(people) == 1 else None


def _role_mentions(
    role: Role,
    mentions: list[Mention],
    found: Scan,
    titles: _Titles,
    main: str | None,
    registry: Registry,
) -> Iterable[Mention]:
    if titles.on is None:
        return _undated_role_mentions(role, found, registry, titles.home)
    if role.counterpart:
        people = _counterparts(role, mentions, titles)
    elif role.domestic and role.countries == (None,) and titles.home is not None:
        people = list(titles.holders(role.title, titles.home)[:1])
    else:
        people = [
            _holder(role, country, mentions, found, titles, main) for country in role.countries
        ]
    inferred = role.bare or role.counterpart
    level = confidence.ROLE_INFERRED if inferred else confidence.ROLE
    return [
        Mention(role.start, role.end, person, How.ROLE, level)
        for person in dict.fromkeys(people)
        if person is not None
    ]


def _undated_role_mentions(
    role: Role, found: Scan, registry: Registry, home: str | None = None
) -> list[Mention]:
    """With no date to say who held an office, the latest holder of it the article names.

    "Kazakhstan's leader has met Putin … President Kassym-Jomart Tokayev … his
    predecessor Nursultan Nazarbayev": of the presidents the article names, Tokayev
    took office last, and a report speaks of the holder of its own day. "Head of State"
    in an undated Kazinform story is the president of the publisher's country it names.
    """
    if role.counterpart or role.generic:
        return []
    countries = role.countries
    named = {hit.person for hit in found.names if hit.kind == "name" and hit.person}
    if None in countries:
        if role.domestic and home is None:
            return _only_holder_named(role, named, registry)
        if not (role.domestic or role.bare) or home is None:
            return []
        countries = (home,)
    result = []
    for country in countries:
        assert country is not None
        people = [p.name for p in registry.ever_held(role.title, country) if p.name in named]
        if people:
            level = confidence.ROLE_INFERRED
            result.append(Mention(role.start, role.end, people[-1], How.ROLE, level))
    return result


def _only_holder_named(role: Role, named: set[str], registry: Registry) -> list[Mention]:
    """ "The head of state" on an undated page of no known country: the one person named
    who ever held that office ("Lukashenko … the head of state")."""
    people = [registry.get(name) for name in sorted(named)]
    holders = [p.name for p in people if p and any(t.title == role.title for t in p.positions)]
    if len(holders) != 1:
        return []
    return [Mention(role.start, role.end, holders[0], How.ROLE, confidence.ROLE_INFERRED)]


def _holder(
    role: Role,
    country: str | None,
    mentions: list[Mention],
    found: Scan,
    titles: _Titles,
    main: str | None,
) -> str | None:
    if role.generic:
        for mention in reversed(mentions):
            held = titles.of(mention.person)
            if any(t.endswith(role.title) and country in (c, None) for t, c in held):
                return mention.person
        return None
    if country is not None:
        people = titles.holders(role.title, country)
        return people[0] if people else None
    for mention in reversed(mentions):
        if any(title == role.title for title, _ in titles.of(mention.person)):
            return mention.person
    for pair in reversed(found.pairs):
        if pair.role.start < role.start and pair.role.title == role.title:
            return pair.person
    if main is not None:
        if any(title == role.title for title, _ in titles.of(main)):
            return main
        person = titles.registry.get(main)
        if person is not None and person.country:
            people = titles.holders(role.title, person.country)
            return people[0] if people else None
    return None


def _counterparts(role: Role, mentions: list[Mention], titles: _Titles) -> list[str | None]:
    country = role.countries[0]
    for mention in reversed(mentions):
        for title, _ in titles.of(mention.person):
            people = titles.holders(title, country) if country else ()
            if people:
                return [people[0]]
    return []


class _Titles:
    """Offices held on one date, memoised for the article."""

    def __init__(self, registry: Registry, on: date | None, home: str | None = None) -> None:
        self.registry = registry
        self.on = on
        self.home = home
        self._of: dict[str, tuple[tuple[str, str], ...]] = {}
        self._holders: dict[tuple[str, str], tuple[str, ...]] = {}

    def of(self, name: str) -> tuple[tuple[str, str], ...]:
        if name not in self._of:
            self._of[name] = held_titles(self.registry, name, self.on)
        return self._of[name]

    def holders(self, title: str, country: str) -> tuple[str, ...]:
        key = (title, country)
        if key not in self._holders:
            self._holders[key] = holders(self.registry, title, country, self.on)
        return self._holders[key]


def held_titles(registry: Registry, name: str, on: date | None) -> tuple[tuple[str, str], ...]:
    """(title, country) of the offices a person held on a date."""
    person = registry.get(name)
    if person is None or on is None:
        return ()
    result = []
    for held in registry.titles_on(person, on):
        if isinstance(held, str):
            result.append((held, person.country or ""))
        else:
            result.append((held.title, held.country))
    return tuple(result)


def holders(registry: Registry, title: str, country: str, on: date | None) -> tuple[str, ...]:
    if on is None:
        return ()
    return tuple(person.name for person in registry.holders(title, country, on))
