"""Deleting an article: its records, its orphan meetings, revisions, and who may."""

from __future__ import annotations

import sqlalchemy as sa

from tests.conftest import csrf_token
from tests.conftest import login
from tests.web.articles.pages import LIST
from tests.web.articles.pages import TRANSCRIPT
from tests.web.articles.pages import article_id
from tests.web.articles.pages import delete
from tests.web.articles.pages import ids_by_prefix
from tests.web.articles.pages import read_page
from webapp.db import db
from webapp.models import Action
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import MeetingReport
from webapp.models import Mention
from webapp.models import Revision
from webapp.models import Statement


def test_delete_removes_records_and_orphan_meetings_with_revisions(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    with seeded.app_context():
        statements = set(
            db.session.scalars(sa.select(Statement.id).where(Statement.article_id == article))
        )
        reported = set(
            db.session.scalars(
                sa.select(MeetingReport.meeting_id).where(MeetingReport.article_id == article)
            )
        )
        shared = set(
            db.session.scalars(
                sa.select(MeetingReport.meeting_id).where(
                    MeetingReport.meeting_id.in_(reported), MeetingReport.article_id != article
                )
            )
        )
    assert len(statements) == 2
    assert reported and not shared
    login(client, "eddie")
    response = delete(client, article)
    assert response.status_code == 302
    with seeded.app_context():
        assert db.session.get(Article, article) is None
        for model in (Statement, Mention, MeetingReport):
            count = sa.select(sa.func.count()).where(model.article_id == article)
            assert db.session.scalar(count.select_from(model)) == 0
        assert not db.session.scalars(sa.select(Meeting).where(Meeting.id.in_(reported))).all()
        revisions = db.session.execute(
            sa.select(Revision.table_name, Revision.row_id, Revision.actor).where(
                Revision.action == Action.DELETE
            )
        ).all()
    deleted = {(table, row) for table, row, _ in revisions}
    assert ("articles", article) in deleted
    assert {row for table, row in deleted if table == "statements"} == statements
    assert {row for table, row in deleted if table == "meetings"} == reported
    assert {actor for _, _, actor in revisions} == {"eddie"}


def test_bulk_delete_goes_the_same_way(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    login(client, "eddie")
    token = csrf_token(client, LIST)
    response = client.post(
        "/admin/article/action/",
        data={"action": "delete", "rowid": [str(article)], "url": LIST, "csrf_token": token},
    )
    assert response.status_code == 302
    with seeded.app_context():
        assert db.session.get(Article, article) is None
        tables = db.session.scalars(
            sa.select(Revision.table_name).where(Revision.action == Action.DELETE)
        ).all()
    assert tables.count("articles") == 1
    assert tables.count("statements") == 2


def test_delete_keeps_a_meeting_another_article_reports(seeded, client):
    # 000 and 002 report the same meeting of Mishustin and Bektenov
    ids = ids_by_prefix(seeded)
    with seeded.app_context():
        shared = db.session.scalar(
            sa.select(MeetingReport.meeting_id)
            .where(MeetingReport.article_id == ids["000"])
            .intersect(
                sa.select(MeetingReport.meeting_id).where(MeetingReport.article_id == ids["002"])
            )
        )
    assert shared is not None
    login(client, "ada")
    assert delete(client, ids["000"]).status_code == 302
    with seeded.app_context():
        meeting = db.session.get(Meeting, shared)
        assert meeting is not None
        assert [report.article_id for report in meeting.reports] == [ids["002"]]
        assert not db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Revision)
            .where(Revision.table_name == "meetings", Revision.row_id == shared)
            .where(Revision.action == Action.DELETE)
        )


def test_delete_needs_post_and_a_token(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    login(client, "eddie")
    assert client.get(f"/admin/article/delete/?id={article}").status_code == 405
    client.post("/admin/article/delete/", data={"id": article, "url": LIST})
    with seeded.app_context():
        assert db.session.get(Article, article) is not None


def test_reading_page_offers_delete_to_editors_with_confirmation(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    login(client, "eddie")
    page, _ = read_page(client, article)
    form = page.split('action="/admin/article/delete/"', 1)[1].split("</form>", 1)[0]
    assert 'data-confirm="Delete this article with its 2 statements, 12 mentions' in form
    assert f'name="id" type="hidden" value="{article}"' in form
    assert 'name="csrf_token"' in form
    assert "article-reader.js" in page


def test_viewer_cannot_delete(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    token = csrf_token(client)
    login(client, "vera")
    assert 'action="/admin/article/delete/"' not in client.get(LIST).get_data(as_text=True)
    page, _ = read_page(client, article)
    assert "/admin/article/delete/" not in page
    response = client.post(
        "/admin/article/delete/", data={"id": article, "url": LIST, "csrf_token": token}
    )
    assert response.status_code == 403
    with seeded.app_context():
        assert db.session.get(Article, article) is not None
