"""The article screens' tests all work on the seeded database, with the three users."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import event

from webapp.db import db


@pytest.fixture
def app(seeded_app) -> Flask:
    """Every test here works on the seeded database."""
    return seeded_app


@pytest.fixture
def seeded(app, users) -> Flask:
    return app


@pytest.fixture
def queries(app):
    """Every SQL statement the app runs while the test is listening, with its parameters."""
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)
