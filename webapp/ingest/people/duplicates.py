"""People who are probably one person, by the registry's own fuzzy rule.

Two people are likely one when a name or alias of each has first and last
tokens alike up to transliteration, scored as ``Registry.match`` scores a
spelling variant (``name_score`` at least ``FUZZY_THRESHOLD``): "Alihan
Smailov" and "Alikhan Smaylov".

One person is compared with everyone, after a cheap first pass over the
names as written (``ROUGH_THRESHOLD``) leaves the few worth the rule. The
list of every likely pair compares only names whose surnames have the same
skeleton, the variants the skeleton folds ("Tokayev" and "Tokaev"), so that
it costs one pass over the people rather than one per pair.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz import process

from webapp.ingest.people.registry import FUZZY_THRESHOLD
from webapp.ingest.people.registry import name_key
from webapp.ingest.people.registry import name_score

#: the similarity of two whole names as written, casefolded, below which the rule is
#: not tried: a spelling variant the skeleton folds scores well above it
ROUGH_THRESHOLD = 70.0


@dataclass(frozen=True, slots=True)
class Named:
    """A person as the comparison sees them: an id, the name and the aliases."""

    id: int
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Likely:
    """Two people probably one: the forms that matched and their score (0-100)."""

    first: int
    second: int
    first_form: str
    second_form: str
    score: float


@dataclass(frozen=True, slots=True)
class _Form:
    person: int
    text: str
    key: tuple[str, str]


def _forms(people: Iterable[Named]) -> list[_Form]:
    found = []
    for person in people:
        for name in dict.fromkeys(person.names):
            key = name_key(name)
            if key is not None:
                found.append(_Form(person.id, name, key))
    return found


def _best(pairs: Iterable[tuple[_Form, _Form, float]]) -> list[Likely]:
    """The best-scoring forms of each pair of people, best pairs first."""
    best: dict[tuple[int, int], Likely] = {}
    for form, other, score in pairs:
        pair = (form.person, other.person)
        if pair not in best or score > best[pair].score:
            best[pair] = Likely(form.person, other.person, form.text, other.text, score)
    return sorted(best.values(), key=lambda pair: (-pair.score, pair.first_form, pair.second_form))


@dataclass(frozen=True, slots=True)
class NameIndex:
    """Everyone's names and aliases as written, casefolded once for many lookups."""

    owners: tuple[tuple[int, str], ...]
    written: tuple[str, ...]

    @classmethod
    def of(cls, people: Iterable[Named]) -> NameIndex:
        owners = tuple((person.id, name) for person in people for name in person.names)
        return cls(owners, tuple(name.casefold() for _id, name in owners))


def duplicates_of(person: Named, others: Iterable[Named] | NameIndex) -> list[Likely]:
    """The people of ``others`` likely to be ``person``, most alike first."""
    index = others if isinstance(others, NameIndex) else NameIndex.of(others)
    pairs = []
    for form in _forms([person]):
        near = process.extract(
            form.text.casefold(),
            index.written,
            scorer=fuzz.ratio,
            score_cutoff=ROUGH_THRESHOLD,
            limit=None,
        )
        for _text, _score, position in near:
            other_id, name = index.owners[position]
            key = name_key(name) if other_id != person.id else None
            score = name_score(form.key, key) if key is not None else 0.0
            if score >= FUZZY_THRESHOLD:
                pairs.append((form, _Form(other_id, name, key), score))
    return _best(pairs)


def likely_duplicates(people: Iterable[Named]) -> list[Likely]:
    """Every pair of ``people`` whose surnames share a skeleton and who are likely one person."""
    blocks: dict[str, list[_Form]] = {}
    for form in _forms(people):
        blocks.setdefault(form.key[1], []).append(form)
    pairs = []
    for block in blocks.values():
        for index, form in enumerate(block):
            for other in block[index + 1 :]:
                if form.person == other.person:
                    continue
                score = name_score(form.key, other.key)
                if score >= FUZZY_THRESHOLD:
                    first, second = sorted((form, other), key=lambda f: f.person)
                    pairs.append((first, second, score))
    return _best(pairs)
