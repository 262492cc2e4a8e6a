"""The statements list's Speaker, Article and Meeting filters: chosen by name, shown by name,
applied as ``column = :id``."""

from __future__ import annotations

import json
import re

from tests.conftest import login
from tests.factories import person
from tests.queries import recorded_sql
from tests.web import test_lists
from tests.web.test_lists import get
from tests.web.test_lists import listed
from tests.web.test_lists import names
from webapp.admin.filters import LOOKUP_LIMIT
from webapp.db import db

#: the hand-made statements, people, articles and meetings of the lists' tests
lists = test_lists.lists


def lookups(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="filter-lookups">(.*?)</script>', page)
    assert found, "the page carries no filter lookups"
    return json.loads(found.group(1))


def filter_groups(page: str) -> dict:
    found = re.search(r'<div id="filter-groups-data" class="d-none">(.*?)</div>', page, re.S)
    return json.loads(found.group(1))


def active_filters(page: str) -> list:
    found = re.search(r'<div id="active-filters-data" class="d-none">(.*?)</div>', page, re.S)
    return json.loads(found.group(1))


def sql_of(app, fn) -> list[str]:
    with recorded_sql(app) as statements:
        fn()
    return statements


def test_the_record_filters_are_lookups_in_the_filter_bar(client, lists):
    login(client, "eddie")
    page = get(client, "/admin/statement/")
    groups = filter_groups(page)
    for name, arg in (
        ("Speaker", "speaker_is"),
        ("Article", "article_is"),
        ("Meeting", "meeting_is"),
    ):
        (choice,) = [flt for flt in groups[name] if flt["arg"] == arg]
        assert choice["type"] == "record-lookup" and choice["operation"] == "is"
    assert lookups(page) == {
        "speaker_is": {"url": "/admin/statement/ajax/lookup/?name=speaker", "labels": {}},
        "article_is": {"url": "/admin/statement/ajax/lookup/?name=article", "labels": {}},
        "meeting_is": {"url": "/admin/statement/ajax/lookup/?name=meeting", "labels": {}},
    }
    assert "filter-lookup.js" in page


def test_a_chosen_speaker_is_shown_by_name_and_filters_by_id(client, lists):
    login(client, "eddie")
    page = get(client, f"/admin/statement/?flt0_speaker_is={lists['anna']}")
    assert sorted(listed(page)) == sorted(names(lists, "meeting", "exports"))
    (active,) = active_filters(page)
    assert active[1:] == ["Speaker", str(lists["anna"])]
    assert lookups(page)["speaker_is"]["labels"] == {str(lists["anna"]): "Anna Karimova"}
    assert lookups(page)["article_is"]["labels"] == {}


def test_chosen_articles_and_meetings_are_shown_by_their_labels(client, lists):
    login(client, "eddie")
    page = get(
        client,
        f"/admin/statement/?flt0_article_is={lists['forum']}&flt1_meeting_is={lists['energy']}",
    )
    assert listed(page) == names(lists, "exports")
    found = lookups(page)
    assert found["article_is"]["labels"] == {str(lists["forum"]): "Energy forum"}
    assert found["meeting_is"]["labels"] == {str(lists["energy"]): "2024-03-05, Baku"}


def test_the_speaker_filter_reads_statements_by_speaker_id_alone(app, client, lists):
    login(client, "eddie")
    url = f"/admin/statement/?flt0_speaker_is={lists['boris']}"
    statements = sql_of(app, lambda: client.get(url))
    listing = [sql for sql in statements if "FROM statements" in sql and "LIMIT" in sql]
    # the page's rows and its capped count: the speaker's id, never a condition on people
    assert len(listing) >= 2, listing
    for sql in listing:
        assert re.search(r"WHERE statements\.speaker_id = \?\s+(ORDER BY|LIMIT)", sql), sql
        assert "people.name" not in sql.split("WHERE", 1)[1], sql


def test_the_lookup_finds_people_by_part_of_their_name(client, lists):
    login(client, "eddie")
    found = client.get("/admin/statement/ajax/lookup/?name=speaker&query=KARIM").get_json()
    assert found == [[lists["anna"], "Anna Karimova"]]
    # every word's letters, not only a name's start; in the name index's order
    found = client.get("/admin/statement/ajax/lookup/?name=speaker&query=ov").get_json()
    assert found == [
        [lists["anna"], "Anna Karimova"],
        [lists["boris"], "Boris Petrov"],
        [lists["yuri"], "Yuri Volkov"],
    ]
    assert client.get("/admin/statement/ajax/lookup/?name=article&query=forum").get_json() == [
        [lists["forum"], "Energy forum"]
    ]


def test_the_lookup_never_returns_more_than_its_limit(app, client, lists):
    with app.app_context():
        db.session.add_all(person(f"Zed Number {n:02}") for n in range(LOOKUP_LIMIT + 5))
        db.session.commit()
    login(client, "eddie")
    found = client.get("/admin/statement/ajax/lookup/?name=speaker&query=zed&limit=1000")
    assert len(found.get_json()) == LOOKUP_LIMIT
    assert found.get_json()[0][1] == "Zed Number 00"


def test_the_lookup_reads_the_name_index_in_order_and_stops(app, client, lists):
    login(client, "eddie")
    statements = sql_of(
        app, lambda: client.get("/admin/statement/ajax/lookup/?name=speaker&query=ov")
    )
    (sql,) = [sql for sql in statements if "FROM people" in sql]
    assert "ORDER BY people.name" in sql and "LIMIT" in sql
    with app.app_context():
        cursor = db.session.connection().connection.dbapi_connection.cursor()
        plan = " | ".join(
            row[-1] for row in cursor.execute("EXPLAIN QUERY PLAN " + sql, ("ov", 10, 0))
        )
    # the unique index on the name (SQLite's own name for it): walked in order, no sort
    assert plan == "SCAN people USING INDEX sqlite_autoindex_people_1", plan


def test_the_lookup_needs_a_login(client, lists):
    response = client.get("/admin/statement/ajax/lookup/?name=speaker&query=an")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
