"""List and edit screens for the extracted records: statements, meetings, people, sources."""

from __future__ import annotations

from flask import flash
from flask_admin.actions import action
from markupsafe import Markup
from markupsafe import escape

from webapp.admin.base import SecureModelView
from webapp.db import db
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models import Source
from webapp.models import Statement


def excerpt(length: int):
    """A list-column formatter that shortens long text (escaped by Jinja, never trusted)."""

    def format_(view, context, model, name):
        value = getattr(model, name) or ""
        return value if len(value) <= length else value[: length - 1] + "…"

    return format_


def link(endpoint_name: str, attribute: str):
    """A formatter linking a related row to its own details page."""

    def format_(view, context, model, name):
        related = getattr(model, attribute)
        if related is None:
            return ""
        from flask import url_for

        url = url_for(f"{endpoint_name}.details_view", id=related.id)
        return Markup('<a href="{}">{}</a>').format(url, escape(str(related)))

    return format_


class ConfirmMixin:
    """A bulk action that marks rows reviewed, in one statement, audited row by row."""

    @action("confirm", "Confirm", "Mark the selected rows as reviewed?")
    def action_confirm(self, ids):
        rows = db.session.scalars(db.select(self.model).where(self.model.id.in_(ids))).all()
        for row in rows:
            row.review_status = ReviewStatus.REVIEWED
        db.session.commit()
        flash(f"Confirmed {len(rows)} rows.", "success")


class StatementView(ConfirmMixin, SecureModelView):
    column_list = (
        "id",
        "speaker",
        "kind",
        "text",
        "article",
        "meeting",
        "confidence",
        "review_status",
    )
    column_formatters = {
        "text": excerpt(120),
        "article": link("article", "article"),
        "meeting": link("meeting", "meeting"),
    }
    column_sortable_list = ("id", "kind", "review_status")
    column_default_sort = ("id", True)
    column_filters = ("speaker.name", "kind", "review_status", "article.published", "confidence")
    column_searchable_list = ("text",)
    search_table = "statements"
    form_columns = ("speaker", "kind", "text", "meeting", "cue", "confidence", "review_status")
    form_ajax_refs = {
        "speaker": {"fields": ("name",), "page_size": 10},
        "meeting": {"fields": ("place", "occasion"), "page_size": 10},
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


class MeetingView(ConfirmMixin, SecureModelView):
    column_list = (
        "id",
        "held_on",
        "place",
        "occasion",
        "participants",
        "confidence",
        "review_status",
    )
    column_sortable_list = ("id", "held_on", "place", "confidence", "review_status")
    column_default_sort = ("held_on", True)
    column_filters = ("held_on", "place", "review_status", "participants.name")
    form_columns = ("held_on", "place", "occasion", "participants", "confidence", "review_status")
    form_ajax_refs = {"participants": {"fields": ("name",), "page_size": 10}}
    column_details_list = (
        "id",
        "held_on",
        "place",
        "occasion",
        "participants",
        "articles",
        "statements",
        "confidence",
        "review_status",
        "version_id",
    )


class PersonView(SecureModelView):
    column_list = ("id", "name", "country", "aliases", "review_status")
    column_sortable_list = ("id", "name", "country", "review_status")
    column_default_sort = "name"
    column_filters = ("country", "review_status")
    column_searchable_list = ("name",)
    form_columns = ("name", "country", "notes", "review_status")
    inline_models = ()
    column_details_list = (
        "id",
        "name",
        "country",
        "aliases",
        "positions",
        "notes",
        "review_status",
        "version_id",
    )


class SourceView(SecureModelView):
    column_list = ("id", "name")
    column_sortable_list = ("id", "name")
    form_columns = ("name",)


def add_views(admin) -> None:
    admin.add_view(StatementView(Statement, db, name="Statements", endpoint="statement"))
    admin.add_view(MeetingView(Meeting, db, name="Meetings", endpoint="meeting"))
    admin.add_view(PersonView(Person, db, name="People", endpoint="person"))
    admin.add_view(SourceView(Source, db, name="Sources", endpoint="source"))
