"""Undoing a create (the row goes again) or a delete (the row comes back).

A deleted row comes back only where the audit trail holds all of it: rows
nothing else points at. Deleting a person, a meeting, an article or a source
also takes rows the database removes or unlinks by itself (mentions,
participants, statements' links), which no revision records.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from webapp.changes.codec import from_json
from webapp.changes.codec import to_json
from webapp.models import Action
from webapp.models import PersonAlias
from webapp.models import Position
from webapp.models import Revision
from webapp.models import Statement
from webapp.models import User
from webapp.models.common import utcnow

#: the tables whose deleted rows the trail records whole
RESTORABLE = frozenset(model.__tablename__ for model in (Statement, Position, PersonAlias))


class RestoreError(ValueError):
    """The row cannot be removed or brought back; the message says why."""


def restorable(revision: Revision) -> bool:
    if revision.action == Action.CREATE:
        return revision.row_id is not None and revision.table_name != User.__tablename__
    return revision.action == Action.DELETE and revision.table_name in RESTORABLE


def columns_of(model: type) -> dict[str, sa.Column]:
    return {prop.key: prop.columns[0] for prop in sa.inspect(model).column_attrs}


def remove_created(session: Session, model: type, revision: Revision) -> dict[str, list[Any]]:
    """Delete the row ``revision`` created, if it still holds what it was created with."""
    where = f"{revision.table_name} row {revision.row_id}"
    row = session.get(model, revision.row_id)
    if row is None:
        raise RestoreError(f"The {where} no longer exists. Nothing was undone.")
    columns = columns_of(model)
    created = {key: pair[1] for key, pair in (revision.changes or {}).items() if key in columns}
    for key, value in created.items():
        if to_json(getattr(row, key)) != value:
            raise RestoreError(f"The {where} was changed since: {key}. Nothing was undone.")
    session.delete(row)
    return {key: [value, None] for key, value in created.items()}


def bring_back(session: Session, model: type, revision: Revision) -> dict[str, list[Any]]:
    """Insert the deleted row again, with its id, from the values its revision recorded."""
    columns = columns_of(model)
    old = {key: pair[0] for key, pair in (revision.changes or {}).items() if key in columns}
    if session.get(model, revision.row_id) is not None:
        raise RestoreError(f"A {revision.table_name} row {revision.row_id} exists already.")
    session.add(model(**{key: from_json(columns[key], value) for key, value in old.items()}))
    return {key: [None, value] for key, value in old.items()}


def reverting(
    session: Session, revision: Revision, user: User, changes: dict, summary: str
) -> Revision:
    """The revision that records ``user`` reverting ``revision``, added to the session."""
    record = Revision(
        at=utcnow(),
        user_id=user.id,
        actor=user.username,
        action=Action.REVERT,
        table_name=revision.table_name,
        row_id=revision.row_id,
        changes=changes,
        summary=summary,
        reverts_id=revision.id,
    )
    session.add(record)
    return record


def record_undo(session: Session, revision: Revision, user: User, changes: dict) -> Revision:
    what = "creation" if revision.action == Action.CREATE else "deletion"
    summary = f"undid the {what} in revision {revision.id} ({revision.summary or what})"
    return reverting(session, revision, user, changes, summary)
