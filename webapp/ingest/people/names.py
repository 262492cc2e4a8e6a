"""Names in text: the registry's surface forms, surnames, spelling variants, new names.

The matcher is built once per registry. The text is cut into runs of
capitalised words by one linear pattern; each run is looked up in a dictionary
keyed by its first word, so the cost does not grow with the number of aliases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache

from rapidfuzz import fuzz

from webapp.ingest.gazetteer import city_name
from webapp.ingest.gazetteer import country_named
from webapp.ingest.people.registry import Registry
from webapp.ingest.people.titles import TITLE_HEADS
from webapp.ingest.people.titles import title_after
from webapp.ingest.people.titles import title_before
from webapp.ingest.records import How
from webapp.ingest.text import UPPER

_CAP = (
    rf"(?:[{UPPER}](?:\.(?=[ ]?[{UPPER}])|\w*(?:-\w+)*(?:['’](?!s\b)\w+)*)"
    rf"|(?:al|el|ul|ad|as)-[{UPPER}]\w*)"  # "el-Sisi", "al-Sudani"
)
#: lower-case words inside a name: "Mohammed bin Zayed Al Nahyan", "Ursula von der Leyen"
_PARTICLE = r"(?:bin|ibn|bint|al|el|de|da|del|van|von|der|den|di|du|le|la)"
_PARTICLES = frozenset(_PARTICLE.strip("(?:)").split("|"))
_RUN = re.compile(rf"(?<![\w'’-]){_CAP}(?:[ \u00a0]+(?:{_PARTICLE}[ \u00a0]+){{0,2}}{_CAP})*")
_TOKEN = re.compile(_CAP)
_NAME_LIKE = re.compile(rf"(?:(?:al|el|ul|ad|as)-)?[{UPPER}][^\W\d_]+(?:[-'’][{UPPER}]?[^\W\d_]+)*")
#: an initial before a surname: "S Jaishankar", "S. Jaishankar"
_INITIAL = re.compile(rf"[{UPPER}]\.?")
#: a city named as a place: "in the city of Turkmenbashi" is the city, not the man so called
_PLACE_BEFORE = re.compile(
    r"(?i:\b(?:in|to|at|from|near|of|city\s+of|town\s+of|capital)\s+(?:the\s+)?)$"
)
#: an honorific written as initials, which are not the initials of the name after it
_HONORIFIC_INITIALS = re.compile(r"(?<![\w.])(?:H\.\s?R\.\s?H|H\.\s?H|H\.\s?E|H\.\s?M)\.\s+$")
#: a monarch's title before one name: "Emperor Naruhito", "King Charles"
_MONARCH = re.compile(r"\b(?:Emperor|Empress|King|Queen|Pope|Sultan|Emir|Shah)\s+$")
#: a name right after "of the" is an institution's: "Chairman of the Khalk Maslakhaty"
_OF_THE = re.compile(r"\bof\s+(?:the\s+)?$")
#: a name that begins the name of a place or body is not a mention of the person:
#: "Islam Karimov Tashkent International Airport", "Heydar Aliyev Center"
_VENUE_AFTER = re.compile(
    r"\s(?:[A-Z][\w'’-]+\s){0,3}(?:Airport|University|Street|Avenue|Square|Museum|Park|Mosque"
    r"|Stadium|Foundation|Fund|Library|Institute|School|Hall|Cent(?:re|er)|Boulevard|Prospekt"
    r"|Prospect|Palace|Bridge|Memorial|Complex)\b"
)

#: capitalised words that are not part of a person's name
STOP_WORDS = (
    TITLE_HEADS
    | {f"{head}s" for head in TITLE_HEADS}
    | frozenset(
        """Prime First Vice Acting Foreign State Government Affairs Energy Economy Economic Finance
    Trade Industry Justice Interior Defence Defense Health Education Agriculture Transport
    Culture Labour Labor Digital Development Emergency Emergencies Construction Ecology
    Information Science Sport Tourism Investment Integration General Press Executive
    Council Union Commission Forum Committee Assembly Parliament Duma Senate Mazhilis Kremlin
    Party Faction Bloc Movement Front Alliance Coalition Caucus Armed Forces Army Navy Guard
    Federation Republic Cabinet Bank Agency Service Office Administration Corporation Company
    Group Treaty Declaration Organization Organisation Summit Conference Congress Eurasian
    International National Supreme Intergovernmental Interregional Cooperation Corridor
    Security Collective United Nations Central Asia Asian European Western Eastern Northern
    Southern North South East West New Old Great Big Board Ministry Department Embassy
    Mr Mrs Ms Dr Sir Madam Esteemed Dear Excellency Honourable Honorable Ayatollah Staff
    The A An In On At For To By With From During After Before And But Or Nor So Yet This That
    These Those We I He She It They You Our Their His Her Its My Your As Also Once Despite
    Thanks According Speaking Expressing Last Next Today Yesterday Tomorrow There Here Then
    Both All Each Every Some Many Most Other Such If When While Where Why How What Who
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
    )
)
_FUZZY_SURNAME = 70


@dataclass(frozen=True, slots=True)
class Form:
    tokens: tuple[str, ...]
    person: str
    how: How


@dataclass(slots=True)
class NameHit:
    """A capitalised phrase that names, or may name, a person.

    ``kind`` is "name" (a registry form or a spelling variant), "untitled" (a full
    name without a title: a new person only if the article titles it elsewhere), "surname" (one
    word to resolve later) or "new" (a titled name absent from the registry).
    """

    start: int
    end: int
    kind: str
    text: str
    person: str | None = None
    how: How | None = None
    country: str | None = None


#: phrases whose fuzzy lookup is remembered; the cache is emptied when full
_FUZZY_CACHE_SIZE = 10_000


#: runs whose plan is remembered; the cache is emptied when full
_PLAN_CACHE_SIZE = 50_000


@dataclass
class Matcher:
    registry: Registry
    first: dict[str, list[Form]] = field(default_factory=dict)
    fuzzy: dict[str, tuple[str, How] | None] = field(default_factory=dict)
    #: run of capitalised words -> its plan (``_plan``), the same wherever the run stands
    plans: dict[str, Plan] = field(default_factory=dict)

    @classmethod
    def build(cls, registry: Registry) -> Matcher:
        matcher = cls(registry)
        for form, person, how in registry.surface_forms():
            tokens = tuple(normal(form).split())
            if tokens:
                matcher.first.setdefault(tokens[0], []).append(Form(tokens, person.name, how))
        for forms in matcher.first.values():
            forms.sort(key=lambda item: -len(item.tokens))
        return matcher

    def variant(self, phrase: str) -> tuple[str, How] | None:
        """A spelling variant of a registry name, through the registry's fuzzy match."""
        if phrase in self.fuzzy:
            return self.fuzzy[phrase]
        found = self.registry.match(phrase)
        result = None
        if found is not None:
            person, how = found
            surname = phrase.split()[-1].casefold()
            forms = (person.name, *person.aliases)
            if any(
                fuzz.ratio(surname, form.split()[-1].casefold()) >= _FUZZY_SURNAME
                for form in forms
                if form
            ):
                result = (person.name, How.FUZZY if how is How.FUZZY else how)
        if len(self.fuzzy) >= _FUZZY_CACHE_SIZE:
            self.fuzzy.clear()
        self.fuzzy[phrase] = result
        return result


@lru_cache(maxsize=8)
def matcher_for(registry: Registry) -> Matcher:
    """The registry's matcher, built once: a process holds one registry, tests a few."""
    return Matcher.build(registry)


def normal(text: str) -> str:
    return text.replace("’", "'")


#: a run's words, as (start, end, word) relative to the run, and the steps found in them:
#: (_SEGMENT, indices) for loose words that may be a name, (_FORM, first, last, form) for a
#: registry form
Plan = tuple[tuple[tuple[int, int, str], ...], tuple[tuple, ...]]
_SEGMENT = "segment"
_FORM = "form"
_NOTHING: Plan = ((), ())


def find_names(text: str, matcher: Matcher) -> list[NameHit]:
    hits: list[NameHit] = []
    plans = matcher.plans
    for run in _RUN.finditer(text):
        phrase = run.group()
        plan = plans.get(phrase)
        if plan is None:
            plan = _plan(phrase, matcher)
            if len(plans) >= _PLAN_CACHE_SIZE:
                plans.clear()
            plans[phrase] = plan
        if plan[1]:
            hits.extend(
                hit
                for hit in _run_hits(text, run.start(), plan, matcher)
                # "Islam Karimov Tashkent International Airport": a place named after him
                if hit.end == run.end() or _VENUE_AFTER.match(text, hit.end) is None
            )
    return hits


def _plan(run: str, matcher: Matcher) -> Plan:
    """What in a run does not depend on the text around it: its words, forms and segments.

    A news page names the same people and places again and again, and so do
    the pages after it: the words of a run, the registry forms among them and
    the segments of the others are worked out once per run, and only what
    the surrounding text decides (a place, a title, an honorific) each time.
    """
    if _lone_stop_word(run, matcher):
        return _NOTHING
    tokens = tuple((m.start(), m.end(), normal(m.group())) for m in _TOKEN.finditer(run))
    words = [token[2] for token in tokens]
    steps: list[tuple] = []
    loose: list[int] = []
    index = 0
    while index < len(tokens):
        form = _form_at(words, index, matcher)
        if form is None:
            loose.append(index)
            index += 1
            continue
        steps.extend(_loose_segments(tokens, loose))
        loose = []
        last = index + len(form.tokens) - 1
        steps.append((_FORM, index, last, form))
        index = last + 1
    steps.extend(_loose_segments(tokens, loose))
    return tokens, tuple(steps)


def _lone_stop_word(run: str, matcher: Matcher) -> bool:
    """A run of one word that names no one and starts no form: "The", "He", "President".

    A quarter of the runs of a news page are such words at the start of a
    sentence; ``_run_hits`` would find nothing in them, at some cost.
    """
    if " " in run or "\u00a0" in run:
        return False
    word = normal(run)
    return word in STOP_WORDS and word not in matcher.first


def _run_hits(text: str, start: int, plan: Plan, matcher: Matcher) -> Iterator[NameHit]:
    tokens = [(start + first, start + end, word) for first, end, word in plan[0]]
    for step in plan[1]:
        if step[0] is _SEGMENT:
            yield from _segment_hits(text, tokens, step[1], matcher)
            continue
        _kind, index, last, form = step
        if last == index and _is_place(text, tokens[index][0], tokens[index][2]):
            continue
        yield NameHit(
            tokens[index][0],
            tokens[last][1],
            "name",
            text[tokens[index][0] : tokens[last][1]],
            form.person,
            form.how,
        )


def _form_at(words: list[str], index: int, matcher: Matcher) -> Form | None:
    for form in matcher.first.get(words[index], ()):
        size = len(form.tokens)
        if tuple(words[index : index + size]) == form.tokens:
            return form
    return None


def _loose_segments(
    tokens: tuple[tuple[int, int, str], ...], loose: list[int]
) -> Iterator[tuple[str, tuple[int, ...]]]:
    """The segments of the words of a run that no registry form covered: names, perhaps."""
    segment: list[int] = []
    for index in loose:
        word = tokens[index][2]
        contiguous = not segment or segment[-1] == index - 1
        if (_name_like(word) or _is_initial(word)) and contiguous:
            segment.append(index)
            continue
        if found := _without_last_initials(tokens, segment):
            yield _SEGMENT, tuple(found)
        segment = [index] if _name_like(word) or _is_initial(word) else []
    if found := _without_last_initials(tokens, segment):
        yield _SEGMENT, tuple(found)


def _is_initial(word: str) -> bool:
    return word not in STOP_WORDS and _INITIAL.fullmatch(word) is not None


def _without_last_initials(tokens: list[tuple[int, int, str]], segment: list[int]) -> list[int]:
    """An initial starts a name; at its end it is not part of it ("… Putin A")."""
    while segment and _is_initial(tokens[segment[-1]][2]):
        segment = segment[:-1]
    while len(segment) == 1 and _is_initial(tokens[segment[0]][2]):
        segment = []
    return segment


def _is_place(text: str, start: int, word: str) -> bool:
    """A one-word name that is also a city, standing where a place does."""
    if city_name(word) is None:
        return False
    return word.isupper() or _PLACE_BEFORE.search(text, max(0, start - 20), start) is not None


def _name_like(word: str) -> bool:
    return (
        word not in STOP_WORDS
        and word.split("-")[0] not in STOP_WORDS  # "Secretary-General"
        and _NAME_LIKE.fullmatch(word) is not None
        and (not word.isupper() or len(word) >= 4)  # "KISHIDA Fumio", not "UAE"
        and country_named(word) is None
    )


def _segment_hits(
    text: str, tokens: list[tuple[int, int, str]], segment: Sequence[int], matcher: Matcher
) -> Iterator[NameHit]:
    segment = _without_honorific(text, tokens, segment)
    if segment and _ends_country(tokens, segment[0]):
        segment = segment[1:]  # "Crown Prince of Saudi Arabia Mohammed bin Salman"
    if not segment:
        return
    start = tokens[segment[0]][0]
    end = tokens[segment[-1]][1]
    phrase = text[start:end]
    if len(segment) == 1:
        if _MONARCH.search(text, max(0, start - 10), start):
            yield NameHit(start, end, "new", phrase, phrase, How.NEW, None)
        else:
            yield NameHit(start, end, "surname", phrase)
        return
    if _core_length(tokens, segment) > 4:
        return
    found = matcher.variant(normal(phrase))
    if found is not None:
        yield NameHit(start, end, "name", phrase, found[0], found[1])
        return
    if all(tokens[index][2].isupper() for index in segment):
        return  # "NATO SUMMIT": a heading in capitals
    if city_name(phrase) is not None:
        return  # a place or venue: "the Bocharov Ruchei residence"
    if _OF_THE.search(text, max(0, start - 8), start):
        return  # an institution: "Chairman of the Khalk Maslakhaty"
    titled, country = title_before(text, tokens, segment[0])
    titled = titled or title_after(text, end)
    if titled:
        yield NameHit(start, end, "new", phrase, phrase, How.NEW, country)
    else:
        yield NameHit(start, end, "untitled", phrase)


def _ends_country(tokens: list[tuple[int, int, str]], index: int) -> bool:
    """Whether a word ends a country's name of two words with the word before it: the
    "Arabia" of "Saudi Arabia", the "Korea" of "South Korea"."""
    if index == 0 or tokens[index][0] - tokens[index - 1][1] != 1:
        return False
    return country_named(f"{tokens[index - 1][2]} {tokens[index][2]}") is not None


def _without_honorific(
    text: str, tokens: list[tuple[int, int, str]], segment: Sequence[int]
) -> Sequence[int]:
    """ "H.H. Sheikh …", "H.E. Mr …": the leading initials are a form of address."""
    initials = 0
    while initials < len(segment) and _is_initial(tokens[segment[initials]][2]):
        initials += 1
    if initials == 0 or initials == len(segment):
        return segment
    start = tokens[segment[initials]][0]
    if _HONORIFIC_INITIALS.search(text, max(0, start - 10), start):
        return segment[initials:]
    return segment


def _core_length(tokens: list[tuple[int, int, str]], segment: Sequence[int]) -> int:
    """Words of a name without its particles: "Mohamed Bin Zayed Al Nahyan" has three."""
    return sum(1 for index in segment if tokens[index][2].lower() not in _PARTICLES)
