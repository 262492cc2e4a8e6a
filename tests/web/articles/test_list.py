"""The article list: counts per row, filters, full-text search, and on each database."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from tests.conftest import login
from tests.factories import add
from tests.factories import user
from tests.web.articles.pages import LIST
from tests.web.articles.pages import TRANSCRIPT
from tests.web.articles.pages import article_id
from tests.web.articles.pages import delete
from tests.web.articles.pages import ids_by_prefix
from tests.web.articles.pages import listed
from tests.web.articles.pages import read_page
from webapp.db import db
from webapp.models import Action
from webapp.models import Article
from webapp.models import Person
from webapp.models import Revision
from webapp.models import Source
from webapp.models import Statement
from webapp.models import StatementKind


def test_list_counts_statements_and_people(seeded, client):
    login(client, "vera")
    rows = listed(client)
    ids = ids_by_prefix(seeded)
    assert set(rows) == set(ids.values())
    # 004 is two transcript turns, Smailov's and Mishustin's, and names Smailov,
    # Mishustin, Tokayev and Putin.
    assert rows[ids[TRANSCRIPT]] == (2, 4)
    with seeded.app_context():
        statements = db.session.scalars(
            sa.select(Statement.kind).where(Statement.article_id == ids[TRANSCRIPT])
        ).all()
        assert statements == [StatementKind.TRANSCRIPT, StatementKind.TRANSCRIPT]
        # the analysts' view counts the same things another way, row by row
        expected = {
            article: (statements, people)
            for article, statements, people in db.session.execute(
                sa.text("SELECT article_id, statement_count, person_count FROM article_details")
            )
        }
    assert rows == expected


def test_list_links_titles_to_the_reading_page(seeded, client):
    login(client, "vera")
    page = client.get(LIST).get_data(as_text=True)
    read = f'<a href="/admin/article/read/{article_id(seeded, TRANSCRIPT)}">'
    assert (
        read + "Mikhail Mishustin meets with Prime Minister of Kazakhstan Alihan Smailov</a>"
        in page
    )


def test_list_counts_only_the_page_in_a_fixed_number_of_queries(seeded, client, queries):
    login(client, "vera")
    queries.clear()
    assert len(listed(client, "?page_size=20")) == 5
    full_page = len(queries)
    queries.clear()
    client.get(LIST + "?page_size=20&flt0_published_between=2024-02-01+to+2024-02-01")
    assert len(queries) == full_page <= 8
    grouped = [sql for sql, _ in queries if "GROUP BY" in sql]
    assert len(grouped) == 2
    assert all(" IN (" in sql for sql in grouped)


def test_list_sorts_only_on_indexed_columns(seeded, client):
    login(client, "vera")
    page = client.get(LIST).get_data(as_text=True)
    assert "Sort by Date" in page
    assert "Sort by Title" not in page
    assert "Sort by Source" not in page


def test_filter_by_source(seeded, client):
    ids = ids_by_prefix(seeded)
    with seeded.app_context():
        tass = db.session.scalar(sa.select(Source.id).where(Source.name == "TASS"))
    login(client, "vera")
    assert set(listed(client, f"?flt0_source_equals={tass}")) == {ids["000"], ids["001"]}


def test_filter_by_publication_dates(seeded, client):
    ids = ids_by_prefix(seeded)
    login(client, "vera")
    in_2024 = listed(client, "?flt0_published_between=2024-01-01+to+2024-12-31")
    assert set(in_2024) == {ids["000"], ids["002"], ids["004"]}
    earlier = listed(client, "?flt0_published_between=2022-01-01+to+2023-12-31")
    assert set(earlier) == {ids["001"], ids["003"]}
    assert set(listed(client, "?flt0_published_between=2024-03-04+to+2024-03-04")) == {
        ids["000"],
        ids["002"],
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Alikhan Smailov", {"001", "004"}),  # the canonical name
        ("Alihan Smailov", {"001", "004"}),  # an alias, as 004 spells him
        ("Olzhas Bektenov", {"000", "002"}),
        ("Nobody Atall", set()),
    ],
)
def test_filter_by_person_mentioned(seeded, client, value, expected):
    ids = ids_by_prefix(seeded)
    login(client, "vera")
    rows = listed(client, "?" + f"flt0_person_mentioned_name_alias_or_id={value}")
    assert set(rows) == {ids[prefix] for prefix in expected}


def test_filter_by_person_id(seeded, client):
    ids = ids_by_prefix(seeded)
    with seeded.app_context():
        tokayev = db.session.scalar(
            sa.select(Person.id).where(Person.name == "Kassym-Jomart Tokayev")
        )
    login(client, "vera")
    rows = listed(client, f"?flt0_person_mentioned_name_alias_or_id={tokayev}")
    assert set(rows) == set(ids.values())


def test_person_filter_uses_indexes(seeded, client, queries):
    login(client, "vera")
    queries.clear()
    listed(client, "?flt0_person_mentioned_name_alias_or_id=Alihan+Smailov")
    sql, parameters = next((sql, p) for sql, p in queries if "FROM mentions" in sql)
    with seeded.app_context():
        connection = db.session.connection().connection.driver_connection
        plan = [row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + sql, parameters)]
    assert any("USING INDEX ix_mentions_person_id" in line for line in plan), plan
    assert not [line for line in plan if re.match(r"SCAN (mentions|people|person_aliases)\b", line)]


def test_search_uses_full_text(seeded, client):
    ids = ids_by_prefix(seeded)
    login(client, "vera")
    # "Ufa" is only in 004's body, never in a title
    assert set(listed(client, "?search=Ufa")) == {ids["004"]}
    assert set(listed(client, "?search=fraternal")) == {ids["000"], ids["001"], ids["004"]}
    # FTS5 syntax in the box is taken as words, never as a query
    assert set(listed(client, "?search=%22Ufa%29+%2A")) == {ids["004"]}
    assert listed(client, "?search=zzyzx") == {}


# -- both databases ------------------------------------------------------------------------


def test_article_screens_on_each_database(any_app):
    assert any_app.test_cli_runner().invoke(args=["seed"]).exit_code == 0
    add(any_app, user("eddie"))
    ids = ids_by_prefix(any_app)
    client = any_app.test_client()
    login(client, "eddie")
    assert listed(client)[ids[TRANSCRIPT]] == (2, 4)
    assert set(listed(client, "?search=Ufa")) == {ids[TRANSCRIPT]}
    alias = listed(client, "?flt0_person_mentioned_name_alias_or_id=Alihan+Smailov")
    assert set(alias) == {ids["001"], ids[TRANSCRIPT]}
    _, text = read_page(client, ids[TRANSCRIPT])
    with any_app.app_context():
        statements = db.session.scalars(
            sa.select(Statement).where(Statement.article_id == ids[TRANSCRIPT])
        ).all()
        for statement in statements:
            assert text.covered["statement", statement.id] == statement.text
    assert delete(client, ids[TRANSCRIPT]).status_code == 302
    with any_app.app_context():
        assert db.session.get(Article, ids[TRANSCRIPT]) is None
        deleted = db.session.scalars(
            sa.select(Revision.table_name).where(Revision.action == Action.DELETE)
        ).all()
    assert deleted.count("statements") == 2
    assert "meetings" in deleted
