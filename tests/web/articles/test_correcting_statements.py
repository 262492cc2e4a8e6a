"""Correcting a statement's words and kind from its reading page.

The transcript (004) has two transcript turns: Smailov's, which begins
"Mr Mishustin, colleagues." and ends "... mutually beneficial cooperation in
all areas.", then Mishustin's. New words are posted as where they start and end
in the article's clean text; the text saved is the article's own words there.
"""

from __future__ import annotations

import pytest

from tests.conftest import login
from tests.web.articles.review_calls import log_out
from tests.web.articles.review_calls import post
from tests.web.articles.review_calls import revisions
from tests.web.articles.review_calls import undo
from webapp.admin.base import STALE_MESSAGE
from webapp.auth import CSRF_FAILED
from webapp.db import db
from webapp.models import Action
from webapp.models import Article
from webapp.models import ReviewStatus
from webapp.models import Statement
from webapp.models import StatementKind

GREETING = "Mr Mishustin, colleagues."


def words(client, token, statement: int, start, end, version: int = 1):
    data = {"start_char": start, "end_char": end, "version_id": version}
    return post(client, token, f"/admin/reading/statements/{statement}/words", data)


def stored(app, statement: int) -> tuple:
    with app.app_context():
        found = db.session.get(Statement, statement)
        return (
            found.start_char,
            found.end_char,
            found.text,
            found.kind,
            found.review_status,
            found.version_id,
        )


@pytest.fixture
def article_text(seeded, transcript) -> str:
    with seeded.app_context():
        return db.session.get(Article, transcript["article"]).clean_text


@pytest.fixture
def greeting(article_text, transcript, seeded) -> tuple[int, int]:
    """Where Smailov's first sentence lies: inside his turn, at its start."""
    start = article_text.index(GREETING)
    assert stored(seeded, transcript["smailov"])[0] == start
    return start, start + len(GREETING)


def test_the_page_gives_each_statement_its_place_and_the_kinds(editor, transcript, greeting):
    smailov = editor["statements"][str(transcript["smailov"])]
    assert smailov["start"] == greeting[0] and smailov["kind"] == "transcript"
    assert editor["kinds"] == [
        ["direct", "direct quote"],
        ["indirect", "indirect speech"],
        ["transcript", "transcript turn"],
    ]
    assert editor["urls"]["words"] == "/admin/reading/statements/0/words"


def test_new_words_are_the_article_text_at_the_selected_place(
    seeded, client, transcript, editor, greeting
):
    statement = transcript["smailov"]
    start, end = greeting
    response = words(client, editor["csrf_token"], statement, start, end)
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["message"] == f"Words of statement {statement} set to “{GREETING}”"
    row = answer["row"]
    assert (row["start"], row["end"], row["text"]) == (start, end, GREETING)
    assert (row["status"], row["version"]) == ("edited", 2)
    assert stored(seeded, statement) == (
        start,
        end,
        GREETING,
        StatementKind.TRANSCRIPT,
        ReviewStatus.EDITED,
        2,
    )
    page = client.get(f"/admin/article/read/{transcript['article']}").text
    assert f'data-statement="{statement}"' in page
    again = words(client, answer["csrf_token"], statement, start, end, version=2)
    assert again.get_json()["message"].startswith("Nothing to change")
    assert again.get_json()["revision"] is None


def test_a_stale_version_is_refused_with_the_row_as_it_is(
    seeded, client, transcript, editor, greeting
):
    statement = transcript["smailov"]
    before = stored(seeded, statement)
    response = words(client, editor["csrf_token"], statement, *greeting, version=5)
    assert response.status_code == 409
    answer = response.get_json()
    assert answer["error"] == STALE_MESSAGE
    assert (answer["row"]["version"], answer["row"]["end"]) == (1, before[1])
    assert stored(seeded, statement) == before


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("", "", "Starts at character"),
        (-1, 20, "Starts at character"),
        (100, 100, "Ends before character"),
        (100, 90, "Ends before character"),
        (100, 10**7, "Ends before character"),
        (10**7, 10**7 + 5, "Starts at character"),
    ],
)
def test_words_outside_the_text_are_refused_naming_the_field(
    seeded, client, transcript, editor, article_text, start, end, field
):
    statement = transcript["smailov"]
    before = stored(seeded, statement)
    response = words(client, editor["csrf_token"], statement, start, end)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error.startswith(f"{field}: the words must lie inside the article's ")
    assert f"{len(article_text)} characters" in error
    assert stored(seeded, statement) == before


def test_a_selection_of_blanks_only_is_refused(seeded, client, transcript, editor, article_text):
    statement = transcript["smailov"]
    before = stored(seeded, statement)
    blank = article_text.index("\n")
    response = words(client, editor["csrf_token"], statement, blank, blank + 1)
    assert response.status_code == 400
    assert response.get_json()["error"].startswith("Words: the selection holds no words")
    assert stored(seeded, statement) == before


def test_words_need_the_token_and_an_editor(seeded, client, transcript, greeting):
    statement = transcript["smailov"]
    before = stored(seeded, statement)
    assert words(client, "x", statement, *greeting).status_code == 401
    login(client, "eddie")
    for token in (None, "forged"):
        refused = words(client, token, statement, *greeting)
        assert refused.status_code == 400 and refused.get_json()["error"] == CSRF_FAILED
    log_out(client)
    login(client, "vera")
    viewer = words(client, "x", statement, *greeting)
    assert viewer.status_code == 403
    assert viewer.get_json()["error"] == "Only editors can review records."
    assert stored(seeded, statement) == before


def test_the_history_shows_the_words_and_undo_puts_them_back(
    seeded, client, transcript, editor, greeting
):
    statement = transcript["smailov"]
    before = stored(seeded, statement)
    changed = words(client, editor["csrf_token"], statement, *greeting).get_json()
    details = client.get(f"/admin/history/details/?id={changed['revision']}").text
    # the old words, all of Smailov's turn, then the new: its first sentence only
    assert f"<td>text</td><td>{GREETING}\n\nWe are pleased to welcome you" in details
    assert f"in all areas.</td><td>{GREETING}</td></tr>" in details
    response = undo(client, changed["csrf_token"], changed["revision"])
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["message"] == f"Undone: statement {statement} is back as it was."
    assert (answer["row"]["start"], answer["row"]["end"]) == before[:2]
    assert stored(seeded, statement) == (*before[:4], ReviewStatus.UNREVIEWED, 3)
    *_, revert = revisions(seeded, "statements", statement)
    assert revert.action == Action.REVERT and revert.reverts_id == changed["revision"]


# -- the kind, beside the speaker -----------------------------------------------------------


def speaker_and_kind(client, token, statement: int, speaker_id, kind, version: int = 1):
    data = {"speaker_id": speaker_id, "kind": kind, "version_id": version}
    return post(client, token, f"/admin/reading/statements/{statement}/speaker", data)


def test_the_kind_is_saved_with_the_speaker(seeded, client, transcript, editor):
    statement = transcript["smailov"]
    speaker_id = editor["statements"][str(statement)]["speaker_id"]
    response = speaker_and_kind(client, editor["csrf_token"], statement, speaker_id, "indirect")
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["message"] == (
        f"Speaker of statement {statement} set to Alikhan Smailov, indirect speech"
    )
    assert (answer["row"]["kind"], answer["row"]["status"]) == ("indirect", "edited")
    assert stored(seeded, statement)[3:] == (StatementKind.INDIRECT, ReviewStatus.EDITED, 2)
    details = client.get(f"/admin/history/details/?id={answer['revision']}").text
    assert "<td>kind</td><td>transcript</td><td>indirect</td>" in details
    token = answer["csrf_token"]
    stale = speaker_and_kind(client, token, statement, speaker_id, "direct", version=1)
    assert stale.status_code == 409 and stale.get_json()["row"]["kind"] == "indirect"
    undone = undo(client, token, answer["revision"]).get_json()
    assert undone["row"]["kind"] == "transcript"
    assert stored(seeded, statement)[3] == StatementKind.TRANSCRIPT


def test_the_same_kind_is_not_named_in_the_message(seeded, client, transcript, editor):
    statement = transcript["smailov"]
    speaker_id = editor["statements"][str(statement)]["speaker_id"]
    same = speaker_and_kind(client, editor["csrf_token"], statement, speaker_id, "transcript")
    assert same.get_json()["message"] == (
        f"Nothing to change: speaker of statement {statement} set to Alikhan Smailov already."
    )
    assert stored(seeded, statement)[3:] == (
        StatementKind.TRANSCRIPT,
        ReviewStatus.UNREVIEWED,
        1,
    )


def test_an_unknown_kind_is_refused_naming_the_field(seeded, client, transcript, editor):
    statement = transcript["smailov"]
    before = stored(seeded, statement)
    response = speaker_and_kind(client, editor["csrf_token"], statement, "", "poem")
    assert response.status_code == 400
    assert response.get_json()["error"].startswith("Kind: choose direct quote,")
    assert stored(seeded, statement) == before
