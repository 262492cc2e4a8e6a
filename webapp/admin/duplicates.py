"""Likely duplicates: the page that lists them, and the suggestions on a person's page.

Both compare every person's name and aliases, by the extractor's own rule
(``webapp.ingest.people.duplicates``). Reading thousands of names costs more
than comparing them, so the names are kept between requests and read again
only when a cheap summary of the two tables (counts, highest ids, the
newest change to a person, the total length of the aliases) has changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

import sqlalchemy as sa
from flask import url_for
from flask_admin import expose

from webapp.admin.base import SecureView
from webapp.admin.base import fetch
from webapp.db import db
from webapp.ingest.people.duplicates import Likely
from webapp.ingest.people.duplicates import Named
from webapp.ingest.people.duplicates import NameIndex
from webapp.ingest.people.duplicates import duplicates_of
from webapp.ingest.people.duplicates import likely_duplicates
from webapp.models import Person
from webapp.models import PersonAlias

#: pairs listed on the duplicates page, the most alike first
PAGE_PAIRS = 200
NAMES = sa.select(Person.id, Person.name, Person.country).order_by(Person.id)
ALIASES = sa.select(PersonAlias.person_id, PersonAlias.alias).order_by(PersonAlias.id)
#: each a scalar subquery, so that SQLite answers the count and the maxima from indexes
SUMMARY = sa.select(
    sa.select(sa.func.count()).select_from(Person).scalar_subquery(),
    sa.select(sa.func.max(Person.id)).scalar_subquery(),
    sa.select(sa.func.max(Person.updated_at)).scalar_subquery(),
    sa.select(sa.func.count()).select_from(PersonAlias).scalar_subquery(),
    sa.select(sa.func.max(PersonAlias.id)).scalar_subquery(),
    sa.select(sa.func.sum(sa.func.length(PersonAlias.alias))).scalar_subquery(),
)
#: (database URL, summary) -> ``Everyone``, for the one summary last seen
_KEPT: dict[tuple, tuple] = {}


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


@dataclass(frozen=True)
class Everyone:
    people: list[Named]
    #: {id: (name, country)}
    names: dict[int, tuple[str, str | None]]
    index: NameIndex
    #: {id: the person's likely duplicates}, filled as people's pages are drawn
    suggested: dict[int, list[Likely]] = field(default_factory=dict)

    def duplicates_of(self, person_id: int) -> list[Likely]:
        """The people likely to be ``person_id``, worked out once while these names hold."""
        if person_id not in self.suggested:
            me = next(person for person in self.people if person.id == person_id)
            self.suggested[person_id] = duplicates_of(me, self.index)
        return self.suggested[person_id]


def everyone() -> Everyone:
    """Every person with their aliases: kept while the tables' summary stays the same."""
    key = (str(db.engine.url), tuple(fetch(SUMMARY)[0]))
    if key not in _KEPT:
        _KEPT.clear()
        _KEPT[key] = read_everyone()
    return _KEPT[key]


def read_everyone() -> Everyone:
    aliases: dict[int, list[str]] = {}
    for person_id, alias in fetch(ALIASES):
        aliases.setdefault(person_id, []).append(alias)
    rows = fetch(NAMES)
    people = [Named(row.id, (row.name, *aliases.get(row.id, ()))) for row in rows]
    names = {row.id: (row.name, row.country) for row in rows}
    return Everyone(people, names, NameIndex.of(people))


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
    known = everyone()
    if person_id not in known.names:
        return []
    back = url_for("person.details_view", id=person_id)
    return [suggestion(found, known.names, back) for found in known.duplicates_of(person_id)]


class DuplicatesView(SecureView):
    @expose("/")
    def index(self):
        known = everyone()
        back = url_for(".index")
        pairs = [suggestion(found, known.names, back) for found in likely_duplicates(known.people)]
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
