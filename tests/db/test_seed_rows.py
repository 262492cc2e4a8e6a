"""Seeding's inserts on SQLite store what SQLAlchemy's own insert stores."""

import re
from datetime import UTC
from datetime import date
from datetime import datetime

import pytest
import sqlalchemy as sa

from webapp.db import db
from webapp.models import Action
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import Revision
from webapp.models import Statement
from webapp.seed.rows import insert
from webapp.vocabulary import StatementKind

#: how SQLAlchemy stores a timestamp on SQLite
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")


def stored(connection, table, row_id):
    """The row as SQLite holds it, without SQLAlchemy's types."""
    cursor = connection.connection.driver_connection.execute(
        f"SELECT * FROM {table.name} WHERE id = ?", (row_id,)
    )
    names = [column[0] for column in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def both_ways(connection, table, row):
    """The row stored by ``insert`` and by a Core insert, ids and timestamps left out."""
    [fast] = insert(connection, table, [row])
    core = connection.execute(table.insert().returning(table.c.id), [row]).scalar_one()
    rows = [stored(connection, table, fast), stored(connection, table, core)]
    for found in rows:
        del found["id"]
        for name in ("created_at", "updated_at", "at"):
            if name in found:
                assert TIMESTAMP.match(found.pop(name)), found
    return rows


@pytest.fixture
def connection(app):
    with app.app_context():
        yield db.session.connection()
        db.session.rollback()


def article(connection):
    row = {"file": "a.txt", "sha256": "a" * 64, "raw_text": "Text.", "clean_text": "Text."}
    return insert(connection, Article.__table__, [row])[0]


def test_defaults_enums_and_dates_are_stored_alike(connection):
    fast, core = both_ways(
        connection, Meeting.__table__, {"held_on": date(2024, 3, 4), "place": "Astana"}
    )
    assert fast == core
    assert fast["held_on"] == "2024-03-04"
    assert (fast["review_status"], fast["version_id"], fast["confidence"]) == ("unreviewed", 1, 1.0)

    fast, core = both_ways(
        connection,
        Statement.__table__,
        {
            "article_id": article(connection),
            "kind": StatementKind.INDIRECT,
            "text": "Text",
            "start_char": 0,
            "end_char": 4,
        },
    )
    assert fast == core
    assert fast["kind"] == "indirect"


def test_json_and_explicit_values_are_stored_alike(connection):
    row = {
        "at": datetime(2024, 3, 4, 12, 0, tzinfo=UTC),
        "actor": "seed",
        "action": Action.SEED,
        "table_name": "articles",
        "row_id": 1,
        "changes": {"statements": [1, 2], "file": "é.txt"},
        "summary": "seeded é.txt",
    }
    fast, core = both_ways(connection, Revision.__table__, row)
    assert fast == core
    assert fast["changes"] == core["changes"]


def test_ids_come_back_in_order(connection):
    article_id = article(connection)
    rows = [
        {"article_id": article_id, "kind": StatementKind.DIRECT, "text": word, "start_char": 0,
         "end_char": 1}
        for word in ("one", "two", "three")
    ]  # fmt: skip
    ids = insert(connection, Statement.__table__, rows)
    texts = connection.execute(
        sa.select(Statement.id, Statement.text).where(Statement.id.in_(ids))
    ).all()
    assert dict(texts) == dict(zip(ids, ("one", "two", "three"), strict=True))
    assert ids == sorted(ids)


def test_a_refused_row_raises_as_sqlalchemy_raises_it(connection):
    with pytest.raises(sa.exc.IntegrityError):
        insert(connection, Statement.__table__, [{"article_id": 999, "text": "x"}])
