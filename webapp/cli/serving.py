"""`parley serve` and `parley secret-key`: what serving needs, and serving with waitress."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import click
from flask import Config
from flask import Flask
from flask import current_app
from flask.cli import with_appcontext

from webapp import require_secret_key
from webapp.cli.reporting import Command
from webapp.cli.schema import require_schema

#: what `secret-key` writes above the key
KEY_COMMENT = "# Signs the session cookies and forms. Keep this file readable only by its owner."


def require_ready(app: Flask) -> None:
    """Stop, in one line, unless the app can serve: a secret key and a current schema."""
    require_secret_key(app)
    with app.app_context():
        require_schema()


@click.command("serve", cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True, help="The interface to listen on.")
@click.option("--port", default=8000, show_default=True, help="The port to listen on.")
@click.option("--threads", default=8, show_default=True, help="Requests served at once.")
@with_appcontext
def serve_command(host: str, port: int, threads: int) -> None:
    """Serve the app with waitress, the production server (`run` is for development).

    Needs a SECRET_KEY and a database at the latest schema; put a reverse
    proxy in front of it for HTTPS (see docs/operations.md).
    """
    import waitress

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    require_ready(app)
    click.echo(f"Serving Parley on http://{host}:{port} (Ctrl-C stops it).")
    waitress.serve(app, host=host, port=port, threads=threads, ident="parley")


@click.command("secret-key", cls=Command)
@with_appcontext
def secret_key_command() -> None:
    """Write a random SECRET_KEY to config.py in the instance folder, readable only by you.

    Serving needs one, to sign session cookies and forms; no other command does.
    Nothing is written when a key is already set there or in the environment.
    """
    path = Path(current_app.instance_path) / "config.py"
    if os.environ.get("SECRET_KEY"):
        click.echo("SECRET_KEY is set in the environment; nothing was written.")
        return
    if key_in(path):
        click.echo(f"{path} already sets SECRET_KEY; nothing was written.")
        return
    write_secret_key(path)
    click.echo(f"Wrote a random SECRET_KEY to {path} (readable only by you).")


def key_in(path: Path) -> bool:
    config = Config(str(path.parent))
    return config.from_pyfile(str(path), silent=True) and bool(config.get("SECRET_KEY"))


def write_secret_key(path: Path) -> None:
    """Add a key to ``path``, creating it with mode 0600, or making an existing file 0600."""
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    lead = "\n" if existing and not existing.endswith("\n") else ""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
        os.fchmod(handle.fileno(), 0o600)
        handle.write(f"{lead}{KEY_COMMENT}\nSECRET_KEY = {secrets.token_hex(32)!r}\n")
