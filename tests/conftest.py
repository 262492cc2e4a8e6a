"""Shared fixtures: an app on a temporary, migrated database, SQLite or PostgreSQL.

PostgreSQL tests run against ``PARLEY_TEST_POSTGRES_URL`` (default: the local
server as user postgres). Each test session creates its own throw-away
database there and drops it at the end. When the server cannot be reached the
tests skip and say why, unless ``PARLEY_REQUIRE_POSTGRES=1`` (as in CI), which
turns the skip into a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from flask import Flask

from tests.factories import USERS
from tests.factories import add
from tests.factories import user
from webapp import create_app
from webapp.db import db

POSTGRES_ADMIN_URL = os.environ.get(
    "PARLEY_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
REQUIRE_POSTGRES = os.environ.get("PARLEY_REQUIRE_POSTGRES") == "1"


def make_app(database_url: str, **config) -> Flask:
    """An app for tests; the dashboard redraws its charts on every visit unless told otherwise."""
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "DASHBOARD_CHART_SECONDS": 0,
            **config,
        }
    )


def alembic_config(app: Flask):
    with app.app_context():
        return app.extensions["migrate"].migrate.get_config()


def migrate(app: Flask, revision: str = "head") -> None:
    with app.app_context():
        command.upgrade(alembic_config(app), revision)
        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated, empty SQLite file that each test copies (faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "parley.db"
    migrate(make_app(f"sqlite:///{path}"))
    return path


@pytest.fixture
def app(tmp_path, sqlite_template) -> Iterator[Flask]:
    path = tmp_path / "parley.db"
    shutil.copyfile(sqlite_template, path)
    app = make_app(f"sqlite:///{path}")
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory, sqlite_template) -> Path:
    """The five seed articles, loaded once per run; tests that need them work on a copy."""
    path = tmp_path_factory.mktemp("seeded") / "parley.db"
    shutil.copyfile(sqlite_template, path)
    app = make_app(f"sqlite:///{path}")
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        db.engine.dispose()
    return path


@pytest.fixture
def seeded_app(tmp_path, seeded_template) -> Iterator[Flask]:
    """An app on a fresh copy of the seeded database."""
    path = tmp_path / "seeded.db"
    shutil.copyfile(seeded_template, path)
    app = make_app(f"sqlite:///{path}")
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Creates a database for this test session and yields its URL."""
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect():
            pass
    except sa.exc.OperationalError as error:
        reason = f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {error.orig}"
        if REQUIRE_POSTGRES:
            pytest.fail(reason + " (PARLEY_REQUIRE_POSTGRES=1)")
        pytest.skip(reason)
    name = f"parley_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def postgres_url(postgres_server) -> Iterator[str]:
    """The session's PostgreSQL database, emptied after each test."""
    yield postgres_server
    engine = sa.create_engine(postgres_server)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_app(request, tmp_path) -> Iterator[Flask]:
    """A migrated app on each backend in turn."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'parley.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    app = make_app(url)
    migrate(app)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def users(app) -> dict[str, tuple[str, str]]:
    """A viewer (vera), an editor (eddie) and an admin (ada), with the passwords of ``USERS``."""
    add(app, *(user(name) for name in USERS))
    return USERS


def csrf_token(client, path: str = "/login") -> str:
    """The CSRF token from the form on ``path``."""
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]* value="([^"]+)"', page).group(1)


def login(client, name: str, password: str | None = None, **fields):
    """Post the login form as ``name`` (with the ``users`` fixture's password by default)."""
    data = {
        "csrf_token": csrf_token(client),
        "username": name,
        "password": USERS[name][1] if password is None else password,
        **fields,
    }
    return client.post("/login", data=data)
