"""Undoing a revision: an update field by field, a merge by un-merging.

These functions take a session and do not commit; the caller does.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.orm import object_mapper

from webapp.changes.codec import from_json
from webapp.changes.codec import to_json
from webapp.changes.merge import MergeError
from webapp.changes.merge import unmerge
from webapp.changes.trail import AUDITED
from webapp.changes.trail import COLLECTIONS
from webapp.changes.trail import PAUSED
from webapp.models import Action
from webapp.models import Revision
from webapp.models import Role
from webapp.models import User
from webapp.models.common import utcnow

#: the actions ``revert`` undoes field by field; merges by ``merge.unmerge``
FIELD_ACTIONS = (Action.UPDATE, Action.REVIEW)


class RevertError(ValueError):
    """A revision cannot be reverted: the row changed since, or is gone."""


def audited_model(table_name: str) -> type | None:
    return next((model for model in AUDITED if model.__tablename__ == table_name), None)


def reverted_by(session: Session, revision: Revision) -> Revision | None:
    return session.scalar(
        sa.select(Revision).where(Revision.reverts_id == revision.id).order_by(Revision.id)
    )


def revertible(revision: Revision) -> bool:
    """Whether ``revert`` applies to this kind of revision (it may still refuse)."""
    if revision.action == Action.MERGE:
        return True
    return revision.action in FIELD_ACTIONS and audited_model(revision.table_name) is not None


def current_value(row: Any, field: str) -> Any:
    if field in COLLECTIONS.get(type(row), ()):
        return sorted(related.id for related in getattr(row, field))
    return to_json(getattr(row, field))


def revert(session: Session, revision: Revision, user: User) -> Revision:
    """Undo ``revision`` and return the ``revert`` revision that records it.

    An update is undone field by field, and only if every field still holds the
    value the update gave it; a merge is un-merged. Raises ``RevertError``
    saying why when it cannot be done; nothing is changed then. Does not commit.
    """
    if reverted_by(session, revision) is not None:
        raise RevertError(f"Revision {revision.id} has already been reverted.")
    if revision.action == Action.MERGE:
        try:
            return unmerge(session, revision, user)
        except MergeError as error:
            raise RevertError(str(error)) from error
    if not revertible(revision):
        raise RevertError(f"A {revision.action.value} cannot be reverted; updates and merges can.")
    model = audited_model(revision.table_name)
    if model is User and not user.can(Role.ADMIN):
        raise RevertError("Only an admin can revert a change to a user.")
    where = f"{revision.table_name} row {revision.row_id}"
    row = session.get(model, revision.row_id) if revision.row_id is not None else None
    if row is None:
        raise RevertError(f"The {where} no longer exists. Nothing was reverted.")
    columns = {prop.key: prop.columns[0] for prop in object_mapper(row).column_attrs}
    collections = COLLECTIONS.get(model, ())
    changes = revision.changes or {}
    for field, pair in changes.items():
        if (field not in columns and field not in collections) or len(pair or ()) != 2:
            raise RevertError(f"Revision {revision.id} does not record a field change.")
        now = current_value(row, field)
        if now != pair[1]:
            raise RevertError(
                f"The {where} was changed since: {field} is now {now!r}, not {pair[1]!r}. "
                "Nothing was reverted."
            )
    for field, (old, _new) in changes.items():
        if field in collections:
            related = sa.inspect(model).relationships[field].mapper.class_
            found = session.scalars(sa.select(related).where(related.id.in_(old))).all()
            if len(found) != len(old):
                raise RevertError(f"Some of {field} no longer exist. Nothing was reverted.")
            setattr(row, field, found)
        else:
            setattr(row, field, from_json(columns[field], old))
    record = Revision(
        at=utcnow(),
        user_id=user.id,
        actor=user.username,
        action=Action.REVERT,
        table_name=revision.table_name,
        row_id=revision.row_id,
        changes={field: [new, old] for field, (old, new) in changes.items()},
        summary=f"reverted revision {revision.id} ({revision.summary or revision.action.value})",
        reverts_id=revision.id,
    )
    session.add(record)
    session.info[PAUSED] = True
    try:
        session.flush()
    except sa.exc.IntegrityError as error:
        raise RevertError(f"The old values no longer fit: {error.orig}") from error
    finally:
        session.info.pop(PAUSED, None)
    return record
