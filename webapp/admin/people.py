"""The people screens: the list with counts, a person's page, positions, and merging."""

from __future__ import annotations

from types import SimpleNamespace as Namespace
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
from sqlalchemy.orm import selectinload
from wtforms import BooleanField
from wtforms import RadioField
from wtforms.validators import InputRequired

from webapp.admin import person_counts
from webapp.admin import reading_links
from webapp.admin.base import SecureModelView
from webapp.admin.base import fetch
from webapp.admin.base import page_count
from webapp.admin.base import url_pattern
from webapp.admin.duplicates import suggestions_for
from webapp.admin.fields import CountryField
from webapp.admin.person_colours import person_colour
from webapp.auth import CSRF_FAILED
from webapp.auth import SessionCSRFForm
from webapp.changes.merge import MergeError
from webapp.changes.merge import merge_people
from webapp.changes.merge_checks import merge_warnings
from webapp.db import db
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import PersonAlias
from webapp.models import Position
from webapp.models import Statement
from webapp.models import meeting_participants

#: aliases shown in a list row before "and N more"
LIST_ALIASES = 4
#: statements and meetings listed on a person's page; the rest are a click away
DETAILS_ROWS = 20
#: characters of a statement shown on a person's page
EXCERPT = 120
#: people one merge may take
MERGE_LIMIT = 20
CONFIRM_WARNINGS = "Tick the box to merge despite the warnings, or cancel."


class MergeForm(SessionCSRFForm):
    survivor = RadioField("Keep", coerce=int, validators=[InputRequired()])
    #: ticked to merge despite the warnings the page shows
    confirmed = BooleanField()


IDS = sa.bindparam("ids", expanding=True)
PERSON = sa.bindparam("person")
taking_part = meeting_participants
#: statements said and meetings attended, per person
SAID = (
    sa.select(Statement.speaker_id, sa.func.count())
    .where(Statement.speaker_id.in_(IDS))
    .group_by(Statement.speaker_id)
)
ATTENDED = (
    sa.select(taking_part.c.person_id, sa.func.count())
    .where(taking_part.c.person_id.in_(IDS))
    .group_by(taking_part.c.person_id)
)
ALIASES = (
    sa.select(PersonAlias.person_id, PersonAlias.alias)
    .where(PersonAlias.person_id.in_(IDS))
    .order_by(PersonAlias.alias)
)
POSITIONS = (
    sa.select(
        Position.person_id,
        Position.id,
        Position.title,
        Position.country,
        Position.started_on,
        Position.ended_on,
        Position.acting,
    )
    .where(Position.person_id.in_(IDS))
    .order_by(Position.started_on, Position.id)
)
#: a person's newest statements, each cut to an excerpt in SQL
NEWEST_STATEMENTS = (
    sa.select(
        Statement.id,
        Statement.article_id,
        Statement.kind,
        sa.func.substr(Statement.text, 1, EXCERPT + 1).label("text"),
        sa.func.coalesce(Article.title, Article.file).label("article"),
    )
    .join(Article, Article.id == Statement.article_id)
    .where(Statement.speaker_id == PERSON)
    .order_by(Statement.id.desc())
    .limit(DETAILS_ROWS)
)
NEWEST_MEETINGS = (
    sa.select(Meeting.id, Meeting.held_on, Meeting.place)
    .join(taking_part, taking_part.c.meeting_id == Meeting.id)
    .where(taking_part.c.person_id == PERSON)
    .order_by(Meeting.held_on.desc(), Meeting.id.desc())
    .limit(DETAILS_ROWS)
)
#: the other participants of some meetings
OTHERS = (
    sa.select(taking_part.c.meeting_id, Person.name)
    .join(Person, Person.id == taking_part.c.person_id)
    .where(taking_part.c.meeting_id.in_(IDS), taking_part.c.person_id != PERSON)
    .order_by(Person.name)
)


def counts(person_ids: list[int]) -> dict[str, dict[int, int]]:
    """Statements said and meetings attended, per person: two grouped queries."""
    if not person_ids:
        return {"statements": {}, "meetings": {}}
    return {
        "statements": dict(fetch(SAID, ids=person_ids)),
        "meetings": dict(fetch(ATTENDED, ids=person_ids)),
    }


def grouped(rows) -> dict[int, list[Any]]:
    """Rows whose first column is a person's id, as {person id: [row, ...]} in their order."""
    found: dict[int, list[Any]] = {}
    for row in rows:
        found.setdefault(row[0], []).append(row)
    return found


def list_details(person_ids: list[int]) -> dict[str, dict[int, Any]]:
    """What a page of the people list shows beside each name: counts, aliases and positions.

    Read as plain rows, a handful of queries for the whole page: the list
    never needs the people's related rows as objects.
    """
    data: dict[str, dict[int, Any]] = dict(counts(person_ids))
    if not person_ids:
        return data | {"aliases": {}, "positions": {}}
    aliases = grouped(fetch(ALIASES, ids=person_ids))
    data["aliases"] = {pid: [row.alias for row in rows] for pid, rows in aliases.items()}
    data["positions"] = grouped(fetch(POSITIONS, ids=person_ids))
    return data


def years(position: Position) -> str:
    start = str(position.started_on.year) if position.started_on else "?"
    end = str(position.ended_on.year) if position.ended_on else "now"
    return start if start == end else f"{start}–{end}"


def position_label(position) -> str:
    """ "Prime Minister, Kazakhstan (2022–2024)", for a Position or a row with its columns."""
    acting = "acting " if position.acting else ""
    return f"{acting}{position.title}, {position.country} ({years(position)})"


def format_aliases(view, context, model: Person, name: str) -> str:
    aliases = view.row_data(model)["aliases"].get(model.id, [])
    shown = ", ".join(aliases[:LIST_ALIASES])
    hidden = len(aliases) - LIST_ALIASES
    return f"{shown} and {hidden} more" if hidden > 0 else shown


def format_positions(view, context, model: Person, name: str) -> Markup:
    positions = view.row_data(model)["positions"].get(model.id, [])
    return Markup("<br>").join(position_label(position) for position in positions)


def format_name(view, context, model: Person, name: str) -> Markup:
    """The name in the person's colour, linked to their page."""
    href = view.row_data(model)["person_url"](model.id)
    return Markup('<a class="person-name {}" href="{}">{}</a>').format(
        person_colour(model.id), href, model.name
    )


def excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def others_at(meeting_ids: list[int], person_id: int) -> dict[int, str]:
    """{meeting id: the other participants' names, comma-separated}, in one query."""
    names: dict[int, list[str]] = {}
    if meeting_ids:
        for meeting_id, name in fetch(OTHERS, ids=meeting_ids, person=person_id):
            names.setdefault(meeting_id, []).append(name)
    return {meeting_id: ", ".join(found) for meeting_id, found in names.items()}


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
        "name": format_name,
        "aliases": format_aliases,
        "positions": format_positions,
        "statements": page_count,
        "meetings": page_count,
    }
    column_sortable_list = (
        "name",
        "country",
        ("statements", "statements.id"),
        ("meetings", "meetings.id"),
        "review_status",
    )
    #: the counts are sorted by ``custom_sorts``; the dotted paths only make their headers links
    custom_sorts = {name: person_counts.sorter(name) for name in ("statements", "meetings")}
    column_default_sort = "name"
    column_filters = ("country", "review_status")
    column_searchable_list = ("name",)
    form_columns = ("name", "country", "notes", "review_status")
    form_overrides = {"country": CountryField}
    inline_models = [(PersonAlias, {"form_columns": ("id", "alias")})]
    column_details_list = ("id", "name", "country", "notes", "review_status", "version_id")
    details_template = "admin/people/details.html"

    def page_data(self, rows: list[Person]) -> dict[str, Any]:
        return list_details([person.id for person in rows]) | {
            "person_url": url_pattern("person.details_view")
        }

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

    def activity(self, person: Person) -> Namespace:
        """What the details page lists: the newest statements and meetings, and their totals.

        Plain rows with only the columns shown (a statement's excerpt is cut in
        SQL), so the page costs the same for a person with ten statements or a
        hundred thousand; the full lists are the statement and meeting lists,
        filtered to the person. Namespaces rather than dicts: the template
        reads them by attribute, which on a dict costs Jinja a failed
        ``getattr`` (an exception) before the lookup, some 200 times a page.
        """
        statements = fetch(NEWEST_STATEMENTS, person=person.id)
        meetings = fetch(NEWEST_MEETINGS, person=person.id)
        others = others_at([meeting.id for meeting in meetings], person.id)
        details = self.row_data(person)
        statement_url = url_pattern("statement.details_view")
        in_text = reading_links.statement_pattern()
        meeting_url = url_pattern("meeting.details_view")
        position_url = url_pattern("position.details_view")
        return Namespace(
            duplicates=suggestions_for(person.id),
            aliases=details["aliases"].get(person.id, []),
            positions=[
                Namespace(href=position_url(row.id), label=position_label(row), row=row)
                for row in details["positions"].get(person.id, [])
            ],
            statements=[
                Namespace(
                    href=in_text(row.article_id, row.id),
                    record=statement_url(row.id),
                    kind=row.kind.value,
                    text=excerpt(row.text),
                    article=row.article,
                )
                for row in statements
            ],
            meetings=[
                Namespace(
                    href=meeting_url(row.id),
                    when=row.held_on.isoformat() if row.held_on else "undated",
                    place=row.place,
                    others=others.get(row.id, "nobody else"),
                )
                for row in meetings
            ],
            statement_count=details["statements"].get(person.id, 0),
            meeting_count=details["meetings"].get(person.id, 0),
            all_statements=url_for("statement.index_view", flt0_speaker_equals=person.name),
            all_meetings=url_for("meeting.index_view", flt0_participant_equals=person.name),
        )

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
        ids = [person.id for person in people]
        warnings = merge_warnings(db.session, ids)
        status = 200
        if request.method == "POST":
            if form.validate():
                if not warnings or form.confirmed.data:
                    return self.merge(form.survivor.data, ids)
                form.confirmed.errors = [CONFIRM_WARNINGS]
            elif "csrf_token" in form.errors:
                flash(CSRF_FAILED, "error")
                status = 400
        page = self.render(
            "admin/people/merge.html",
            form=form,
            people=people,
            counts=counts(ids),
            ids=ids,
            warnings=warnings,
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
        done = f"{revision.summary[0].upper()}{revision.summary[1:]}."
        flash(done, "success")  # the confirmation's Undo is offered by admin/undo.py
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
    form_overrides = {"country": CountryField}
    form_args = {"country": {"allow_blank": False}}


def add_views(admin) -> None:
    admin.add_view(PersonView(Person, db, name="People", endpoint="person"))
    admin.add_view(PositionView(Position, db, name="Positions", endpoint="position"))
