"""The history screen: every revision, newest first, and reverting an update or a merge."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import Any
from typing import TypeVar

import sqlalchemy as sa
from flask import abort
from flask import flash
from flask import g
from flask import redirect
from flask import request
from flask import url_for
from flask_admin import expose
from flask_admin.contrib.sqla.filters import DateGreaterFilter
from flask_admin.contrib.sqla.filters import DateSmallerFilter
from flask_admin.contrib.sqla.filters import FilterEqual
from flask_admin.contrib.sqla.filters import IntEqualFilter
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm.exc import StaleDataError

from webapp.admin import reading_links
from webapp.admin.base import STALE_MESSAGE
from webapp.admin.base import SecureModelView
from webapp.admin.enums import show_time
from webapp.admin.flask_admin_hooks import registered_views
from webapp.admin.history_words import ACTION_WORDS
from webapp.admin.history_words import about
from webapp.admin.history_words import action_word
from webapp.admin.history_words import change_line
from webapp.admin.history_words import change_rows
from webapp.admin.history_words import names_of
from webapp.admin.history_words import table_word
from webapp.admin.history_words import taken_with
from webapp.admin.history_words import wanted
from webapp.admin.undo import UndoForm
from webapp.admin.undo import parse_ids
from webapp.auth import CSRF_FAILED
from webapp.auth import TokenForm
from webapp.auth import safe_next
from webapp.changes.revert import RevertError
from webapp.changes.revert import revert
from webapp.changes.revert import reverted_by
from webapp.changes.revert import revertible
from webapp.changes.revert import undo
from webapp.db import db
from webapp.models import Action
from webapp.models import Mention
from webapp.models import Revision
from webapp.models import Role
from webapp.words import plural

T = TypeVar("T")
TABLES = (
    "articles",
    "meeting_reports",
    "meetings",
    "mentions",
    "people",
    "person_aliases",
    "positions",
    "sources",
    "statements",
    "users",
)
#: ``flask.g`` key: revision id -> what ``page_data`` found for it
DETAILS_DATA = "revision_page_data"
MERGE_LINES = (
    ("statements", "Statements moved"),
    ("mentions", "Mentions moved"),
    ("positions", "Positions moved"),
)


class ChoiceFilter(FilterEqual):
    """Equals one of the options; anything else in the URL is ignored, not an error."""

    def validate(self, value: str) -> bool:
        return value in {option for option, _label in self.options or ()}


def day_start(day) -> datetime:
    return datetime.combine(day, time(), UTC)


class OnOrAfter(DateGreaterFilter):
    def apply(self, query, value, alias=None):
        return query.filter(self.get_column(alias) >= day_start(value))

    def operation(self) -> str:
        return "on or after"


class OnOrBefore(DateSmallerFilter):
    def apply(self, query, value, alias=None):
        return query.filter(self.get_column(alias) < day_start(value + timedelta(days=1)))

    def operation(self) -> str:
        return "on or before"


def when(at: datetime) -> str:
    return show_time(None, at, "at")


class ActionFilter(ChoiceFilter):
    """What was done; a review is either a confirmation or a rejection."""

    VERDICTS = {"confirmed": "reviewed", "rejected": "rejected"}

    def __init__(self) -> None:
        options = [(a.value, ACTION_WORDS.get(a, "confirmed or rejected")) for a in Action]
        options += [(word, word) for word in self.VERDICTS]
        super().__init__(Revision.action, "Action", options=options)

    def apply(self, query, value, alias=None):
        if value not in self.VERDICTS:
            return super().apply(query, value, alias)
        status = Revision.changes[("review_status", 1)].as_string()
        return query.filter(Revision.action == Action.REVIEW, status == self.VERDICTS[value])


def merge_lines(revision: Revision, names: dict) -> list[tuple[str, str]]:
    """What a merge did, in words, from its recorded changes."""
    changes = revision.changes
    removed = ", ".join(f"{row['name']} (#{row['id']})" for row in changes["removed"])
    kept = names.get(("people", changes["survivor"]), "a person no longer there")
    lines = [("Kept", f"{kept} (#{changes['survivor']})"), ("Merged away", removed)]
    for key, label in MERGE_LINES:
        lines.append((label, str(len(changes[key]))))
    participants, aliases = changes["participants"], changes["aliases"]
    lines.append(
        (
            "Meeting places moved",
            f"{len(participants['moved'])}, and {len(participants['dropped'])} duplicates removed",
        )
    )
    lines.append(
        (
            "Aliases moved",
            f"{len(aliases['moved'])}, {len(aliases['dropped'])} duplicates removed, "
            f"{len(aliases['added'])} names added",
        )
    )
    return lines


class RevisionView(SecureModelView):
    can_create = False
    can_edit = False
    can_delete = False
    can_export = False
    column_list = ("at", "actor", "action", "row_id", "changes", "summary")
    column_labels = {
        "id": "Revision",
        "at": "When",
        "actor": "Who",
        "action": "What",
        "table_name": "Kind of record",
        "row_id": "Record",
        "changes": "Changes",
        "summary": "About",
        "reverts_id": "Undoes",
    }
    column_sortable_list = ("id", "at")
    column_default_sort = ("id", True)
    named_filter_urls = True
    column_filters = (
        IntEqualFilter(Revision.row_id, "Row"),
        ChoiceFilter(Revision.table_name, "Table", options=[(t, t) for t in TABLES]),
        ActionFilter(),
        FilterEqual(Revision.actor, "Actor"),
        OnOrAfter(Revision.at, "When"),
        OnOrBefore(Revision.at, "When"),
    )
    column_details_list = (
        "id",
        "at",
        "actor",
        "action",
        "table_name",
        "row_id",
        "summary",
        "reverts_id",
    )
    column_formatters = {
        "at": lambda view, context, model, name: when(model.at),
        "action": lambda view, context, model, name: action_word(model),
        "row_id": lambda view, context, model, name: view.row_link(model),
        "table_name": lambda view, context, model, name: table_word(model.table_name),
        "changes": lambda view, context, model, name: view.change_line(model),
        "summary": lambda view, context, model, name: about(model),
    }
    column_formatters_detail = {
        **column_formatters,
        "reverts_id": lambda view, context, model, name: view.revision_link(model.reverts_id),
    }
    details_template = "admin/history/details.html"

    revertible = staticmethod(revertible)

    def history_url(self, record: Any) -> None:
        return None

    def heading(self, record: Any = None) -> str:
        if record is None:
            return self.name
        return f"Revision {record.id}: {action_word(record)} {table_word(record.table_name)}"

    # -- links to the rows, where they still exist ----------------------------------------

    def get_query(self):
        """Changes to user accounts (roles, who is disabled) are for admins' eyes only."""
        query = super().get_query()
        if not current_user.can(Role.ADMIN):
            query = query.filter(Revision.table_name != "users")
        return query

    def get_count_query(self):
        query = super().get_count_query()
        if not current_user.can(Role.ADMIN):
            query = query.filter(Revision.table_name != "users")
        return query

    def get_one(self, id):
        revision = super().get_one(id)
        if revision is not None and revision.table_name == "users":
            if not current_user.can(Role.ADMIN):
                return None
        return revision

    def endpoints(self) -> dict[str, tuple[Any, str]]:
        """Table name to (model, endpoint) for every model screen of this admin."""
        found: dict[str, tuple[Any, str]] = {}
        for view in registered_views(self.admin):
            model = getattr(view, "model", None)
            table = getattr(model, "__tablename__", None)
            if table and "id" in model.__table__.c and table not in found:
                found[table] = (model, view.endpoint)
        # mentions have no screen of their own: they are read, and linked to, in their text
        found.setdefault(Mention.__tablename__, (Mention, "article"))
        return found

    def existing(self, revisions: list[Revision]) -> set[tuple[str, int]]:
        """Which of the revisions' rows still exist: one query per table on the page."""
        wanted: dict[str, set[int]] = {}
        for revision in revisions:
            if revision.row_id is not None:
                wanted.setdefault(revision.table_name, set()).add(revision.row_id)
        endpoints = self.endpoints()
        found = set()
        for table, ids in wanted.items():
            if table in endpoints:
                model = endpoints[table][0]
                rows = db.session.scalars(sa.select(model.id).where(model.id.in_(sorted(ids))))
                found |= {(table, row_id) for row_id in rows}
        return found

    def page_data(self, rows: list[Revision]) -> dict[str, Any]:
        """Which rows still exist, and the names of every row the changes point at."""
        keys = wanted(rows)
        keys |= {("people", row.changes["survivor"]) for row in rows if row.action == Action.MERGE}
        return {"existing": self.existing(rows), "names": names_of(keys)}

    def row_data(self, row: Revision) -> dict[str, Any]:
        """A details page asks several times for its one revision: looked up once."""
        known = g.setdefault(DETAILS_DATA, {})
        if row.id not in known:
            known[row.id] = super().row_data(row)
        return known[row.id]

    def names(self, revision: Revision) -> dict:
        return self.row_data(revision)["names"]

    def change_line(self, revision: Revision) -> str:
        return change_line(revision, self.names(revision))

    def field_rows(self, revision: Revision) -> list[tuple[str, str, str]] | None:
        return change_rows(revision, self.names(revision))

    def taken_with(self, revision: Revision) -> list[tuple[str, str]]:
        return taken_with(revision)

    def merge_lines(self, revision: Revision) -> list[tuple[str, str]]:
        return merge_lines(revision, self.names(revision))

    def row_link(self, revision: Revision) -> Markup | str:
        if revision.row_id is None:
            return table_word(revision.table_name)
        key = (revision.table_name, revision.row_id)
        label = f"{table_word(revision.table_name)} {revision.row_id}"
        endpoint = self.endpoints().get(revision.table_name, (None, None))[1]
        if key not in self.row_data(revision)["existing"] or endpoint is None:
            return label
        url = reading_links.row_in_text(revision.table_name, revision.row_id) or url_for(
            f"{endpoint}.details_view", id=revision.row_id
        )
        return Markup('<a href="{}">{}</a>').format(url, label)

    def revision_link(self, revision_id: int | None) -> Markup | str:
        if revision_id is None:
            return ""
        url = self.get_url(".details_view", id=revision_id)
        return Markup('<a href="{}">#{}</a>').format(url, revision_id)

    # -- details and revert ----------------------------------------------------------------

    def reverted_by(self, revision: Revision) -> Revision | None:
        return reverted_by(db.session, revision)

    def revert_form(self) -> TokenForm:
        return TokenForm()

    @staticmethod
    def raw(revision: Revision) -> str:
        return json.dumps(revision.changes, indent=2, ensure_ascii=False, sort_keys=True)

    @expose("/revert/<int:revision_id>/", methods=("POST",))
    def revert_view(self, revision_id: int):
        revision = db.session.get(Revision, revision_id)
        if revision is None:
            abort(404)
        here = self.get_url(".details_view", id=revision_id)
        if not TokenForm(request.form).validate():
            flash(CSRF_FAILED, "error")
            return redirect(here)
        user = current_user._get_current_object()
        undo = _committed(lambda: revert(db.session, revision, user), "Not reverted.")
        if undo is None:
            return redirect(here)
        flash(f"Reverted revision {revision_id}; the revert is revision {undo.id}.", "success")
        return redirect(self.get_url(".details_view", id=undo.id))

    @expose("/undo/", methods=("POST",))
    def undo_view(self):
        """Undo what one request did (the ids an Undo button carries), all of it or nothing."""
        form = UndoForm(request.form)
        back = safe_next(form.next.data) or self.get_url(".index_view")
        if not form.validate():
            flash(CSRF_FAILED, "error")
            return redirect(back)
        ids = parse_ids(form.ids.data)
        if ids is None:
            abort(400, description="Nothing to undo.")
        user = current_user._get_current_object()
        done = _committed(lambda: undo(db.session, ids, user), "Not undone.")
        if done is None:
            return redirect(back)
        flash(f"Undone: {plural(len(done), 'change')} reverted.", "success")
        return redirect(back)


def _committed(change: Callable[[], T], refused: str) -> T | None:
    """Run a revert and commit it; when it is refused or a row changed since, roll back,
    say why, and give None."""
    try:
        result = change()
        db.session.commit()
        return result
    except RevertError as error:
        db.session.rollback()
        flash(f"{refused} {error}", "error")
    except StaleDataError:
        db.session.rollback()
        flash(STALE_MESSAGE, "error")
    return None


def add_views(admin) -> None:
    admin.add_view(RevisionView(Revision, db, name="History", endpoint="revision", url="history"))
