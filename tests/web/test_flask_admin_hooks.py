"""The private Flask-Admin names Parley relies on are still there, with the same arguments.

When one of these fails after upgrading Flask-Admin, change
``webapp/admin/flask_admin_hooks.py`` (and only it) to the new version.
"""

from __future__ import annotations

import inspect

import flask_admin
import pytest
from flask import Flask
from flask_admin import Admin
from flask_admin import BaseView
from flask_admin import expose
from flask_admin.contrib.sqla import ModelView

from webapp.admin.flask_admin_hooks import OVERRIDDEN
from webapp.admin.flask_admin_hooks import filter_join_path
from webapp.admin.flask_admin_hooks import list_filters
from webapp.admin.flask_admin_hooks import registered_views
from webapp.db import db
from webapp.models import Meeting
from webapp.models import Statement

VERSION = flask_admin.__version__


def parameters(function) -> list[tuple[object, str | None]]:
    """Each parameter's kind and name (``*args`` and ``**kwargs`` by kind alone)."""
    variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return [
        (p.kind, None if p.kind in variadic else p.name)
        for p in inspect.signature(function).parameters.values()
    ]


@pytest.mark.parametrize(
    ("owner", "name", "override"),
    OVERRIDDEN,
    ids=[f"{owner.__name__}.{name}" for owner, name, _ in OVERRIDDEN],
)
def test_overridden_hook_is_unchanged(owner, name, override):
    hook = f"{owner.__module__}.{owner.__qualname__}.{name}"
    original = getattr(owner, name, None)
    assert callable(original), (
        f"Flask-Admin {VERSION} no longer has {hook}, which "
        "webapp/admin/flask_admin_hooks.py overrides"
    )
    assert parameters(original) == parameters(override), (
        f"Flask-Admin {VERSION} changed the arguments of {hook} to "
        f"{inspect.signature(original)}; webapp/admin/flask_admin_hooks.py overrides it "
        f"as {inspect.signature(override)}"
    )


class Page(BaseView):
    @expose("/")
    def index(self):
        return "page"


def test_admin_still_lists_its_views_in_views():
    admin = Admin(Flask(__name__))
    page = Page(name="Page", endpoint="page")
    admin.add_view(page)
    assert isinstance(getattr(admin, "_views", None), list), (
        f"Flask-Admin {VERSION} no longer keeps an admin's views in Admin._views, which "
        "webapp/admin/flask_admin_hooks.py (registered_views) reads"
    )
    assert registered_views(admin) == [admin.index_view, page], (
        f"Flask-Admin {VERSION} keeps something else in Admin._views than the views added, "
        "index first, which webapp/admin/flask_admin_hooks.py (registered_views) expects"
    )


class StatementsBySpeaker(ModelView):
    column_filters = ("speaker.name",)


class MeetingsByParticipant(ModelView):
    column_filters = ("participants.name",)


def test_flask_admin_still_records_the_joins_a_filter_needs(app):
    """``filter_join_path`` reads ``ModelView._filter_joins``, filled as filters are scaffolded."""
    with app.app_context():
        admin = Admin(Flask(__name__))
        views = {
            "statements": StatementsBySpeaker(Statement, db, endpoint="s"),
            "meetings": MeetingsByParticipant(Meeting, db, endpoint="m"),
        }
        for view in views.values():
            admin.add_view(view)
        paths = {
            name: [filter_join_path(view, flt) for flt in view._filters]
            for name, view in views.items()
        }
    assert paths["statements"] and all(p == [Statement.speaker] for p in paths["statements"]), (
        f"Flask-Admin {VERSION} no longer records a filter's joins in ModelView._filter_joins, "
        "which webapp/admin/flask_admin_hooks.py (filter_join_path) reads"
    )
    assert paths["meetings"] and all(p == [Meeting.participants] for p in paths["meetings"])


def test_flask_admin_still_numbers_a_lists_filters_by_their_place(app):
    """``list_filters`` reads ``ModelView._filters``, whose positions the list's ``flt<N>``
    arguments and its active filters count."""
    with app.app_context():
        admin = Admin(Flask(__name__))
        view = StatementsBySpeaker(Statement, db, endpoint="s")
        admin.add_view(view)
        filters = list_filters(view)
        assert filters, (
            f"Flask-Admin {VERSION} no longer keeps a view's filters in ModelView._filters, "
            "which webapp/admin/flask_admin_hooks.py (list_filters) reads"
        )
        for index, flt in enumerate(filters):
            assert view._filter_args[view.get_filter_arg(index, flt)] == (index, flt)
