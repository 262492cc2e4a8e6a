"""Undoing a revision: an update field by field, a merge by un-merging, a create or a
delete by ``webapp.changes.restore``; and undoing what one request did, all or nothing.

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
from webapp.changes.restore import RestoreError
from webapp.changes.restore import bring_back
from webapp.changes.restore import record_undo
from webapp.changes.restore import remove_created
from webapp.changes.restore import restorable
from webapp.changes.restore import reverting
from webapp.changes.trail import AUDITED
from webapp.changes.trail import COLLECTIONS
from webapp.changes.trail import PAUSED
from webapp.db import db
from webapp.models import Action
from webapp.models import Revision
from webapp.models import Role
from webapp.models import User

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
    if audited_model(revision.table_name) is None:
        return False
    return revision.action in FIELD_ACTIONS or restorable(revision)


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
    if revision.action in (Action.CREATE, Action.DELETE):
        return restore(session, model, revision, user)
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
    record = reverting(
        session,
        revision,
        user,
        {field: [new, old] for field, (old, new) in changes.items()},
        f"reverted revision {revision.id} ({revision.summary or revision.action.value})",
    )
    session.info[PAUSED] = True
    try:
        session.flush()
    except sa.exc.IntegrityError as error:
        raise RevertError(f"The old values no longer fit: {error.orig}") from error
    finally:
        session.info.pop(PAUSED, None)
    return record


def restore(session: Session, model: type, revision: Revision, user: User) -> Revision:
    """Undo a create or a delete; flushed, like the other reverts."""
    undo = remove_created if revision.action == Action.CREATE else bring_back
    session.info[PAUSED] = True
    try:
        record = record_undo(session, revision, user, undo(session, model, revision))
        session.flush()
    except RestoreError as error:
        raise RevertError(str(error)) from error
    except sa.exc.IntegrityError as error:
        raise RevertError(f"The row no longer fits: {error.orig}") from error
    finally:
        session.info.pop(PAUSED, None)
    return record


def in_undo_order(revisions: list[Revision]) -> list[Revision]:
    """Newest first, but the rows one request deleted come back parents first.

    Deleting an article deletes its statements and meeting reports before
    it, and a meeting only it reported; bringing them back needs the article
    and the meeting first, whatever order the session flushed them in.
    """
    rank = {table.name: i for i, table in enumerate(db.metadata.sorted_tables)}
    others = [revision for revision in revisions if revision.action != Action.DELETE]
    deletes = [revision for revision in revisions if revision.action == Action.DELETE]
    deletes.sort(key=lambda revision: rank.get(revision.table_name, len(rank)))
    return others + deletes


def undo(session: Session, revision_ids: list[int], user: User) -> list[Revision]:
    """Revert the revisions one request wrote, newest first; the reverts, in that order.

    Rows a create made that an earlier step of the same undo has removed already
    (an alias, with the person created beside it) are passed over; deleted rows
    come back parents first (``in_undo_order``). Raises
    ``RevertError`` when any one cannot be undone; the caller rolls back then.
    """
    revisions = session.scalars(
        sa.select(Revision).where(Revision.id.in_(revision_ids)).order_by(Revision.id.desc())
    ).all()
    if len(revisions) != len(set(revision_ids)):
        raise RevertError("Some of these changes are no longer recorded. Nothing was undone.")

    def exists(revision: Revision) -> bool:
        model = audited_model(revision.table_name)
        return model is not None and session.get(model, revision.row_id) is not None

    created = [revision for revision in revisions if revision.action == Action.CREATE]
    present = {revision.id for revision in created if exists(revision)}
    done = []
    for revision in in_undo_order(revisions):
        if revision.id in present and not exists(revision):
            continue
        done.append(revert(session, revision, user))
    return done
