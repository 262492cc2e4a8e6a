"""Run one query that reads, on its own read-only connection, within a time and row limit.

The text checks below only give a clear message early. The real guard is the
connection: a SQLite file opened with ``mode=ro`` and ``query_only``, with
ATTACH impossible and an authorizer that refuses PRAGMAs that set something;
on PostgreSQL a new connection in a ``READ ONLY`` transaction, read through a
cursor (which takes one SELECT and nothing that writes) and rolled back.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from webapp import config

MAX_SQL_LENGTH = 20_000
#: SQLite calls the progress handler every this many virtual machine instructions (~0.1 ms)
PROGRESS_STEPS = 1000

READING_STARTS = frozenset({"SELECT", "WITH", "VALUES", "EXPLAIN"})
WRITING_WORDS = frozenset(
    ("INSERT UPDATE DELETE REPLACE CREATE DROP ALTER TRUNCATE INTO REINDEX").split()
)
#: functions that read files, load code, or change settings or other sessions
REFUSED_FUNCTIONS = frozenset(
    (
        "load_extension fts3_tokenizer readfile writefile set_config pg_read_file "
        "pg_read_binary_file pg_ls_dir pg_stat_file pg_terminate_backend "
        "pg_cancel_backend pg_reload_conf pg_rotate_logfile pg_notify lo_import lo_export"
    ).split()
)
#: PRAGMAs that only ever report (SQLite's own FTS5 reads ``data_version``)
READING_PRAGMAS = frozenset(
    (
        "data_version table_info table_xinfo table_list index_list index_info index_xinfo "
        "foreign_key_list function_list collation_list database_list pragma_list "
        "module_list compile_options"
    ).split()
)

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>--[^\n]*|/\*.*?(?:\*/|\Z))
    | (?P<string>[Ee]'(?:[^'\\]|\\.|'')*(?:'|\Z)|'(?:[^']|'')*(?:'|\Z))
    | (?P<dollar>\$(?P<tag>[A-Za-z_]\w*)?\$.*?(?:\$(?P=tag)\$|\Z))
    | (?P<quoted>"(?:[^"]|"")*(?:"|\Z)|`(?:[^`]|``)*(?:`|\Z)|\[[^\]]*(?:\]|\Z))
    | (?P<word>[A-Za-z_][\w$]*)
    | (?P<semicolon>;)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class QueryError(Exception):
    """A query that did not run; the message is written for the person who wrote it."""


class QueryRefused(QueryError):
    """The query would write, reach outside this database, or is not one statement."""


class QueryTimedOut(QueryError):
    pass


@dataclass(frozen=True)
class Result:
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    #: more rows exist than ``row_limit``; only the first ``row_limit`` are in ``rows``
    truncated: bool
    row_limit: int


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


def tokens(sql: str) -> Iterator[Token]:
    """The statement's tokens, without spaces and comments; strings and quoted names stay whole."""
    for match in _TOKEN.finditer(sql):
        kind = match.lastgroup or "other"
        if kind == "tag":
            kind = "dollar"
        if kind not in ("space", "comment"):
            yield Token(kind, match.group(kind))


def check(sql: str) -> str:
    """The query to run (one reading statement, without a final semicolon), or QueryRefused."""
    sql = sql.strip()
    if not sql:
        raise QueryRefused("Write a query first.")
    if len(sql) > MAX_SQL_LENGTH:
        raise QueryRefused(f"The query is longer than {MAX_SQL_LENGTH:,} characters.")
    found = list(tokens(sql))
    ends = [i for i, token in enumerate(found) if token.kind == "semicolon"]
    if ends and ends[0] != len(found) - 1:
        raise QueryRefused("Only one statement can be run at a time: remove what follows the ;")
    words = [token.text.upper() for token in found if token.kind == "word"]
    if not words:
        raise QueryRefused("This is not a query: start it with SELECT or WITH.")
    first = words[0]
    if first == "PRAGMA":
        raise QueryRefused(
            "PRAGMA statements are not allowed here, as they can change settings. Read one "
            "with its table-valued function: SELECT * FROM pragma_table_info('people')."
        )
    if first in ("ATTACH", "DETACH"):
        raise QueryRefused(f"{first} is not allowed: only this database can be queried here.")
    if first == "VACUUM":
        raise QueryRefused("VACUUM is not allowed: it rewrites the database.")
    if first not in READING_STARTS:
        raise QueryRefused(
            f"Only queries that read can be run here (SELECT, WITH, VALUES or EXPLAIN), "
            f"not {first}."
        )
    for index, token in enumerate(found):
        word = token.text.upper() if token.kind == "word" else ""
        is_call = index + 1 < len(found) and found[index + 1].text == "("
        if word in WRITING_WORDS and not (word == "REPLACE" and is_call):
            raise QueryRefused(f"This query contains {word}, which changes the database.")
        if word in ("ATTACH", "DETACH", "PRAGMA", "VACUUM"):
            raise QueryRefused(f"{word} is not allowed here.")
        if is_call and token.kind == "word" and token.text.lower() in REFUSED_FUNCTIONS:
            raise QueryRefused(f"The function {token.text}() is not allowed here.")
    return sql[:-1].rstrip() if ends else sql


def run(
    database_url: str | sa.URL,
    sql: str,
    *,
    time_limit_ms: int = config.SQL_TIME_LIMIT_MS,
    row_limit: int = config.SQL_ROW_LIMIT,
) -> Result:
    """Check ``sql`` and run it read-only against the database at ``database_url``.

    The limits default to the SQL page's, from ``webapp.config``.
    """
    query = check(sql)
    url = sa.make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise QueryError("Queries need a database file; this app uses an in-memory database.")
        return run_sqlite(url.database, query, time_limit_ms=time_limit_ms, row_limit=row_limit)
    if url.get_backend_name() == "postgresql":
        return run_postgresql(url, query, time_limit_ms=time_limit_ms, row_limit=row_limit)
    raise QueryError(f"Queries cannot be run on a {url.get_backend_name()} database.")


def took_too_long(time_limit_ms: int) -> QueryTimedOut:
    return QueryTimedOut(
        f"Stopped: the query took longer than {time_limit_ms:,} ms. Narrow it down "
        "(a WHERE on an indexed column, a LIMIT) and try again."
    )


def read_only_refusal(detail: str) -> QueryRefused:
    return QueryRefused(f"The database is read-only here and refused the query ({detail}).")


#: (table, column) pairs the page never shows: they read as NULL
HIDDEN_COLUMNS = frozenset({("users", "password_hash")})


def _authorize(action: int, arg1: str | None, arg2: str | None, _db: str | None, _trigger) -> int:
    """SQLite's second guard: no settings changed, nothing attached, no transaction control."""
    if action == sqlite3.SQLITE_READ and ((arg1 or "").lower(), (arg2 or "").lower()) in (
        HIDDEN_COLUMNS
    ):
        return sqlite3.SQLITE_IGNORE
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() not in READING_PRAGMAS:
        return sqlite3.SQLITE_DENY
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    if action in (sqlite3.SQLITE_TRANSACTION, sqlite3.SQLITE_SAVEPOINT):
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in REFUSED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def open_sqlite(path: str, time_limit_ms: int) -> sqlite3.Connection:
    """A read-only connection to the SQLite file that interrupts any query after the limit."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    connection = sqlite3.connect(uri, uri=True, timeout=time_limit_ms / 1000)
    connection.execute("PRAGMA query_only = ON")
    connection.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    connection.set_authorizer(_authorize)
    deadline = time.monotonic() + time_limit_ms / 1000
    connection.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
    return connection


def run_sqlite(path: str, sql: str, *, time_limit_ms: int, row_limit: int) -> Result:
    """Run ``sql`` as it is (no checks) on a read-only connection to the SQLite file."""
    started = time.monotonic()
    try:
        connection = open_sqlite(path, time_limit_ms)
    except sqlite3.Error as error:
        raise QueryError(f"The database could not be opened: {error}") from error
    try:
        cursor = connection.execute(sql)
        rows = cursor.fetchmany(row_limit + 1)
    except (sqlite3.Error, sqlite3.Warning) as error:
        message = str(error)
        if message == "interrupted" and time.monotonic() - started >= time_limit_ms / 1000:
            raise took_too_long(time_limit_ms) from error
        if any(word in message for word in ("readonly", "authoriz", "attached")):
            raise read_only_refusal(message) from error
        raise QueryError(f"The database said: {message}") from error
    finally:
        connection.rollback()
        connection.close()
    columns = tuple(column[0] for column in cursor.description or ())
    return Result(columns, rows[:row_limit], len(rows) > row_limit, row_limit)


@functools.cache
def _postgres_engine(url: sa.URL) -> sa.Engine:
    """Connections for queries: never pooled, so no setting outlives its query."""
    return sa.create_engine(url, poolclass=NullPool)


def run_postgresql(url: sa.URL, sql: str, *, time_limit_ms: int, row_limit: int) -> Result:
    """Run ``sql`` as it is (no checks) in a new read-only transaction, then roll it back."""
    import psycopg
    from psycopg import errors

    first = next((t.text.upper() for t in tokens(sql) if t.kind == "word"), "")
    if first == "EXPLAIN":
        raise QueryRefused(
            "EXPLAIN cannot be run here on PostgreSQL: queries are read through a cursor, "
            "which takes SELECT, WITH … SELECT and VALUES."
        )
    try:
        raw = _postgres_engine(url).raw_connection()
    except sa.exc.DBAPIError as error:
        raise QueryError(f"The database could not be reached: {error.orig}") from error
    try:
        connection = raw.driver_connection
        with connection.cursor() as setup:
            setup.execute("SET TRANSACTION READ ONLY")
            setup.execute(f"SET LOCAL statement_timeout = {int(time_limit_ms)}")
        with connection.cursor(name="parley_query") as cursor:
            try:
                cursor.execute(sql)
                columns = tuple(column.name for column in cursor.description or ())
                rows = cursor.fetchmany(row_limit + 1)
            except errors.QueryCanceled as error:
                raise took_too_long(time_limit_ms) from error
            except (errors.ReadOnlySqlTransaction, errors.ActiveSqlTransaction) as error:
                raise read_only_refusal(error.diag.message_primary or str(error)) from error
            except psycopg.Error as error:
                raise QueryError(
                    f"The database said: {error.diag.message_primary or error}"
                ) from error
        return Result(
            columns, [tuple(row) for row in rows[:row_limit]], len(rows) > row_limit, row_limit
        )
    finally:
        try:
            raw.rollback()
        finally:
            raw.close()
