"""The one secured view class every admin screen builds on.

Flask-Admin's defaults are open: no login, no CSRF on delete and bulk actions,
an exact COUNT(*) on every list page, and edit forms that let the second of
two editors silently overwrite the first. These classes close each of those
once, for every screen.

A list page computes what its formatters need beyond the rows (grouped
counts, say) once, in ``page_data``; Flask-Admin's private hooks are reached
only through ``webapp.admin.flask_admin_hooks``.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import abort
from flask import flash
from flask import g
from flask import redirect
from flask import request
from flask import url_for
from flask_admin import AdminIndexView
from flask_admin import BaseView
from flask_admin.contrib.sqla import ModelView
from flask_login import current_user
from sqlalchemy.orm import attributes
from sqlalchemy.orm import lazyload
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError
from wtforms import HiddenField

from webapp.admin.enums import DETAIL_FORMATTERS
from webapp.admin.enums import LIST_FORMATTERS
from webapp.admin.enums import EnumFilterConverter
from webapp.admin.enums import ValueEnumConverter
from webapp.admin.flask_admin_hooks import SearchHook
from webapp.admin.flask_admin_hooks import ViewHooks
from webapp.auth import SessionCSRFForm
from webapp.auth import here
from webapp.db import db
from webapp.models import ReviewStatus
from webapp.models import Role
from webapp.search import ROW_CAP
from webapp.search import capped_count
from webapp.search import matching_ids

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: ``flask.g`` key: endpoint -> (the ids of its list page's rows, its ``page_data``)
PAGE_DATA = "admin_page_data"
STALE_MESSAGE = (
    "This record was changed by someone else since you opened it. Nothing was saved: "
    "reload it and apply your change again."
)


def page_count(view, context, model, name: str) -> int:
    """A formatter for a count the view's ``page_data`` gives as {column: {row id: count}}."""
    return view.row_data(model)[name].get(model.id, 0)


class RoleGuard(ViewHooks):
    """Log in first; then reading needs ``read_role`` and any other method ``write_role``."""

    read_role = Role.VIEWER
    write_role = Role.EDITOR

    def is_accessible(self) -> bool:
        return current_user.is_authenticated and current_user.can(self.read_role)

    def inaccessible_callback(self, name: str, **kwargs: Any):
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=here()))
        abort(403)

    def allow_request(self, name: str) -> None:
        if request.method not in SAFE_METHODS and not current_user.can(self.write_role):
            abort(403)

    @property
    def can_write(self) -> bool:
        return current_user.is_authenticated and current_user.can(self.write_role)


class SecureView(RoleGuard, BaseView):
    """A custom (non-model) admin page."""


class SecureIndexView(RoleGuard, AdminIndexView):
    pass


class SecureModelView(SearchHook, RoleGuard, ModelView):
    """Model screens: CSRF on every form, capped counts, no lost updates, edits marked."""

    form_base_class = SessionCSRFForm
    model_form_converter = ValueEnumConverter
    filter_converter = EnumFilterConverter()
    column_type_formatters = LIST_FORMATTERS
    column_type_formatters_detail = DETAIL_FORMATTERS
    page_size = 20
    can_set_page_size = True
    page_size_options = (20, 50, 100)
    can_view_details = True
    simple_list_pager = True
    #: count matching rows up to this many, never more (Datasette's rule)
    count_cap = ROW_CAP
    #: the FTS table behind the search box, when the model has one
    search_table: str | None = None
    #: loader options for list pages only, e.g. deferring long text the list never shows
    list_options: tuple = ()

    @property
    def can_create(self) -> bool:
        return self.can_write

    @property
    def can_edit(self) -> bool:
        return self.can_write

    @property
    def can_delete(self) -> bool:
        return self.can_write

    def get_list(self, page, sort_column, sort_desc, search, filters, execute=True, page_size=None):
        _, query = super().get_list(
            page, sort_column, sort_desc, search, filters, execute=False, page_size=page_size
        )
        keys = (
            query.limit(None)
            .offset(None)
            .order_by(None)
            .options(lazyload("*"))
            .with_entities(*sa.inspect(self.model).primary_key)
        )
        count = capped_count(db.session, keys, self.count_cap)
        query = query.options(*self.list_options)
        if not execute:
            return count, query
        rows = query.all()
        pages = g.setdefault(PAGE_DATA, {})
        pages[self.endpoint] = ({self.get_pk_value(row) for row in rows}, self.page_data(rows))
        return count, rows

    def page_data(self, rows: list) -> Any:
        """What the list's formatters need beyond the rows themselves, for a page of rows.

        Called once per list page, so that a formatter never queries row by
        row (grouped counts, say); a formatter reads it with ``row_data``.
        """
        return None

    def row_data(self, row) -> Any:
        """``page_data`` of the list page ``row`` is on, or of ``row`` alone (a details page)."""
        ids, data = g.get(PAGE_DATA, {}).get(self.endpoint, ((), None))
        if self.get_pk_value(row) in ids:
            return data
        return self.page_data([row])

    def scaffold_auto_joins(self):
        """Join the to-one relationships a list shows; load its collections per page instead.

        A joined collection makes the paged query a subquery joined to the
        whole link table, which SQLite answers by scanning it.
        """
        joins = super().scaffold_auto_joins()
        self._page_loads = [selectinload(join) for join in joins if join.property.uselist]
        return [join for join in joins if not join.property.uselist]

    def get_query(self):
        return super().get_query().options(*getattr(self, "_page_loads", ()))

    def search_clauses(self, search: str) -> list | None:
        if self.search_table is None:
            return None
        return [self.model.id.in_(matching_ids(db.session, self.search_table, search))]

    # -- lost updates: the version the editor saw travels in the form -----------------

    @property
    def versioned(self) -> bool:
        return hasattr(self.model, "version_id")

    def scaffold_form(self):
        form_class = super().scaffold_form()
        if self.versioned:
            form_class.version_id = HiddenField()
        return form_class

    def create_form(self, obj=None):
        form = super().create_form(obj)
        if self.versioned:
            del form.version_id
        return form

    def on_model_change(self, form, model, is_created: bool) -> None:
        if is_created:
            if hasattr(model, "review_status") and not self._sets_status(form):
                model.review_status = ReviewStatus.EDITED
            return
        if self.versioned:
            seen = form.version_id.data
            if not str(seen or "").isdigit():
                raise StaleDataError("the form carries no version")
            attributes.set_committed_value(model, "version_id", int(seen))
        if hasattr(model, "review_status") and not self._sets_status(form):
            model.review_status = ReviewStatus.EDITED

    @staticmethod
    def _sets_status(form) -> bool:
        field = getattr(form, "review_status", None)
        return field is not None and field.data != field.object_data

    def handle_view_exception(self, exc: Exception) -> bool:
        if isinstance(exc, StaleDataError):
            flash(STALE_MESSAGE, "error")
            return True
        return super().handle_view_exception(exc)
