"""Likely duplicates: the page that lists them, and the suggestions on a person's page.

Both read every person's name and aliases as plain rows and leave the
comparison to ``webapp.ingest.people.duplicates``, the extractor's own rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from flask_admin import expose

from webapp.admin.base import SecureView
from webapp.admin.base import fetch
from webapp.ingest.people.duplicates import Likely
from webapp.ingest.people.duplicates import Named
from webapp.ingest.people.duplicates import duplicates_of
from webapp.ingest.people.duplicates import likely_duplicates
from webapp.models import Person
from webapp.models import PersonAlias

#: pairs listed on the duplicates page, the most alike first
PAGE_PAIRS = 200
NAMES = sa.select(Person.id, Person.name, Person.country).order_by(Person.id)
ALIASES = sa.select(PersonAlias.person_id, PersonAlias.alias).order_by(PersonAlias.id)


@dataclass(frozen=True)
class Shown:
    id: int
    name: str
    country: str | None
    href: str


@dataclass(frozen=True)
class Suggestion:
    """Two people likely to be one, as the pages show them."""

    first: Shown
    second: Shown
    #: the two names that matched: a name or an alias of each
    forms: tuple[str, str]
    #: how alike they are, 0-100
    score: int
    merge_href: str


def everyone() -> tuple[list[Named], dict[int, tuple[str, str | None]]]:
    """Every person with their aliases, and {id: (name, country)}."""
    aliases: dict[int, list[str]] = {}
    for person_id, alias in fetch(ALIASES):
        aliases.setdefault(person_id, []).append(alias)
    rows = fetch(NAMES)
    people = [Named(row.id, (row.name, *aliases.get(row.id, ()))) for row in rows]
    return people, {row.id: (row.name, row.country) for row in rows}


def shown(person_id: int, names: dict[int, tuple[str, str | None]]) -> Shown:
    name, country = names[person_id]
    return Shown(person_id, name, country, url_for("person.details_view", id=person_id))


def suggestion(found: Likely, names: dict, back: str) -> Suggestion:
    pair = sorted((found.first, found.second))
    return Suggestion(
        shown(found.first, names),
        shown(found.second, names),
        (found.first_form, found.second_form),
        round(found.score),
        url_for("person.merge_view", id=pair, url=back),
    )


def suggestions_for(person_id: int) -> list[Suggestion]:
    """The people likely to be the person ``person_id`` (as ``second``), most alike first."""
    people, names = everyone()
    me = next((person for person in people if person.id == person_id), None)
    if me is None:
        return []
    back = url_for("person.details_view", id=person_id)
    return [suggestion(found, names, back) for found in duplicates_of(me, people)]


class DuplicatesView(SecureView):
    @expose("/")
    def index(self):
        people, names = everyone()
        back = url_for(".index")
        pairs = [suggestion(found, names, back) for found in likely_duplicates(people)]
        return self.render(
            "admin/people/duplicates.html",
            pairs=pairs[:PAGE_PAIRS],
            total=len(pairs),
            can_write=self.can_write,
        )


def add_views(admin) -> None:
    admin.add_view(
        DuplicatesView(name="Duplicates", endpoint="duplicates", url="/admin/duplicates")
    )
