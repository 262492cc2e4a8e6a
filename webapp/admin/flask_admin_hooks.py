"""Every private Flask-Admin name Parley overrides or reads, and nothing else.

Flask-Admin has no public way to check each request to a view after its
access check, to call a view only once, to replace the search box's query, to
list an admin's views, to read a list's filters in the order of their indexes, or
to tell which joins a filter needs. The classes below do these through its
private names and hand over to methods with public names, which the rest of
``webapp.admin`` overrides.
``tests/web/test_flask_admin_hooks.py`` checks each name against the installed
Flask-Admin, so an upgrade that drops one or changes its arguments fails
there, naming the hook.
"""

from __future__ import annotations

from typing import Any

from flask_admin import Admin
from flask_admin import BaseView
from flask_admin.contrib.sqla import ModelView


class ViewHooks:
    """For a ``BaseView``: ``allow_request`` before every view, and each view run only once."""

    def allow_request(self, name: str) -> None:
        """Called before the view ``name`` runs, once ``is_accessible`` has let it; may abort."""

    def _handle_view(self, name: str, **kwargs: Any):
        response = super()._handle_view(name, **kwargs)
        if response is None:
            self.allow_request(name)
        return response

    def _run_view(self, fn, *args: Any, **kwargs: Any):
        """Call the view once.

        Flask-Admin calls a view again when it raises TypeError, which hides the
        real error (Flask-Admin issue 2358).
        """
        return fn(self, *args, **kwargs)


class SearchHook:
    """For a SQLAlchemy ``ModelView``: ``search_clauses`` may replace Flask-Admin's search."""

    def search_clauses(self, search: str) -> list | None:
        """The conditions (all must hold) for what was typed in the search box.

        None leaves the search to Flask-Admin (ILIKE on ``column_searchable_list``).
        """
        return None

    def _apply_search(self, query, count_query, joins, count_joins, search):
        clauses = self.search_clauses(search)
        if clauses is None:
            return super()._apply_search(query, count_query, joins, count_joins, search)
        for clause in clauses:
            query = query.filter(clause)
            if count_query is not None:
                count_query = count_query.filter(clause)
        return query, count_query, joins, count_joins


def filter_join_path(view: ModelView, flt: Any) -> list[Any]:
    """The relationships (or tables) Flask-Admin joins to apply the filter ``flt``."""
    return list(view._filter_joins.get(flt.key_name or flt.column, ()))


def list_filters(view: ModelView) -> list[Any]:
    """The filters of a list view, in the order their indexes in a list page's arguments count."""
    return list(getattr(view, "_filters", None) or ())


def registered_views(admin: Admin) -> list[BaseView]:
    """Every view added to ``admin``, its index view first."""
    return admin._views


#: (Flask-Admin class, private method, the override here), for the test of the installed version
OVERRIDDEN = (
    (BaseView, "_handle_view", ViewHooks._handle_view),
    (BaseView, "_run_view", ViewHooks._run_view),
    (ModelView, "_apply_search", SearchHook._apply_search),
)
