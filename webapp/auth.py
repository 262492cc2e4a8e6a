"""Logging in and out, and the role checks on plain Flask views.

Sessions are Flask-Login's, with ``session_protection="strong"``; the forms
use the same session CSRF as Flask-Admin's ``SecureForm``; failed logins are
counted by Flask-Limiter per client address and per username.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from typing import TypeVar
from typing import cast
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Blueprint
from flask import Flask
from flask import abort
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from flask.typing import ResponseReturnValue
from flask_admin.form import SecureForm
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_login import current_user
from flask_login import login_user
from flask_login import logout_user
from limits import RateLimitItem
from limits import parse
from sqlalchemy import select
from werkzeug.security import check_password_hash
from werkzeug.security import generate_password_hash
from wtforms import HiddenField
from wtforms import PasswordField
from wtforms import StringField
from wtforms.validators import InputRequired
from wtforms.validators import Length

from webapp.db import db
from webapp.models import Role
from webapp.models import User
from webapp.models.common import utcnow
from webapp.models.users import PASSWORD_METHOD

bp = Blueprint("auth", __name__)

LIMITER = "parley.login_limiter"
ADMIN_STYLESHEET = "bootstrap/bootstrap4/css/bootstrap.min.css"
LOGIN_FAILED = "Wrong username or password."
LAST_ADMIN = "Parley needs at least one active admin: make another user admin first."
MIN_PASSWORD_LENGTH = 8
CSRF_FAILED = "The form has expired or did not come from this site. Please try again."

View = TypeVar("View", bound=Callable[..., Any])


class SessionCSRFForm(SecureForm):
    class Meta(SecureForm.Meta):
        @property
        def csrf_time_limit(self) -> timedelta:
            return current_app.config["CSRF_TIME_LIMIT"]


def strip(value: str | None) -> str | None:
    return value.strip() if value else value


class LoginForm(SessionCSRFForm):
    username = StringField("Username", [InputRequired(), Length(max=80)], filters=[strip])
    password = PasswordField("Password", [InputRequired(), Length(max=1024)])
    next = HiddenField()


class TokenForm(SessionCSRFForm):
    """A form of nothing but its CSRF token, for buttons that post (log out, revert)."""


def init_app(app: Flask) -> None:
    manager = LoginManager()
    manager.login_view = "auth.login"
    manager.login_message_category = "info"
    manager.session_protection = "strong"
    manager.user_loader(load_user)
    manager.init_app(app)
    # One limiter per app: Flask-Limiter keeps its storage on the Limiter object.
    app.extensions[LIMITER] = Limiter(get_remote_address, app=app)
    app.register_blueprint(bp)
    app.context_processor(lambda: {"logout_form": TokenForm})


def load_user(user_id: str) -> User | None:
    """The session's user, unless disabled since: then the session stops working."""
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.is_active else None


def role_required(role: Role | str) -> Callable[[View], View]:
    """Admit logged-in users whose role includes ``role``; send others to log in, or 403."""
    needed = Role(role)

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
            if not current_user.can(needed):
                abort(403)
            return current_app.ensure_sync(view)(*args, **kwargs)

        return cast(View, guarded)

    return decorator


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None.

    Browsers read a backslash as a slash and drop tabs and newlines, so
    ``/\\evil.example`` or ``/<tab>/evil.example`` would leave the site.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    if request.method == "GET":
        form = LoginForm(next=request.args.get("next", ""))
        if current_user.is_authenticated:
            return redirect(after_login(form))
        return render_login(form)
    form = LoginForm(request.form)
    if not form.validate():
        if "csrf_token" in form.errors:
            return render_login(form, CSRF_FAILED, 400)
        return render_login(form)
    username = form.username.data or ""
    if retry_after := seconds_blocked(username):
        message = f"Too many failed logins. Try again in {retry_after} seconds."
        return render_login(form, message, 429, {"Retry-After": str(retry_after)})
    user = authenticate(username, form.password.data or "")
    if user is None:
        count_failure(username)
        return render_login(form, LOGIN_FAILED)
    user.last_login_at = utcnow()
    db.session.commit()
    target = after_login(form)
    session.clear()
    login_user(user)
    return redirect(target)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    if not TokenForm(request.form).validate():
        abort(400, description=CSRF_FAILED)
    logout_user()
    session.clear()
    flash("You have logged out.", "info")
    return redirect(url_for("auth.login"))


def here() -> str:
    """This request's path and query, to come back to after logging in.

    ``request.full_path`` ends in a bare "?" when there is no query.
    """
    query = request.query_string.decode()
    return f"{request.path}?{query}" if query else request.path


def after_login(form: LoginForm) -> str:
    return safe_next(form.next.data) or current_app.config["LOGIN_DEFAULT_NEXT"]


def render_login(
    form: LoginForm,
    error: str | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> ResponseReturnValue:
    page = render_template("auth/login.html", form=form, error=error, stylesheet=stylesheet())
    return page, status, headers or {}


def stylesheet() -> str | None:
    """Flask-Admin's Bootstrap 4, when the admin (and so its static route) is set up."""
    if "admin.static" not in current_app.view_functions:
        return None
    return url_for("admin.static", filename=ADMIN_STYLESHEET)


def authenticate(username: str, password: str) -> User | None:
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        # The same work as for a real user, so that timing does not tell which names exist.
        check_password_hash(dummy_hash(), password)
        return None
    if not user.check_password(password) or not user.is_active:
        return None
    return user


@functools.cache
def dummy_hash() -> str:
    return generate_password_hash(secrets.token_urlsafe(), method=PASSWORD_METHOD)


def failure_limit() -> RateLimitItem:
    return parse(current_app.config["LOGIN_FAILURE_LIMIT"])


def failure_counters(username: str) -> list[tuple[str, str]]:
    return [
        ("parley-login-address", get_remote_address()),
        ("parley-login-user", username.casefold() or "-"),
    ]


def seconds_blocked(username: str) -> int:
    """How long until the next attempt may be made; 0 when it may be made now."""
    strategy = current_app.extensions[LIMITER].limiter
    limit = failure_limit()
    resets = [
        strategy.get_window_stats(limit, *counter).reset_time
        for counter in failure_counters(username)
        if not strategy.test(limit, *counter)
    ]
    if not resets:
        return 0
    return max(1, int(max(resets) - utcnow().timestamp()) + 1)


def count_failure(username: str) -> None:
    strategy = current_app.extensions[LIMITER].limiter
    limit = failure_limit()
    for counter in failure_counters(username):
        strategy.hit(limit, *counter)


def active_admins(excluding: User | None = None) -> int:
    query = sa.select(sa.func.count()).select_from(User)
    query = query.where(User.role == Role.ADMIN, User.active.is_(True))
    if excluding is not None:
        query = query.where(User.id != excluding.id)
    return db.session.scalar(query)
