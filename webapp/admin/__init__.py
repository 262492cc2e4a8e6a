"""The editors' web app: Flask-Admin screens, every one behind a login.

Each module adds its own screens in ``add_views``; this one builds the
``Admin`` object and sends ``/`` to it.
"""

from __future__ import annotations

from flask import Flask
from flask import redirect
from flask import url_for
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme

from webapp.admin import article_review
from webapp.admin import articles
from webapp.admin import dashboard
from webapp.admin import duplicates
from webapp.admin import forbidden
from webapp.admin import history
from webapp.admin import people
from webapp.admin import records
from webapp.admin import review
from webapp.admin import sql
from webapp.admin import undo
from webapp.admin import users
from webapp.words import plural


def home():
    return redirect(url_for("admin.index"))


def init_app(app: Flask) -> None:
    admin = Admin(
        app,
        name="Parley",
        url="/admin",
        index_view=dashboard.DashboardView(name="Home", url="/admin", endpoint="admin"),
        theme=Bootstrap4Theme(swatch="default", fluid=True, base_template="admin/parley_base.html"),
    )
    articles.add_views(admin)
    app.register_blueprint(article_review.bp)
    records.add_views(admin)
    people.add_views(admin)
    duplicates.add_views(admin)
    history.add_views(admin)
    review.add_views(admin)
    users.add_views(admin)
    sql.add_views(admin)
    undo.init_app(app)
    forbidden.init_app(app)
    app.add_template_global(plural)
    app.add_url_rule("/", "home", home)
