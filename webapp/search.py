"""Full-text search over article and statement text, and the row cap on counts and matches.

SQLite uses FTS5 external-content tables (``articles_fts``, ``statements_fts``)
kept in step by triggers; PostgreSQL uses a generated ``search_vector`` column
with a GIN index. Both are created by the migrations, not by the models, and
autogenerate is told to leave them alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy import text

#: table -> (full-text table, indexed columns)
FTS_TABLES = {
    "articles": ("articles_fts", ("title", "clean_text")),
    "statements": ("statements_fts", ("text",)),
}
SEARCH_COLUMN = "search_vector"

_FTS_SHADOW = re.compile(r"^(?:articles|statements)_fts(?:_\w+)?$")
_WORD = re.compile(r"\w+")


def is_search_object(name: str | None, type_: str) -> bool:
    """True for the FTS tables, their shadow tables, and the tsvector column and index."""
    if name is None:
        return False
    if type_ == "table":
        return bool(_FTS_SHADOW.match(name))
    return name == SEARCH_COLUMN or name.endswith("_" + SEARCH_COLUMN)


def fts5_query(user_query: str) -> str | None:
    """Turn what a person typed into a safe FTS5 query: every word required, prefix on the last.

    FTS5 has its own syntax (quotes, NEAR, column filters); quoting each word
    means no input can make the query fail to parse.
    """
    words = _WORD.findall(user_query)[:32]
    if not words:
        return None
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def rebuild(connection: Connection) -> None:
    """Rebuild the SQLite full-text tables; PostgreSQL's generated column is always current."""
    if connection.dialect.name != "sqlite":
        return
    for fts_table, _columns in FTS_TABLES.values():
        connection.execute(text(f"INSERT INTO {fts_table}({fts_table}) VALUES ('rebuild')"))


def integrity_problems(connection: Connection) -> list[str]:
    """Names the FTS tables that no longer match their content (SQLite only)."""
    problems = []
    if connection.dialect.name != "sqlite":
        return problems
    for table, (fts_table, _columns) in FTS_TABLES.items():
        try:
            connection.execute(
                text(f"INSERT INTO {fts_table}({fts_table}, rank) VALUES ('integrity-check', 1)")
            )
        except sa.exc.DatabaseError as error:
            problems.append(f"{fts_table} is out of step with {table} ({error.orig})")
    return problems


#: counts and searches stop after this many rows, Datasette's rule: "10,000+" is an answer
ROW_CAP = 10_000


def capped_count(session, rows, cap: int = ROW_CAP) -> int:
    """How many rows ``rows`` (a SELECT or a Query) gives, counted up to ``cap + 1`` at most.

    ``SELECT count(*) FROM (... LIMIT cap + 1)`` never reads more rows than
    that; a count above ``cap`` reads as "10,000+".
    """
    limited = rows.limit(cap + 1).subquery()
    return session.scalar(sa.select(sa.func.count()).select_from(limited)) or 0


def matching_ids(session, table: str, user_query: str) -> sa.Select:
    """A SELECT of the ids of the newest ``ROW_CAP + 1`` rows of ``table`` matching the query.

    Capping the matches keeps a search on a common word from sorting the whole
    table; the list then says "10,000+" and the editor narrows the search.
    """
    if session.get_bind().dialect.name == "sqlite":
        fts_table = FTS_TABLES[table][0]
        query = fts5_query(user_query) or '""'
        return (
            sa.select(sa.column("rowid"))
            .select_from(sa.table(fts_table))
            .where(sa.text(f"{fts_table} MATCH :fts_query").bindparams(fts_query=query))
            .order_by(sa.column("rowid").desc())
            .limit(ROW_CAP + 1)
        )
    return (
        sa.select(sa.column("id"))
        .select_from(sa.table(table))
        .order_by(sa.column("id").desc())
        .limit(ROW_CAP + 1)
        .where(
            sa.text("search_vector @@ websearch_to_tsquery('english', :ts_query)").bindparams(
                ts_query=user_query
            )
        )
    )


@dataclass(frozen=True)
class Matches:
    """The newest ``ROW_CAP + 1`` rows of a table that match a search, found once.

    ``ids`` is None on PostgreSQL, where ``condition`` is a subquery instead.
    """

    ids: list[int] | None
    subquery: sa.Select

    @property
    def count(self) -> int | None:
        """How many rows match, up to ``ROW_CAP + 1``; None when unknown here (PostgreSQL)."""
        return None if self.ids is None else len(self.ids)

    def condition(self, key, dense: bool = False) -> sa.ColumnElement[bool]:
        """``key`` (the table's integer primary key) is one of the matches.

        On SQLite the ids travel as one JSON parameter rather than as a
        subquery, so that the full-text query is not run again. SQLite then
        looks every match up to sort them (about 3 µs each); when the matches
        are ``dense`` (a twentieth of the table or more), reading the list's
        sort index and keeping the matches until the page is full is cheaper,
        and ``key + 0``, which no index serves, steers SQLite to that plan.
        """
        if self.ids is None:
            return key.in_(self.subquery)
        return (key + 0 if dense else key).in_(json_ids(self.ids))

    def page(self, key, offset: int, size: int) -> sa.ColumnElement[bool]:
        """``key`` is one of the matches on the page at ``offset``, newest first (SQLite only).

        The matches are already the newest first, so a list in that order
        needs only these rows, and looks up a page of them, not all.
        """
        return key.in_(json_ids(self.ids[offset : offset + size]))


def json_ids(ids: list[int]) -> sa.Select:
    """SELECT value FROM json_each(?): a list of ids as one parameter (SQLite)."""
    return sa.select(sa.column("value")).select_from(sa.func.json_each(json.dumps(ids)))


def find(session, table: str, user_query: str) -> Matches:
    """Run a search once: on SQLite the ids of the newest matches, read from the FTS table."""
    found = matching_ids(session, table, user_query)
    if session.get_bind().dialect.name != "sqlite":
        return Matches(None, found)
    return Matches(session.scalars(found).all(), found)
