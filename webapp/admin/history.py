"""The history screen: every revision, newest first, and reverting an update or a merge."""

from __future__ import annotations

import json
from datetime import UTC
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import abort
from flask import flash
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
from webapp.admin.flask_admin_hooks import registered_views
from webapp.auth import CSRF_FAILED
from webapp.auth import TokenForm
from webapp.changes.revert import RevertError
from webapp.changes.revert import revert
from webapp.changes.revert import reverted_by
from webapp.changes.revert import revertible
from webapp.db import db
from webapp.models import Action
from webapp.models import Revision
from webapp.models import Role

TABLES = (
    "articles",
    "meeting_reports",
    "meetings",
    "people",
    "person_aliases",
    "positions",
    "statements",
    "users",
)
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
    return at.strftime("%Y-%m-%d %H:%M:%S UTC")


def shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(shown(item) for item in value)
    return str(value)


def field_rows(revision: Revision) -> list[tuple[str, str, str]] | None:
    """(field, old, new) for a revision that records field changes; None for others."""
    changes = revision.changes or {}
    if revision.action in (Action.SEED, Action.MERGE) or not changes:
        return None
    if not all(isinstance(pair, list) and len(pair) == 2 for pair in changes.values()):
        return None
    return [(field, shown(old), shown(new)) for field, (old, new) in changes.items()]


def merge_lines(revision: Revision) -> list[tuple[str, str]]:
    """What a merge did, in words, from its recorded changes."""
    changes = revision.changes
    removed = ", ".join(f"{row['name']} (#{row['id']})" for row in changes["removed"])
    lines = [("Kept", f"#{changes['survivor']}"), ("Merged away", removed)]
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
    column_list = ("at", "actor", "action", "table_name", "row_id", "summary")
    column_labels = {"at": "When", "table_name": "Table", "row_id": "Row"}
    column_sortable_list = ("id", "at")
    column_default_sort = ("id", True)
    named_filter_urls = True
    column_filters = (
        IntEqualFilter(Revision.row_id, "Row"),
        ChoiceFilter(Revision.table_name, "Table", options=[(t, t) for t in TABLES]),
        ChoiceFilter(Revision.action, "Action", options=[(a.value, a.value) for a in Action]),
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
        "action": lambda view, context, model, name: model.action.value,
        "row_id": lambda view, context, model, name: view.row_link(model),
    }
    column_formatters_detail = {
        **column_formatters,
        "reverts_id": lambda view, context, model, name: view.revision_link(model.reverts_id),
    }
    details_template = "admin/history/details.html"

    field_rows = staticmethod(field_rows)
    merge_lines = staticmethod(merge_lines)
    revertible = staticmethod(revertible)

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

    def page_data(self, rows: list[Revision]) -> set[tuple[str, int]]:
        return self.existing(rows)

    def row_link(self, revision: Revision) -> Markup | str:
        if revision.row_id is None:
            return ""
        key = (revision.table_name, revision.row_id)
        endpoint = self.endpoints().get(revision.table_name, (None, None))[1]
        if key not in self.row_data(revision) or endpoint is None:
            return str(revision.row_id)
        url = reading_links.row_in_text(revision.table_name, revision.row_id) or url_for(
            f"{endpoint}.details_view", id=revision.row_id
        )
        return Markup('<a href="{}">{}</a>').format(url, revision.row_id)

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
        try:
            undo = revert(db.session, revision, current_user._get_current_object())
            db.session.commit()
        except RevertError as error:
            db.session.rollback()
            flash(f"Not reverted. {error}", "error")
            return redirect(here)
        except StaleDataError:
            db.session.rollback()
            flash(STALE_MESSAGE, "error")
            return redirect(here)
        flash(f"Reverted revision {revision_id}; the revert is revision {undo.id}.", "success")
        return redirect(self.get_url(".details_view", id=undo.id))


def add_views(admin) -> None:
    admin.add_view(RevisionView(Revision, db, name="History", endpoint="revision", url="history"))
