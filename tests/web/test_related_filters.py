"""Filters on a related row's column select through ``IN (SELECT ...)``, with the join's rows."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_admin.contrib.sqla import filters as sqla_filters

from tests.conftest import login
from tests.factories import add
from tests.factories import add_records
from tests.factories import meeting
from tests.queries import recorded_sql
from tests.web.test_records import listed_ids
from webapp.admin.filters import RelatedFilter
from webapp.admin.flask_admin_hooks import filter_join_path
from webapp.admin.flask_admin_hooks import registered_views
from webapp.db import db
from webapp.models import Statement

#: values tried on each filter, by what it compares: names (whole, partial, listed, unknown)
#: or dates (a day, a range)
NAMES = ("Anna Arbatova", "arbat", "Anna Arbatova, Boris Beketov", "Nobody")
DAYS = ("2024-03-04", "2023-06-01")
RANGES = ("2024-01-01 to 2024-12-31", "2020-01-01 to 2020-12-31")


def related_filters(app):
    with app.app_context():
        for view in registered_views(app.extensions["admin"][0]):
            for flt in getattr(view, "_filters", None) or ():
                if isinstance(flt, RelatedFilter):
                    yield view, flt


def values_for(flt: RelatedFilter) -> tuple[str, ...]:
    if isinstance(flt.inner, sqla_filters.FilterEmpty):
        return ("1", "0")
    if isinstance(flt.inner, sqla_filters.DateBetweenFilter):
        return RANGES
    if isinstance(flt.get_column(None).type, sa.Date):
        return DAYS
    return NAMES


def joined(view, flt: RelatedFilter, value):
    """What Flask-Admin's own filter selects: the rows left-outer-joined along the path."""
    rows = sa.select(view.model.id).distinct()
    for step in flt.path:
        rows = rows.outerjoin(step.class_attribute)
    return set(db.session.scalars(flt.inner.apply(rows, value)))


def through_subquery(view, flt: RelatedFilter, value):
    return set(db.session.scalars(sa.select(view.model.id).where(flt.condition(value))))


@pytest.fixture
def ids(app, users):
    ids = add_records(app)
    (ids["empty_meeting"],) = add(app, meeting(place="Nowhere"))
    return ids


def test_no_list_filter_joins_another_table(app):
    wrapped = {(view.endpoint, flt.name) for view, flt in related_filters(app)}
    assert {
        ("statement", "Speaker"),
        ("statement", "Article date"),
        ("meeting", "Participant"),
    } <= (wrapped)
    with app.app_context():
        for view in registered_views(app.extensions["admin"][0]):
            for flt in getattr(view, "_filters", None) or ():
                if isinstance(flt, sqla_filters.BaseSQLAFilter):
                    assert filter_join_path(view, flt) == [], (view.endpoint, flt.name)


def test_each_relation_filter_selects_what_the_join_selected(app, ids):
    tried = 0
    with app.app_context():
        for view, flt in related_filters(app):
            for raw in values_for(flt):
                assert flt.validate(raw), (flt.name, flt.operation(), raw)
                value = flt.clean(raw)
                expected = joined(view, flt, value)
                assert through_subquery(view, flt, value) == expected, (
                    view.endpoint,
                    flt.name,
                    str(flt.operation()),
                    raw,
                )
                tried += 1
    assert tried > 20


def test_empty_takes_rows_without_a_related_row(app, ids):
    """As the outer join did: the statement nobody said, the meeting nobody attended."""
    filters = {
        (view.endpoint, flt.name, str(flt.operation())): (view, flt)
        for view, flt in related_filters(app)
    }
    with app.app_context():
        view, flt = filters["statement", "Speaker", "empty"]
        assert through_subquery(view, flt, "1") == {ids["welcome"]}
        view, flt = filters["meeting", "Participant", "empty"]
        assert through_subquery(view, flt, "1") == {ids["empty_meeting"]}


def test_the_list_page_filters_by_speaker_without_joining_people(app, client, ids):
    login(client, "vera")
    with recorded_sql(app) as statements:
        page = client.get("/admin/statement/?flt0_speaker_contains=arbat").get_data(as_text=True)
    assert listed_ids(page, "statement") == {ids["growing"], ids["border"]}
    filtered = [sql for sql in statements if "lower(people.name) LIKE" in sql]
    assert filtered, statements
    for sql in filtered:
        assert "statements.speaker_id IN (SELECT people.id" in sql
        assert "JOIN people ON" not in sql


def test_meetings_filter_by_participant(client, ids):
    login(client, "vera")
    page = client.get("/admin/meeting/?flt0_participant_equals=Boris+Beketov").get_data(
        as_text=True
    )
    assert listed_ids(page, "meeting") == {ids["meeting"]}


def test_sqlite_finds_the_speakers_statements_through_the_index(app, ids):
    """The point of the subquery: no scan of statements, whatever the table's size."""
    filters = {
        (view.endpoint, flt.name, str(flt.operation())): flt for view, flt in related_filters(app)
    }
    flt = filters["statement", "Speaker", "contains"]
    with app.app_context():
        rows = sa.select(Statement.id).where(flt.condition("arbat"))
        sql = str(rows.compile(db.engine, compile_kwargs={"literal_binds": True}))
        plan = " | ".join(
            row[-1] for row in db.session.execute(sa.text("EXPLAIN QUERY PLAN " + sql))
        )
    assert "SCAN statements" not in plan, plan
    assert "ix_statements_speaker_id" in plan, plan
