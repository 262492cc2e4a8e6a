"""The history in words: names for ids, confirmed apart from rejected, plain labels, links."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from tests.conftest import csrf_token
from tests.conftest import login
from tests.factories import add_records
from tests.factories import talks_form
from tests.queries import recorded_sql
from webapp.db import db
from webapp.models import Action
from webapp.models import Revision
from webapp.models import Statement


@pytest.fixture
def ids(app, users) -> dict[str, int]:
    return add_records(app)


def edit_talks(client, ids, **changes: str):
    path = f"/admin/statement/edit/?id={ids['talks']}"
    data = {"csrf_token": csrf_token(client, path), **talks_form(ids, **changes)}
    response = client.post(path, data=data)
    assert response.status_code == 302
    return response


def newest(app, **where) -> Revision:
    with app.app_context():
        revision = db.session.scalar(
            sa.select(Revision).filter_by(**where).order_by(Revision.id.desc())
        )
        db.session.expunge(revision)
        return revision


def decide(client, row_id: int, verdict: str):
    page = client.get("/admin/review/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = {"csrf_token": token, "verdict": verdict, "version_id": "1", "next": "/admin/review/"}
    assert client.post(f"/admin/review/statements/{row_id}/", data=data).status_code == 302


def row_of(page: str, revision_id: int) -> str:
    return re.search(rf"<tr>(?:(?!</tr>).)*?details/\?id={revision_id}&amp;.*?</tr>", page, re.S)[0]


def cells(page: str, revision_id: int) -> str:
    """The text of a history list row, tags taken out."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row_of(page, revision_id))).strip()


def column(page: str, revision_id: int, name: str) -> str:
    """The text of one column of a history list row."""
    cell = re.search(rf'<td class="col-{name}">(.*?)</td>', row_of(page, revision_id), re.S)[1]
    return re.sub(r"<[^>]+>", "", cell).strip()


def test_history_names_the_people_and_meetings_an_edit_changed(app, client, ids):
    login(client, "eddie")
    edit_talks(client, ids, speaker=str(ids["carl"]), meeting="")
    update = newest(app, action=Action.UPDATE)
    assert update.changes["speaker_id"] == [ids["boris"], ids["carl"]]

    page = client.get("/admin/history/").get_data(as_text=True)
    row = cells(page, update.id)
    assert "speaker Boris Beketov → Carl Chokin" in row
    assert "meeting 2024-03-04, Moscow → —" in row
    assert "status unreviewed → edited" in row
    assert "speaker_id" not in page and f"{ids['boris']} → {ids['carl']}" not in row
    assert column(page, update.id, "summary") == "Carl Chokin: the talks went well"
    details = client.get(f"/admin/history/details/?id={update.id}").get_data(as_text=True)
    assert "<td>speaker</td><td>Boris Beketov</td><td>Carl Chokin</td>" in details


def test_a_person_gone_since_is_said_to_be_gone(app, client, ids):
    login(client, "eddie")
    edit_talks(client, ids, speaker=str(ids["carl"]))
    update = newest(app, action=Action.UPDATE)
    token = csrf_token(client, "/admin/person/")
    client.post("/admin/person/delete/", data={"csrf_token": token, "id": ids["carl"]})

    row = cells(client.get("/admin/history/").get_data(as_text=True), update.id)

    assert f"speaker Boris Beketov → person {ids['carl']} (gone)" in row


def test_names_are_read_in_one_query_for_the_whole_page(app, client, ids):
    login(client, "eddie")
    for speaker in ("carl", "anna", "boris", "carl"):
        edit_talks(client, ids, speaker=str(ids[speaker]), version_id=str(newest_version(app, ids)))
    with recorded_sql(app) as statements:
        page = client.get("/admin/history/").get_data(as_text=True)
    assert page.count("speaker ") >= 4
    assert sum("FROM people" in sql for sql in statements) == 1


def newest_version(app, ids) -> int:
    with app.app_context():
        return db.session.get(Statement, ids["talks"]).version_id


def test_confirmed_and_rejected_are_distinct_actions(app, client, ids):
    login(client, "eddie")
    decide(client, ids["talks"], "reviewed")
    decide(client, ids["welcome"], "rejected")
    confirmed = newest(app, row_id=ids["talks"], action=Action.REVIEW)
    rejected = newest(app, row_id=ids["welcome"], action=Action.REVIEW)

    page = client.get("/admin/history/").get_data(as_text=True)
    assert column(page, confirmed.id, "action") == "confirmed"
    assert column(page, rejected.id, "action") == "rejected"

    def listed(query: str) -> list[int]:
        found = client.get(f"/admin/history/?{query}").get_data(as_text=True)
        return [int(i) for i in re.findall(r"/admin/history/details/\?id=(\d+)", found)]

    assert listed("flt0_action_equals=confirmed") == [confirmed.id]
    assert listed("flt0_action_equals=rejected") == [rejected.id]
    assert listed("flt0_action_equals=review") == [rejected.id, confirmed.id]


def test_history_speaks_in_plain_words(app, client, ids):
    login(client, "eddie")
    edit_talks(client, ids, kind="direct")
    update = newest(app, action=Action.UPDATE)
    page = client.get("/admin/history/").get_data(as_text=True)
    for label in ("When", "Who", "What", "Record", "Changes"):
        assert f">{label}</a>" in page or f">{label}</th>" in page or f"{label}\n" in page
    # a statement's record opens at its words on the article's reading page
    assert f'<a href="/admin/article/statement/{ids["talks"]}">statement {ids["talks"]}</a>' in page
    details = client.get(f"/admin/history/details/?id={update.id}").get_data(as_text=True)
    assert "Undoes" in details and "Kind of record" in details
    for label in ("Reverts Id", "Table Name", "Row Id"):
        assert label not in details


@pytest.mark.parametrize(
    "path",
    [
        "/admin/statement/details/?id={talks}",
        "/admin/statement/edit/?id={talks}",
        "/admin/meeting/details/?id={meeting}",
        "/admin/meeting/edit/?id={meeting}",
        "/admin/person/details/?id={anna}",
        "/admin/person/edit/?id={anna}",
        "/admin/article/details/?id={spring}",
        "/admin/article/edit/?id={spring}",
        "/admin/article/read/{spring}",
    ],
)
def test_every_record_links_to_its_history(app, client, ids, path):
    login(client, "eddie")
    page = client.get(path.format(**ids)).get_data(as_text=True)
    link = re.search(r'<a[^>]*id="record-history"[^>]*href="([^"]+)"', page)
    assert link is not None, path
    table = path.split("/")[2]
    tables = {"statement": "statements", "meeting": "meetings", "person": "people"}
    row_id = re.search(r"(\d+)$", path.format(**ids)).group(1)
    expected = f"flt0_table_equals={tables.get(table, 'articles')}&amp;flt1_row_equals={row_id}"
    assert link.group(1) == f"/admin/history/?{expected}"
