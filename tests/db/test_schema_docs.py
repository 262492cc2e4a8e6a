"""Every example query in docs/schema.md runs and answers something."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from webapp import PROJECT_ROOT
from webapp.db import db
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import MeetingReport
from webapp.models import Person
from webapp.models import Position
from webapp.models import Source
from webapp.models import Statement
from webapp.models import StatementKind

SCHEMA_DOC = PROJECT_ROOT / "docs" / "schema.md"
QUERIES = re.findall(r"```sql\n(.*?)```", SCHEMA_DOC.read_text(), flags=re.S)


@pytest.fixture
def sample(app):
    """Two articles reporting one meeting, as seeds 000 and 002 do."""
    with app.app_context():
        tass = Source(name="TASS")
        mishustin = Person(name="Mikhail Mishustin", country="Russia")
        bektenov = Person(name="Olzhas Bektenov", country="Kazakhstan")
        bektenov.positions.append(
            Position(title="Prime Minister", country="Kazakhstan", started_on=date(2024, 2, 6))
        )
        text = "We stand for fraternal relations with Kazakhstan."
        articles = [
            Article(
                file=f"{n}.txt",
                sha256=f"{n:064x}",
                raw_text=text,
                clean_text=text,
                title=f"Report {n}",
                published=date(2024, 3, 4),
                source=tass,
            )
            for n in (1, 2)
        ]
        meeting = Meeting(
            held_on=date(2024, 3, 4), place="Moscow", participants=[mishustin, bektenov]
        )
        meeting.reports = [MeetingReport(article=a, start_char=0, end_char=10) for a in articles]
        statement = Statement(
            article=articles[0],
            speaker=mishustin,
            meeting=meeting,
            kind=StatementKind.DIRECT,
            text=text[:-1],
            start_char=0,
            end_char=len(text) - 1,
            confidence=0.9,
        )
        db.session.add_all([meeting, statement])
        db.session.commit()
        yield
        db.session.remove()


def test_the_document_has_examples():
    assert len(QUERIES) >= 5


@pytest.mark.parametrize("query", QUERIES, ids=[q.split("\n")[0][:40] for q in QUERIES])
def test_example_query_answers(app, sample, query):
    with app.app_context():
        rows = db.session.execute(sa.text(query)).all()
    assert rows, query


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
