"""Every example query in docs/schema.md runs on the seeded database and answers something."""

import re

import pytest
import sqlalchemy as sa

from webapp import PROJECT_ROOT
from webapp.db import db

SCHEMA_DOC = PROJECT_ROOT / "docs" / "schema.md"
QUERIES = re.findall(r"```sql\n(.*?)```", SCHEMA_DOC.read_text(), flags=re.S)


@pytest.fixture
def seeded(seeded_app):
    return seeded_app


def run(app, query):
    with app.app_context():
        return db.session.execute(sa.text(query)).all()


def test_the_document_has_examples():
    assert len(QUERIES) >= 5


@pytest.mark.parametrize("query", QUERIES, ids=[q.split("\n")[0][:40] for q in QUERIES])
def test_example_query_answers(seeded, query):
    assert run(seeded, query), query


def query_about(words):
    return next(q for q in QUERIES if words in q)


def test_who_met_whom_includes_the_moscow_meeting_of_prime_ministers(seeded):
    rows = run(seeded, query_about("FROM meeting_pairs"))
    assert ("2024-03-04", "Mikhail Mishustin", "Olzhas Bektenov", "Moscow") in [
        tuple(row) for row in rows
    ]


def test_the_meeting_reported_twice_lists_both_articles(seeded):
    rows = run(seeded, query_about("report_count > 1"))
    assert sorted(row.file for row in rows) == [
        "000_bc75cffa8b8ea9a8.txt",
        "002_69f0ed8668c40976.txt",
    ]


def test_prime_minister_on_a_day(seeded):
    rows = run(seeded, query_about("FROM person_positions"))
    assert [row.name for row in rows] == ["Olzhas Bektenov"]


def test_every_table_is_documented(app):
    documented = set(re.findall(r"^### (\w+)$", SCHEMA_DOC.read_text(), flags=re.M))
    assert documented == set(db.metadata.tables)


def test_every_column_is_documented():
    text = SCHEMA_DOC.read_text()
    for name, table in db.metadata.tables.items():
        section = text.split(f"### {name}\n", 1)[1].split("\n### ", 1)[0]
        listed = {
            column.strip()
            for row in re.findall(r"^\| ([^|]+) \|", section, flags=re.M)
            for column in row.split(",")
        }
        assert set(table.columns.keys()) <= listed, name
