"""Parley: a curated database of diplomatic meetings and statements."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:
    from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent


#: The commands that serve requests, and so sign session cookies and forms.
SERVING_COMMANDS = frozenset({"run", "serve"})


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then instance/config.py, then the environment, then ``test_config``.

    The instance folder is ``instance/`` beside the package, or ``PARLEY_INSTANCE_PATH``.
    A mistake in the configuration raises ``SetupError``, which the command line
    prints as one line.
    """
    from flask import Flask

    instance_path = os.environ.get("PARLEY_INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_path=os.path.abspath(instance_path) if instance_path else None,
        instance_relative_config=True,
    )
    app.config.from_object("webapp.config")
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{Path(app.instance_path) / 'parley.db'}",
        MIGRATIONS_DIR=PROJECT_ROOT / "migrations",
    )
    read_instance_config(app)
    load_environment(app)
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    make_instance_folder(app)

    from webapp import admin
    from webapp import auth
    from webapp import cli
    from webapp import db
    from webapp import views
    from webapp.changes import trail

    db.init_app(app)
    auth.init_app(app)
    trail.init_app(app)
    admin.init_app(app)
    views.init_app(app)
    trust_proxies(app)
    require_secret_key(app)
    cli.init_app(app)
    return app


def read_instance_config(app: Flask) -> None:
    from webapp.problems import SetupError

    path = Path(app.instance_path) / "config.py"
    try:
        app.config.from_pyfile(path, silent=True)
    except (OSError, SyntaxError) as error:
        raise SetupError(f"cannot read {path}: {error}") from None


def make_instance_folder(app: Flask) -> None:
    from webapp.problems import SetupError

    folder = app.instance_path
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or error
        raise SetupError(f"cannot create the instance folder {folder}: {reason}") from None


def trust_proxies(app: Flask) -> None:
    """Take the client address and scheme from a reverse proxy's headers, if configured."""
    if count := int(app.config["PROXY_COUNT"]):
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)


def load_environment(app: Flask) -> None:
    """``DATABASE_URL`` and ``SECRET_KEY`` as most hosts name them, and any ``FLASK_*``."""
    app.config.from_prefixed_env()
    if url := os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = url
    if key := os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = key


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written without a driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def command_being_run() -> str | None:
    """The name of the command the app is built for, or None outside the command line."""
    import click

    context = click.get_current_context(silent=True)
    return context.command.name if context is not None else None


def serving() -> bool:
    """Whether the app is built to serve requests, rather than for a command that signs nothing.

    Outside the command line (a WSGI server calling ``create_app``) it is; on
    it, only `run` and `serve` are. `db`, `seed`, `export`, `users` and the
    rest sign no cookie and no form, so they work without a ``SECRET_KEY``.
    """
    command = command_being_run()
    return command is None or command in SERVING_COMMANDS


def require_secret_key(app: Flask) -> None:
    """Refuse to serve without a secret key; testing and debug mode make one up."""
    from webapp.problems import SetupError
    from webapp.problems import parley

    if app.config.get("SECRET_KEY"):
        return
    if app.testing:
        app.config["SECRET_KEY"] = app.config["DEV_SECRET_KEY"]
        return
    if app.debug:
        app.config["SECRET_KEY"] = secrets.token_hex(32)  # sessions end when the process does
        return
    if not serving():
        return
    raise SetupError(
        f"SECRET_KEY is not set: run `{parley('secret-key')}` to write a random one to "
        f"{Path(app.instance_path) / 'config.py'}, or set the SECRET_KEY environment variable."
    )
