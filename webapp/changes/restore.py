"""Undoing a create (the row goes again) or a delete (the row comes back).

A deleted row comes back from the values its revision recorded, with its id.
A deleted person, article, meeting or source comes back with what the
database removed or unlinked with it (``webapp.changes.cascade``), or not at
all: the undo is refused, saying why, when its name or text is another row's
now, or when something it needs is gone.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from webapp.changes.cascade import CASCADE
from webapp.changes.cascade import PARENT_WORDS
from webapp.changes.cascade import CascadeError
from webapp.changes.cascade import put_back
from webapp.changes.codec import from_json
from webapp.changes.codec import to_json
from webapp.models import Action
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import MeetingReport
from webapp.models import Mention
from webapp.models import Person
from webapp.models import PersonAlias
from webapp.models import Position
from webapp.models import Revision
from webapp.models import Source
from webapp.models import Statement
from webapp.models import User
from webapp.models.common import utcnow

#: the tables whose deleted rows the trail records whole, with what went with them
RESTORABLE = frozenset(
    model.__tablename__
    for model in (
        Statement,
        Position,
        PersonAlias,
        Mention,
        MeetingReport,
        Person,
        Article,
        Meeting,
        Source,
    )
)


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


def identity_of(model: type, old: dict[str, Any], revision: Revision) -> tuple:
    """The deleted row's primary key, from its recorded values (several columns, or its id)."""
    columns = columns_of(model)
    keys = [column.key for column in sa.inspect(model).primary_key]
    if all(old.get(key) is not None for key in keys):
        return tuple(from_json(columns[key], old[key]) for key in keys)
    return (revision.row_id,)


def taken_unique(session: Session, model: type, old: dict[str, Any]) -> tuple[str, Any, Any] | None:
    """(field, value, the other row's id) when a unique value of the row is another row's now."""
    table = model.__table__
    for constraint in table.constraints:
        if not isinstance(constraint, sa.UniqueConstraint):
            continue
        columns = list(constraint.columns)
        if any(old.get(column.key) is None for column in columns):
            continue
        where = [column == from_json(column, old[column.key]) for column in columns]
        other = session.execute(sa.select(*table.primary_key.columns).where(*where)).first()
        if other is not None:
            value = ", ".join(str(old[column.key]) for column in columns)
            return "/".join(column.key for column in columns), value, other[0]
    return None


def bring_back(session: Session, model: type, revision: Revision) -> dict[str, list[Any]]:
    """Insert the deleted row again, with its id, from the values its revision recorded, and
    what the database removed and unlinked with it."""
    columns = columns_of(model)
    recorded = revision.changes or {}
    old = {key: pair[0] for key, pair in recorded.items() if key in columns}
    word = PARENT_WORDS.get(revision.table_name, revision.table_name)
    taken = taken_unique(session, model, old)
    if taken is not None:
        field, value, other = taken
        raise RestoreError(
            f"The {field} “{value}” is another {word}'s now ({word} {other}). Nothing was undone."
        )
    if session.get(model, identity_of(model, old, revision)) is not None:
        raise RestoreError(f"A {revision.table_name} row {revision.row_id} exists already.")
    session.add(model(**{key: from_json(columns[key], value) for key, value in old.items()}))
    changes: dict[str, Any] = {key: [None, value] for key, value in old.items()}
    cascade = recorded.get(CASCADE)
    if cascade:
        session.flush()
        try:
            put_back(session, cascade, revision.row_id)
        except CascadeError as error:
            raise RestoreError(f"The {word} cannot come back whole. {error}") from error
        changes[CASCADE] = cascade
    return changes


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
