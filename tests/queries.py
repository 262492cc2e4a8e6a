"""The SQL an app runs while a test listens, for tests of how pages query."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from sqlalchemy import event

from webapp.db import db


@contextmanager
def recorded_sql(app: Flask, parameters: bool = False) -> Iterator[list]:
    """Every statement the app's engine runs inside the block, in order; with
    ``parameters``, as (statement, parameters) pairs."""
    seen: list = []
    with app.app_context():
        engine = db.engine

    def record(conn, cursor, statement, params, context, executemany):
        seen.append((statement, params) if parameters else statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
