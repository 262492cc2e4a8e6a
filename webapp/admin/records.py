"""List and edit screens for the extracted records: statements, meetings and sources."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from flask import flash
from flask import request
from flask import url_for
from flask_admin.actions import action
from flask_admin.contrib.sqla.ajax import QueryAjaxModelLoader
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from webapp.admin import reading_links
from webapp.admin import statement_list
from webapp.admin.base import SecureModelView
from webapp.admin.base import fetch
from webapp.admin.base import page_count
from webapp.admin.filters import LOOKUP_LIMIT
from webapp.admin.filters import lookups
from webapp.admin.flask_admin_hooks import list_filters
from webapp.admin.statement_form import SpeakerLoader
from webapp.admin.statement_form import span_context
from webapp.admin.statement_form import span_fields
from webapp.admin.statement_form import span_problem
from webapp.changes.trail import recorded_as
from webapp.db import db
from webapp.models import Action
from webapp.models import Meeting
from webapp.models import MeetingReport
from webapp.models import ReviewStatus
from webapp.models import Source
from webapp.models import Statement
from webapp.search import snippets
from webapp.words import plural

Formatter = Callable[[Any, Any, Any, str], Any]


def excerpt(length: int) -> Formatter:
    """A list-column formatter that shortens long text (escaped by Jinja, never trusted)."""

    def format_(view, context, model, name):
        value = getattr(model, name) or ""
        return value if len(value) <= length else value[: length - 1] + "…"

    return format_


def meeting_label(meeting: Meeting) -> str:
    """Date and place only: ``str(meeting)`` lists the participants, a query per row."""
    when = meeting.held_on.isoformat() if meeting.held_on else "undated"
    return f"{when}, {meeting.place}" if meeting.place else when


def anchor(endpoint: str, row: Any, label: str) -> Markup:
    return Markup('<a href="{}">{}</a>').format(
        url_for(f"{endpoint}.details_view", id=row.id), label
    )


def link(endpoint: str, attribute: str, label: Callable[[Any], str] = str) -> Formatter:
    """A formatter linking a related row to its own details page."""

    def format_(view, context, model, name):
        related = getattr(model, attribute)
        return "" if related is None else anchor(endpoint, related, label(related))

    return format_


def link_list(endpoint: str, label: Callable[[Any], str] = str) -> Formatter:
    """A details formatter: each row of a collection on its own line, linked."""

    def format_(view, context, model, name):
        rows: Iterable[Any] = getattr(model, name)
        return Markup("<br>").join(anchor(endpoint, row, label(row)) for row in rows)

    return format_


def names(view, context, model, name) -> str:
    return ", ".join(person.name for person in getattr(model, name))


def statement_label(statement: Statement) -> str:
    speaker = statement.speaker.name if statement.speaker else "unknown"
    text = statement.text if len(statement.text) <= 80 else statement.text[:79] + "…"
    return f"{speaker} ({statement.kind}): {text}"


#: articles reporting each of some meetings
REPORTED = (
    sa.select(MeetingReport.meeting_id, sa.func.count())
    .where(MeetingReport.meeting_id.in_(sa.bindparam("ids", expanding=True)))
    .group_by(MeetingReport.meeting_id)
)


class MeetingLoader(QueryAjaxModelLoader):
    """The meeting lookup, with participants loaded in one query for the labels."""

    def get_query(self):
        return super().get_query().options(selectinload(Meeting.participants))

    def get_list(self, term: str, offset: int = 0, limit: int = 10):
        return super().get_list(term, offset, min(limit, LOOKUP_LIMIT))


class ConfirmMixin:
    """A bulk action that marks rows reviewed, recorded as reviews in the audit trail."""

    @action("confirm", "Confirm", "Mark the selected unreviewed rows as reviewed?")
    def action_confirm(self, ids):
        """Only unreviewed rows: an edit or a rejection is an editor's decision to keep."""
        rows = db.session.scalars(
            db.select(self.model).where(
                self.model.id.in_(self.row_keys(ids)),
                self.model.review_status == ReviewStatus.UNREVIEWED,
            )
        ).all()
        with recorded_as(Action.REVIEW):
            for row in rows:
                row.review_status = ReviewStatus.REVIEWED
            db.session.commit()
        flash(f"Confirmed {plural(len(rows), 'row')}.", "success")


class StatementView(ConfirmMixin, SecureModelView):
    column_list = (
        "speaker",
        "kind",
        "text",
        "article",
        "meeting",
        "confidence",
        "review_status",
    )
    column_formatters = {
        "speaker": statement_list.speaker_link,
        "text": statement_list.text_or_snippet(120),
        "article": reading_links.statement_article,
        "meeting": link("meeting", "meeting", meeting_label),
    }
    column_formatters_detail = {
        "article": reading_links.statement_article,
        "meeting": link("meeting", "meeting", meeting_label),
    }
    column_labels = {
        "review_status": "Status",
        "speaker.name": "Speaker",
        "article.published": "Article date",
    }
    #: "speaker" and "article" are sorted by ``custom_sorts``; their dotted paths only keep
    #: Flask-Admin from filing them under ``speaker_id`` and ``article_id``
    column_sortable_list = (
        ("speaker", "speaker.name"),
        "kind",
        ("article", "article.id"),
        "confidence",
        "review_status",
    )
    custom_sorts = {"speaker": statement_list.by_speaker, "article": statement_list.by_article}
    column_default_sort = ("id", True)
    #: the record filters first: "Speaker" opens on "is", a person looked up by name
    column_filters = (
        *statement_list.FILTERS,
        "speaker.name",
        "kind",
        "review_status",
        "article.published",
    )
    facets = statement_list.FACETS
    list_template = "admin/statements/list.html"
    search_table = "statements"
    column_searchable_list = ("text",)
    form_columns = (
        "speaker",
        "kind",
        "text",
        "start_char",
        "end_char",
        "meeting",
        "confidence",
        "review_status",
    )
    form_extra_fields = span_fields()
    edit_template = "admin/statements/edit.html"
    span_context = staticmethod(span_context)
    form_ajax_refs = {
        "speaker": SpeakerLoader("speaker", page_size=10),
        "meeting": MeetingLoader(
            "meeting", db, Meeting, fields=("place", "occasion"), page_size=10
        ),
        #: the Article filter's lookup; the form has no article field
        "article": statement_list.ArticleLoader("article", page_size=10),
    }

    def filter_lookups(self, active_filters) -> dict[str, Any]:
        """The lookups of the filter bar's record filters, and the labels of the chosen ones."""
        return lookups(self, list_filters(self), active_filters)

    def page_data(self, rows: list[Statement]) -> dict[str, Any]:
        search = (
            request.args.get("search", "") if request.endpoint == "statement.index_view" else ""
        )
        texts = {row.id: row.text for row in rows} if search else {}
        return {
            **statement_list.page_links(),
            "snippets": snippets(db.session, "statements", search, texts),
        }

    column_details_list = (
        "id",
        "article",
        "speaker",
        "meeting",
        "kind",
        "text",
        "start_char",
        "end_char",
        "cue",
        "confidence",
        "review_status",
        "version_id",
        "created_at",
        "updated_at",
    )

    def edit_form(self, obj=None):
        """The form knows its statement, and its speaker lookup the statement's article."""
        form = super().edit_form(obj)
        form.statement = obj
        if obj is not None:
            lookup = url_for(".ajax_lookup", name="speaker", article=obj.article_id)
            form.speaker.render_kw = {**(form.speaker.render_kw or {}), "data-url": lookup}
        return form

    def validate_form(self, form) -> bool:
        valid = super().validate_form(form)
        statement = getattr(form, "statement", None)
        if statement is None or not hasattr(form, "start_char"):
            return valid
        return span_problem(form, statement) is None and valid


class MeetingView(ConfirmMixin, SecureModelView):
    column_list = (
        "held_on",
        "place",
        "occasion",
        "participants",
        "articles",
        "confidence",
        "review_status",
    )
    column_formatters = {"participants": names, "articles": page_count}
    column_formatters_detail = {
        "participants": link_list("person"),
        "articles": reading_links.meeting_articles,
        "statements": reading_links.meeting_statements(statement_label),
    }
    column_labels = {
        "held_on": "Date",
        "date_from": "Date came from",
        "place_from": "Place came from",
        "review_status": "Status",
        "articles": "Reported by",
        "statements": "Statements made there",
        "participants.name": "Participant",
    }
    column_sortable_list = ("held_on", "place", "confidence", "review_status")
    column_default_sort = ("held_on", True)
    column_filters = ("held_on", "place", "review_status", "participants.name")
    form_columns = ("held_on", "place", "occasion", "participants", "confidence", "review_status")
    form_ajax_refs = {"participants": {"fields": ("name",), "page_size": 10}}
    column_details_list = (
        "id",
        "held_on",
        "date_from",
        "place",
        "place_from",
        "occasion",
        "participants",
        "articles",
        "statements",
        "confidence",
        "review_status",
        "version_id",
        "created_at",
        "updated_at",
    )

    def page_data(self, rows: list[Meeting]) -> dict[str, dict[int, int]]:
        """How many articles report each meeting, in one grouped query."""
        ids = [row.id for row in rows]
        return {"articles": dict(fetch(REPORTED, ids=ids)) if ids else {}}

    def get_one(self, id):
        if not str(id).isdigit():
            return None
        return db.session.scalar(
            db.select(Meeting)
            .where(Meeting.id == int(id))
            .options(
                selectinload(Meeting.participants),
                selectinload(Meeting.articles),
                selectinload(Meeting.statements).joinedload(Statement.speaker),
            )
        )


class SourceView(SecureModelView):
    column_list = ("id", "name")
    column_sortable_list = ("id", "name")
    form_columns = ("name",)


def add_views(admin) -> None:
    admin.add_view(StatementView(Statement, db, name="Statements", endpoint="statement"))
    admin.add_view(MeetingView(Meeting, db, name="Meetings", endpoint="meeting"))
    admin.add_view(SourceView(Source, db, name="Sources", endpoint="source"))
