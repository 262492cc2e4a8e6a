"""The Undo in the message that confirms a save, a delete, a merge or an action."""

from __future__ import annotations

import html
import re

import pytest
import sqlalchemy as sa

from tests.conftest import csrf_token
from tests.conftest import login
from tests.db.test_merge import snapshot
from tests.factories import add_attendee
from tests.factories import add_records
from tests.factories import talks_form
from tests.web.test_people import merge_through_the_screens
from tests.web.test_people import session_token
from webapp.db import db
from webapp.models import Action
from webapp.models import Person
from webapp.models import PersonAlias
from webapp.models import ReviewStatus
from webapp.models import Revision
from webapp.models import Statement
from webapp.models import StatementKind

UNDO_FORM = re.compile(r'<form method="post" action="/admin/history/undo/".*?</form>', re.S)


@pytest.fixture
def ids(app, users) -> dict[str, int]:
    return add_records(app)


def undo_fields(page: str) -> dict[str, str] | None:
    """The fields the Undo button of the page's confirmation would post, or None."""
    found = UNDO_FORM.search(page)
    if found is None:
        return None
    inputs = re.findall(r'<input name="([^"]+)" type="hidden" value="([^"]*)">', found[0])
    return {name: html.unescape(value) for name, value in inputs}


def followed(client, response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)
    return client.get(response.headers["Location"]).get_data(as_text=True)


def statement(app, statement_id: int) -> Statement | None:
    with app.app_context():
        found = db.session.get(Statement, statement_id)
        if found is not None:
            db.session.expunge(found)
        return found


def edit_talks(client, ids, **changes):
    path = f"/admin/statement/edit/?id={ids['talks']}"
    data = {"csrf_token": csrf_token(client, path), **talks_form(ids, **changes)}
    return client.post(path, data=data)


def test_undo_after_a_save_puts_the_old_values_back(app, client, ids):
    login(client, "eddie")
    page = followed(client, edit_talks(client, ids, speaker=str(ids["carl"]), kind="direct"))
    assert "Record was successfully saved." in page
    fields = undo_fields(page)
    with app.app_context():
        update = db.session.scalar(sa.select(Revision).where(Revision.action == Action.UPDATE))
        assert fields["ids"] == str(update.id)
    assert fields["next"] == "/admin/statement/"

    response = client.post("/admin/history/undo/", data=fields)

    assert response.headers["Location"] == "/admin/statement/"
    back = statement(app, ids["talks"])
    assert (back.speaker_id, back.kind) == (ids["boris"], StatementKind.INDIRECT)
    assert back.review_status == ReviewStatus.UNREVIEWED
    page = client.get("/admin/statement/").get_data(as_text=True)
    assert "Undone: 1 change reverted." in page
    assert undo_fields(page) is None  # an undo is not itself offered for undoing
    with app.app_context():
        revert = db.session.scalar(sa.select(Revision).where(Revision.action == Action.REVERT))
        assert revert.reverts_id == update.id and revert.actor == "eddie"


def test_undo_needs_the_csrf_token_and_an_editor(app, client, ids):
    login(client, "eddie")
    fields = undo_fields(followed(client, edit_talks(client, ids, kind="direct")))

    refused = client.post("/admin/history/undo/", data={**fields, "csrf_token": "forged"})
    assert "The form has expired" in followed(client, refused)
    assert statement(app, ids["talks"]).kind == StatementKind.DIRECT

    viewer = app.test_client()
    login(viewer, "vera")
    token = session_token(viewer)
    assert (
        viewer.post("/admin/history/undo/", data={**fields, "csrf_token": token}).status_code == 403
    )
    assert statement(app, ids["talks"]).kind == StatementKind.DIRECT


def test_undo_twice_is_refused(app, client, ids):
    login(client, "eddie")
    fields = undo_fields(followed(client, edit_talks(client, ids, kind="direct")))
    followed(client, client.post("/admin/history/undo/", data=fields))

    again = followed(client, client.post("/admin/history/undo/", data=fields))

    assert "Not undone. Revision 1 has already been reverted." in again
    assert statement(app, ids["talks"]).kind == StatementKind.INDIRECT


def test_undo_after_deleting_a_statement_brings_it_back(app, client, ids):
    login(client, "eddie")
    token = csrf_token(client, "/admin/statement/")
    deleted = client.post(
        "/admin/statement/delete/", data={"csrf_token": token, "id": ids["border"]}
    )
    page = followed(client, deleted)
    assert statement(app, ids["border"]) is None

    followed(client, client.post("/admin/history/undo/", data=undo_fields(page)))

    back = statement(app, ids["border"])
    # after "Arbatova said " in the winter article: 14 characters in
    assert (back.text, back.speaker_id, back.start_char, back.end_char) == (
        "the border is calm",
        ids["anna"],
        14,
        32,
    )


def test_undo_after_creating_a_person_removes_the_person_and_the_aliases(app, client, ids):
    login(client, "eddie")
    path = "/admin/person/new/"
    data = {
        "csrf_token": csrf_token(client, path),
        "name": "Dana Dosova",
        "country": "Kazakhstan",
        "notes": "",
        "review_status": "unreviewed",
        "aliases-0-alias": "D. Dosova",
    }
    page = followed(client, client.post(path, data=data))
    assert "Record was successfully created." in page
    with app.app_context():
        assert db.session.scalar(sa.select(PersonAlias).filter_by(alias="D. Dosova")) is not None

    followed(client, client.post("/admin/history/undo/", data=undo_fields(page)))

    with app.app_context():
        assert db.session.scalar(sa.select(Person).filter_by(name="Dana Dosova")) is None
        assert db.session.scalar(sa.select(PersonAlias).filter_by(alias="D. Dosova")) is None


def test_undo_after_a_bulk_confirm_sets_the_rows_back(app, client, ids):
    login(client, "eddie")
    data = {
        "csrf_token": csrf_token(client, "/admin/statement/"),
        "action": "confirm",
        "rowid": [str(ids["growing"]), str(ids["border"])],
    }
    page = followed(client, client.post("/admin/statement/action/", data=data))
    assert "Confirmed 2 rows." in page

    followed(client, client.post("/admin/history/undo/", data=undo_fields(page)))

    for name in ("growing", "border"):
        assert statement(app, ids[name]).review_status == ReviewStatus.UNREVIEWED


def test_undo_after_a_merge_unmerges(app, client, ids):
    with app.app_context():
        duplicate = add_attendee("A. Arbatova", [ids["meeting"]], country="Russia").id
        db.session.commit()
        before = snapshot()
    login(client, "eddie")
    page = followed(
        client, merge_through_the_screens(client, [ids["anna"], duplicate], ids["anna"])
    )
    assert "Merged A. Arbatova into Anna Arbatova." in page

    followed(client, client.post("/admin/history/undo/", data=undo_fields(page)))

    with app.app_context():
        assert snapshot() == before
