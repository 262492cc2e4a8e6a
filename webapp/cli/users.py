"""`parley users ...`: create, list, change and disable the editors' accounts."""

from __future__ import annotations

import secrets
import sys

import click
from flask import Flask
from flask import current_app
from sqlalchemy import func
from sqlalchemy import select

from webapp.auth import LAST_ADMIN
from webapp.auth import MIN_PASSWORD_LENGTH
from webapp.auth import active_admins
from webapp.cli.reporting import Group
from webapp.cli.schema import require_schema
from webapp.db import db
from webapp.models import Role
from webapp.models import User

FIRST_ADMIN = "admin"
ROLE_CHOICE = click.Choice([role.value for role in Role])

users = Group(
    "users",
    help="Manage the users who log in to the web app: viewers read, editors edit and "
    "review, admins also manage users.",
)


def ensure_admin(app: Flask) -> str | None:
    """Create ``admin`` with a random password when there is no user at all, and return it."""
    with app.app_context():
        if db.session.scalar(select(func.count()).select_from(User)):
            return None
        password = secrets.token_urlsafe(16)
        create_user(FIRST_ADMIN, Role.ADMIN, password)
        return password


def create_user(username: str, role: Role, password: str) -> User:
    user = User(username=username, role=role, active=True)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def find_user(username: str) -> User:
    require_schema()
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        raise click.ClickException(f"There is no user {username!r}.")
    return user


def valid_username(username: str) -> str:
    if not username or len(username) > 80 or any(char.isspace() for char in username):
        raise click.BadParameter("1 to 80 characters, without spaces.", param_hint="NAME")
    return username


def read_password() -> str:
    """Ask twice on a terminal; otherwise read one line from standard input."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise click.ClickException("The password is empty: nothing was changed.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.ClickException(
            f"The password is shorter than {MIN_PASSWORD_LENGTH} characters: nothing was changed."
        )
    return password


@users.command("create")
@click.argument("name")
@click.option(
    "--role",
    type=ROLE_CHOICE,
    default=Role.VIEWER.value,
    show_default=True,
    help="viewer reads; editor edits and reviews; admin also manages users.",
)
def create_command(name: str, role: str) -> None:
    """Create the user NAME.

    The password is asked twice on a terminal, or read as one line from
    standard input when that is not a terminal:

    \b
        printf '%s\\n' "$PASSWORD" | .venv/bin/parley users create ada --role editor
    """
    require_schema()
    name = valid_username(name)
    if db.session.scalar(select(User.id).where(User.username == name)) is not None:
        raise click.ClickException(f"User {name!r} already exists.")
    create_user(name, Role(role), read_password())
    click.echo(f"Created {role} {name}.")


@users.command("list")
def list_command() -> None:
    """List every user: name, role, whether active, and the last login (UTC)."""
    require_schema()
    rows = [("NAME", "ROLE", "ACTIVE", "LAST LOGIN")]
    for user in db.session.scalars(select(User).order_by(User.username)):
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at else "never"
        rows.append((user.username, str(user.role), "yes" if user.active else "no", last))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        padded = [row[column].ljust(widths[column]) for column in range(3)]
        click.echo("  ".join([*padded, row[3]]))


@users.command("set-password")
@click.argument("name")
def set_password_command(name: str) -> None:
    """Give the user NAME a new password (asked as for `users create`)."""
    user = find_user(name)
    user.set_password(read_password())
    db.session.commit()
    click.echo(f"Changed the password of {name}.")


@users.command("disable")
@click.argument("name")
def disable_command(name: str) -> None:
    """Stop the user NAME from logging in; their open sessions stop working too.

    The user stays in the database, so that the audit trail keeps their name.
    """
    set_active(name, False)


@users.command("enable")
@click.argument("name")
def enable_command(name: str) -> None:
    """Let a disabled user NAME log in again."""
    set_active(name, True)


def set_active(name: str, active: bool) -> None:
    user = find_user(name)
    if not active and user.role is Role.ADMIN and user.active and not active_admins(user):
        raise click.ClickException(LAST_ADMIN)
    user.active = active
    db.session.commit()
    click.echo(f"{'Enabled' if active else 'Disabled'} {name}.")


@users.command("ensure-admin")
def ensure_admin_command() -> None:
    """Create the user admin with a random password, printed once, if there are no users.

    Prints nothing when any user exists, so it is safe to run on every start.
    """
    require_schema()
    if password := ensure_admin(current_app._get_current_object()):  # type: ignore[attr-defined]
        click.echo(f"Created user {FIRST_ADMIN} with password: {password}")
