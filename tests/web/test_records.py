"""The statement and meeting screens: columns, filters, search, bulk confirm, participants."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
import sqlalchemy as sa

from tests.conftest import csrf_token
from tests.conftest import login
from tests.factories import add_records
from tests.factories import meeting
from tests.factories import statement
from tests.queries import recorded_sql
from webapp.admin.flask_admin_hooks import registered_views
from webapp.db import db
from webapp.models import Action
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import ReviewStatus
from webapp.models import Revision
from webapp.models import Statement


@pytest.fixture
def ids(app, users) -> dict[str, int]:
    return add_records(app)


def saved_statement(app, statement_id: int) -> Statement:
    with app.app_context():
        return db.session.get(Statement, statement_id)


def listed_ids(page: str, endpoint: str) -> set[int]:
    """The ids of the rows on a list page, read from their details links."""
    return {int(i) for i in re.findall(rf"/admin/{endpoint}/details/\?id=(\d+)", page)}


def filter_query(page: str, label: str, operation: str, value: str) -> dict[str, str]:
    """The query string that applies a list filter, as the list page's filter menu builds it."""
    groups = json.loads(re.search(r'id="filter-groups-data"[^>]*>(.*?)</div>', page).group(1))
    found = next(f for f in groups[label] if f["operation"] == operation)
    choices = {shown: sent for sent, shown in found["options"] or ()}
    return {f"flt0_{found['arg']}": choices.get(value, value)}


def count_queries(app, client, path: str) -> tuple[int, str]:
    with recorded_sql(app) as statements:
        page = client.get(path).get_data(as_text=True)
    return len(statements), page


def test_statement_list_shows_columns_with_links(client, ids):
    login(client, "vera")
    page = client.get("/admin/statement/").get_data(as_text=True)
    for heading in ("Speaker", "Kind", "Text", "Article", "Meeting", "Confidence", "Status"):
        assert f">{heading}</a>" in page or f">{heading}</th>" in page or heading in page
    # the article opens at the statement's words
    assert (
        f'<a href="/admin/article/read/{ids["spring"]}#statement-{ids["talks"]}">'
        "Talks in Moscow</a>" in page
    )
    assert f'<a href="/admin/meeting/details/?id={ids["meeting"]}">2024-03-04, Moscow</a>' in page
    assert listed_ids(page, "statement") == {
        ids["growing"],
        ids["talks"],
        ids["border"],
        ids["welcome"],
    }


def test_statement_text_is_shortened_in_the_list(app, client, ids):
    with app.app_context():
        db.session.get(Statement, ids["border"]).text = "calm " * 60
        db.session.commit()
    login(client, "vera")
    page = client.get("/admin/statement/").get_data(as_text=True)
    assert ("calm " * 23) + "calm…" in page  # 119 characters and the ellipsis
    assert "calm " * 30 not in page


def test_list_pages_load_related_rows_in_the_same_query(app, client, ids):
    """Login, capped count, page: three queries, however many rows are shown."""
    with app.app_context():
        spring = db.session.get(Article, ids["spring"])
        moscow = db.session.get(Meeting, ids["meeting"])
        for n in range(30):
            db.session.add(statement(spring, f"extra {n}", meeting=moscow, confidence=0.5))
            db.session.add(meeting(*moscow.participants, place=f"Place {n}"))
        db.session.commit()
    login(client, "vera")
    # user, capped count, the page with its to-one rows joined; statements add their
    # facets (one query) and the labels of the speakers, articles and meetings they
    # show (three); meetings add one query for all the page's participants and one
    # counting the articles that report each
    for endpoint, queries in (("statement", 7), ("meeting", 5)):
        small, _ = count_queries(app, client, f"/admin/{endpoint}/?page_size=20")
        large, page = count_queries(app, client, f"/admin/{endpoint}/?page_size=50")
        assert len(listed_ids(page, endpoint)) > 20
        assert small == large == queries


def test_sortable_columns_are_indexed(app):
    with app.app_context():
        views = {view.endpoint: view for view in registered_views(app.extensions["admin"][0])}
        for endpoint in ("statement", "meeting"):
            view = views[endpoint]
            table = view.model.__table__
            leading = {index.columns[0].name for index in table.indexes}
            leading |= {column.name for column in table.primary_key.columns}
            for entry in view.column_sortable_list:
                if isinstance(entry, tuple):
                    name, column = entry
                    if name in view.custom_sorts:
                        continue  # sorted through indexes of its own (by_speaker)
                    entry = column.key
                assert entry in leading, f"{endpoint}.{entry} is sortable but not indexed"


@pytest.mark.parametrize(
    ("label", "operation", "value", "expected"),
    [
        ("Speaker", "equals", "Anna Arbatova", {"growing", "border"}),
        ("Kind", "equals", "transcript", {"welcome"}),
        ("Status", "equals", "edited", {"talks"}),
        ("Article date", "between", "2024-03-01 to 2024-03-31", {"growing", "talks"}),
    ],
)
def test_statement_filters(app, client, ids, label, operation, value, expected):
    with app.app_context():
        db.session.get(Statement, ids["talks"]).review_status = ReviewStatus.EDITED
        db.session.commit()
    login(client, "vera")
    list_page = client.get("/admin/statement/").get_data(as_text=True)
    page = client.get(
        "/admin/statement/", query_string=filter_query(list_page, label, operation, value)
    )
    assert listed_ids(page.get_data(as_text=True), "statement") == {ids[n] for n in expected}


def test_statement_search_is_full_text(client, ids):
    login(client, "vera")
    page = client.get("/admin/statement/", query_string={"search": "talks"})
    assert listed_ids(page.get_data(as_text=True), "statement") == {ids["talks"]}
    page = client.get("/admin/statement/", query_string={"search": "bord"})
    assert listed_ids(page.get_data(as_text=True), "statement") == {ids["border"]}


def test_statement_edit_form_uses_lookups(client, ids):
    login(client, "eddie")
    page = client.get(f"/admin/statement/edit/?id={ids['talks']}").get_data(as_text=True)
    assert page.count('data-role="select2-ajax"') == 2
    assert "<option" not in page.split('name="speaker"')[1].split("</div>")[0]
    lookup = client.get("/admin/statement/ajax/lookup/?name=speaker&query=Beket")
    assert lookup.get_json() == [[ids["boris"], "Boris Beketov"]]
    lookup = client.get("/admin/statement/ajax/lookup/?name=meeting&query=Mosc")
    assert lookup.get_json() == [[ids["meeting"], "Anna Arbatova – Boris Beketov, 2024-03-04"]]


def test_editing_a_statement_marks_it_edited_and_audits(app, client, ids):
    login(client, "eddie")
    path = f"/admin/statement/edit/?id={ids['welcome']}"
    data = {
        "csrf_token": csrf_token(client, path),
        "version_id": "1",
        "speaker": str(ids["carl"]),
        "kind": "transcript",
        "text": "Welcome, colleagues.",
        "meeting": "",
        "confidence": "0.5",
        "review_status": "unreviewed",
    }
    assert client.post(path, data=data).status_code == 302
    saved = saved_statement(app, ids["welcome"])
    assert (saved.speaker_id, saved.review_status, saved.version_id) == (
        ids["carl"],
        ReviewStatus.EDITED,
        2,
    )
    with app.app_context():
        revision = db.session.scalar(sa.select(Revision).where(Revision.table_name == "statements"))
        assert (revision.action, revision.actor) == (Action.UPDATE, "eddie")
        assert revision.changes == {
            "speaker_id": [None, ids["carl"]],
            "review_status": ["unreviewed", "edited"],
        }


def test_bulk_confirm_marks_reviewed_as_a_review(app, client, ids):
    login(client, "eddie")
    data = {
        "csrf_token": csrf_token(client, "/admin/statement/"),
        "action": "confirm",
        "rowid": [str(ids["growing"]), str(ids["border"])],
    }
    response = client.post("/admin/statement/action/", data=data)
    assert response.status_code == 302
    assert saved_statement(app, ids["growing"]).review_status == ReviewStatus.REVIEWED
    assert saved_statement(app, ids["border"]).review_status == ReviewStatus.REVIEWED
    assert saved_statement(app, ids["talks"]).review_status == ReviewStatus.UNREVIEWED
    with app.app_context():
        revisions = db.session.scalars(sa.select(Revision).order_by(Revision.row_id)).all()
        assert [(r.action, r.row_id, r.changes) for r in revisions] == [
            (Action.REVIEW, ids["growing"], {"review_status": ["unreviewed", "reviewed"]}),
            (Action.REVIEW, ids["border"], {"review_status": ["unreviewed", "reviewed"]}),
        ]


def test_meeting_participants_are_added_and_removed_through_the_lookup(app, client, ids):
    login(client, "eddie")
    path = f"/admin/meeting/edit/?id={ids['meeting']}"
    page = client.get(path).get_data(as_text=True)
    field = re.search(r'<input[^>]*name="participants"[^>]*>', page).group(0)
    assert 'data-role="select2-ajax"' in field
    assert 'data-multiple="1"' in field
    lookup = client.get("/admin/meeting/ajax/lookup/?name=participants&query=Chok")
    assert lookup.get_json() == [[ids["carl"], "Carl Chokin"]]
    data = {
        "csrf_token": csrf_token(client, path),
        "version_id": "1",
        "held_on": "2024-03-04",
        "place": "Moscow",
        "occasion": "",
        "participants": f"{ids['anna']},{ids['carl']}",
        "confidence": "0.9",
        "review_status": "unreviewed",
    }
    assert client.post(path, data=data).status_code == 302
    with app.app_context():
        moscow = db.session.get(Meeting, ids["meeting"])
        assert [p.name for p in moscow.participants] == ["Anna Arbatova", "Carl Chokin"]
        revision = db.session.scalar(sa.select(Revision).where(Revision.table_name == "meetings"))
        assert revision.changes["participants"] == [
            sorted([ids["anna"], ids["boris"]]),
            sorted([ids["anna"], ids["carl"]]),
        ]


def test_meeting_details_show_reports_and_statements(client, ids):
    login(client, "vera")
    page = client.get(f"/admin/meeting/details/?id={ids['meeting']}").get_data(as_text=True)
    # its report opens at the meeting, each statement at its words
    assert (
        f'<a href="/admin/article/read/{ids["spring"]}#meeting-{ids["meeting"]}">'
        "Talks in Moscow</a>" in page
    )
    assert f'<a href="/admin/person/details/?id={ids["anna"]}">Anna Arbatova</a>' in page
    for name, words in (("growing", "trade is growing"), ("talks", "the talks went well")):
        assert f'/admin/article/read/{ids["spring"]}#statement-{ids[name]}">' in page
        assert words in page
    assert "the border is calm" not in page


def test_meeting_list_filters_by_participant_and_confirms(app, client, ids):
    with app.app_context():
        db.session.add(Meeting(held_on=date(2023, 2, 3), place="Almaty"))
        db.session.commit()
    login(client, "eddie")
    list_page = client.get("/admin/meeting/").get_data(as_text=True)
    assert "Anna Arbatova, Boris Beketov" in list_page
    query = filter_query(list_page, "Participant", "equals", "Boris Beketov")
    page = client.get("/admin/meeting/", query_string=query)
    assert listed_ids(page.get_data(as_text=True), "meeting") == {ids["meeting"]}
    data = {"csrf_token": csrf_token(client, "/admin/meeting/"), "action": "confirm"}
    client.post("/admin/meeting/action/", data={**data, "rowid": [str(ids["meeting"])]})
    with app.app_context():
        assert db.session.get(Meeting, ids["meeting"]).review_status == ReviewStatus.REVIEWED
