"""Correcting the article's own record from its reading page, and confirming or rejecting it.

The transcript (004) is "Mikhail Mishustin meets with Prime Minister of
Kazakhstan Alihan Smailov", published by the Government of Russia on
1 February 2024 (a date taken from its header), dateline "Russia", no subtitle.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa

from tests.conftest import login
from tests.web.articles.review_calls import log_out
from tests.web.articles.review_calls import post
from tests.web.articles.review_calls import revisions
from tests.web.articles.review_calls import undo
from tests.web.articles.review_calls import verdict
from webapp.admin.base import STALE_MESSAGE
from webapp.auth import CSRF_FAILED
from webapp.db import db
from webapp.models import Action
from webapp.models import Article
from webapp.models import ReviewStatus
from webapp.models import Source

TITLE = "Mikhail Mishustin meets with Prime Minister of Kazakhstan Alihan Smailov"


def correct(client, token, article: int, version: int = 1, **values):
    data = {
        "title": TITLE,
        "subtitle": "",
        "published": "1 February 2024",
        "source_id": "",
        "dateline_place": "Russia",
        **values,
        "version_id": version,
    }
    return post(client, token, f"/admin/reading/articles/{article}/correct", data)


def stored(app, article: int) -> dict:
    with app.app_context():
        found = db.session.get(Article, article)
        return {
            "title": found.title,
            "subtitle": found.subtitle,
            "published": found.published,
            "date_from": found.date_from,
            "source": found.source.name if found.source else None,
            "dateline_place": found.dateline_place,
            "status": found.review_status,
            "version": found.version_id,
        }


def edits(app, article: int) -> list:
    """The article's revisions after the one seeding wrote."""
    return [r for r in revisions(app, "articles", article) if r.action != Action.SEED]


@pytest.fixture
def sources(seeded) -> dict[str, int]:
    with seeded.app_context():
        return dict(db.session.execute(sa.select(Source.name, Source.id)).all())


AS_SEEDED = {
    "title": TITLE,
    "subtitle": None,
    "published": date(2024, 2, 1),
    "date_from": "header",
    "source": "Government of Russia",
    "dateline_place": "Russia",
    "status": ReviewStatus.UNREVIEWED,
    "version": 1,
}


def test_the_page_gives_the_article_its_details_and_the_sources(editor, transcript, sources):
    article = editor["articles"][str(transcript["article"])]
    assert article == {
        "title": TITLE,
        "subtitle": None,
        "published": "2024-02-01",
        "date_from": "header",
        "source_id": sources["Government of Russia"],
        "source": "Government of Russia",
        "dateline_place": "Russia",
        "file": "004_09dc893c7673816c.txt",
        "status": "unreviewed",
        "version": 1,
    }
    assert [name for _id, name in editor["sources"]] == sorted(sources)
    assert editor["urls"]["article"] == "/admin/reading/articles/0/correct"


def test_title_subtitle_date_source_and_dateline_at_once(
    seeded, client, transcript, editor, sources
):
    article = transcript["article"]
    assert stored(seeded, article) == AS_SEEDED
    response = correct(
        client,
        editor["csrf_token"],
        article,
        title=" Mishustin and Smailov meet in Almaty ",
        subtitle="The two prime ministers",
        published="3 Feb 2024",
        source_id=sources["TASS"],
        dateline_place="Almaty",
    )
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["message"] == (
        f"Article {article} set to “Mishustin and Smailov meet in Almaty”, 2024-02-03, TASS"
    )
    assert answer["row"] == {
        "id": article,
        "status": "edited",
        "version": 2,
        "title": "Mishustin and Smailov meet in Almaty",
        "subtitle": "The two prime ministers",
        "published": "2024-02-03",
        "date_from": None,
        "source_id": sources["TASS"],
        "source": "TASS",
        "dateline_place": "Almaty",
    }
    assert stored(seeded, article) == {
        "title": "Mishustin and Smailov meet in Almaty",
        "subtitle": "The two prime ministers",
        "published": date(2024, 2, 3),
        "date_from": None,
        "source": "TASS",
        "dateline_place": "Almaty",
        "status": ReviewStatus.EDITED,
        "version": 2,
    }
    (revision,) = edits(seeded, article)
    assert revision.action == Action.UPDATE and revision.actor == "eddie"
    assert revision.changes == {
        "title": [TITLE, "Mishustin and Smailov meet in Almaty"],
        "subtitle": [None, "The two prime ministers"],
        "published": ["2024-02-01", "2024-02-03"],
        "date_from": ["header", None],
        "source_id": [sources["Government of Russia"], sources["TASS"]],
        "dateline_place": ["Russia", "Almaty"],
        "review_status": ["unreviewed", "edited"],
    }
    assert answer["revision"] == revision.id


@pytest.mark.parametrize("written", ["3 Feb 2024", "February 3, 2024", "03.02.2024", "2024-02-03"])
def test_a_publication_date_in_any_of_the_usual_forms(client, transcript, editor, written):
    response = correct(client, editor["csrf_token"], transcript["article"], published=written)
    assert response.status_code == 200
    assert response.get_json()["row"]["published"] == "2024-02-03"


def test_empty_fields_leave_the_article_without_them(seeded, client, transcript, editor):
    response = correct(
        client, editor["csrf_token"], transcript["article"], published="", dateline_place=""
    )
    assert response.status_code == 200
    assert stored(seeded, transcript["article"]) == AS_SEEDED | {
        "published": None,
        "date_from": None,
        "source": None,
        "dateline_place": None,
        "status": ReviewStatus.EDITED,
        "version": 2,
    }


@pytest.mark.parametrize(
    "values, message",
    [
        (
            {"published": "32 Februar"},
            "Publication date: “32 Februar” is not a date. Write it as 3 Feb 2023, "
            "February 3, 2023, 03.02.2023 or 2023-02-03.",
        ),
        ({"title": "T" * 501}, "Title: at most 500 letters."),
        ({"dateline_place": "D" * 201}, "Dateline: at most 200 letters."),
        ({"source_id": "TASS"}, "Source: choose one of the sources, or none."),
        ({"source_id": "999999"}, "Source: no source numbered 999999."),
    ],
)
def test_a_value_that_cannot_be_used_is_refused_naming_its_field(
    seeded, client, transcript, editor, values, message
):
    response = correct(client, editor["csrf_token"], transcript["article"], **values)
    assert response.status_code == 400
    answer = response.get_json()
    assert answer["error"] == message
    assert (answer["row"]["title"], answer["row"]["version"]) == (TITLE, 1)
    assert stored(seeded, transcript["article"]) == AS_SEEDED
    assert edits(seeded, transcript["article"]) == []


def test_an_article_changed_since_is_refused(seeded, client, transcript, editor):
    with seeded.app_context():
        db.session.get(Article, transcript["article"]).dateline_place = "Moscow"
        db.session.commit()
    response = correct(client, editor["csrf_token"], transcript["article"], title="Another")
    assert response.status_code == 409
    answer = response.get_json()
    assert answer["error"] == STALE_MESSAGE
    assert (answer["row"]["dateline_place"], answer["row"]["version"]) == ("Moscow", 2)
    assert stored(seeded, transcript["article"])["title"] == TITLE


def test_correcting_an_article_needs_a_token_and_an_editor(seeded, client, transcript):
    article = transcript["article"]
    assert correct(client, "x", article, title="Another").status_code == 401
    login(client, "vera")
    page = client.get(f"/admin/article/read/{article}").get_data(as_text=True)
    assert 'id="article-edit"' not in page
    token = re.search(r'name="csrf_token"[^>]* value="([^"]+)"', page).group(1)
    assert correct(client, token, article, title="Another").status_code == 403
    assert verdict(client, token, "articles", article).status_code == 403
    log_out(client)
    login(client, "eddie")
    for token in (None, "forged"):
        refused = correct(client, token, article, title="Another")
        assert refused.status_code == 400 and refused.get_json()["error"] == CSRF_FAILED
    assert correct(client, token, 999999, title="Another").status_code == 404
    assert stored(seeded, article) == AS_SEEDED


def test_the_history_says_what_changed_and_undo_puts_it_back(
    seeded, client, transcript, editor, sources
):
    article = transcript["article"]
    changed = correct(
        client, editor["csrf_token"], article, title="<b>Almaty</b>", source_id=sources["TASS"]
    ).get_json()
    details = client.get(f"/admin/history/details/?id={changed['revision']}").text
    for line in (
        f"<td>title</td><td>{TITLE}</td><td>&lt;b&gt;Almaty&lt;/b&gt;</td>",
        "<td>source</td><td>Government of Russia</td><td>TASS</td>",
        "<td>status</td><td>unreviewed</td><td>edited</td>",
    ):
        assert line in details
    page = client.get(f"/admin/article/read/{article}").text
    assert "<b>Almaty</b>" not in page and "&lt;b&gt;Almaty&lt;/b&gt;" in page
    response = undo(client, changed["csrf_token"], changed["revision"])
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["message"] == f"Undone: article {article} is back as it was."
    assert (answer["row"]["title"], answer["row"]["source"]) == (TITLE, "Government of Russia")
    assert stored(seeded, article) == AS_SEEDED | {"version": 3}
    *_, revert = edits(seeded, article)
    assert revert.action == Action.REVERT and revert.reverts_id == changed["revision"]


def test_the_article_is_confirmed_rejected_and_undone(seeded, client, transcript, editor):
    article = transcript["article"]
    confirmed = verdict(client, editor["csrf_token"], "articles", article).get_json()
    assert confirmed["message"] == f"Confirmed article {article}"
    assert (confirmed["row"]["status"], confirmed["row"]["title"]) == ("reviewed", TITLE)
    token = confirmed["csrf_token"]
    stale = verdict(client, token, "articles", article, "rejected", version=1)
    assert stale.status_code == 409 and stale.get_json()["error"] == STALE_MESSAGE
    rejected = verdict(client, token, "articles", article, "rejected", version=2).get_json()
    assert rejected["message"] == f"Rejected article {article}"
    assert stored(seeded, article)["status"] == ReviewStatus.REJECTED
    assert [r.action for r in edits(seeded, article)] == [Action.REVIEW] * 2
    details = client.get(f"/admin/history/details/?id={rejected['revision']}").text
    assert "<td>status</td><td>reviewed</td><td>rejected</td>" in details
    undone = undo(client, rejected["csrf_token"], rejected["revision"]).get_json()
    assert undone["row"]["status"] == "reviewed"
    assert stored(seeded, article)["status"] == ReviewStatus.REVIEWED
