"""The audit trail of editors' changes, written in the same transaction as the change.

Every insert, update and delete of an audited row made while an editor is
logged in becomes one ``Revision`` with each changed field's old and new
value; the delete of a person, an article or a meeting also records the rows
the database removes and unlinks with it (``webapp.changes.cascade``).
Seeding writes its own, coarser revisions (see ``webapp.seed``);
``webapp.changes.revert`` undoes a revision.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask import g
from flask import has_request_context
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.orm import MANYTOONE
from sqlalchemy.orm import Session
from sqlalchemy.orm import attributes
from sqlalchemy.orm import object_mapper

from webapp.changes.cascade import CASCADE
from webapp.changes.cascade import PARENTS
from webapp.changes.cascade import in_words
from webapp.changes.cascade import taken_with
from webapp.changes.codec import to_json
from webapp.db import db
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

AUDITED = (
    Article,
    Person,
    PersonAlias,
    Position,
    Meeting,
    MeetingReport,
    Mention,
    Source,
    Statement,
    User,
)
#: bookkeeping columns that change on every update and say nothing to a reader
SKIPPED = frozenset({"version_id", "updated_at", "created_at", "password_hash", "last_login_at"})
#: collections whose membership is part of a row's meaning
COLLECTIONS = {Meeting: ("participants",)}
#: ``session.info`` key set while a change writes its own revision (see ``revert``)
PAUSED = "audit_paused"
#: ``session.info`` key: what to record updates as, instead of ``update``
UPDATE_ACTION = "audit_update_action"
#: ``session.info`` key: the ids of the revisions flushed in the open transaction
WRITTEN = "audit_written"
#: ``flask.g`` key: the ids of the revisions this request committed, in order
COMMITTED = "audit_committed"


def current_actor() -> tuple[int, str] | None:
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.id, current_user.username
    return None


def column_changes(obj: Any, *, deleted: bool = False) -> dict[str, list[Any]]:
    """{field: [old, new]} for each column that changed (every column, for a delete)."""
    changes = {}
    for prop in object_mapper(obj).column_attrs:
        key = prop.key
        if key in SKIPPED:
            continue
        history = attributes.get_history(obj, key)
        if deleted:
            old = (history.deleted or history.unchanged or [None])[0]
            changes[key] = [to_json(old), None]
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if to_json(old) != to_json(new):
                changes[key] = [to_json(old), to_json(new)]
    if not deleted:
        changes.update(reference_changes(obj))
    for name in COLLECTIONS.get(type(obj), ()):
        history = attributes.get_history(obj, name)
        if history.added or history.deleted:
            before = sorted(o.id for o in [*history.unchanged, *history.deleted])
            after = sorted(o.id for o in [*history.unchanged, *history.added])
            changes[name] = [before, after]
    return changes


def reference_changes(obj: Any) -> dict[str, list[Any]]:
    """Many-to-one changes made through the relationship (``statement.speaker = p``).

    The foreign key column only follows the relationship during the flush,
    after this hook has read the columns, so the change is read here and
    recorded under the column's name.
    """
    changes = {}
    for relationship in object_mapper(obj).relationships:
        if relationship.direction is not MANYTOONE or len(relationship.local_columns) != 1:
            continue
        history = attributes.get_history(obj, relationship.key)
        if not history.has_changes():
            continue
        column = next(iter(relationship.local_columns)).key
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        old_id = getattr(old, "id", None) if old is not None else getattr(obj, column)
        new_id = getattr(new, "id", None)
        if old_id != new_id:
            changes[column] = [old_id, new_id]
    return changes


@contextmanager
def recorded_as(action: Action) -> Iterator[None]:
    """Record the updates flushed inside the block as ``action`` (a review, say)."""
    db.session.info[UPDATE_ACTION] = action
    try:
        yield
    finally:
        db.session.info.pop(UPDATE_ACTION, None)


def primary_key(obj: Any) -> int | None:
    identity = sa.inspect(obj).identity
    return identity[0] if identity and len(identity) == 1 else None


def key_values(obj: Any) -> tuple:
    """The row's primary key as its columns hold it (an identity may hold the id as typed)."""
    return tuple(object_mapper(obj).primary_key_from_instance(obj))


def recorded_id(changes: dict[str, list[Any]]) -> int | None:
    """The row's id from its recorded changes: the old one of a delete, the new of a create."""
    return next((value for value in changes.get("id", ()) if value is not None), None)


def _before_flush(session: Session, _context, _instances) -> None:
    if current_actor() is None or session.info.get(PAUSED):
        return
    pending = session.info.setdefault("audit_pending", [])
    for obj in session.new:
        if isinstance(obj, AUDITED):
            pending.append((obj, Action.CREATE, None))
    for obj in session.dirty:
        if isinstance(obj, AUDITED) and session.is_modified(obj):
            changes = column_changes(obj)
            if changes:
                action = session.info.get(UPDATE_ACTION, Action.UPDATE)
                pending.append((obj, action, changes))
    deleted = [obj for obj in session.deleted if isinstance(obj, AUDITED)]
    skipped = {(obj.__tablename__, key_values(obj)) for obj in session.deleted}
    for obj in deleted:
        changes = column_changes(obj, deleted=True)
        if obj.__tablename__ in PARENTS:
            (row_id,) = key_values(obj)
            found = taken_with(session.connection(), obj.__tablename__, row_id, skipped)
            if found is not None:
                changes[CASCADE] = found
        pending.append((obj, Action.DELETE, changes))


def summary(action: Action, obj: Any, changes: dict[str, Any]) -> str:
    """ "delete people Carl Chokin, with 1 alias and 2 mentions; 1 statement lost its speaker"."""
    said = f"{action.value} {obj.__tablename__} {obj}"
    taken = in_words(changes.get(CASCADE)) if action is Action.DELETE else ""
    return f"{said}, {taken}" if taken else said


def _after_flush(session: Session, _context) -> None:
    pending = session.info.pop("audit_pending", None)
    actor = current_actor()
    if not pending or actor is None:
        return
    rows = []
    for obj, action, changes in pending:
        if action is Action.CREATE:
            changes = {
                prop.key: [None, to_json(getattr(obj, prop.key))]
                for prop in object_mapper(obj).column_attrs
                if prop.key not in SKIPPED
            }
        rows.append(
            {
                "at": utcnow(),
                "user_id": actor[0],
                "actor": actor[1],
                "action": action,
                "table_name": obj.__tablename__,
                "row_id": primary_key(obj) or recorded_id(changes),
                "changes": changes,
                "summary": summary(action, obj, changes),
            }
        )
    table = Revision.__table__
    inserted = session.connection().execute(table.insert().returning(table.c.id), rows)
    session.info.setdefault(WRITTEN, []).extend(inserted.scalars())


def _note_revisions(session: Session, _context) -> None:
    """Revisions written as objects (merges, reverts) count as written too."""
    ids = [obj.id for obj in session.new if isinstance(obj, Revision)]
    if ids:
        session.info.setdefault(WRITTEN, []).extend(ids)


def _after_commit(session: Session) -> None:
    written = session.info.pop(WRITTEN, None)
    if written and has_request_context():
        g.setdefault(COMMITTED, []).extend(sorted(written))


def _after_rollback(session: Session) -> None:
    session.info.pop(WRITTEN, None)


def committed_revisions() -> list[int]:
    """The ids of the revisions the current request has committed so far."""
    return list(g.get(COMMITTED, ()))


LISTENERS = (
    ("before_flush", _before_flush),
    ("after_flush", _after_flush),
    ("after_flush", _note_revisions),
    ("after_commit", _after_commit),
    ("after_rollback", _after_rollback),
)


def init_app(app: Flask) -> None:
    """Listen on the session; ``db.session`` is shared by every app, so only once."""
    for name, listener in LISTENERS:
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)
