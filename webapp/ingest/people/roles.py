"""Role nouns: "the Russian Prime Minister", "Prime Minister of Kazakhstan", "the head of state".

A role noun names an office, not a person; the people stage resolves it
through the dated positions of the registry. This module only finds the
phrases and says which office and which countries they point at. An office
that serves another ("aide to the President") or belongs to a part of the
country ("President of the Russian Federation`s Republic of Tatarstan") is no
role noun of the country's own office holder.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from webapp.ingest.gazetteer import country_named
from webapp.ingest.text import UPPER
from webapp.ingest.text import fold

_TITLE = (
    r"(?i:first\s+deputy\s+prime\s+ministers?|deputy\s+prime\s+ministers?"
    r"|prime\s+ministers?|premiers?|presidents?|heads?\s+of\s+state"
    r"|heads?\s+of\s+(?:the\s+)?government|chairman\s+of\s+the\s+government"
    r"|foreign\s+ministers?|ministers?\s+of\s+foreign\s+affairs|foreign\s+affairs\s+ministers?"
    r"|(?:chairman|chairperson|chairwoman|chair|speaker)\s+of\s+the\s+"
    r"(?:state\s+duma|federation\s+council|senate|mazhilis)"
    r"|(?:state\s+duma|duma|federation\s+council|senate|mazhilis)\s+(?:speaker|chairman)"
    r"|leaders?|(?-i:PMs?))"
)
_ADJECTIVE = rf"[{UPPER}][\w-]+"
#: every letter that can open a match of "the", "new" or _TITLE, with the case ignored;
#: a lookahead for them makes the patterns give up at once on other words
_TITLE_FIRST = r"tTnNfFdDpPhHcCmMsSlL\u017f"
_PLACE = rf"[{UPPER}][\w-]*(?:\s+(?:of\s+)?[{UPPER}][\w-]*){{0,3}}"

_BY_ADJECTIVE = re.compile(
    rf"\b(?=[tn{UPPER}])(?:(?i:the)\s+)?(?P<new>(?i:new)\s+)?(?P<c1>{_ADJECTIVE})(?:['’]s)?"
    rf"(?:\s+and\s+(?P<c2>{_ADJECTIVE})(?:['’]s)?)?\s+(?P<title>{_TITLE})\b"
)
_BY_COUNTRY = re.compile(
    rf"\b(?=[{_TITLE_FIRST}])(?:(?i:the)\s+)?(?P<new>(?i:new)\s+)?(?P<title>{_TITLE})\s+of\s+(?:the\s+)?(?P<c1>{_PLACE})"
    rf"(?P<more>(?:,\s+(?:the\s+)?{_PLACE}){{0,4}},?)(?:\s+and\s+(?:the\s+)?(?P<c2>{_PLACE}))?"
)
_HEAD_OF_GOVERNMENT = re.compile(
    rf"\b(?=[tThH])(?:(?i:the)\s+)?(?P<title>(?i:head\s+of\s+the))\s+(?P<c1>{_ADJECTIVE})\s+(?i:government)\b"
)
_CHAIR_OF = re.compile(
    rf"\b(?=[tTcCsS\u017f])(?:(?i:the)\s+)?(?i:chairman|chairperson|chairwoman|chair|speaker)\s+of\s+the\s+"
    rf"(?P<c1>{_ADJECTIVE})\s+(?P<body>(?i:senate|mazhilis|state\s+duma|duma|federation\s+council))\b"
)
#: "the Russian minister": whichever office with "Minister" in it the person holds
_MINISTER = re.compile(rf"\b(?i:the)\s+(?P<c1>{_ADJECTIVE})\s+(?i:minister)\b(?!\s+(?i:of)\b)")
#: "the minister": the minister last named, whatever his country
_THE_MINISTER = re.compile(r"\b(?i:the)\s+(?i:minister)\b(?!\s+(?i:of|for)\b)")
_COUNTERPART = re.compile(
    rf"\b(?=[hH])(?P<pronoun>(?i:his|her))\s+(?:(?i:visiting|new)\s+)?(?P<c1>{_ADJECTIVE})\s+(?i:counterpart)\b"
)
_BARE = re.compile(
    r"\b(?=[tTnNhHfFdDpPcCsS\u017f])(?:(?P<the>(?i:the))\s+)?(?P<new>(?i:new)\s+)?"
    r"(?P<title>(?i:head\s+of\s+state|head\s+of\s+(?:the\s+)?government"
    r"|head\s+of\s+the\s+cabinet(?:\s+of\s+ministers)?)"
    r"|First\s+Deputy\s+Prime\s+Minister|Deputy\s+Prime\s+Minister|Prime\s+Minister|Premier"
    r"|President|Foreign\s+Minister"
    r"|(?:Chairman|Chairperson|Chairwoman|Speaker)\s+of\s+the\s+(?:State\s+Duma|Federation\s+Council"
    r"|Senate|Mazhilis)"
    r"|(?i:prime\s+minister|president|premier|foreign\s+minister))\b"
)
#: the office words; one character class first keeps the scan fast
_ANCHOR = re.compile(
    r"[PpMmHhCcSsLl](?:resident|remier|M|inister|ead|hair|peaker|eader|ounterpart)"
)
_BEFORE_ANCHOR = 60
_AFTER_ANCHOR = 100
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\S+")
_CHAIR = re.compile(r"^(?:chairperson|chairwoman|chair)\b")

_TITLES = {
    "first deputy prime minister": ("First Deputy Prime Minister", None),
    "deputy prime minister": ("Deputy Prime Minister", None),
    "prime minister": ("Prime Minister", None),
    "premier": ("Prime Minister", None),
    "pm": ("Prime Minister", None),
    "head of government": ("Prime Minister", None),
    "head of the government": ("Prime Minister", None),
    "chairman of the government": ("Prime Minister", None),
    "head of the cabinet of ministers": ("Prime Minister", None),
    "head of the cabinet": ("Prime Minister", None),
    "president": ("President", None),
    "leader": ("President", None),
    "head of state": ("President", None),
    "foreign minister": ("Foreign Minister", None),
    "minister of foreign affairs": ("Foreign Minister", None),
    "foreign affairs minister": ("Foreign Minister", None),
    "chairman of the state duma": ("Chairman of the State Duma", "Russia"),
    "speaker of the state duma": ("Chairman of the State Duma", "Russia"),
    "state duma speaker": ("Chairman of the State Duma", "Russia"),
    "state duma chairman": ("Chairman of the State Duma", "Russia"),
    "duma speaker": ("Chairman of the State Duma", "Russia"),
    "duma chairman": ("Chairman of the State Duma", "Russia"),
    "chairman of the federation council": ("Chairman of the Federation Council", "Russia"),
    "speaker of the federation council": ("Chairman of the Federation Council", "Russia"),
    "federation council speaker": ("Chairman of the Federation Council", "Russia"),
    "federation council chairman": ("Chairman of the Federation Council", "Russia"),
    "chairman of the senate": ("Chairman of the Senate", None),
    "speaker of the senate": ("Chairman of the Senate", None),
    "senate speaker": ("Chairman of the Senate", None),
    "senate chairman": ("Chairman of the Senate", None),
    "chairman of the mazhilis": ("Chairman of the Mazhilis", "Kazakhstan"),
    "speaker of the mazhilis": ("Chairman of the Mazhilis", "Kazakhstan"),
    "mazhilis speaker": ("Chairman of the Mazhilis", "Kazakhstan"),
    "mazhilis chairman": ("Chairman of the Mazhilis", "Kazakhstan"),
}


@dataclass(frozen=True, slots=True)
class Role:
    """A role noun: which office, of which countries (None: from context)."""

    start: int
    end: int
    title: str
    countries: tuple[str | None, ...]
    new: bool = False
    #: "his Kazakh counterpart": the office is the one held by the pronoun's referent
    counterpart: bool = False
    #: a bare title with no country, such as "the President" or "head of state"
    bare: bool = False
    #: "the Russian minister": any office whose title ends in "Minister"
    generic: bool = False
    #: "the head of state", "the head of government": how a country's press names its own
    domestic: bool = False


def find_roles(text: str) -> list[Role]:
    """Role phrases in text order; where two overlap the longer wins.

    The patterns run only in windows around an office word, so that the cost is
    that of one scan for the office words.
    """
    found: list[Role] = []
    folded = fold(text)
    for start, end in _windows(text):
        for pattern, build, needs in _FINDERS:
            if not _may_match(text, folded, start, end, needs):
                continue
            for match in pattern.finditer(text, start, end):
                role = build(match)
                if role is not None:
                    found.append(role)
    return [
        role
        for role in _without_overlaps(found)
        if not _represented(text, role.start) and not _of_a_part(text, role.end)
    ]


#: an office inside another person's title names whom that person serves, not a person in
#: the story: "Special Representative of Foreign Minister of Russia", "aide to the President"
_REPRESENTED = re.compile(
    r"(?i:\b(?:representative|envoy|aide|adviser|advisor|assistant|press\s+secretary"
    r"|spokes(?:man|woman|person))\s+(?:of|to)\s+(?:the\s+)?)$"
)


def _represented(text: str, start: int) -> bool:
    return _REPRESENTED.search(text, max(0, start - 40), start) is not None


#: an office of a part of the country named: "President of the Russian Federation`s Republic
#: of Tatarstan" is Tatarstan's president, not Russia's
_OF_A_PART = re.compile(
    r"[`'’]s\s+(?:[A-Z][\w-]*\s+){0,2}?(?:Republic|Region|Province|Oblast|Territory|Krai"
    r"|Autonomous|Canton|State\s+of)\b"
)


def _of_a_part(text: str, end: int) -> bool:
    return _OF_A_PART.match(text, end) is not None


def _may_match(text: str, folded: str, start: int, end: int, needs: tuple[_Need, ...]) -> bool:
    """Whether the window holds one word of each group a pattern's match must contain."""
    for group in needs:
        if not any(
            (text if cased else folded).find(word, start, end) >= 0 for word, cased in group
        ):
            return False
    return True


def _windows(text: str) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for match in _ANCHOR.finditer(text):
        start = max(0, match.start() - _BEFORE_ANCHOR)
        end = min(len(text), match.end() + _AFTER_ANCHOR)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _head_of_government_role(match: re.Match[str]) -> Role | None:
    country = country_named(match.group("c1"))
    if country is None:
        return None
    return Role(match.start(), match.end(), "Prime Minister", (country,))


def _chair_role(match: re.Match[str]) -> Role | None:
    country = country_named(match.group("c1"))
    title = title_of("chairman of the " + match.group("body"))
    if country is None or title is None:
        return None
    return Role(match.start(), match.end(), title[0], (country,))


def _minister_role(match: re.Match[str]) -> Role | None:
    country = country_named(match.group("c1"))
    if country is None:
        return None
    return Role(match.start(), match.end(), "Minister", (country,), generic=True)


def _the_minister_role(match: re.Match[str]) -> Role | None:
    return Role(match.start(), match.end(), "Minister", (None,), generic=True)


def _counterpart_role(match: re.Match[str]) -> Role | None:
    country = country_named(match.group("c1"))
    if country is None:
        return None
    return Role(match.start(), match.end(), "", (country,), counterpart=True)


def title_of(phrase: str) -> tuple[str, str | None] | None:
    key = _SPACES.sub(" ", phrase.strip()).lower()
    key = _CHAIR.sub("chairman", key)
    if key.endswith("s") and key not in _TITLES:
        key = key[:-1]
    key = key.replace("heads of", "head of").replace("ministers of", "minister of")
    return _TITLES.get(key)


#: a title followed by "of" and more: qualified by a body, not a bare title
_QUALIFIED = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")


def _country_role(match: re.Match[str]) -> Role | None:
    title = title_of(match.group("title"))
    if title is None:
        return None
    first = _leading_country(match.group("c1"))
    if first is None:
        return None
    country, used = first
    end = match.start("c1") + used
    countries = [country]
    if match.group("more") and used == len(match.group("c1")):
        # "the leaders of Tajikistan, Kazakhstan, and Armenia"
        for name in (part.strip() for part in match.group("more").split(",")):
            more = _leading_country(name.removeprefix("the ")) if name else None
            if more is not None and more[1] == len(name.removeprefix("the ")):
                countries.append(more[0])
    if match.group("c2") is not None and used == len(match.group("c1")):
        second = _leading_country(match.group("c2"))
        if second is not None:
            countries.append(second[0])
            end = match.start("c2") + second[1]
    return Role(match.start(), end, title[0], tuple(countries), new=bool(match.group("new")))


def _adjective_role(match: re.Match[str]) -> Role | None:
    title = title_of(match.group("title"))
    country = country_named(match.group("c1"))
    if title is None or country is None:
        return None
    countries = [country]
    if match.group("c2") is not None:
        second = country_named(match.group("c2"))
        if second is None:
            return None
        countries.append(second)
    return Role(
        match.start(), match.end(), title[0], tuple(countries), new=bool(match.group("new"))
    )


def _bare_role(match: re.Match[str]) -> Role | None:
    phrase = match.group("title")
    if phrase[0].islower() and match.group("the") is None:
        return None
    if _QUALIFIED.match(match.string, match.end()):
        return None  # "Prime Minister of the State Council of …": an office this does not name
    title = title_of(phrase)
    if title is None:
        return None
    return Role(
        match.start(),
        match.end(),
        title[0],
        (title[1],),
        new=bool(match.group("new")),
        bare=title[1] is None,
        domestic=phrase.lower().startswith("head of"),
    )


def _leading_country(words: str) -> tuple[str | None, int] | None:
    """The longest run of leading words naming a country, and its length in characters.

    "Republic" alone ("Prime Minister of the Republic") names the country of the
    context, returned as None; "Republic of" a name that is no country ("President
    of the Republic of Tatarstan") is a part of a country, and names none.
    """
    ends = [match.end() for match in _WORD.finditer(words)]
    for size in range(len(ends), 0, -1):
        phrase = words[: ends[size - 1]]
        country = country_named(phrase)
        if country is None and phrase.startswith("Republic of "):
            country = country_named(phrase[len("Republic of ") :])
        if country is not None:
            return country, ends[size - 1]
    if words.startswith("Republic") and not _REPUBLIC_OF_A_NAME.match(words):
        return None, len("Republic")
    return None


_REPUBLIC_OF_A_NAME = re.compile(rf"Republic\s+of\s+(?:the\s+)?[{UPPER}]")


def _without_overlaps(roles: list[Role]) -> list[Role]:
    roles.sort(key=lambda role: (role.start, role.start - role.end))
    kept: list[Role] = []
    for role in roles:
        if kept and role.start < kept[-1].end:
            continue
        kept.append(role)
    return kept


#: one word, and whether it must match with its case, of which a match holds one
_Need = tuple[tuple[str, bool], ...]


def _words(*words: str) -> _Need:
    return tuple((word, False) for word in words)


_TITLE_WORDS = (
    *_words(
        "prime", "premier", "president", "head", "foreign", "chair", "speaker", "duma", "senate",
        "mazhilis", "federation", "leader",
    ),
    ("PM", True),
)  # fmt: skip
_FINDERS: tuple[
    tuple[re.Pattern[str], Callable[[re.Match[str]], Role | None], tuple[_Need, ...]], ...
] = (
    (_BY_COUNTRY, _country_role, (_TITLE_WORDS, (("of", True),))),
    (_BY_ADJECTIVE, _adjective_role, (_TITLE_WORDS,)),
    (_HEAD_OF_GOVERNMENT, _head_of_government_role, (_words("head"), _words("government"))),
    (
        _CHAIR_OF,
        _chair_role,
        (_words("chair", "speaker"), _words("senate", "mazhilis", "duma", "federation")),
    ),
    (_MINISTER, _minister_role, (_words("minister"),)),
    (_THE_MINISTER, _the_minister_role, (_words("minister"),)),
    (_COUNTERPART, _counterpart_role, (_words("his", "her"), _words("counterpart"))),
    (_BARE, _bare_role, (_TITLE_WORDS,)),
)
