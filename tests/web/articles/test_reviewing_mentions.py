"""Reviewing a mention from the reading page: confirm, reject, or correct whom it names.

The transcript (004) names Vladimir Putin at character 971 and Alikhan Smailov,
as "Alihan Smailov", at 118.
"""

from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa

from tests.conftest import login
from tests.web.articles.pages import listed
from tests.web.articles.pages import page_data
from tests.web.articles.pages import read_page
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
from webapp.models import Mention
from webapp.models import ReviewStatus

PUTIN_AT = 971
SMAILOV_AT = 118


def person(client, token, mention: int, person_id, version: int = 1):
    data = {"person_id": "" if person_id is None else person_id, "version_id": version}
    return post(client, token, f"/admin/reading/mentions/{mention}/person", data)


def named(app, mention: int) -> tuple[ReviewStatus, int, str]:
    with app.app_context():
        found = db.session.get(Mention, mention)
        return found.review_status, found.version_id, found.person.name


@pytest.fixture
def putin(transcript) -> int:
    return transcript["mentions"][PUTIN_AT]


def test_the_page_gives_each_mention_its_own_record(seeded, client, transcript, editor, putin):
    record = editor["mentions"][str(putin)]
    assert record == {
        "person_id": person_id(seeded, "Vladimir Putin"),
        "person": "Vladimir Putin",
        "how": "name",
        "start": PUTIN_AT,
        "end": PUTIN_AT + len("Vladimir Putin"),
        "confidence": 1.0,
        "status": "unreviewed",
        "version": 1,
    }
    assert len(editor["mentions"]) == 12
    page, _text = read_page(client, transcript["article"])
    assert re.search(
        rf'<a class="hl hl-mention pc-\d+ st-unreviewed" id="mention-{putin}" '
        rf'data-mention="{putin}" data-person="{record["person_id"]}"',
        page,
    )


@pytest.mark.parametrize("decision, word", [("reviewed", "Confirmed"), ("rejected", "Rejected")])
def test_a_mention_is_confirmed_or_rejected(seeded, client, editor, putin, decision, word):
    response = verdict(client, editor["csrf_token"], "mentions", putin, decision)
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["message"] == f"{word} mention {putin}"
    assert (answer["row"]["status"], answer["row"]["version"]) == (decision, 2)
    assert named(seeded, putin) == (ReviewStatus(decision), 2, "Vladimir Putin")
    (revision,) = revisions(seeded, "mentions", putin)
    assert revision.action == Action.REVIEW and revision.actor == "eddie"
    assert revision.changes == {"review_status": ["unreviewed", decision]}
    assert answer["revision"] == revision.id


def test_correcting_whom_a_mention_names(seeded, client, transcript, editor, putin):
    bektenov = person_id(seeded, "Olzhas Bektenov")
    response = person(client, editor["csrf_token"], putin, bektenov)
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["message"] == f"Mention {putin} now names Olzhas Bektenov"
    assert answer["row"] == {
        "id": putin,
        "status": "edited",
        "version": 2,
        "person_id": bektenov,
        "person": "Olzhas Bektenov",
        "person_status": "reviewed",
        "person_version": 1,
    }
    assert named(seeded, putin) == (ReviewStatus.EDITED, 2, "Olzhas Bektenov")
    (revision,) = revisions(seeded, "mentions", putin)
    assert revision.action == Action.UPDATE
    assert revision.changes == {
        "person_id": [person_id(seeded, "Vladimir Putin"), bektenov],
        "review_status": ["unreviewed", "edited"],
    }
    # the reading page now underlines those words in Bektenov's colour, as his
    _page, text = read_page(client, transcript["article"])
    assert text.covered["mention", bektenov] == "Vladimir Putin"


def test_the_history_says_it_in_words(seeded, client, editor, putin):
    changed = person(client, editor["csrf_token"], putin, person_id(seeded, "Olzhas Bektenov"))
    revision = changed.get_json()["revision"]
    listing = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/admin/history/").text))
    assert f"edited mention {putin}" in listing
    assert "status unreviewed → edited; person Vladimir Putin → Olzhas Bektenov" in listing
    assert f"Olzhas Bektenov at character {PUTIN_AT}" in listing
    details = client.get(f"/admin/history/details/?id={revision}").get_data(as_text=True)
    assert "<td>person</td><td>Vladimir Putin</td><td>Olzhas Bektenov</td>" in details
    assert "<td>status</td><td>unreviewed</td><td>edited</td>" in details


def test_undo_gives_the_mention_its_person_back(seeded, client, editor, putin):
    changed = person(client, editor["csrf_token"], putin, person_id(seeded, "Olzhas Bektenov"))
    response = undo(client, changed.get_json()["csrf_token"], changed.get_json()["revision"])
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["message"] == f"Undone: mention {putin} is back as it was."
    assert answer["row"]["person"] == "Vladimir Putin"
    assert (answer["row"]["status"], answer["row"]["version"]) == ("unreviewed", 3)
    assert named(seeded, putin) == (ReviewStatus.UNREVIEWED, 3, "Vladimir Putin")
    *_, revert = revisions(seeded, "mentions", putin)
    assert revert.action == Action.REVERT and answer["revision"] == revert.id


def test_undo_a_rejected_mention(seeded, client, editor, putin):
    rejected = verdict(client, editor["csrf_token"], "mentions", putin, "rejected").get_json()
    response = undo(client, rejected["csrf_token"], rejected["revision"])
    assert response.status_code == 200
    assert named(seeded, putin) == (ReviewStatus.UNREVIEWED, 3, "Vladimir Putin")


def test_a_mention_changed_since_is_refused(seeded, client, editor, putin):
    """Another editor confirmed it after this page was loaded (at version 1)."""
    with seeded.app_context():
        db.session.get(Mention, putin).review_status = ReviewStatus.REVIEWED
        db.session.commit()
    bektenov = person_id(seeded, "Olzhas Bektenov")
    for response in (
        person(client, editor["csrf_token"], putin, bektenov, version=1),
        verdict(client, editor["csrf_token"], "mentions", putin, "rejected", version=1),
    ):
        assert response.status_code == 409
        answer = response.get_json()
        assert answer["error"] == STALE_MESSAGE
        assert answer["row"]["status"] == "reviewed" and answer["row"]["version"] == 2
        assert answer["row"]["person"] == "Vladimir Putin"
    assert named(seeded, putin) == (ReviewStatus.REVIEWED, 2, "Vladimir Putin")


def test_correcting_a_mention_needs_its_token_a_person_and_a_known_mention(
    seeded, client, editor, putin
):
    bektenov = person_id(seeded, "Olzhas Bektenov")
    for token in (None, "forged"):
        refused = person(client, token, putin, bektenov)
        assert refused.status_code == 400 and refused.get_json()["error"] == CSRF_FAILED
    token = editor["csrf_token"]
    missing = person(client, token, putin, 999999)
    assert missing.status_code == 400 and missing.get_json()["error"] == "No such person."
    nobody = person(client, token, putin, None)  # naming nobody is a rejection, not this
    assert nobody.status_code == 400 and "person_id" in nobody.get_json()["error"]
    assert person(client, token, 999999, bektenov).status_code == 404
    assert named(seeded, putin) == (ReviewStatus.UNREVIEWED, 1, "Vladimir Putin")
    assert revisions(seeded, "mentions", putin) == []


def test_only_editors_review_mentions(seeded, client, transcript, putin):
    bektenov = person_id(seeded, "Olzhas Bektenov")
    assert person(client, "x", putin, bektenov).status_code == 401
    login(client, "vera")
    token = re.search(
        r'name="csrf_token"[^>]* value="([^"]+)"',
        client.get(f"/admin/article/read/{transcript['article']}").get_data(as_text=True),
    ).group(1)  # the log-out form's
    for response in (
        person(client, token, putin, bektenov),
        verdict(client, token, "mentions", putin, "rejected"),
    ):
        assert response.status_code == 403
        assert response.get_json()["error"] == "Only editors can review records."
    assert page_data(client, transcript["article"])["can_write"] is False
    log_out(client)
    assert row(seeded, Mention, putin)[:2] == (ReviewStatus.UNREVIEWED, 1)


def test_seeding_again_keeps_what_the_editor_did_to_the_mentions(
    seeded, client, transcript, editor, putin
):
    """The transcript's mentions after `seed --reextract`: the corrected and the rejected one
    as the editor left them, nothing new on their words, the other ten found again."""
    smailov = transcript["mentions"][SMAILOV_AT]
    assert editor["mentions"][str(smailov)]["person"] == "Alikhan Smailov"
    corrected = person(client, editor["csrf_token"], putin, person_id(seeded, "Olzhas Bektenov"))
    token = corrected.get_json()["csrf_token"]
    assert verdict(client, token, "mentions", smailov, "rejected").status_code == 200

    result = seeded.test_cli_runner().invoke(args=["seed", "--reextract"])
    assert result.exit_code == 0, result.output

    after = page_data(client, transcript["article"])["mentions"]
    assert len(after) == 12
    assert after[str(putin)] == {
        "person_id": person_id(seeded, "Olzhas Bektenov"),
        "person": "Olzhas Bektenov",
        "how": "name",
        "start": PUTIN_AT,
        "end": PUTIN_AT + len("Vladimir Putin"),
        "confidence": 1.0,
        "status": "edited",
        "version": 2,
    }
    assert (after[str(smailov)]["person"], after[str(smailov)]["status"]) == (
        "Alikhan Smailov",
        "rejected",
    )
    for start, kept in ((PUTIN_AT, putin), (SMAILOV_AT, smailov)):
        assert [m for m in after.values() if m["start"] == start] == [after[str(kept)]]
    others = [m for id_, m in after.items() if int(id_) not in (putin, smailov)]
    assert len(others) == 10 and {m["status"] for m in others} == {"unreviewed"}


def test_a_rejected_mention_names_nobody_in_the_lists_and_the_export(
    seeded, client, transcript, editor
):
    """Both of the transcript's mentions of Putin rejected: it no longer counts him among its
    four people, is not found by his name, and the export leaves him out of it."""
    article = transcript["article"]
    assert listed(client)[article] == (2, 4)
    assert article in listed(client, "?flt0_person_mentioned_name_alias_or_id=Vladimir+Putin")
    token = editor["csrf_token"]
    for start in (PUTIN_AT, 2625):
        answer = verdict(client, token, "mentions", transcript["mentions"][start], "rejected")
        assert answer.status_code == 200
        token = answer.get_json()["csrf_token"]

    assert listed(client)[article] == (2, 3)
    page = client.get(f"/admin/article/read/{article}").text
    people = page.split('class="card mb-3 article-people"', 1)[1].split("</section>", 1)[0]
    assert "People (3)" in people and "Vladimir Putin" not in people
    putin = person_id(seeded, "Vladimir Putin")
    assert page_data(client, article)["people"][str(putin)]["mentions"] == 0
    with seeded.app_context():  # the analysts' view counts as the list does
        view = "SELECT person_count FROM article_details WHERE article_id = :article"
        assert db.session.execute(sa.text(view), {"article": article}).scalar() == 3
    found = listed(client, "?flt0_person_mentioned_name_alias_or_id=Vladimir+Putin")
    assert found and article not in found
    exported = json.loads(seeded.test_cli_runner().invoke(args=["export"]).output)
    (row,) = [a for a in exported["articles"] if a["id"] == article]
    names = {p["id"]: p["name"] for p in exported["people"]}
    assert sorted(names[person] for person in row["people"]) == [
        "Alikhan Smailov",
        "Kassym-Jomart Tokayev",
        "Mikhail Mishustin",
    ]
