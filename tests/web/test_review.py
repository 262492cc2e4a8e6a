"""The review queue: order, paging, one-click confirm and reject, correct, and the audit trail."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from tests.conftest import login
from tests.factories import add_records
from tests.factories import meeting
from tests.factories import talks_form
from webapp.admin import review
from webapp.admin.base import STALE_MESSAGE
from webapp.db import db
from webapp.models import Action
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models import Revision
from webapp.models import Statement


@pytest.fixture
def ids(app, users) -> dict[str, int]:
    return add_records(app)


def queue_rows(page: str, show: str = "statements") -> list[int]:
    return [int(i) for i in re.findall(rf'<tr id="{show}-(\d+)">', page)]


def token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def decide(client, show: str, row_id: int, verdict: str, version: int = 1):
    page = client.get(f"/admin/review/?show={show}").get_data(as_text=True)
    data = {
        "csrf_token": token(page),
        "verdict": verdict,
        "version_id": str(version),
        "next": f"/admin/review/?show={show}",
    }
    return client.post(f"/admin/review/{show}/{row_id}/", data=data)


def status(app, model, row_id: int) -> tuple[ReviewStatus, int]:
    with app.app_context():
        row = db.session.get(model, row_id)
        return row.review_status, row.version_id


def test_least_confident_first_and_only_unreviewed(app, client, ids):
    """Confidences: growing 0.9, talks 0.4, border 0.6, welcome 0.5; border is already reviewed."""
    with app.app_context():
        db.session.get(Statement, ids["border"]).review_status = ReviewStatus.REVIEWED
        db.session.commit()
    login(client, "eddie")
    page = client.get("/admin/review/").get_data(as_text=True)
    assert queue_rows(page) == [ids["talks"], ids["welcome"], ids["growing"]]
    assert "Boris Beketov" in page and "the talks went well" in page and "0.40" in page


def test_pages_have_a_limit(app, client, ids, monkeypatch):
    monkeypatch.setattr(review, "PAGE_SIZE", 2)
    login(client, "eddie")
    first = client.get("/admin/review/").get_data(as_text=True)
    second = client.get("/admin/review/?page=2").get_data(as_text=True)
    assert queue_rows(first) == [ids["talks"], ids["welcome"]]
    assert queue_rows(second) == [ids["border"], ids["growing"]]
    assert 'href="/admin/review/?show=statements&amp;page=2"' in first
    third = client.get("/admin/review/?page=3")
    assert third.headers["Location"] == "/admin/review/?show=statements&page=2"


def test_meetings_and_new_people_have_their_own_queues(app, client, ids):
    with app.app_context():
        db.session.add(Person(name="Dana Doszhan"))
        db.session.get(Person, ids["anna"]).review_status = ReviewStatus.REVIEWED
        db.session.commit()
    login(client, "vera")
    meetings = client.get("/admin/review/?show=meetings").get_data(as_text=True)
    assert queue_rows(meetings, "meetings") == [ids["meeting"]]
    assert "Anna Arbatova, Boris Beketov" in meetings
    people = client.get("/admin/review/?show=people").get_data(as_text=True)
    assert "Dana Doszhan" in people
    assert "Anna Arbatova" not in people
    assert client.get("/admin/review/?show=users").status_code == 404


def test_undated_meetings_come_first(app, client, ids):
    """An undated meeting falls out of every chart by month, so it is reviewed first."""
    with app.app_context():
        dated = db.session.get(Meeting, ids["meeting"])
        dated.confidence = 0.3  # less confident than the undated one, yet after it
        people = list(dated.participants)
        undated = meeting(*people, held_on=None, confidence=0.9)
        db.session.add(undated)
        db.session.commit()
        undated_id = undated.id
    login(client, "vera")
    page = client.get("/admin/review/?show=meetings").get_data(as_text=True)
    assert queue_rows(page, "meetings") == [undated_id, ids["meeting"]]


def test_confirm_in_one_click_is_audited_as_a_review(app, client, ids):
    login(client, "eddie")
    response = decide(client, "statements", ids["talks"], "reviewed")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/review/?show=statements"
    assert status(app, Statement, ids["talks"]) == (ReviewStatus.REVIEWED, 2)
    page = client.get("/admin/review/").get_data(as_text=True)
    assert ids["talks"] not in queue_rows(page)
    assert "Confirmed: Boris Beketov: the talks went well" in page
    with app.app_context():
        revision = db.session.scalar(sa.select(Revision))
        assert (revision.action, revision.actor, revision.table_name, revision.row_id) == (
            Action.REVIEW,
            "eddie",
            "statements",
            ids["talks"],
        )
        assert revision.changes == {"review_status": ["unreviewed", "reviewed"]}


def test_reject_a_meeting(app, client, ids):
    login(client, "eddie")
    assert decide(client, "meetings", ids["meeting"], "rejected").status_code == 302
    assert status(app, Meeting, ids["meeting"]) == (ReviewStatus.REJECTED, 2)
    with app.app_context():
        assert db.session.scalar(sa.select(Revision.action)) == Action.REVIEW


def test_a_verdict_on_a_row_changed_since_is_refused(app, client, ids):
    with app.app_context():
        db.session.get(Statement, ids["talks"]).confidence = 0.45
        db.session.commit()
    login(client, "eddie")
    response = decide(client, "statements", ids["talks"], "rejected", version=1)
    assert response.status_code == 302
    assert status(app, Statement, ids["talks"]) == (ReviewStatus.UNREVIEWED, 2)
    assert STALE_MESSAGE in client.get("/admin/review/").get_data(as_text=True)


def test_unknown_verdicts_and_missing_tokens_change_nothing(app, client, ids):
    login(client, "eddie")
    assert decide(client, "statements", ids["talks"], "edited").status_code == 400
    data = {"verdict": "reviewed", "version_id": "1"}
    response = client.post(f"/admin/review/statements/{ids['talks']}/", data=data)
    assert response.status_code == 400
    assert status(app, Statement, ids["talks"]) == (ReviewStatus.UNREVIEWED, 1)


def test_correct_opens_the_edit_form_and_returns_to_the_queue(app, client, ids):
    login(client, "eddie")
    page = client.get("/admin/review/").get_data(as_text=True)
    link = f"/admin/statement/edit/?id={ids['talks']}&amp;url=/admin/review/?"
    assert link in page
    edit_path = f"/admin/statement/edit/?id={ids['talks']}&url=/admin/review/"
    form = client.get(edit_path).get_data(as_text=True)
    data = talks_form(ids, csrf_token=token(form), speaker=str(ids["anna"]))
    response = client.post(edit_path, data=data)
    assert response.headers["Location"] == "/admin/review/"
    assert status(app, Statement, ids["talks"]) == (ReviewStatus.EDITED, 2)


def test_viewers_see_the_queue_without_buttons(app, client, ids):
    login(client, "vera")
    page = client.get("/admin/review/").get_data(as_text=True)
    assert queue_rows(page) == [ids["talks"], ids["welcome"], ids["border"], ids["growing"]]
    assert "Confirm</button>" not in page and "Correct</a>" not in page
    data = {"csrf_token": "none on this page", "verdict": "reviewed", "version_id": "1"}
    assert client.post(f"/admin/review/statements/{ids['talks']}/", data=data).status_code == 403
    assert status(app, Statement, ids["talks"]) == (ReviewStatus.UNREVIEWED, 1)
