"""Reviewing from the reading page: the JSON endpoints behind its side panel.

Every endpoint needs a logged-in editor and a CSRF token, refuses a row changed
since the page was loaded, and leaves a revision in the audit trail that
Undo reverts.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import login
from tests.web.articles.pages import article_id
from tests.web.articles.pages import page_data
from tests.web.articles.review_calls import log_out
from tests.web.articles.review_calls import person_id
from tests.web.articles.review_calls import post
from tests.web.articles.review_calls import revisions
from tests.web.articles.review_calls import row
from tests.web.articles.review_calls import undo
from tests.web.articles.review_calls import verdict
from webapp.admin.base import STALE_MESSAGE
from webapp.auth import CSRF_FAILED
from webapp.db import db
from webapp.models import Action
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models import Statement

# -- the page's data ---------------------------------------------------------------------


def test_the_page_gives_the_panel_each_record_and_the_article_people_first(
    seeded, client, transcript, editor
):
    smailov = editor["statements"][str(transcript["smailov"])]
    assert smailov["speaker"] == "Alikhan Smailov"
    assert smailov["kind"] == "transcript"
    assert smailov["status"] == "unreviewed" and smailov["version"] == 1
    assert smailov["text"].startswith("Mr Mishustin, colleagues.")
    assert editor["meetings"][str(transcript["undated"])]["label"] == "undated"
    # the people the transcript names, in alphabetical order
    assert [name for _id, name in editor["speakers"]] == [
        "Alikhan Smailov",
        "Kassym-Jomart Tokayev",
        "Mikhail Mishustin",
        "Vladimir Putin",
    ]
    assert editor["can_write"] is True and editor["csrf_token"]


def test_viewers_see_the_records_without_a_token(seeded, client, transcript):
    login(client, "vera")
    data = page_data(client, transcript["article"])
    assert data["can_write"] is False and data["csrf_token"] is None
    page = client.get(f"/admin/article/read/{transcript['article']}").get_data(as_text=True)
    assert 'data-act="reviewed"' not in page


def test_nested_quotes_are_marked_in_the_text(seeded, client):
    """002 quotes "good neighborly" inside a sentence of reported speech around it."""
    login(client, "vera")
    article = article_id(seeded, "002")
    data = page_data(client, article)
    nested = {int(id_): row["inside"] for id_, row in data["statements"].items() if row["inside"]}
    assert len(nested) == 2
    page = client.get(f"/admin/article/read/{article}").get_data(as_text=True)
    with seeded.app_context():
        for inner, (outer,) in nested.items():
            quote, around = db.session.get(Statement, inner), db.session.get(Statement, outer)
            assert around.start_char <= quote.start_char and quote.end_char <= around.end_char
            assert quote.kind.value == "direct" and around.kind.value == "indirect"
            assert re.search(
                rf'class="hl hl-statement pc-\d st-unreviewed hl-nested" id="statement-{inner}"',
                page,
            )
            assert f"Statement {inner}: Mikhail Mishustin, direct, inside statement {outer}" in page


# -- confirm and reject -------------------------------------------------------------------


MODELS = {"statements": Statement, "meetings": Meeting, "people": Person}
NOUNS = {"statements": "statement", "meetings": "meeting", "people": "person"}


@pytest.mark.parametrize("table", list(MODELS))
def test_a_verdict_is_saved_and_audited(seeded, client, transcript, editor, table):
    """Smailov's turn, the undated meeting, and Smailov himself (from the dictionary, so
    already reviewed) are each rejected from the page."""
    model = MODELS[table]
    target = {
        "statements": transcript["smailov"],
        "meetings": transcript["undated"],
        "people": person_id(seeded, "Alikhan Smailov"),
    }[table]
    before, version, _ = row(seeded, model, target)
    assert before == (ReviewStatus.REVIEWED if table == "people" else ReviewStatus.UNREVIEWED)
    response = verdict(client, editor["csrf_token"], table, target, "rejected", version)
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["row"]["id"] == target
    assert (answer["row"]["status"], answer["row"]["version"]) == ("rejected", version + 1)
    assert answer["message"] == f"Rejected {NOUNS[table]} {target}"
    assert answer["csrf_token"]
    assert row(seeded, model, target)[:2] == (ReviewStatus.REJECTED, version + 1)
    (revision,) = [r for r in revisions(seeded, table, target) if r.actor == "eddie"]
    assert revision.action == Action.REVIEW
    assert revision.changes == {"review_status": [before.value, "rejected"]}
    assert answer["revision"] == revision.id


def test_a_verdict_needs_a_login(seeded, client, transcript):
    response = verdict(client, "anything", "statements", transcript["smailov"])
    assert response.status_code == 401
    assert "log in" in response.get_json()["error"]
    assert row(seeded, Statement, transcript["smailov"])[0] == ReviewStatus.UNREVIEWED


def test_a_verdict_needs_an_editor(seeded, client, transcript):
    login(client, "vera")
    token = re.search(
        r'name="csrf_token"[^>]* value="([^"]+)"',
        client.get(f"/admin/article/read/{transcript['article']}").get_data(as_text=True),
    ).group(1)  # the log-out form's
    response = verdict(client, token, "statements", transcript["smailov"])
    assert response.status_code == 403
    assert row(seeded, Statement, transcript["smailov"])[0] == ReviewStatus.UNREVIEWED


def test_a_verdict_without_its_token_is_refused(seeded, client, transcript, editor):
    for token in (None, "forged"):
        response = verdict(client, token, "statements", transcript["smailov"])
        assert response.status_code == 400
        assert response.get_json()["error"] == CSRF_FAILED
    assert row(seeded, Statement, transcript["smailov"])[:2] == (ReviewStatus.UNREVIEWED, 1)
    assert not [r for r in revisions(seeded, "statements", transcript["smailov"]) if r.actor]


def test_a_verdict_on_a_row_changed_since_is_refused(seeded, client, transcript, editor):
    """Another editor confirmed the statement after this page was loaded (at version 1)."""
    with seeded.app_context():
        db.session.get(Statement, transcript["smailov"]).review_status = ReviewStatus.REVIEWED
        db.session.commit()
    response = verdict(
        client, editor["csrf_token"], "statements", transcript["smailov"], "rejected", version=1
    )
    assert response.status_code == 409
    answer = response.get_json()
    assert answer["error"] == STALE_MESSAGE
    assert answer["row"]["status"] == "reviewed" and answer["row"]["version"] == 2
    assert row(seeded, Statement, transcript["smailov"])[:2] == (ReviewStatus.REVIEWED, 2)


def test_a_verdict_asks_for_a_known_verdict_and_record(seeded, client, transcript, editor):
    token = editor["csrf_token"]
    assert verdict(client, token, "statements", transcript["smailov"], "edited").status_code == 400
    assert verdict(client, token, "sources", 1).status_code == 404
    assert verdict(client, token, "statements", 999999).status_code == 404


def test_the_same_verdict_twice_changes_nothing_the_second_time(seeded, client, transcript, editor):
    first = verdict(client, editor["csrf_token"], "statements", transcript["smailov"])
    again = verdict(
        client, first.get_json()["csrf_token"], "statements", transcript["smailov"], version=2
    )
    assert again.status_code == 200
    assert again.get_json()["revision"] is None
    assert again.get_json()["message"].startswith("Nothing to change")
    assert row(seeded, Statement, transcript["smailov"])[:2] == (ReviewStatus.REVIEWED, 2)


# -- correcting the speaker ---------------------------------------------------------------


def speaker(client, token, statement: int, speaker_id, version: int = 1):
    data = {"speaker_id": "" if speaker_id is None else speaker_id, "version_id": version}
    return post(client, token, f"/admin/reading/statements/{statement}/speaker", data)


def speaker_part(row: dict) -> dict:
    """What a speaker's correction answers of the statement, without its words' place."""
    return {name: value for name, value in row.items() if name not in ("start", "end", "text")}


def test_correcting_the_speaker_is_saved_as_an_edit(seeded, client, transcript, editor):
    bektenov = person_id(seeded, "Olzhas Bektenov")
    mishustin = person_id(seeded, "Mikhail Mishustin")
    response = speaker(client, editor["csrf_token"], transcript["mishustin"], bektenov)
    assert response.status_code == 200
    answer = response.get_json()
    assert speaker_part(answer["row"]) == {
        "id": transcript["mishustin"],
        "status": "edited",
        "version": 2,
        "speaker_id": bektenov,
        "speaker": "Olzhas Bektenov",
        "kind": "transcript",
    }
    assert answer["message"] == (
        f"Speaker of statement {transcript['mishustin']} set to Olzhas Bektenov"
    )
    assert row(seeded, Statement, transcript["mishustin"]) == (ReviewStatus.EDITED, 2, bektenov)
    (revision,) = [r for r in revisions(seeded, "statements", transcript["mishustin"]) if r.actor]
    assert revision.action == Action.UPDATE and revision.actor == "eddie"
    assert revision.changes == {
        "speaker_id": [mishustin, bektenov],
        "review_status": ["unreviewed", "edited"],
    }
    assert answer["revision"] == revision.id


def test_the_speaker_may_be_unknown_but_not_a_missing_person(seeded, client, transcript, editor):
    missing = speaker(client, editor["csrf_token"], transcript["mishustin"], 999999)
    assert missing.status_code == 400 and missing.get_json()["error"] == "No such person."
    unknown = speaker(client, missing.get_json()["csrf_token"], transcript["mishustin"], None)
    assert unknown.status_code == 200
    assert unknown.get_json()["row"]["speaker"] is None
    assert row(seeded, Statement, transcript["mishustin"]) == (ReviewStatus.EDITED, 2, None)


def test_correcting_the_speaker_is_guarded_like_a_verdict(seeded, client, transcript):
    bektenov = person_id(seeded, "Olzhas Bektenov")
    assert speaker(client, "x", transcript["mishustin"], bektenov).status_code == 401
    login(client, "eddie")
    token = page_data(client, transcript["article"])["csrf_token"]
    assert speaker(client, None, transcript["mishustin"], bektenov).status_code == 400
    stale = speaker(client, token, transcript["mishustin"], bektenov, version=7)
    assert stale.status_code == 409 and stale.get_json()["error"] == STALE_MESSAGE
    assert row(seeded, Statement, transcript["mishustin"])[:2] == (ReviewStatus.UNREVIEWED, 1)


# -- undo --------------------------------------------------------------------------------


def test_undo_reverts_the_last_change(seeded, client, transcript, editor):
    bektenov = person_id(seeded, "Olzhas Bektenov")
    mishustin = person_id(seeded, "Mikhail Mishustin")
    changed = speaker(client, editor["csrf_token"], transcript["mishustin"], bektenov).get_json()
    response = undo(client, changed["csrf_token"], changed["revision"])
    assert response.status_code == 200
    answer = response.get_json()
    assert speaker_part(answer["row"]) == {
        "id": transcript["mishustin"],
        "status": "unreviewed",
        "version": 3,
        "speaker_id": mishustin,
        "speaker": "Mikhail Mishustin",
        "kind": "transcript",
    }
    assert row(seeded, Statement, transcript["mishustin"]) == (
        ReviewStatus.UNREVIEWED,
        3,
        mishustin,
    )
    *_, revert = revisions(seeded, "statements", transcript["mishustin"])
    assert revert.action == Action.REVERT and revert.reverts_id == changed["revision"]
    assert answer["revision"] == revert.id
    again = undo(client, answer["csrf_token"], changed["revision"])
    assert again.status_code == 409
    assert "already been reverted" in again.get_json()["error"]


def test_undo_refuses_a_row_changed_since(seeded, client, transcript, editor):
    confirmed = verdict(client, editor["csrf_token"], "statements", transcript["smailov"])
    with seeded.app_context():
        db.session.get(Statement, transcript["smailov"]).review_status = ReviewStatus.REJECTED
        db.session.commit()
    response = undo(client, confirmed.get_json()["csrf_token"], confirmed.get_json()["revision"])
    assert response.status_code == 409
    assert response.get_json()["row"]["status"] == "rejected"
    assert row(seeded, Statement, transcript["smailov"])[0] == ReviewStatus.REJECTED


def test_undo_is_only_for_ones_own_reviews_here(seeded, client, transcript, editor):
    confirmed = verdict(client, editor["csrf_token"], "statements", transcript["smailov"])
    revision = confirmed.get_json()["revision"]
    assert undo(client, None, revision).status_code == 400  # no token
    log_out(client)
    assert undo(client, "x", revision).status_code == 401
    login(client, "vera")
    assert undo(client, "x", revision).status_code == 403
    log_out(client)
    login(client, "ada")
    token = page_data(client, transcript["article"])["csrf_token"]
    refused = undo(client, token, revision)  # an admin, but not the one who confirmed it
    assert refused.status_code == 400
    assert "your own" in refused.get_json()["error"]
    assert row(seeded, Statement, transcript["smailov"])[0] == ReviewStatus.REVIEWED
    assert undo(client, token, 999999).status_code == 404
