"""The article screens: the list, and reading an article beside what was extracted from it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from flask import abort
from flask import redirect
from flask import request
from flask import url_for
from flask_admin import expose
from flask_admin.contrib.sqla.filters import BaseSQLAFilter
from flask_admin.contrib.sqla.filters import DateBetweenFilter
from flask_admin.contrib.sqla.filters import IntEqualFilter
from markupsafe import Markup
from sqlalchemy.orm import defer
from sqlalchemy.orm import joinedload
from sqlalchemy.orm import selectinload

from webapp.admin import article_reader
from webapp.admin import reading_article
from webapp.admin import reading_links
from webapp.admin import reading_statement
from webapp.admin.base import SecureModelView
from webapp.admin.base import page_count
from webapp.auth import TokenForm
from webapp.db import db
from webapp.ingest.read.titles import first_sentence
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import MeetingReport
from webapp.models import Mention
from webapp.models import Person
from webapp.models import PersonAlias
from webapp.models import ReviewStatus
from webapp.models import Source
from webapp.models import Statement
from webapp.search import snippets

PERSON_ID = re.compile(r"[0-9]{1,18}")
#: a title taken from the first sentence is sought this far into the text
TITLE_SCAN = 2000


class SourceOptions:
    """The source filter's choices, read again on each list page so new sources appear."""

    def __bool__(self) -> bool:
        return True

    def __iter__(self) -> Iterator[tuple[int, str]]:
        rows = db.session.execute(sa.select(Source.id, Source.name).order_by(Source.name))
        return iter([(source_id, name) for source_id, name in rows])


class MentionsPersonFilter(BaseSQLAFilter):
    """Articles that mention a person, given by id, exact name or exact alias (all indexed)."""

    def __init__(self) -> None:
        super().__init__(Article.id, "Person mentioned")

    def operation(self) -> str:
        return "name, alias or id"

    def validate(self, value: str) -> bool:
        return bool(value.strip())

    def clean(self, value: str) -> str:
        return value.strip()

    def apply(self, query, value: str, alias: Any = None):
        if PERSON_ID.fullmatch(value):
            mentions = Mention.person_id == int(value)
        else:
            mentions = Mention.person_id.in_(
                sa.union(
                    sa.select(Person.id).where(Person.name == value),
                    sa.select(PersonAlias.person_id).where(PersonAlias.alias == value),
                )
            )
        mentions &= Mention.review_status != ReviewStatus.REJECTED
        return query.filter(Article.id.in_(sa.select(Mention.article_id).where(mentions)))


def full_title(article: Article) -> str:
    """The title, whole: one the reader cut from the first sentence ("…") is given in full."""
    title = article.title or article.file
    stem = title.removesuffix("…")
    if stem == title:
        return title
    start = article.clean_text.find(stem, 0, TITLE_SCAN)
    if start < 0:
        return title
    sentence = first_sentence(article.clean_text[start:]).strip()
    return sentence.removesuffix(".") if not sentence.endswith("..") else sentence


def title_link(view, context, model: Article, name: str) -> Markup:
    url = url_for(".read_view", article_id=model.id)
    return Markup('<a href="{}">{}</a>').format(url, model.title or model.file)


def title_and_snippet(view, context, model: Article, name: str) -> Markup:
    """The title, linked; in a search, the words of the text around the match below it."""
    snippet = view.row_data(model).get("snippets", {}).get(model.id)
    title = title_link(view, context, model, name)
    if snippet is None:
        return title
    return Markup('{}<div class="snippet small text-muted">{}</div>').format(title, snippet)


def searched_texts(ids: list[int]) -> dict[int, str]:
    rows = db.session.execute(sa.select(Article.id, Article.clean_text).where(Article.id.in_(ids)))
    return dict(rows.all())


def counts_for(ids: list[int]) -> dict[str, dict[int, int]]:
    """Statements and distinct people mentioned (a rejected mention names nobody), for the
    given articles only."""
    if not ids:
        return {"statements": {}, "people": {}}
    statements = db.session.execute(
        sa.select(Statement.article_id, sa.func.count())
        .where(Statement.article_id.in_(ids))
        .group_by(Statement.article_id)
    )
    people = db.session.execute(
        sa.select(Mention.article_id, sa.func.count(sa.distinct(Mention.person_id)))
        .where(Mention.article_id.in_(ids), Mention.review_status != ReviewStatus.REJECTED)
        .group_by(Mention.article_id)
    )
    return {"statements": dict(statements.all()), "people": dict(people.all())}


def remove_extracted(article: Article) -> None:
    """Delete the article's statements, meeting reports and the meetings only it reported.

    The database would cascade the first two by itself, but only ORM deletes
    reach the audit trail, so each row goes through the session. Mentions are
    not audited and are left to ON DELETE CASCADE.
    """
    session = db.session
    statements = session.scalars(
        sa.select(Statement)
        .options(joinedload(Statement.speaker))
        .where(Statement.article_id == article.id)
    ).all()
    reports = session.scalars(
        sa.select(MeetingReport).where(MeetingReport.article_id == article.id)
    ).all()
    reported_elsewhere = (
        sa.select(MeetingReport.meeting_id)
        .where(MeetingReport.meeting_id == Meeting.id, MeetingReport.article_id != article.id)
        .exists()
    )
    orphans = session.scalars(
        sa.select(Meeting)
        .options(selectinload(Meeting.participants))
        .where(Meeting.id.in_([report.meeting_id for report in reports]), ~reported_elsewhere)
    ).all()
    for row in [*statements, *reports, *orphans]:
        session.delete(row)


def in_text(model, row_id: int, link):
    """A redirect to the words of ``model``'s row ``row_id`` on its article's reading page."""
    article_id = db.session.scalar(sa.select(model.article_id).where(model.id == row_id))
    if article_id is None:
        abort(404)
    return redirect(link(article_id, row_id))


class ArticleView(SecureModelView):
    details_template = "admin/articles/details.html"
    list_options = (defer(Article.raw_text), defer(Article.clean_text))
    column_list = ("title", "source", "published", "statements", "people", "review_status")
    column_labels = {"published": "Date", "statements": "Statements", "people": "People"}
    column_formatters = {
        "title": title_and_snippet,
        "statements": page_count,
        "people": page_count,
    }
    column_sortable_list = ("published", "review_status")
    column_default_sort = [("published", True), ("id", True)]
    named_filter_urls = True
    column_filters = (
        IntEqualFilter(Article.source_id, "Source", options=SourceOptions()),
        DateBetweenFilter(Article.published, "Published"),
        MentionsPersonFilter(),
    )
    column_searchable_list = ("title",)
    search_table = "articles"
    form_columns = (
        "title",
        "subtitle",
        "published",
        "source",
        "dateline_place",
        "notes",
        "review_status",
    )
    form_ajax_refs = {"source": {"fields": ("name",), "page_size": 10}}
    column_details_list = (
        "id",
        "title",
        "subtitle",
        "source",
        "published",
        "date_from",
        "dateline_place",
        "url",
        "file",
        "sha256",
        "notes",
        "review_status",
        "version_id",
        "created_at",
        "updated_at",
    )

    def heading(self, record: Any = None) -> str:
        return full_title(record) if record is not None else super().heading(record)

    def search_placeholder(self) -> str:
        return "Search title and text"

    def page_data(self, rows: list[Article]) -> dict[str, dict[int, Any]]:
        ids = [row.id for row in rows]
        search = request.args.get("search", "") if request.endpoint == "article.index_view" else ""
        texts = searched_texts(ids) if search and ids else {}
        return counts_for(ids) | {"snippets": snippets(db.session, "articles", search, texts)}

    def on_model_delete(self, model: Article) -> None:
        remove_extracted(model)

    @expose("/read/<int:article_id>")
    def read_view(self, article_id: int):
        reading = article_reader.load(article_id, editor=self.can_write)
        if reading is None:
            abort(404)
        delete_form = self.delete_form() if self.can_delete else None
        if delete_form is not None:
            delete_form.id.data = article_id
            delete_form.url.data = self.get_url(".index_view")
        script = {
            **reading.records,
            # the choices of the article's source, for its correction form
            "sources": reading_article.sources() if self.can_write else [],
            "can_write": self.can_write,
            # a statement's kinds, as its correction form offers them
            "kinds": list(reading_statement.KINDS.items()),
            "csrf_token": TokenForm().csrf_token.current_token if self.can_write else None,
            "urls": {
                "verdict": url_for("article_review.verdict", table="TABLE", row_id=0),
                "speaker": url_for("article_review.speaker", row_id=0),
                "words": url_for("article_review.words", row_id=0),
                "mention_person": url_for("article_review.mention_person", row_id=0),
                "meeting": url_for("article_review.meeting", row_id=0),
                "article": url_for("article_review.article", row_id=0),
                "person": url_for(
                    "person.details_view",
                    id="PERSON",
                    url=url_for(".read_view", article_id=article_id),
                ),
                "undo": url_for("article_review.undo", revision_id=0),
                "lookup": url_for("statement.ajax_lookup", name="speaker"),
            },
        }
        return self.render(
            "admin/articles/read.html",
            reading=reading,
            delete_form=delete_form,
            script=script,
            model=reading.article,
        )

    @expose("/statement/<int:statement_id>")
    def statement_view(self, statement_id: int):
        """A statement's words in its article's reading page, for links that know only its id."""
        return in_text(Statement, statement_id, reading_links.statement_in_text)

    @expose("/mention/<int:mention_id>")
    def mention_view(self, mention_id: int):
        """A mention's words in its article's reading page, for the history's links."""
        return in_text(Mention, mention_id, reading_links.mention_in_text)

    @expose("/raw/<int:article_id>")
    def raw_view(self, article_id: int):
        article = db.session.scalar(
            sa.select(Article).options(joinedload(Article.source)).where(Article.id == article_id)
        )
        if article is None:
            abort(404)
        return self.render("admin/articles/raw.html", article=article, model=article)


def add_views(admin) -> None:
    admin.add_view(ArticleView(Article, db, name="Articles", endpoint="article"))
