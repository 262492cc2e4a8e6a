"""The people list sorted by how many statements a person made or meetings they attended.

Counting every person's statements reads the whole ``speaker_id`` index
(a million entries, 100 ms or more), too slow for every visit to a sorted
list. The counts are kept per process and read again only when the data may
have changed: every change to statements, people or meetings, whether an
editor's or a seeding run's, writes a revision or a new row, so the newest
revision, statement, person and meeting ids say when the counts are stale.
Sorting the list's people (a few thousand at most) by them is then cheap.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from itertools import islice

import sqlalchemy as sa

from webapp.db import db
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import Revision
from webapp.models import Statement
from webapp.models import meeting_participants

#: what the counts depend on: when none of these changed, neither did they
FINGERPRINT = sa.select(
    sa.select(sa.func.max(Revision.id)).scalar_subquery(),
    sa.select(sa.func.max(Statement.id)).scalar_subquery(),
    sa.select(sa.func.max(Person.id)).scalar_subquery(),
    sa.select(sa.func.max(Meeting.id)).scalar_subquery(),
)
COUNTS = {
    "statements": sa.select(Statement.speaker_id, sa.func.count())
    .where(Statement.speaker_id.is_not(None))
    .group_by(Statement.speaker_id),
    "meetings": sa.select(meeting_participants.c.person_id, sa.func.count()).group_by(
        meeting_participants.c.person_id
    ),
}


NAMES = sa.select(Person.id, Person.name)


@dataclass
class Kept:
    fingerprint: tuple | None = None
    #: every person's id, the fewest first, then by name
    ranked: list[int] | None = None


_kept = {name: Kept() for name in COUNTS}
_lock = threading.Lock()


def ranked(name: str) -> list[int]:
    """Every person's id in order of statements made (``name="statements"``) or meetings
    attended, the fewest first, then by name; read again only when the data changed."""
    connection = db.session.connection()
    fingerprint = tuple(connection.execute(FINGERPRINT).one())
    kept = _kept[name]
    with _lock:
        if kept.fingerprint == fingerprint and kept.ranked is not None:
            return kept.ranked
    counts = dict(connection.execute(COUNTS[name]).all())
    people = sorted(connection.execute(NAMES).all(), key=lambda row: row.name)
    people.sort(key=lambda row: counts.get(row.id, 0))
    order = [row.id for row in people]
    with _lock:
        kept.fingerprint, kept.ranked = fingerprint, order
    return order


def sorter(name: str):
    """A ``custom_sorts`` entry: the list's people by their ``name`` count, then by name."""

    def sort(query, desc: bool, offset: int, size: int):
        order = ranked(name)
        order = order[::-1] if desc else order
        where = query.whereclause
        if where is not None:
            listed = set(
                db.session.connection().execute(sa.select(Person.id).where(where)).scalars()
            )
            order = (id for id in order if id in listed)
        ids = list(islice(order, offset, offset + size))
        if not ids:
            return query.filter(sa.false())
        position = {id: i for i, id in enumerate(ids)}
        return query.filter(Person.id.in_(ids)).order_by(sa.case(position, value=Person.id))

    return sort
