"""The history screen: listing and filtering revisions, reverting updates, un-merging."""

from __future__ import annotations

import html
import re
from datetime import UTC
from datetime import datetime
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.conftest import csrf_token
from tests.conftest import login
from tests.db.test_merge import snapshot
from tests.web.test_people import SMAILOV
from tests.web.test_people import add_duplicate
from tests.web.test_people import merge_through_the_screens
from tests.web.test_people import session_token
from webapp.db import db
from webapp.models import Action
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models import Revision

INPUT = re.compile(r"<input\b([^>]*)>")
TEXTAREA = re.compile(r"<textarea\b([^>]*)>(.*?)</textarea>", re.S)
SELECT = re.compile(r"<select\b([^>]*)>(.*?)</select>", re.S)


@pytest.fixture
def seeded(app, runner, users):
    assert runner.invoke(args=["seed"]).exit_code == 0
    return app


def attribute(tag: str, name: str) -> str | None:
    found = re.search(rf'\b{name}="([^"]*)"', tag)
    return found.group(1) if found else None


def form_fields(page: str) -> dict[str, str]:
    """The values an edit form would post as it stands (inputs, text areas, selects)."""
    fields = {}
    for attributes in INPUT.findall(page):
        name = attribute(attributes, "name")
        if name and attribute(attributes, "type") not in ("submit", "checkbox"):
            fields[name] = html.unescape(attribute(attributes, "value") or "")
    for attributes, text in TEXTAREA.findall(page):
        fields[attribute(attributes, "name")] = html.unescape(text.removeprefix("\r\n"))
    for attributes, options in SELECT.findall(page):
        selected = re.search(r'<option selected value="([^"]*)"', options)
        fields[attribute(attributes, "name")] = html.unescape(selected.group(1)) if selected else ""
    return fields


def edit_person(client, person_id: int, **changes: str):
    path = f"/admin/person/edit/?id={person_id}"
    fields = form_fields(client.get(path).get_data(as_text=True))
    fields.update(changes)
    response = client.post(path, data=fields)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def last_revision(app, **where) -> Revision:
    with app.app_context():
        query = sa.select(Revision).filter_by(**where).order_by(Revision.id.desc())
        revision = db.session.scalar(query)
        db.session.expunge(revision)
        return revision


def person(app, person_id: int) -> Person | None:
    with app.app_context():
        found = db.session.get(Person, person_id)
        if found is not None:
            db.session.expunge(found)
        return found


def revert(client, revision_id: int, token: str | None = None):
    data = {} if token is None else {"csrf_token": token}
    return client.post(f"/admin/history/revert/{revision_id}/", data=data)


def test_editor_reverts_a_field_update(app, client, seeded):
    login(client, "eddie")
    edit_person(client, SMAILOV, country="Uzbekistan")
    update = last_revision(app, action=Action.UPDATE)
    assert (update.table_name, update.row_id, update.actor) == ("people", SMAILOV, "eddie")
    assert update.changes == {
        "country": ["Kazakhstan", "Uzbekistan"],
        "review_status": ["reviewed", "edited"],
    }
    details = client.get(f"/admin/history/details/?id={update.id}").get_data(as_text=True)
    assert "<td>country</td><td>Kazakhstan</td><td>Uzbekistan</td>" in details
    assert "Revert" in details

    response = revert(
        client, update.id, csrf_token(client, f"/admin/history/details/?id={update.id}")
    )

    assert response.status_code == 302
    smailov = person(app, SMAILOV)
    assert (smailov.country, smailov.review_status) == ("Kazakhstan", ReviewStatus.REVIEWED)
    assert smailov.version_id == 3
    undo = last_revision(app, action=Action.REVERT)
    assert undo.reverts_id == update.id and undo.actor == "eddie"
    assert undo.changes == {
        "country": ["Uzbekistan", "Kazakhstan"],
        "review_status": ["edited", "reviewed"],
    }
    assert response.headers["Location"].endswith(f"/admin/history/details/?id={undo.id}")
    page = client.get(f"/admin/history/details/?id={update.id}").get_data(as_text=True)
    assert f'Reverted by <a href="/admin/history/details/?id={undo.id}">#{undo.id}</a>' in page
    with app.app_context():
        # the revert is the only record of itself: no extra "update" revision
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Revision)) == 7


def test_revert_is_refused_when_the_row_changed_since(app, client, seeded):
    login(client, "eddie")
    edit_person(client, SMAILOV, country="Uzbekistan")
    first = last_revision(app, action=Action.UPDATE)
    edit_person(client, SMAILOV, country="Kyrgyzstan")

    response = revert(client, first.id, csrf_token(client, "/admin/person/"))

    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert (
        "Not reverted. The people row 33 was changed since: country is now &#39;Kyrgyzstan&#39;, "
        "not &#39;Uzbekistan&#39;. Nothing was reverted."
    ) in page
    assert person(app, SMAILOV).country == "Kyrgyzstan"
    with app.app_context():
        assert (
            db.session.scalar(sa.select(Revision).where(Revision.action == Action.REVERT)) is None
        )


def test_revert_is_refused_when_the_row_is_gone(app, client, seeded):
    gone = add_duplicate(app, "Nobody Much", meeting_id=None)
    login(client, "eddie")
    edit_person(client, gone, country="Russia")
    update = last_revision(app, action=Action.UPDATE)
    token = csrf_token(client, "/admin/person/")
    client.post("/admin/person/delete/", data={"csrf_token": token, "id": gone})
    assert person(app, gone) is None

    response = revert(client, update.id, token)

    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"The people row {gone} no longer exists. Nothing was reverted." in page


def test_viewer_sees_history_but_cannot_revert(app, client, seeded):
    login(client, "eddie")
    edit_person(client, SMAILOV, country="Uzbekistan")
    update = last_revision(app, action=Action.UPDATE)
    client = app.test_client()
    login(client, "vera")

    page = client.get("/admin/history/").get_data(as_text=True)
    assert "country Kazakhstan → Uzbekistan" in page
    assert f"/admin/history/details/?id={update.id}" in page
    details = client.get(f"/admin/history/details/?id={update.id}").get_data(as_text=True)
    assert "Uzbekistan" in details
    assert "/revert/" not in details

    assert revert(client, update.id, session_token(client)).status_code == 403
    assert person(app, SMAILOV).country == "Uzbekistan"


def test_revert_without_csrf_token_changes_nothing(app, client, seeded):
    login(client, "eddie")
    edit_person(client, SMAILOV, country="Uzbekistan")
    update = last_revision(app, action=Action.UPDATE)

    response = revert(client, update.id)

    assert response.status_code == 302
    assert "The form has expired" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert person(app, SMAILOV).country == "Uzbekistan"
    with app.app_context():
        assert (
            db.session.scalar(sa.select(Revision).where(Revision.action == Action.REVERT)) is None
        )


def test_unmerge_from_the_history_restores_the_previous_state(app, client, seeded):
    duplicate = add_duplicate(app)
    with app.app_context():
        before = snapshot()
    login(client, "eddie")
    merge_through_the_screens(client, [SMAILOV, duplicate], duplicate)
    merge = last_revision(app, action=Action.MERGE)
    details = client.get(f"/admin/history/details/?id={merge.id}").get_data(as_text=True)
    assert "Alikhan Smailov (#33)" in details
    assert "Un-merge" in details

    response = revert(
        client, merge.id, csrf_token(client, f"/admin/history/details/?id={merge.id}")
    )

    assert response.status_code == 302
    with app.app_context():
        assert snapshot() == before
    undo = last_revision(app, action=Action.REVERT)
    assert (undo.reverts_id, undo.table_name, undo.row_id) == (merge.id, "people", duplicate)
    again = revert(client, merge.id, csrf_token(client, "/admin/person/"))
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert f"Revision {merge.id} has already been reverted." in page


def list_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r"/admin/history/details/\?id=(\d+)", page)]


def test_history_lists_newest_first_and_filters(app, client, seeded):
    duplicate = add_duplicate(app)
    login(client, "eddie")
    edit_person(client, SMAILOV, country="Uzbekistan")
    merge_through_the_screens(client, [SMAILOV, duplicate], duplicate)
    # 1-5 seed the articles, 6 is the update, 7 the merge
    page = client.get("/admin/history/").get_data(as_text=True)
    assert list_ids(page) == [7, 6, 5, 4, 3, 2, 1]

    def ids(query: str) -> list[int]:
        response = client.get(f"/admin/history/?{query}")
        assert response.status_code == 200
        return list_ids(response.get_data(as_text=True))

    assert ids("flt0_action_equals=merge") == [7]
    assert ids("flt0_action_equals=no-such-action") == [7, 6, 5, 4, 3, 2, 1]
    assert ids("flt0_table_equals=articles") == [5, 4, 3, 2, 1]
    assert ids(f"flt0_table_equals=people&flt1_row_equals={SMAILOV}") == [6]
    assert ids("flt0_actor_equals=eddie") == [7, 6]
    today = datetime.now(UTC).date()
    assert ids(f"flt0_when_on_or_after={today + timedelta(days=1)}") == []
    assert ids(f"flt0_when_on_or_before={today}") == [7, 6, 5, 4, 3, 2, 1]
    assert ids("sort=1&desc=0")[:2] == [1, 2]


def test_rows_are_linked_only_while_they_exist(app, client, seeded):
    duplicate = add_duplicate(app)
    login(client, "eddie")
    edit_person(client, SMAILOV, country="Uzbekistan")
    merge_through_the_screens(client, [SMAILOV, duplicate], duplicate)
    page = client.get("/admin/history/").get_data(as_text=True)
    rows = re.findall(r'<td class="col-row_id">\s*(.*?)\s*</td>', page, re.S)
    # the merge's survivor exists; Smailov, the updated row, was merged away
    assert rows[0] == f'<a href="/admin/person/details/?id={duplicate}">person {duplicate}</a>'
    assert rows[1] == f"person {SMAILOV}"
    assert rows[2] == '<a href="/admin/article/read/5">article 5</a>'  # an article opens to be read


def test_aliases_are_edited_inline_and_audited(app, client, seeded):
    login(client, "eddie")
    edit_person(client, SMAILOV, **{"aliases-7-alias": "Smailov"})
    created = last_revision(app, action=Action.CREATE)
    assert created.table_name == "person_aliases"
    assert created.changes["alias"] == [None, "Smailov"]
    assert created.changes["person_id"] == [None, SMAILOV]
    page = client.get(f"/admin/person/details/?id={SMAILOV}").get_data(as_text=True)
    assert "Alikhan Askhanovich Smailov, Alikhan Smaiylov, Smailov," in page


def test_account_changes_are_for_admins_only(app, users):
    with app.app_context():
        revision = Revision(
            actor="ada",
            action=Action.UPDATE,
            table_name="users",
            row_id=1,
            changes={"role": ["viewer", "editor"]},
            summary="role of vera",
        )
        db.session.add(revision)
        db.session.commit()
        revision_id = revision.id
    for name, sees in (("vera", False), ("eddie", False), ("ada", True)):
        client = app.test_client()
        login(client, name)
        listing = client.get("/admin/history/?flt0_table_equals=users").get_data(as_text=True)
        assert ("role of vera" in listing) is sees, name
        details = client.get(f"/admin/history/details/?id={revision_id}")
        assert (
            details.status_code == 200 and "role of vera" in details.get_data(as_text=True)
        ) is sees
