"""The 403 page, inside the app's frame: the navigation stays, with what the user may open."""

from __future__ import annotations

from flask import Flask
from flask import current_app
from flask_login import current_user
from werkzeug.exceptions import Forbidden

#: said when the refusal gives no reason of its own
NOT_ALLOWED = "Your role does not allow this page or this change."


def forbidden(error: Forbidden):
    admins = current_app.extensions.get("admin") or []
    if not admins or not current_user.is_authenticated:
        return error
    reason = error.description if error.description != Forbidden.description else NOT_ALLOWED
    page = admins[0].index_view.render("admin/forbidden.html", reason=reason)
    return page, 403


def init_app(app: Flask) -> None:
    app.register_error_handler(403, forbidden)
