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

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import abort
from flask import current_app
from flask import flash
from flask import g
from flask import redirect
from flask import request
from flask import url_for
from flask_admin import AdminIndexView
from flask_admin import BaseView
from flask_admin.actions import action
from flask_admin.babel import lazy_gettext
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
from webapp.admin.facets import FACET_ROWS
from webapp.admin.facets import count_facets
from webapp.admin.fields import FormConverter
from webapp.admin.filters import without_joins
from webapp.admin.flask_admin_hooks import SearchHook
from webapp.admin.flask_admin_hooks import ViewHooks
from webapp.admin.flask_admin_hooks import filter_join_path
from webapp.admin.history_words import table_word
from webapp.auth import SessionCSRFForm
from webapp.auth import here
from webapp.db import db
from webapp.models import ReviewStatus
from webapp.models import Role
from webapp.search import ROW_CAP
from webapp.search import Matches
from webapp.search import capped_count
from webapp.search import find

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: stands for a row's id in a URL built once for many rows (``url_pattern``)
ID_MARK = "__row_id__"
#: ``flask.g`` key: endpoint -> (the ids of its list page's rows, its ``page_data``)
PAGE_DATA = "admin_page_data"
#: ``flask.g`` key: (endpoint, id) -> ``page_data`` of one row shown alone (a details page)
ROW_DATA = "admin_row_data"
#: ``flask.g`` key: endpoint -> (the ``Matches`` of its list page's search, and how the
#: list uses them: ("page", (offset, size)) when its page is cut from them, ("dense", bool)
#: otherwise, None on PostgreSQL)
SEARCHED = "admin_searched"
#: ``flask.g`` key: endpoint -> the ``Facets`` of its list page
FACETS = "admin_facets"
#: ``app.extensions`` key: (application root, endpoint, arguments) -> a static file's URL
STATIC_URLS = "parley.admin_static_urls"
STALE_MESSAGE = (
    "This record was changed by someone else since you opened it. Nothing was saved: "
    "reload it and apply your change again."
)


def page_count(view, context, model, name: str) -> int:
    """A formatter for a count the view's ``page_data`` gives as {column: {row id: count}}."""
    return view.row_data(model)[name].get(model.id, 0)


def fetch(statement: sa.Executable, **params: Any) -> list[sa.Row]:
    """The rows of a Core SELECT built once, at import, run with ``params``.

    Building a SELECT and its cache key costs about 0.1 ms a time, more than
    an indexed query itself; a page of several small queries saves a
    millisecond this way. It runs on the session's connection, in the
    request's transaction.
    """
    return db.session.connection().execute(statement, params).all()


def url_pattern(endpoint: str, **values: Any) -> Callable[[int], str]:
    """``url_for(endpoint, id=..., **values)`` for a whole list of ids, at the cost of one.

    Building a URL takes some 20 µs; a page of fifty links spends a
    millisecond on them otherwise.
    """
    pattern = url_for(endpoint, id=ID_MARK, **values)
    return lambda id: pattern.replace(ID_MARK, str(int(id)))


class StaticURLs:
    """Flask-Admin's own stylesheets and scripts linked by URLs built once, not on every page.

    Its base template links some fourteen files through ``get_url``, each a
    ``url_for`` of about 17 µs. Their URLs depend only on the file, its
    version and where the application is mounted, which make the key; they
    are kept per application.
    """

    def get_url(self, endpoint: str, **kwargs: Any) -> str:
        if not endpoint.endswith(".static"):
            return super().get_url(endpoint, **kwargs)
        urls = current_app.extensions.setdefault(STATIC_URLS, {})
        key = (request.script_root, endpoint, tuple(sorted(kwargs.items())))
        url = urls.get(key)
        if url is None:
            url = urls[key] = super().get_url(endpoint, **kwargs)
        return url


class RoleGuard(StaticURLs, ViewHooks):
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

    def heading(self, record: Any = None) -> str:
        """The page's one heading (``<h1>``)."""
        return self.name


class SecureView(RoleGuard, BaseView):
    """A custom (non-model) admin page."""


class SecureIndexView(RoleGuard, AdminIndexView):
    pass


class SecureModelView(SearchHook, RoleGuard, ModelView):
    """Model screens: CSRF on every form, capped counts, no lost updates, edits marked."""

    form_base_class = SessionCSRFForm
    model_form_converter = FormConverter
    filter_converter = EnumFilterConverter()
    column_type_formatters = LIST_FORMATTERS
    column_type_formatters_detail = DETAIL_FORMATTERS
    page_size = 20
    can_set_page_size = True
    page_size_options = (20, 50, 100)
    can_view_details = True
    simple_list_pager = True
    #: filter arguments read as words (``flt0_speaker_contains=...``), not list positions
    named_filter_urls = True
    #: count matching rows up to this many, never more (Datasette's rule)
    count_cap = ROW_CAP
    #: the FTS table behind the search box, when the model has one
    search_table: str | None = None
    #: loader options for list pages only, e.g. deferring long text the list never shows
    list_options: tuple = ()
    #: sorts Flask-Admin would write badly: column name -> f(query, desc, offset, size), the
    #: query of that page in that order
    custom_sorts: dict[str, Callable[[Any, bool, int, int], Any]] = {}
    #: ``webapp.admin.facets.Facet``s counted beside the list
    facets: tuple = ()

    @property
    def can_create(self) -> bool:
        return self.can_write

    def row_keys(self, ids) -> list:
        """The checked rows' ids as the primary key's type: PostgreSQL compares no integer
        column with the text a form posts."""
        columns = sa.inspect(self.model).primary_key
        if len(columns) == 1 and columns[0].type.python_type is int:
            return [int(id) for id in ids if str(id).isdigit()]
        return list(ids)

    @action(
        "delete",
        lazy_gettext("Delete"),
        lazy_gettext("Are you sure you want to delete selected records?"),
    )
    def action_delete(self, ids):
        return super().action_delete(self.row_keys(ids))

    @property
    def can_edit(self) -> bool:
        return self.can_write

    @property
    def can_delete(self) -> bool:
        return self.can_write

    @property
    def record_word(self) -> str:
        return table_word(self.model.__tablename__)

    def heading(self, record: Any = None) -> str:
        """The list's name, "New statement", or the record's kind and name."""
        if (request.endpoint or "").endswith(".create_view"):
            return f"New {self.record_word}"
        if record is None:
            return self.name
        return f"{self.record_word[:1].upper()}{self.record_word[1:]}: {record}"

    def history_url(self, record: Any) -> str | None:
        """The history screen filtered to this record's changes."""
        if not hasattr(self.model, "id") or getattr(record, "id", None) is None:
            return None
        return url_for(
            "revision.index_view",
            flt0_table_equals=self.model.__tablename__,
            flt1_row_equals=record.id,
        )

    def get_list(self, page, sort_column, sort_desc, search, filters, execute=True, page_size=None):
        matches = self.search_first(page, sort_column, search, filters, page_size)
        custom_sort = self.custom_sorts.get(sort_column)
        _, query = super().get_list(
            page,
            None if custom_sort else sort_column,
            sort_desc,
            search,
            filters,
            execute=False,
            page_size=page_size,
        )
        filtered = query.limit(None).offset(None).order_by(None)
        if custom_sort is not None:
            size = page_size or self.page_size
            query = custom_sort(filtered, sort_desc, (page or 0) * size, size)
        if matches is not None and matches.count is not None and not filters:
            count = min(matches.count, self.count_cap + 1)  # the search alone: its matches
        else:
            keys = filtered.options(lazyload("*")).with_entities(
                *sa.inspect(self.model).primary_key
            )
            count = capped_count(db.session, keys, self.count_cap)
        how = g.get(SEARCHED, {}).get(self.endpoint, (None, None))[1]
        if how is not None and how[0] == "page":
            query = query.offset(None)  # the page was cut from the matches
            # the facets count the newest matches, which come first
            filtered = self.get_query().filter(matches.page(self.model.id, 0, FACET_ROWS))
        query = query.options(*self.list_options)
        if not execute:
            return count, query
        if self.facets:
            g.setdefault(FACETS, {})[self.endpoint] = count_facets(
                filtered, self.model.id, self.facets, f"{self.endpoint}.index_view", count
            )
        rows = query.all()
        pages = g.setdefault(PAGE_DATA, {})
        pages[self.endpoint] = ({self.get_pk_value(row) for row in rows}, self.page_data(rows))
        return count, rows

    def counted_facets(self):
        """The facets of the list page being drawn (``webapp.admin.facets.Facets``), or None."""
        return g.get(FACETS, {}).get(self.endpoint)

    def search_first(self, page, sort_column, search, filters, page_size) -> Matches | None:
        """Run the search box's full-text query once, before the list's queries are built.

        Its matches, the newest ``count_cap + 1``, give the list's condition
        (``search_clauses``) and, when the search is all the list asks for,
        its count. When besides the list is in its default order, newest first,
        the page is cut from the matches, which are in that order, and the
        list's query reads only the page's rows.
        """
        searched = g.setdefault(SEARCHED, {})
        searched.pop(self.endpoint, None)
        if not (search and self.search_table):
            return None
        matches = find(db.session, self.search_table, search)
        if matches.ids is None:
            how = None
        elif not filters and sort_column is None and self.column_default_sort == ("id", True):
            size = page_size or self.page_size
            how = ("page", ((page or 0) * size, size))
        else:
            newest = db.session.scalar(sa.select(sa.func.max(self.model.id))) or 0
            how = ("dense", 20 * len(matches.ids) >= newest)
        searched[self.endpoint] = (matches, how)
        return matches

    def page_data(self, rows: list) -> Any:
        """What the list's formatters need beyond the rows themselves, for a page of rows.

        Called once per list page, so that a formatter never queries row by
        row (grouped counts, say); a formatter reads it with ``row_data``.
        """
        return None

    def row_data(self, row) -> Any:
        """``page_data`` of the list page ``row`` is on, or of ``row`` alone (a details page)."""
        key = self.get_pk_value(row)
        ids, data = g.get(PAGE_DATA, {}).get(self.endpoint, ((), None))
        if key in ids:
            return data
        alone = g.setdefault(ROW_DATA, {})
        if (self.endpoint, key) not in alone:
            alone[(self.endpoint, key)] = self.page_data([row])
        return alone[(self.endpoint, key)]

    def get_filters(self):
        """Filters on a related row's column select through ``IN (SELECT ...)``, never a join."""
        filters = super().get_filters()
        if filters is None:
            return None
        return without_joins(filters, lambda flt: filter_join_path(self, flt))

    def scaffold_auto_joins(self):
        """Join the to-one relationships a list shows; load its collections per page instead.

        A joined collection makes the paged query a subquery joined to the
        whole link table, which SQLite answers by scanning it. A column shown
        as a count (``page_count``) loads nothing: ``page_data`` counts it.
        """
        formatters = self.column_formatters.items()
        counted = {name for name, formatter in formatters if formatter is page_count}
        joins = [join for join in super().scaffold_auto_joins() if join.key not in counted]
        self._page_loads = [selectinload(join) for join in joins if join.property.uselist]
        return [join for join in joins if not join.property.uselist]

    def get_query(self):
        return super().get_query().options(*getattr(self, "_page_loads", ()))

    def search_clauses(self, search: str) -> list | None:
        if self.search_table is None:
            return None
        matches, how = g.get(SEARCHED, {}).get(self.endpoint, (None, None))
        if matches is None:
            matches = find(db.session, self.search_table, search)
        if how is not None and how[0] == "page":
            return [matches.page(self.model.id, *how[1])]
        return [matches.condition(self.model.id, dense=how is not None and how[1])]

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
