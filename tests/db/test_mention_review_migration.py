"""76a33ebb3fd7 gives mentions a review status and a version, on SQLite and PostgreSQL."""

import pytest
import sqlalchemy as sa
from alembic import command

from tests.conftest import alembic_config
from webapp.db import db

BEFORE = "b7d2e5a41c90"
MENTION_COLUMNS = {"review_status", "version_id"}


def columns(app) -> set[str]:
    with app.app_context():
        found = {column["name"] for column in sa.inspect(db.engine).get_columns("mentions")}
        db.engine.dispose()
    return found


def run(app, sql: str, **values) -> list | None:
    """Run one statement in its own transaction; its rows, if it returns any."""
    with app.app_context():
        with db.engine.begin() as connection:
            result = connection.execute(sa.text(sql), values)
            rows = result.all() if result.returns_rows else None
        db.engine.dispose()
    return rows


def test_mentions_seeded_before_are_unreviewed_at_version_one(any_app):
    config = alembic_config(any_app)
    with any_app.app_context():
        command.downgrade(config, BEFORE)
        db.engine.dispose()
    assert not columns(any_app) & MENTION_COLUMNS
    run(
        any_app,
        "INSERT INTO articles (id, file, sha256, raw_text, clean_text, review_status,"
        " version_id, created_at, updated_at) VALUES (1, 'a.txt', :sha, 'Putin spoke',"
        " 'Putin spoke', 'unreviewed', 1, '2026-01-01', '2026-01-01')",
        sha="a" * 64,
    )
    run(
        any_app,
        "INSERT INTO people (id, name, review_status, version_id, created_at,"
        " updated_at) VALUES (1, 'Vladimir Putin', 'reviewed', 1, '2026-01-01', '2026-01-01')",
    )
    run(
        any_app,
        "INSERT INTO mentions (id, article_id, person_id, start_char, end_char, how,"
        " confidence) VALUES (1, 1, 1, 0, 5, 'name', 1.0)",
    )

    with any_app.app_context():
        command.upgrade(config, "head")
        db.engine.dispose()
    assert MENTION_COLUMNS <= columns(any_app)
    assert run(any_app, "SELECT review_status, version_id FROM mentions") == [("unreviewed", 1)]
    with pytest.raises(sa.exc.IntegrityError):
        run(any_app, "UPDATE mentions SET review_status = 'maybe'")
    count = "SELECT person_count FROM article_details"
    assert run(any_app, count) == [(1,)]
    run(any_app, "UPDATE mentions SET review_status = 'rejected'")
    assert run(any_app, count) == [(0,)]  # a rejected mention names nobody

    with any_app.app_context():
        command.downgrade(config, BEFORE)
        db.engine.dispose()
    assert not columns(any_app) & MENTION_COLUMNS
    assert run(any_app, "SELECT id, person_id FROM mentions") == [(1, 1)]
    assert run(any_app, count) == [(1,)]  # the view as it was: every mention counts
