"""Likely duplicates among people follow the registry's fuzzy rule."""

from __future__ import annotations

from webapp.ingest.people.duplicates import Named
from webapp.ingest.people.duplicates import duplicates_of
from webapp.ingest.people.duplicates import likely_duplicates

PEOPLE = [
    Named(1, ("Alikhan Smailov", "Alihan Smailov")),
    Named(2, ("Alikhan Smaylov",)),
    Named(3, ("Li Qiang",)),
    Named(4, ("Li Keqiang",)),
    Named(5, ("Kassym-Jomart Tokayev",)),
    Named(6, ("Kassym-Zhomart Tokaev",)),
    Named(7, ("Tokaev",)),
    Named(8, ("Serik Smailov",)),
]


def pairs(found) -> list[tuple[int, int]]:
    return [(item.first, item.second) for item in found]


def test_every_likely_pair_once() -> None:
    """Smailov/Smaylov and Tokayev/Tokaev fold to one skeleton; Li Qiang and Li Keqiang
    score 83, under the threshold; a bare surname and another first name never match."""
    assert pairs(likely_duplicates(PEOPLE)) == [(1, 2), (5, 6)]


def test_the_duplicates_of_one_person() -> None:
    found = duplicates_of(PEOPLE[1], PEOPLE)
    assert pairs(found) == [(2, 1)]
    assert found[0].first_form == "Alikhan Smaylov"
    assert found[0].score == 100
    assert duplicates_of(PEOPLE[2], PEOPLE) == []
    assert duplicates_of(PEOPLE[7], PEOPLE) == []


def test_an_alias_can_match_another_name() -> None:
    people = [Named(1, ("Olzhas Bektenov", "O. Bektenov")), Named(2, ("Olzhas Bektonov",))]
    found = duplicates_of(people[1], people)
    assert pairs(found) == [(2, 1)]
    assert found[0].second_form == "Olzhas Bektenov"
