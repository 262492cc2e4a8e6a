"""The read-only query runner: the text checks, and the connection that holds when they miss."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from tests.conftest import make_app
from tests.conftest import migrate
from webapp import readonly
from webapp.db import db
from webapp.models import Person
from webapp.readonly import QueryError
from webapp.readonly import QueryRefused
from webapp.readonly import QueryTimedOut
from webapp.readonly import check

NEVER_ENDS = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
)

# -- the text checks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "kept"),
    [
        ("  SELECT 1 ;  ", "SELECT 1"),
        ("select 'a;b'", "select 'a;b'"),
        ("SELECT 'it''s; fine'", "SELECT 'it''s; fine'"),
        ('SELECT 1 AS "x;y"', 'SELECT 1 AS "x;y"'),
        ("SELECT 1 AS [delete]", "SELECT 1 AS [delete]"),
        ("SELECT 1 -- ; DROP TABLE people\n", "SELECT 1 -- ; DROP TABLE people"),
        ("SELECT 1 /* ; DELETE */ ;", "SELECT 1 /* ; DELETE */"),
        ("SELECT $$a; DELETE$$", "SELECT $$a; DELETE$$"),
        ("SELECT E'\\'; DELETE'", "SELECT E'\\'; DELETE'"),
        ("WITH t AS (SELECT 1) SELECT * FROM t", "WITH t AS (SELECT 1) SELECT * FROM t"),
        ("VALUES (1), (2)", "VALUES (1), (2)"),
        ("EXPLAIN QUERY PLAN SELECT 1", "EXPLAIN QUERY PLAN SELECT 1"),
        (
            "SELECT replace(name, 'a', 'b') FROM people",
            "SELECT replace(name, 'a', 'b') FROM people",
        ),
        ("SELECT updated_at, deleted FROM x", "SELECT updated_at, deleted FROM x"),
    ],
)
def test_queries_that_read_pass(sql, kept):
    assert check(sql) == kept


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("", "Write a query first"),
        ("SELECT 1; SELECT 2", "Only one statement"),
        ("SELECT 'x'; DELETE FROM people", "Only one statement"),
        ("SELECT 1 ; -- fine\n ; ", "Only one statement"),
        ("delete from people", "not DELETE"),
        ("Insert into people (name) values ('x')", "not INSERT"),
        ("WITH x AS (SELECT 1) DELETE FROM people", "contains DELETE"),
        ("WITH x AS (SELECT 1) INSERT INTO people (name) SELECT 'x'", "contains INSERT"),
        ("SELECT 1 INTO copy", "contains INTO"),
        ("SELECT * FROM people FOR UPDATE", "contains UPDATE"),
        ("PRAGMA query_only = OFF", "PRAGMA statements are not allowed"),
        ("EXPLAIN PRAGMA journal_mode = DELETE", "PRAGMA is not allowed"),
        ("ATTACH 'x.db' AS x", "ATTACH is not allowed"),
        ("DETACH x", "DETACH is not allowed"),
        ("VACUUM INTO '/tmp/copy.db'", "VACUUM is not allowed"),
        ("BEGIN IMMEDIATE", "not BEGIN"),
        ("SELECT load_extension('x')", "load_extension() is not allowed"),
        ("SELECT set_config('statement_timeout', '0', true)", "set_config() is not allowed"),
        ("SELECT pg_read_file('/etc/passwd')", "pg_read_file() is not allowed"),
        ("SELECT " + "1" * readonly.MAX_SQL_LENGTH, "longer than 20,000 characters"),
    ],
)
def test_queries_that_write_or_reach_out_are_refused(sql, message):
    with pytest.raises(QueryRefused) as refused:
        check(sql)
    assert message in str(refused.value)


# -- SQLite: the connection is the real guard --------------------------------------------------


@pytest.fixture
def database(app) -> str:
    with app.app_context():
        db.session.add_all([Person(name="Ana Example"), Person(name="Bo Example")])
        db.session.commit()
        return db.engine.url.database


def people(app) -> list[str]:
    with app.app_context():
        return db.session.scalars(sa.select(Person.name).order_by(Person.name)).all()


def run_unchecked(path: str, sql: str, **limits) -> readonly.Result:
    return readonly.run_sqlite(path, sql, **({"time_limit_ms": 1000, "row_limit": 10} | limits))


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("WITH x AS (SELECT 1) DELETE FROM people", "attempt to write a readonly database"),
        # sqlite3 opens a transaction before these, which the authorizer refuses first
        ("DELETE FROM people", "not authorized"),
        ("UPDATE people SET name = 'x'", "not authorized"),
        ("CREATE TEMP TABLE t (x)", "attempt to write a readonly database"),
        ("DROP TABLE people", "attempt to write a readonly database"),
        ("PRAGMA query_only = OFF", "not authorized"),
        ("PRAGMA journal_mode = DELETE", "not authorized"),
        ("ATTACH ':memory:' AS other", "not authorized"),
        ("VACUUM", "authorization denied"),
        ("BEGIN", "not authorized"),
        ("SELECT load_extension('x')", "not authorized to use function: load_extension"),
    ],
)
def test_writes_past_the_text_checks_are_refused_by_the_connection(app, database, sql, reason):
    with pytest.raises(QueryRefused) as refused:
        run_unchecked(database, sql)
    assert str(refused.value) == f"The database is read-only here and refused the query ({reason})."
    assert people(app) == ["Ana Example", "Bo Example"]
    with app.app_context():
        assert db.session.scalar(sa.text("PRAGMA journal_mode")) == "wal"


def test_a_string_left_open_hides_nothing(app, database):
    """The tokenizer reads an unclosed string to the end; SQLite then rejects the query."""
    with pytest.raises(QueryError, match="unrecognized token"):
        readonly.run(f"sqlite:///{database}", "SELECT 'a; DELETE FROM people")
    assert people(app) == ["Ana Example", "Bo Example"]


def test_two_statements_past_the_text_checks_are_refused(app, database):
    with pytest.raises(QueryError, match="one statement at a time"):
        run_unchecked(database, "SELECT 1; DELETE FROM people")
    assert people(app) == ["Ana Example", "Bo Example"]


def test_reading_pragmas_and_full_text_search_work(database):
    result = run_unchecked(database, "SELECT name FROM pragma_table_info('sources') ORDER BY cid")
    assert result.rows == [("id",), ("name",)]
    assert run_unchecked(database, "SELECT count(*) FROM statements_fts").rows == [(0,)]


def test_time_limit(database):
    with pytest.raises(QueryTimedOut, match="took longer than 20 ms"):
        run_unchecked(database, NEVER_ENDS, time_limit_ms=20)


def test_row_limit(database):
    result = run_unchecked(database, "SELECT name FROM people ORDER BY name", row_limit=1)
    assert result == readonly.Result(("name",), [("Ana Example",)], True, 1)
    result = run_unchecked(database, "SELECT name FROM people ORDER BY name", row_limit=2)
    assert (result.rows, result.truncated) == ([("Ana Example",), ("Bo Example",)], False)


def test_the_app_writes_and_reads_while_a_query_is_reading(app, database):
    """WAL: an open read on the query connection blocks neither the app's writes nor reads."""
    reader = readonly.open_sqlite(database, time_limit_ms=5000)
    try:
        cursor = reader.execute("SELECT name FROM people ORDER BY name")
        assert cursor.fetchone() == ("Ana Example",)
        with app.app_context():
            db.session.add(Person(name="Cy Example"))
            db.session.commit()
        assert people(app) == ["Ana Example", "Bo Example", "Cy Example"]
        assert cursor.fetchall() == [("Bo Example",)]
    finally:
        reader.close()
    assert run_unchecked(database, "SELECT count(*) FROM people").rows == [(3,)]


def test_a_missing_file_is_not_created(tmp_path):
    missing = tmp_path / "missing.db"
    with pytest.raises(QueryError, match="could not be opened"):
        readonly.run(f"sqlite:///{missing}", "SELECT 1")
    assert not missing.exists()


def test_an_in_memory_database_cannot_be_queried():
    with pytest.raises(QueryError, match="in-memory"):
        readonly.run("sqlite://", "SELECT 1")


def test_the_query_connection_is_read_only_at_the_file_level(database):
    connection = readonly.open_sqlite(database, time_limit_ms=1000)
    try:
        connection.set_authorizer(None)
        connection.execute("PRAGMA query_only = OFF")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            connection.execute("DELETE FROM people")
    finally:
        connection.close()


# -- PostgreSQL ---------------------------------------------------------------------------------


@pytest.fixture
def postgres(postgres_url):
    app = make_app(postgres_url)
    migrate(app)
    with app.app_context():
        db.session.add_all([Person(name="Ana Example"), Person(name="Bo Example")])
        db.session.commit()
    yield app, sa.make_url(postgres_url)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def run_postgres(url, sql: str, **limits) -> readonly.Result:
    return readonly.run_postgresql(url, sql, **({"time_limit_ms": 1000, "row_limit": 10} | limits))


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("SELECT nextval('people_id_seq')", "cannot execute nextval() in a read-only transaction"),
        ("SELECT set_config('transaction_read_only', 'off', true)", "must be set before any query"),
    ],
)
def test_postgresql_writes_past_the_text_checks_are_refused(postgres, sql, reason):
    app, url = postgres
    with pytest.raises(QueryRefused, match="read-only here") as refused:
        run_postgres(url, sql)
    assert reason in str(refused.value)
    assert people(app) == ["Ana Example", "Bo Example"]


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM people",
        "WITH x AS (SELECT 1) DELETE FROM people",
        "SELECT 1; DELETE FROM people",
        "SELECT query_to_xml('DELETE FROM people', true, false, '')",
    ],
)
def test_postgresql_cursor_takes_no_writes(postgres, sql):
    app, url = postgres
    with pytest.raises(QueryError):
        run_postgres(url, sql)
    assert people(app) == ["Ana Example", "Bo Example"]


@pytest.mark.postgres
def test_postgresql_large_objects_are_rolled_back(postgres):
    app, url = postgres
    assert run_postgres(url, "SELECT lo_create(0) > 0").rows == [(True,)]
    with app.app_context():
        assert db.session.scalar(sa.text("SELECT count(*) FROM pg_largeobject_metadata")) == 0


@pytest.mark.postgres
def test_postgresql_limits(postgres):
    _, url = postgres
    with pytest.raises(QueryTimedOut, match="took longer than 50 ms"):
        run_postgres(url, "SELECT pg_sleep(5)", time_limit_ms=50)
    result = run_postgres(url, "SELECT x FROM generate_series(1, 5000) AS x", row_limit=2)
    assert (result.columns, result.rows, result.truncated) == (("x",), [(1,), (2,)], True)
    with pytest.raises(QueryRefused, match="EXPLAIN cannot be run here on PostgreSQL"):
        readonly.run(url, "EXPLAIN SELECT 1")
