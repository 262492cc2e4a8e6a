"""Links to an article open its reading page at the record's words (or its meeting)."""

from __future__ import annotations

import re

import sqlalchemy as sa

from tests.conftest import login
from tests.web.articles.pages import TRANSCRIPT
from tests.web.articles.pages import article_id
from webapp.db import db
from webapp.models import MeetingReport
from webapp.models import Statement


def statements_of(app, article: int) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                sa.select(Statement.id)
                .where(Statement.article_id == article)
                .order_by(Statement.start_char)
            )
        )


def test_every_statement_and_meeting_has_an_anchor_on_the_page(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    login(client, "vera")
    page = client.get(f"/admin/article/read/{article}").get_data(as_text=True)
    for statement in statements_of(seeded, article):
        assert page.count(f'id="statement-{statement}"') == 1
    with seeded.app_context():
        meetings = db.session.scalars(
            sa.select(MeetingReport.meeting_id).where(MeetingReport.article_id == article)
        ).all()
    assert len(meetings) == 2
    for meeting in meetings:
        assert page.count(f'id="meeting-{meeting}"') == 1


def test_the_review_queue_links_to_the_words(seeded, client):
    login(client, "vera")
    page = client.get("/admin/review/").get_data(as_text=True)
    links = re.findall(r'href="/admin/article/read/(\d+)#statement-(\d+)"', page)
    assert links
    with seeded.app_context():
        for article, statement in links:
            assert db.session.get(Statement, int(statement)).article_id == int(article)
    assert "/admin/article/details/" not in page


def test_a_statement_id_alone_finds_its_article(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    first, _second = statements_of(seeded, article)
    path = f"/admin/article/statement/{first}"
    assert client.get(path).headers["Location"].startswith("/login?next=")
    login(client, "vera")
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/article/read/{article}#statement-{first}"
    assert client.get("/admin/article/statement/999999").status_code == 404


def test_history_links_a_statement_to_its_words(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    first, _second = statements_of(seeded, article)
    login(client, "eddie")
    data = client.get(f"/admin/article/read/{article}").get_data(as_text=True)
    token = re.search(r'"csrf_token": "([^"]+)"', data).group(1)
    answer = client.post(
        f"/admin/reading/statements/{first}/verdict",
        data={"verdict": "reviewed", "version_id": 1, "csrf_token": token},
    )
    assert answer.status_code == 200
    history = client.get("/admin/history/").get_data(as_text=True)
    assert f'<a href="/admin/article/statement/{first}">statement {first}</a>' in history
