"""The people screens: the list with counts, a person's page, positions, and merging."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import abort
from flask import flash
from flask import redirect
from flask import request
from flask import url_for
from flask_admin import expose
from flask_admin.actions import action
from flask_admin.helpers import get_redirect_target
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm import joinedload
from sqlalchemy.orm import selectinload
from wtforms import RadioField
from wtforms.validators import InputRequired

from webapp.admin.base import SecureModelView
from webapp.admin.base import page_count
from webapp.auth import CSRF_FAILED
from webapp.auth import SessionCSRFForm
from webapp.changes.merge import MergeError
from webapp.changes.merge import merge_people
from webapp.db import db
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import PersonAlias
from webapp.models import Position
from webapp.models import Statement
from webapp.models import meeting_participants

#: aliases shown in a list row before "and N more"
LIST_ALIASES = 4
#: statements and meetings listed on a person's page
DETAILS_ROWS = 50
#: people one merge may take
MERGE_LIMIT = 20


class MergeForm(SessionCSRFForm):
    survivor = RadioField("Keep", coerce=int, validators=[InputRequired()])


def counts(person_ids: list[int]) -> dict[str, dict[int, int]]:
    """Statements said and meetings attended, per person: two grouped queries."""
    if not person_ids:
        return {"statements": {}, "meetings": {}}
    said = (
        sa.select(Statement.speaker_id, sa.func.count())
        .where(Statement.speaker_id.in_(person_ids))
        .group_by(Statement.speaker_id)
    )
    table = meeting_participants
    attended = (
        sa.select(table.c.person_id, sa.func.count())
        .where(table.c.person_id.in_(person_ids))
        .group_by(table.c.person_id)
    )
    return {
        "statements": dict(db.session.execute(said).all()),
        "meetings": dict(db.session.execute(attended).all()),
    }


def years(position: Position) -> str:
    start = str(position.started_on.year) if position.started_on else "?"
    end = str(position.ended_on.year) if position.ended_on else "now"
    return start if start == end else f"{start}–{end}"


def position_label(position: Position) -> str:
    acting = "acting " if position.acting else ""
    return f"{acting}{position.title}, {position.country} ({years(position)})"


def format_aliases(view, context, model: Person, name: str) -> str:
    aliases = [alias.alias for alias in model.aliases]
    shown = ", ".join(aliases[:LIST_ALIASES])
    hidden = len(aliases) - LIST_ALIASES
    return f"{shown} and {hidden} more" if hidden > 0 else shown


def format_positions(view, context, model: Person, name: str) -> Markup:
    return Markup("<br>").join(position_label(position) for position in model.positions)


def history_url(table: str, row_id: int) -> str:
    """The history screen filtered to one row."""
    return url_for("revision.index_view", flt0_table_equals=table, flt1_row_equals=row_id)


class PersonView(SecureModelView):
    column_list = (
        "name",
        "country",
        "aliases",
        "positions",
        "statements",
        "meetings",
        "review_status",
    )
    column_formatters = {
        "aliases": format_aliases,
        "positions": format_positions,
        "statements": page_count,
        "meetings": page_count,
    }
    column_sortable_list = ("name", "country", "review_status")
    column_default_sort = "name"
    column_filters = ("country", "review_status")
    column_searchable_list = ("name",)
    form_columns = ("name", "country", "notes", "review_status")
    inline_models = [(PersonAlias, {"form_columns": ("id", "alias")})]
    column_details_list = ("id", "name", "country", "notes", "review_status", "version_id")
    details_template = "admin/people/details.html"
    history_url = staticmethod(history_url)

    def get_query(self):
        return (
            super()
            .get_query()
            .options(selectinload(Person.aliases), selectinload(Person.positions))
        )

    def page_data(self, rows: list[Person]) -> dict[str, dict[int, int]]:
        return counts([person.id for person in rows])

    def search_clauses(self, search: str) -> list:
        """Each word must be in the name or in one of the aliases."""
        return [
            sa.or_(
                Person.name.icontains(word, autoescape=True),
                Person.aliases.any(PersonAlias.alias.icontains(word, autoescape=True)),
            )
            for word in search.split()
        ]

    # -- the person's page ---------------------------------------------------------------

    def activity(self, person: Person) -> dict[str, Any]:
        """What the details page lists: the person's statements and meetings, newest first."""
        statements = db.session.scalars(
            sa.select(Statement)
            .where(Statement.speaker_id == person.id)
            .options(joinedload(Statement.article))
            .order_by(Statement.id.desc())
            .limit(DETAILS_ROWS)
        ).all()
        meetings = db.session.scalars(
            sa.select(Meeting)
            .join(meeting_participants, meeting_participants.c.meeting_id == Meeting.id)
            .where(meeting_participants.c.person_id == person.id)
            .options(selectinload(Meeting.participants))
            .order_by(Meeting.held_on.desc(), Meeting.id.desc())
            .limit(DETAILS_ROWS)
        ).all()
        total = counts([person.id])
        return {
            "statements": statements,
            "meetings": meetings,
            "statement_count": total["statements"].get(person.id, 0),
            "meeting_count": total["meetings"].get(person.id, 0),
            "position_label": position_label,
        }

    # -- merging -------------------------------------------------------------------------

    def is_action_allowed(self, name: str) -> bool:
        if name == "merge":
            return self.can_write
        return super().is_action_allowed(name)

    @action("merge", "Merge…")
    def action_merge(self, ids):
        return redirect(self.get_url(".merge_view", id=ids, url=self.get_url(".index_view")))

    @expose("/merge/", methods=("GET", "POST"))
    def merge_view(self):
        if not self.can_write:
            abort(403)
        return_url = get_redirect_target() or self.get_url(".index_view")
        ids = sorted({int(value) for value in request.args.getlist("id") if value.isdigit()})
        people = db.session.scalars(
            sa.select(Person)
            .where(Person.id.in_(ids[:MERGE_LIMIT]))
            .options(selectinload(Person.aliases), selectinload(Person.positions))
            .order_by(Person.name)
        ).all()
        if len(people) < 2 or len(ids) > MERGE_LIMIT:
            flash(f"Choose between two and {MERGE_LIMIT} people to merge.", "error")
            return redirect(return_url)
        form = MergeForm(request.form if request.method == "POST" else None)
        form.survivor.choices = [(person.id, person.name) for person in people]
        if request.method != "POST":
            form.survivor.data = min(person.id for person in people)
        status = 200
        if request.method == "POST":
            if form.validate():
                return self.merge(form.survivor.data, [person.id for person in people])
            if "csrf_token" in form.errors:
                flash(CSRF_FAILED, "error")
                status = 400
        page = self.render(
            "admin/people/merge.html",
            form=form,
            people=people,
            counts=counts([person.id for person in people]),
            ids=[person.id for person in people],
            return_url=return_url,
            position_label=position_label,
        )
        return page, status

    def merge(self, survivor_id: int, ids: list[int]):
        user = current_user._get_current_object()
        try:
            revision = merge_people(db.session, survivor_id, ids, user)
            db.session.commit()
        except MergeError as error:
            db.session.rollback()
            flash(str(error), "error")
            return redirect(self.get_url(".index_view"))
        flash(f"{revision.summary[0].upper()}{revision.summary[1:]}.", "success")
        return redirect(self.get_url(".details_view", id=survivor_id))


class PositionView(SecureModelView):
    column_list = ("person", "title", "country", "started_on", "ended_on", "acting", "confirmed")
    column_sortable_list = ("title", "started_on")
    column_default_sort = [("title", False), ("started_on", True)]
    column_filters = ("title", "country", "acting", "confirmed")
    column_searchable_list = ("title",)
    form_columns = (
        "person",
        "title",
        "country",
        "started_on",
        "ended_on",
        "acting",
        "confirmed",
        "source_url",
    )
    form_ajax_refs = {"person": {"fields": ("name",), "page_size": 10}}


def add_views(admin) -> None:
    admin.add_view(PersonView(Person, db, name="People", endpoint="person"))
    admin.add_view(PositionView(Position, db, name="Positions", endpoint="position"))
