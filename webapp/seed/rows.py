"""Writing many rows at once, what seeding remembers during a run, and what it did."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from dataclasses import field

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from webapp.ingest import normalise
from webapp.models import Article
from webapp.models import Person
from webapp.models import PersonAlias


def insert(
    connection: Connection, table: sa.Table, rows: list[dict], *, ids: bool = True
) -> list[int]:
    """Insert rows with one Core statement and return their ids, in order (unless ``ids`` is off).

    Seeding writes tens of rows per article; going through the unit of work
    for each would cost more than the extraction itself. The statements are
    built once and SQLAlchemy's compiled cache does the rest.
    """
    if not rows:
        return []
    if not ids or "id" not in table.c:
        connection.execute(_insert(table), rows)
        return []
    return list(connection.execute(_insert(table, returning=True), rows).scalars())


@functools.cache
def _insert(table: sa.Table, returning: bool = False) -> sa.Insert:
    statement = table.insert()
    return statement.returning(table.c.id, sort_by_parameter_order=True) if returning else statement


class SeedCache:
    """What seeding knows of the database, loaded once and kept current during a run.

    People by name and alias, sources by name, and the hashes of the articles
    already loaded. What was added since the last ``commit`` is forgotten by
    ``rollback``, so the cache never points at a row whose transaction failed.
    """

    def __init__(self, session: Session) -> None:
        self.ids: dict[str, int] = {}
        self.pending: list[str] = []
        self.sources: dict[str, int] = {}
        self.loaded: set[str] = set(session.scalars(sa.select(Article.sha256)))
        self.pending_articles: list[str] = []
        rows = session.execute(sa.select(Person.name, Person.id)).all()
        rows += session.execute(sa.select(PersonAlias.alias, PersonAlias.person_id)).all()
        for name, person_id in rows:
            self.ids.setdefault(normalise(name), person_id)

    def find(self, name: str) -> int | None:
        return self.ids.get(normalise(name))

    def add(self, name: str, person_id: int) -> None:
        key = normalise(name)
        if key not in self.ids:
            self.ids[key] = person_id
            self.pending.append(key)

    def add_article(self, sha256: str) -> None:
        self.loaded.add(sha256)
        self.pending_articles.append(sha256)

    def commit(self) -> None:
        self.pending.clear()
        self.pending_articles.clear()

    def rollback(self) -> None:
        for key in self.pending:
            del self.ids[key]
        self.loaded.difference_update(self.pending_articles)
        self.pending.clear()
        self.pending_articles.clear()
        self.sources.clear()


@dataclass
class Outcome:
    """What seeding one article did."""

    article_id: int
    reextracted: bool = False
    people: list[int] = field(default_factory=list)
    meetings: list[int] = field(default_factory=list)
    reported: list[int] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)
    mentions: int = 0
