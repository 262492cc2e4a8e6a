"""The calls the reading page's script makes, and what a test reads back of the rows."""

from __future__ import annotations

import re

import sqlalchemy as sa

from webapp.db import db
from webapp.models import Person
from webapp.models import Revision


def row(app, model, row_id: int):
    with app.app_context():
        found = db.session.get(model, row_id)
        return found.review_status, found.version_id, getattr(found, "speaker_id", None)


def revisions(app, table: str, row_id: int) -> list[Revision]:
    with app.app_context():
        rows = db.session.scalars(
            sa.select(Revision)
            .where(Revision.table_name == table, Revision.row_id == row_id)
            .order_by(Revision.id)
        ).all()
        db.session.expunge_all()
        return list(rows)


def person_id(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Person.id).where(Person.name == name))


def post(client, token: str | None, path: str, data: dict):
    """Post ``data`` to a reading-page endpoint, with the CSRF token unless it is None."""
    if token is not None:
        data = {**data, "csrf_token": token}
    return client.post(path, data=data)


def verdict(client, token, table: str, row_id: int, verdict: str = "reviewed", version=1):
    data = {"verdict": verdict, "version_id": version}
    return post(client, token, f"/admin/reading/{table}/{row_id}/verdict", data)


def log_out(client) -> None:
    page = client.get("/admin/").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]* value="([^"]+)"', page).group(1)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302


def undo(client, token, revision: int):
    return post(client, token, f"/admin/reading/undo/{revision}", {})
