"""A list's search box runs its full-text query once and gives the same rows as before."""

from __future__ import annotations

import re
from datetime import date
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from tests.conftest import login
from tests.factories import add
from tests.factories import article
from tests.factories import statement
from tests.factories import user
from tests.web.test_records import listed_ids
from webapp import search
from webapp.db import db
from webapp.models import Statement
from webapp.models import StatementKind

WORD = "zebra"


@pytest.fixture
def striped(app):
    """45 statements that say the word, among 100; every fifth said as a transcript turn."""
    news = article(1, "x", title="Stripes", published=date(2024, 1, 1))
    rows = [
        statement(
            news,
            f"{WORD} number {n}" if n % 2 else f"plain number {n}",
            kind=StatementKind.TRANSCRIPT if n % 5 == 0 else StatementKind.DIRECT,
        )
        for n in range(100)
    ]
    add(app, user("vera"), *rows)
    with app.app_context():
        said = sa.select(Statement.id).where(Statement.text.contains(WORD))
        return db.session.scalars(said.order_by(Statement.id.desc())).all()


def queries(app, client, path: str) -> tuple[list[str], str]:
    seen: list[str] = []
    with app.app_context():
        engine = db.engine

    def record(conn, cursor, sql, *args):
        seen.append(sql)

    event.listen(engine, "before_cursor_execute", record)
    try:
        page = client.get(path).get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen, page


def in_order(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'name="rowid" class="action-checkbox" value="(\d+)"', page)]


def test_the_full_text_query_runs_once_and_nothing_is_counted(app, client, striped):
    login(client, "vera")
    seen, page = queries(app, client, f"/admin/statement/?search={WORD}")
    assert len([sql for sql in seen if "statements_fts MATCH" in sql]) == 1
    counts = [sql for sql in seen if "count(*)" in sql and "FROM statements" in sql]
    assert not [sql for sql in counts if "facet_sample" not in sql]  # the facets count their own
    assert listed_ids(page, "statement") == set(striped[:20])


def test_pages_are_cut_from_the_matches_newest_first(app, client, striped):
    login(client, "vera")
    pages = [
        listed_ids(
            client.get(f"/admin/statement/?search={WORD}&page={n}").get_data(as_text=True),
            "statement",
        )
        for n in range(3)
    ]
    assert [len(page) for page in pages] == [20, 20, 10]
    assert set().union(*pages) == set(striped)
    assert pages[0] == set(striped[:20]) and pages[1] == set(striped[20:40])
    first = client.get(f"/admin/statement/?search={WORD}").get_data(as_text=True)
    assert f"/admin/statement/?page=2&amp;search={WORD}" in first  # three pages in the pager


def test_a_search_with_a_filter_or_another_order_keeps_its_rows(app, client, striped):
    login(client, "vera")
    with app.app_context():
        turns = set(
            db.session.scalars(
                sa.select(Statement.id).where(
                    Statement.text.contains(WORD), Statement.kind == StatementKind.TRANSCRIPT
                )
            )
        )
    filtered = client.get(f"/admin/statement/?search={WORD}&flt0_kind_equals=TRANSCRIPT")
    assert listed_ids(filtered.get_data(as_text=True), "statement") == turns
    sorted_by_kind = client.get(f"/admin/statement/?search={WORD}&sort=0&page_size=50")
    assert listed_ids(sorted_by_kind.get_data(as_text=True), "statement") == set(striped)


@pytest.mark.parametrize("dense", [False, True])
def test_articles_found_are_listed_by_date_either_way(app, client, monkeypatch, dense):
    """Few matches are looked up and sorted; many are kept while reading the date index."""
    first = date(2024, 1, 1)
    days = {n: first + timedelta(days=n % 7) for n in range(1, 61)}
    rows = [article(n, f"{WORD if n % 3 else 'plain'} text {n}", published=days[n]) for n in days]
    ids = dict(zip(days, add(app, user("vera"), *rows)[1:], strict=True))
    login(client, "vera")
    expected = sorted((n for n in days if n % 3), key=lambda n: (days[n], ids[n]), reverse=True)
    if not dense:
        monkeypatch.setattr(
            search.Matches,
            "condition",
            lambda self, key, dense=False: key.in_(search.json_ids(self.ids)),
        )
    page = client.get(f"/admin/article/?search={WORD}&page_size=50").get_data(as_text=True)
    shown = [int(i) for i in re.findall(r'/admin/article/read/(\d+)"', page)]
    assert shown == [ids[n] for n in expected]


def test_postgresql_keeps_the_subquery(any_app):
    with any_app.app_context():
        said = statement(article(1, "x"), f"the {WORD} said")
        db.session.add_all([said, statement(article(2, "y"), "nothing")])
        db.session.commit()
        said_id = said.id
        matches = search.find(db.session, "statements", WORD)
        found = db.session.scalars(
            sa.select(Statement.id).where(matches.condition(Statement.id))
        ).all()
        sqlite = db.engine.dialect.name == "sqlite"
    assert found == [said_id]
    assert (matches.ids is None) is not sqlite
