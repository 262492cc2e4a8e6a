"""`backup` and `check`: consistent copies, and every kind of finding."""

import json
import sqlite3
import threading

import pytest
import sqlalchemy as sa

from tests.conftest import make_app
from tests.conftest import migrate
from webapp.db import db
from webapp.models import Person


@pytest.fixture
def seeded(app, runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    return app


def database_file(app):
    return app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")


def raw(app):
    """A plain sqlite3 connection without foreign keys, to break things on purpose."""
    return sqlite3.connect(database_file(app), isolation_level=None)


def test_a_seeded_database_is_clean(seeded, runner):
    result = runner.invoke(args=["check"])
    assert result.exit_code == 0, result.output
    assert "No problems found." in result.output


def test_a_statement_whose_text_left_its_span(seeded, runner):
    raw(seeded).execute("UPDATE statements SET text = 'not these words' WHERE id = 2")
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert "statement spans: 1 spans do not match" in result.output
    assert "statement 2 in article" in result.output


def test_a_mention_past_the_end_of_its_article(seeded, runner):
    raw(seeded).execute("UPDATE mentions SET end_char = 999999 WHERE id = 1")
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert "mention spans" in result.output


def test_a_broken_foreign_key(seeded, runner):
    raw(seeded).execute("UPDATE statements SET speaker_id = 424242 WHERE id = 1")
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert "foreign keys: 1 rows point at missing rows" in result.output


def test_full_text_out_of_step_is_found_and_repaired(seeded, runner):
    connection = raw(seeded)
    connection.execute("INSERT INTO statements_fts(rowid, text) VALUES (1, 'stray words')")
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert "statements_fts is out of step with statements" in result.output
    result = runner.invoke(args=["check", "--repair"])
    assert "Rebuilt the full-text index." in result.output
    assert "statements_fts" not in result.output.split("Rebuilt the full-text index.")[1]


def test_orphans_are_listed_not_deleted(seeded, runner):
    connection = raw(seeded)
    connection.execute(
        "INSERT INTO meetings (id, confidence, review_status, version_id, created_at, updated_at)"
        " VALUES (900, 0.5, 'unreviewed', 1, '2024-01-01', '2024-01-01')"
    )
    connection.execute(
        "INSERT INTO people (id, name, review_status, version_id, created_at, updated_at)"
        " VALUES (901, 'Nobody At All', 'unreviewed', 1, '2024-01-01', '2024-01-01')"
    )
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert "meetings without a report: 1 found\n  id 900" in result.output
    assert "people without a mention, statement or position: 1 found\n  id 901" in result.output
    assert connection.execute("SELECT count(*) FROM meetings WHERE id = 900").fetchone() == (1,)


def test_backup_while_writing_then_restore(seeded, runner, tmp_path):
    """A copy taken while another connection writes is consistent and restores identically."""
    stop = threading.Event()

    def write():
        connection = raw(seeded)
        n = 0
        while not stop.is_set():
            connection.execute("UPDATE people SET notes = ? WHERE id = 1", (f"note {n}",))
            n += 1

    writer = threading.Thread(target=write)
    writer.start()
    try:
        result = runner.invoke(args=["backup", str(tmp_path / "copy.db")])
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0, result.output
    assert "integrity check ok" in result.output

    restored = make_app(f"sqlite:///{tmp_path / 'copy.db'}")
    restored_runner = restored.test_cli_runner()
    assert restored_runner.invoke(args=["check"]).exit_code == 0
    original = json.loads(runner.invoke(args=["export"]).output)
    copy = json.loads(restored_runner.invoke(args=["export"]).output)
    assert copy == original
    with restored.app_context():
        db.engine.dispose()


def test_backup_refuses_to_overwrite(seeded, runner, tmp_path):
    (tmp_path / "there.db").write_text("keep me")
    result = runner.invoke(args=["backup", str(tmp_path / "there.db")])
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert (tmp_path / "there.db").read_text() == "keep me"


@pytest.mark.postgres
def test_backup_on_postgresql_names_pg_dump(postgres_url, tmp_path):
    app = make_app(postgres_url)
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "x.dump")])
    assert result.exit_code == 2
    assert "pg_dump --format=custom" in result.output
    assert sa.make_url(postgres_url).database in result.output


@pytest.mark.postgres
def test_copy_from_sqlite_to_postgresql_moves_every_row(seeded, runner, postgres_url):
    target = make_app(postgres_url)
    migrate(target)
    result = runner.invoke(args=["copy-to", postgres_url])
    assert result.exit_code == 0, result.output
    assert "statements: " in result.output
    target_runner = target.test_cli_runner()
    assert json.loads(target_runner.invoke(args=["export"]).output) == json.loads(
        runner.invoke(args=["export"]).output
    )
    assert target_runner.invoke(args=["check"]).exit_code == 0
    with target.app_context():
        new = Person(name="Created After The Move")
        db.session.add(new)
        db.session.commit()
        assert new.id > db.session.scalar(sa.select(sa.func.count()).select_from(Person)) - 1
        db.session.remove()
        db.engine.dispose()


@pytest.mark.postgres
def test_copy_refuses_a_target_without_the_schema_or_with_rows(seeded, runner, postgres_url):
    result = runner.invoke(args=["copy-to", postgres_url])
    assert result.exit_code == 1
    assert "db upgrade" in result.output
    target = make_app(postgres_url)
    migrate(target)
    assert runner.invoke(args=["copy-to", postgres_url]).exit_code == 0
    result = runner.invoke(args=["copy-to", postgres_url])
    assert result.exit_code == 1
    assert "is not empty" in result.output
    with target.app_context():
        db.engine.dispose()
