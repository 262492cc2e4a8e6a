"""The SQL page: editors only, one reading query, limits, CSV, and nothing ever written."""

from __future__ import annotations

import html
import re

import pytest
import sqlalchemy as sa
from flask import Flask

from tests.conftest import csrf_token
from tests.conftest import login
from tests.conftest import make_app
from tests.conftest import migrate
from tests.factories import add
from tests.factories import person
from tests.factories import user
from webapp import PROJECT_ROOT
from webapp.db import db
from webapp.models import Person

PAGE = "/admin/sql/"
QUERIES = re.findall(
    r"```sql\n(.*?)```", (PROJECT_ROOT / "docs" / "schema.md").read_text(), flags=re.S
)
PER_MONTH = next(q for q in QUERIES if "AS month" in q)
COUNTED = ("articles", "people", "meetings", "statements", "meeting_participants", "users")
NEVER_ENDS = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000000) "
    "SELECT count(*) FROM c"
)


@pytest.fixture
def app(seeded_app) -> Flask:
    """Every test here works on the seeded database."""
    return seeded_app


@pytest.fixture
def seeded(app, users) -> Flask:
    return app


@pytest.fixture
def editor(client, users):
    login(client, "eddie")
    return client


def run(client, sql: str, **extra):
    return client.post(PAGE, data={"csrf_token": csrf_token(client, PAGE), "sql": sql, **extra})


def results(response) -> list[list[str | None]]:
    """The result table's rows, unescaped; NULL cells as None."""
    body = response.get_data(as_text=True).split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [None if attrs else html.unescape(text) for attrs, text in cells]
        for cells in (
            re.findall(r'<td( class="null")?>(.*?)</td>', row, flags=re.S)
            for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
        )
    ]


def error_of(response) -> str:
    match = re.search(r'id="sql-error">(.*?)</div>', response.get_data(as_text=True), re.S)
    return html.unescape(match.group(1)) if match else ""


def row_counts(app) -> dict[str, int]:
    with app.app_context():
        return {
            table: db.session.scalar(sa.text(f"SELECT count(*) FROM {table}")) for table in COUNTED
        }


def test_anonymous_users_are_sent_to_log_in(client, users):
    for response in (client.get(PAGE), client.post(PAGE, data={"sql": "SELECT 1"})):
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")


def test_viewers_may_not_see_or_post(client, users):
    login(client, "vera")
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, data={"sql": "SELECT 1"}).status_code == 403
    assert f'href="{PAGE}"' not in client.get("/admin/").get_data(as_text=True)


@pytest.mark.parametrize("name", ["eddie", "ada"])
def test_editors_and_admins_get_the_form(client, users, name):
    login(client, name)
    page = client.get(PAGE).get_data(as_text=True)
    assert re.search(r'<textarea [^>]*id="sql" name="sql"', page)
    assert 'name="csrf_token"' in page
    assert f'href="{PAGE}"' in client.get("/admin/").get_data(as_text=True)


def test_a_query_in_the_address_fills_the_form_without_running(editor):
    page = editor.get(PAGE, query_string={"sql": "SELECT '<b>'"}).get_data(as_text=True)
    assert "SELECT &#39;&lt;b&gt;&#39;</textarea>" in page
    assert "<tbody>" not in page


def test_documented_meetings_per_month(seeded, editor):
    response = run(editor, PER_MONTH)
    assert response.status_code == 200
    assert '<th scope="col">month</th><th scope="col">meetings</th>' in response.get_data(
        as_text=True
    )
    # 003 reports two meetings on 2022-02-13; 000 and 002 report the same one on 2024-03-04.
    assert results(response) == [
        ["2022-02", "2"],
        ["2023-02", "1"],
        ["2024-02", "1"],
        ["2024-03", "1"],
    ]
    assert "4 rows." in response.get_data(as_text=True)


def test_every_documented_query_runs_on_the_page(seeded, editor):
    for query in QUERIES:
        response = run(editor, query)
        assert response.status_code == 200, (query, error_of(response))
        assert results(response), query


def test_values_are_escaped_and_nulls_marked(editor):
    response = run(editor, "SELECT '<script>alert(1)</script>' AS \"<i>\", NULL AS missing")
    page = response.get_data(as_text=True)
    assert "<script>alert" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert results(response) == [["<script>alert(1)</script>", None]]


def test_csv_download(seeded, editor):
    response = run(editor, PER_MONTH, format="csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert re.fullmatch(
        r'attachment; filename="parley-query-\d{8}-\d{6}\.csv"',
        response.headers["Content-Disposition"],
    )
    assert response.get_data(as_text=True) == (
        "month,meetings\r\n2022-02,2\r\n2023-02,1\r\n2024-02,1\r\n2024-03,1\r\n"
    )


def test_csv_of_a_refused_query_is_the_page_with_the_message(editor):
    response = run(editor, "DELETE FROM people", format="csv")
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert "DELETE" in error_of(response)


REFUSED = [
    ("INSERT INTO people (name) VALUES ('x')", "not INSERT"),
    ("UPDATE people SET name = 'x'", "not UPDATE"),
    ("DELETE FROM statements", "not DELETE"),
    ("REPLACE INTO sources (id, name) VALUES (1, 'x')", "not REPLACE"),
    ("CREATE TABLE t (x)", "not CREATE"),
    ("DROP TABLE statements", "not DROP"),
    ("ALTER TABLE people ADD COLUMN x", "not ALTER"),
    ("ATTACH DATABASE '/tmp/other.db' AS other", "ATTACH is not allowed"),
    ("DETACH DATABASE main", "DETACH is not allowed"),
    ("PRAGMA journal_mode = DELETE", "PRAGMA statements are not allowed"),
    ("PRAGMA query_only = OFF", "PRAGMA statements are not allowed"),
    ("pragma table_info(people)", "PRAGMA statements are not allowed"),
    ("VACUUM", "VACUUM is not allowed"),
    ("BEGIN", "not BEGIN"),
    ("SELECT 1; DELETE FROM statements", "Only one statement"),
    ("SELECT 1;;", "Only one statement"),
    ("WITH x AS (SELECT 1) DELETE FROM statements", "contains DELETE"),
    ("SELECT 1 AS x INTO t", "contains INTO"),
    ("SELECT load_extension('/tmp/x.so')", "load_extension() is not allowed"),
    ("", "Write a query first"),
    ("-- only a comment", "This is not a query"),
]


def test_refusals_say_why_and_change_nothing(seeded, editor):
    before = row_counts(seeded)
    for sql, message in REFUSED:
        response = run(editor, sql)
        assert response.status_code == 400, sql
        assert message in error_of(response), (sql, error_of(response))
    assert row_counts(seeded) == before


def test_semicolons_in_strings_and_comments_are_not_statements(seeded, editor):
    before = row_counts(seeded)
    for sql in (
        "SELECT 'a; DELETE FROM statements' AS s",
        "SELECT 'a; DELETE FROM statements' AS s;",
        "SELECT 'a; DELETE FROM statements' AS s -- ; DELETE FROM statements",
        "SELECT 'a; DELETE FROM statements' AS s /* ; DROP TABLE people */",
    ):
        response = run(editor, sql)
        assert response.status_code == 200, (sql, error_of(response))
        assert results(response) == [["a; DELETE FROM statements"]], sql
    assert row_counts(seeded) == before


def test_table_valued_pragmas_may_be_read(editor):
    response = run(editor, "SELECT name FROM pragma_table_info('sources') ORDER BY cid")
    assert response.status_code == 200, error_of(response)
    assert results(response) == [["id"], ["name"]]


def test_the_default_time_limit(editor):
    response = run(editor, NEVER_ENDS)
    assert response.status_code == 400
    assert "the query took longer than 1,000 ms" in error_of(response)


def test_the_time_limit_is_configurable(app, editor):
    app.config["SQL_TIME_LIMIT_MS"] = 50
    response = run(editor, NEVER_ENDS)
    assert "the query took longer than 50 ms" in error_of(response)
    assert "at most 50 ms" in editor.get(PAGE).get_data(as_text=True)


def count_to(n: int) -> str:
    return f"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {n}) " + (
        "SELECT x FROM c"
    )


def test_the_default_row_limit(editor):
    response = run(editor, count_to(1500))
    assert "First 1,000 rows shown" in response.get_data(as_text=True)
    rows = results(response)
    assert len(rows) == 1000
    assert rows[0] == ["1"] and rows[-1] == ["1000"]


def test_exactly_the_row_limit_is_not_truncated(editor):
    response = run(editor, count_to(1000))
    assert "1,000 rows." in response.get_data(as_text=True)
    assert "First" not in response.get_data(as_text=True)


def test_the_row_limit_is_configurable_and_applies_to_csv(app, editor):
    app.config["SQL_ROW_LIMIT"] = 3
    assert "First 3 rows shown" in run(editor, count_to(10)).get_data(as_text=True)
    response = run(editor, count_to(10), format="csv")
    assert response.get_data(as_text=True) == "x\r\n1\r\n2\r\n3\r\n"
    assert response.headers["X-Parley-Rows-Truncated"] == "3"


def test_a_post_without_the_csrf_token_is_refused(seeded, editor):
    before = row_counts(seeded)
    response = editor.post(PAGE, data={"sql": "SELECT 1"})
    assert response.status_code == 400
    assert "The form has expired" in error_of(response)
    assert row_counts(seeded) == before


def test_database_errors_are_shown(editor):
    response = run(editor, "SELECT * FROM no_such_table")
    assert response.status_code == 400
    assert error_of(response) == "The database said: no such table: no_such_table"


# -- PostgreSQL (and SQLite again) through any_app -----------------------------------------


@pytest.fixture
def any_editor(any_app):
    if any_app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # the test server's superuser stands in for the read-only login production needs
        any_app.config["SQL_DATABASE_URL"] = any_app.config["SQLALCHEMY_DATABASE_URI"]
    add(any_app, user("eddie"), person("Ana Example"), person("Bo Example"))
    client = any_app.test_client()
    login(client, "eddie")
    return client


def people_count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Person))


def test_any_backend_reads(any_app, any_editor):
    response = run(any_editor, "SELECT name FROM people ORDER BY name")
    assert response.status_code == 200, error_of(response)
    assert results(response) == [["Ana Example"], ["Bo Example"]]


def test_any_backend_refuses_writes(any_app, any_editor):
    for sql in ("DELETE FROM people", "WITH x AS (SELECT 1) DELETE FROM people"):
        response = run(any_editor, sql)
        assert response.status_code == 400
        assert "DELETE" in error_of(response)
    assert people_count(any_app) == 2


def test_any_backend_time_limit(any_app, any_editor):
    any_app.config["SQL_TIME_LIMIT_MS"] = 100
    response = run(any_editor, NEVER_ENDS)
    assert response.status_code == 400
    assert "the query took longer than 100 ms" in error_of(response)


@pytest.mark.postgres
@pytest.mark.parametrize("any_app", ["postgresql"], indirect=True)
def test_postgresql_read_only_transaction_stops_what_the_text_checks_let_through(
    any_app, any_editor
):
    for sql in (
        "SELECT setval(pg_get_serial_sequence('people', 'id'), 1000)",
        "SELECT nextval('people_id_seq')",
    ):
        response = run(any_editor, sql)
        assert response.status_code == 400
        assert "read-only" in error_of(response), error_of(response)
    response = run(any_editor, "SELECT query_to_xml('DELETE FROM people', true, false, '')")
    assert response.status_code == 400
    assert "DELETE is not allowed" in error_of(response)
    assert people_count(any_app) == 2
    with any_app.app_context():
        assert db.session.scalar(sa.text("SELECT nextval('people_id_seq')")) == 3


def test_password_hashes_read_as_null(editor):
    response = run(editor, "SELECT username, password_hash FROM users ORDER BY username")
    assert response.status_code == 200
    assert [row[0] for row in results(response)] == ["ada", "eddie", "vera"]
    assert "scrypt" not in response.get_data(as_text=True)


@pytest.mark.postgres
def test_postgresql_needs_a_login_of_its_own(postgres_url):
    app = make_app(postgres_url)
    migrate(app)
    add(app, user("eddie"))
    client = app.test_client()
    login(client, "eddie")
    response = run(client, "SELECT 1")
    assert response.status_code == 400
    assert "SQL_DATABASE_URL" in response.get_data(as_text=True)
    with app.app_context():
        db.engine.dispose()
