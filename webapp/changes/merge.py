"""Merging people who are one person, and undoing a merge exactly.

A merge re-points everything that refers to the people merged away (statements,
mentions, meeting participants, positions, aliases) to the survivor, keeps
their names as the survivor's aliases, and deletes them. The one ``merge``
revision it writes records the removed rows and every row that moved, so that
``unmerge`` can put back exactly those rows and leave alone what was added to
the survivor since.

Statements and meetings whose speaker or participants change get a new
``version_id``: an edit form opened before the merge still names a person who
is gone, and would otherwise save without them.

These functions take a session and do not commit; the caller does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from webapp.changes.codec import from_json
from webapp.changes.codec import to_json
from webapp.models import Action
from webapp.models import Meeting
from webapp.models import Mention
from webapp.models import Person
from webapp.models import PersonAlias
from webapp.models import Position
from webapp.models import Revision
from webapp.models import Statement
from webapp.models import User
from webapp.models import meeting_participants
from webapp.models.common import utcnow

COMMAND_LINE = "cli"
#: the tables whose ``person_id``-like column simply moves to the survivor
MOVED = {
    "statements": (Statement.__table__, "speaker_id"),
    "mentions": (Mention.__table__, "person_id"),
    "positions": (Position.__table__, "person_id"),
}


class MergeError(ValueError):
    """The merge (or its undoing) cannot be done; the message says why."""


def row_values(session: Session, table: sa.Table, row_id: int) -> dict[str, Any]:
    row = session.execute(sa.select(table).where(table.c.id == row_id)).mappings().one()
    return {key: to_json(value) for key, value in row.items()}


def actor_of(user: User | None) -> tuple[int | None, str]:
    return (user.id, user.username) if user is not None else (None, COMMAND_LINE)


def record(
    session: Session,
    user: User | None,
    action: Action,
    survivor_id: int,
    changes: dict[str, Any],
    summary: str,
    reverts_id: int | None = None,
) -> Revision:
    """The revision of a merge or an un-merge around ``survivor_id``, flushed.

    The merge changed rows behind the ORM's back, so every loaded object is
    expired afterwards.
    """
    user_id, actor = actor_of(user)
    revision = Revision(
        at=utcnow(),
        user_id=user_id,
        actor=actor,
        action=action,
        table_name="people",
        row_id=survivor_id,
        changes=changes,
        summary=summary,
        reverts_id=reverts_id,
    )
    session.add(revision)
    session.flush()
    session.expire_all()
    return revision


def merge_people(
    session: Session, survivor_id: int, other_ids: Iterable[int], user: User | None = None
) -> Revision:
    """Merge ``other_ids`` into ``survivor_id`` and return the ``merge`` revision."""
    others = sorted(set(other_ids) - {survivor_id})
    if not others:
        raise MergeError("Choose at least two people to merge.")
    session.flush()
    people = session.execute(
        sa.select(Person.id, Person.name).where(Person.id.in_([survivor_id, *others]))
    ).all()
    names = dict(people)
    missing = [person_id for person_id in [survivor_id, *others] if person_id not in names]
    if missing:
        raise MergeError(f"No person with id {', '.join(map(str, missing))}: nothing was merged.")

    changes: dict[str, Any] = {
        "survivor": survivor_id,
        "removed": [row_values(session, Person.__table__, person_id) for person_id in others],
    }
    for key, (table, column) in MOVED.items():
        rows = session.execute(
            sa.select(table.c.id, table.c[column])
            .where(table.c[column].in_(others))
            .order_by(table.c.id)
        ).all()
        changes[key] = [list(row) for row in rows]
        values: dict[str, Any] = {column: survivor_id}
        if "version_id" in table.c:
            values["version_id"] = table.c.version_id + 1
        session.execute(sa.update(table).where(table.c[column].in_(others)).values(**values))
    changes["participants"] = move_participants(session, survivor_id, others)
    changes["aliases"] = move_aliases(session, survivor_id, others, names)
    session.execute(sa.delete(Person.__table__).where(Person.__table__.c.id.in_(others)))

    merged = ", ".join(names[person_id] for person_id in others)
    summary = f"merged {merged} into {names[survivor_id]}"
    return record(session, user, Action.MERGE, survivor_id, changes, summary)


def move_participants(session: Session, survivor_id: int, others: list[int]) -> dict[str, list]:
    """Re-point meeting participants; a meeting the survivor already attends loses the duplicate."""
    table = meeting_participants
    attended = set(
        session.scalars(sa.select(table.c.meeting_id).where(table.c.person_id == survivor_id))
    )
    rows = session.execute(
        sa.select(table.c.meeting_id, table.c.person_id)
        .where(table.c.person_id.in_(others))
        .order_by(table.c.meeting_id, table.c.person_id)
    ).all()
    moved, dropped = [], []
    for meeting_id, person_id in rows:
        (dropped if meeting_id in attended else moved).append([meeting_id, person_id])
        attended.add(meeting_id)
    for meeting_id, person_id in dropped:
        session.execute(
            sa.delete(table).where(table.c.meeting_id == meeting_id, table.c.person_id == person_id)
        )
    for meeting_id, person_id in moved:
        session.execute(
            sa.update(table)
            .where(table.c.meeting_id == meeting_id, table.c.person_id == person_id)
            .values(person_id=survivor_id)
        )
    bump_meetings(session, {meeting_id for meeting_id, _person in rows})
    return {"moved": moved, "dropped": dropped}


def bump_meetings(session: Session, meeting_ids: set[int]) -> None:
    if meeting_ids:
        table = Meeting.__table__
        session.execute(
            sa.update(table)
            .where(table.c.id.in_(sorted(meeting_ids)))
            .values(version_id=table.c.version_id + 1)
        )


def move_aliases(
    session: Session, survivor_id: int, others: list[int], names: dict[int, str]
) -> dict[str, list]:
    """Give the survivor the others' aliases and names, never twice the same alias."""
    table = PersonAlias.__table__
    known = set(session.scalars(sa.select(table.c.alias).where(table.c.person_id == survivor_id)))
    known.add(names[survivor_id])
    rows = session.execute(
        sa.select(table.c.id, table.c.person_id, table.c.alias)
        .where(table.c.person_id.in_(others))
        .order_by(table.c.person_id, table.c.id)
    ).all()
    moved, dropped = [], []
    for alias_id, person_id, alias in rows:
        if alias in known:
            dropped.append([alias_id, person_id, alias])
        else:
            moved.append([alias_id, person_id])
            known.add(alias)
    if dropped:
        session.execute(sa.delete(table).where(table.c.id.in_([row[0] for row in dropped])))
    if moved:
        session.execute(
            sa.update(table)
            .where(table.c.id.in_([row[0] for row in moved]))
            .values(person_id=survivor_id)
        )
    added = []
    for person_id in others:
        if names[person_id] not in known:
            known.add(names[person_id])
            result = session.execute(
                sa.insert(table).values(person_id=survivor_id, alias=names[person_id])
            )
            added.append(result.inserted_primary_key[0])
    return {"moved": moved, "dropped": dropped, "added": added}


def unmerge(session: Session, merge: Revision, user: User | None = None) -> Revision:
    """Undo ``merge``: recreate the removed people and move back exactly the rows that moved.

    Rows that point at the survivor but were not moved by the merge (added
    since) stay; a moved row that was changed or deleted since is left as it is.
    """
    if merge.action != Action.MERGE:
        raise MergeError("Only a merge can be un-merged.")
    changes = merge.changes
    survivor_id = changes["survivor"]
    session.flush()
    people = Person.__table__
    if session.get(Person, survivor_id) is None:
        raise MergeError(f"Person {survivor_id}, the survivor of the merge, no longer exists.")
    for row in changes["removed"]:
        clash = session.execute(
            sa.select(people.c.id, people.c.name).where(
                sa.or_(people.c.id == row["id"], people.c.name == row["name"])
            )
        ).first()
        if clash is not None:
            raise MergeError(
                f"Cannot recreate {row['name']} (id {row['id']}): "
                f"person {clash.id} ({clash.name}) is in the way."
            )
        session.execute(
            sa.insert(people).values(
                {key: from_json(people.c[key], value) for key, value in row.items()}
            )
        )

    restored: dict[str, int] = {}
    for key, (table, column) in MOVED.items():
        restored[key] = point_back(session, table, changes[key], survivor_id, column=column)
    restored["participants"] = restore_participants(session, survivor_id, changes["participants"])
    restored["aliases"] = restore_aliases(session, survivor_id, changes["aliases"])

    names = ", ".join(row["name"] for row in changes["removed"])
    return record(
        session,
        user,
        Action.REVERT,
        survivor_id,
        {"unmerged": [row["id"] for row in changes["removed"]], "restored": restored},
        f"un-merged {names} from person {survivor_id}",
        reverts_id=merge.id,
    )


def point_back(
    session: Session,
    table: sa.Table,
    moved: list[list[int]],
    survivor_id: int,
    *,
    key: str = "id",
    column: str = "person_id",
) -> int:
    """Point each moved row ([its key, its person]) that still names the survivor back at its
    person; how many did. A row with a ``version_id`` gets a new one."""
    count = 0
    for row_key, person_id in moved:
        values: dict[str, Any] = {column: person_id}
        if "version_id" in table.c:
            values["version_id"] = table.c.version_id + 1
        result = session.execute(
            sa.update(table)
            .where(table.c[key] == row_key, table.c[column] == survivor_id)
            .values(**values)
        )
        count += result.rowcount
    return count


def restore_participants(session: Session, survivor_id: int, participants: dict) -> int:
    table = meeting_participants
    count = point_back(session, table, participants["moved"], survivor_id, key="meeting_id")
    wanted = {meeting_id for meeting_id, _person in participants["dropped"]}
    meetings = Meeting.__table__
    existing = set(session.scalars(sa.select(meetings.c.id).where(meetings.c.id.in_(wanted))))
    rows = [
        {"meeting_id": meeting_id, "person_id": person_id}
        for meeting_id, person_id in participants["dropped"]
        if meeting_id in existing
    ]
    if rows:
        session.execute(sa.insert(table), rows)
    touched = [*participants["moved"], *participants["dropped"]]
    bump_meetings(session, {meeting_id for meeting_id, _person in touched})
    return count + len(rows)


def restore_aliases(session: Session, survivor_id: int, aliases: dict) -> int:
    table = PersonAlias.__table__
    if aliases["added"]:
        added = table.c.id.in_(aliases["added"])
        session.execute(sa.delete(table).where(added, table.c.person_id == survivor_id))
    count = point_back(session, table, aliases["moved"], survivor_id)
    wanted = [alias_id for alias_id, _person, _alias in aliases["dropped"]]
    taken = set(session.scalars(sa.select(table.c.id).where(table.c.id.in_(wanted))))
    rows = [
        {"id": alias_id, "person_id": person_id, "alias": alias}
        for alias_id, person_id, alias in aliases["dropped"]
        if alias_id not in taken
    ]
    if rows:
        session.execute(sa.insert(table), rows)
    return count + len(rows)
