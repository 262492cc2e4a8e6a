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
    ids = ids and "id" in table.c
    if connection.dialect.driver == "pysqlite":
        return _sqlite_insert(connection, table, rows, ids)
    if not ids:
        connection.execute(_insert(table), rows)
        return []
    return list(connection.execute(_insert(table, returning=True), rows).scalars())


@functools.cache
def _insert(table: sa.Table, returning: bool = False) -> sa.Insert:
    statement = table.insert()
    return statement.returning(table.c.id, sort_by_parameter_order=True) if returning else statement


@dataclass(frozen=True)
class _Plan:
    """One INSERT as sqlite3 takes it: the SQL, and how each row becomes its parameters."""

    sql: str
    #: per column in the SQL: its key in a row (None when its default is used), the
    #: default's callable or value, and the type's bind processor
    columns: tuple[tuple[str | None, object, object], ...]

    def parameters(self, row: dict) -> tuple:
        values = []
        for key, default, process in self.columns:
            if key is not None:
                value = row[key]
            elif default.is_callable:
                value = default.arg(None)
            else:
                value = default.arg
            values.append(value if process is None or value is None else process(value))
        return tuple(values)


@functools.cache
def _plan(table: sa.Table, keys: tuple[str, ...], dialect: sa.Dialect) -> _Plan:
    """The INSERT of rows with these keys, and the Python-side defaults of the other columns.

    The same values SQLAlchemy's executemany would bind: the columns' own
    defaults for the keys a row lacks, each type's bind processor for the
    dialect (enums as their values, dates and times as SQLite stores them).
    """
    quote = dialect.identifier_preparer.quote
    columns = []
    for column in table.c:
        if column.key in keys:
            key, default = column.key, None
        elif column.default is not None and (
            column.default.is_scalar or column.default.is_callable
        ):
            key, default = None, column.default
        else:
            continue
        columns.append((key, default, column.type.dialect_impl(dialect).bind_processor(dialect)))
    names = ", ".join(
        quote(table.c[key].name) if key else quote(d.column.name) for key, d, _ in columns
    )
    marks = ", ".join("?" * len(columns))
    return _Plan(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", tuple(columns))


def _sqlite_insert(
    connection: Connection, table: sa.Table, rows: list[dict], ids: bool
) -> list[int]:
    """The rows inserted straight through sqlite3, in the connection's transaction.

    The rows of one article go through SQLAlchemy's execution several times
    an article at a cost greater than SQLite's own work; sqlite3 is given
    the same SQL and the same parameters, and ``lastrowid`` is each row's id.
    """
    plan = _plan(table, tuple(rows[0]), connection.dialect)
    parameters = [plan.parameters(row) for row in rows]
    cursor = connection.connection.driver_connection.cursor()
    try:
        if not ids:
            cursor.executemany(plan.sql, parameters)
            return []
        found = []
        for values in parameters:
            cursor.execute(plan.sql, values)
            found.append(cursor.lastrowid)
        return found
    except connection.dialect.loaded_dbapi.Error as error:
        # as SQLAlchemy raises it: a busy database is told from a bad row by its class
        raise sa.exc.DBAPIError.instance(
            plan.sql, parameters, error, connection.dialect.loaded_dbapi.Error
        ) from error
    finally:
        cursor.close()


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
