"""Revisions in words: what was done, to which record, and each change with names for ids.

A revision records a foreign key as the id it held ("speaker_id": [26, 7]);
the history shows the rows' names instead ("speaker Mikhail Mishustin →
Olzhas Bektenov"), looked up for a whole page of revisions in one query.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import sqlalchemy as sa

from webapp.changes.cascade import CASCADE
from webapp.changes.cascade import lines as cascade_lines
from webapp.changes.revert import audited_model
from webapp.changes.trail import COLLECTIONS
from webapp.db import db
from webapp.models import Action
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import Revision
from webapp.models import Source
from webapp.models import User

#: a table's rows as a reader names them, a SQL expression per table
LABELS = {
    "people": (Person.id, Person.name),
    "articles": (Article.id, sa.func.coalesce(Article.title, Article.file)),
    "meetings": (
        Meeting.id,
        sa.func.coalesce(sa.cast(Meeting.held_on, sa.String), "undated")
        + sa.func.coalesce(", " + Meeting.place, ""),
    ),
    "sources": (Source.id, Source.name),
    "users": (User.id, User.username),
}
#: columns named in plain words where the column's name would not do
FIELD_WORDS = {
    "review_status": "status",
    "held_on": "date",
    "start_char": "start",
    "end_char": "end",
    "dateline_place": "dateline",
    "date_from": "date came from",
    "place_from": "place came from",
    "started_on": "from",
    "ended_on": "until",
    "source_url": "source address",
    "clean_text": "text",
    "raw_text": "text as read",
}
#: one row of each table, in words
TABLE_WORDS = {
    "articles": "article",
    "meeting_reports": "meeting report",
    "meetings": "meeting",
    "mentions": "mention",
    "people": "person",
    "person_aliases": "alias",
    "positions": "position",
    "statements": "statement",
    "sources": "source",
    "users": "user",
}
ACTION_WORDS = {
    Action.CREATE: "created",
    Action.UPDATE: "edited",
    Action.DELETE: "deleted",
    Action.MERGE: "merged",
    Action.SEED: "seeded",
    Action.REVERT: "reverted",
}
VERDICT_WORDS = {"reviewed": "confirmed", "rejected": "rejected"}

Key = tuple[str, int]


def field_word(field: str) -> str:
    return FIELD_WORDS.get(field) or field.removesuffix("_id").replace("_", " ")


def table_word(table: str) -> str:
    return TABLE_WORDS.get(table, table)


def action_word(revision: Revision) -> str:
    """A review is "confirmed" or "rejected", by the status it gave."""
    if revision.action == Action.REVIEW:
        pair = (revision.changes or {}).get("review_status")
        status = pair[1] if isinstance(pair, list) and len(pair) == 2 else None
        return VERDICT_WORDS.get(status, "reviewed")
    return ACTION_WORDS.get(revision.action, revision.action.value)


@cache
def references(table: str) -> dict[str, str]:
    """{field: the table its ids point into} for the fields a revision of ``table`` records."""
    model = audited_model(table)
    if model is None:
        return {}
    found = {}
    for column in model.__table__.columns:
        for key in column.foreign_keys:
            found[column.key] = key.column.table.name
    for name in COLLECTIONS.get(model, ()):
        found[name] = sa.inspect(model).relationships[name].mapper.local_table.name
    return found


def field_pairs(revision: Revision) -> list[tuple[str, Any, Any]] | None:
    """(field, old, new) for a revision that records field changes; None for others."""
    changes = {key: pair for key, pair in (revision.changes or {}).items() if key != CASCADE}
    if revision.action in (Action.SEED, Action.MERGE) or not changes:
        return None
    if not all(isinstance(pair, list) and len(pair) == 2 for pair in changes.values()):
        return None
    return [(field, old, new) for field, (old, new) in changes.items()]


def wanted(revisions: Iterable[Revision]) -> set[Key]:
    """The (table, id) pairs whose names the revisions' changes need."""
    keys: set[Key] = set()
    for revision in revisions:
        pointing = references(revision.table_name)
        for field, old, new in field_pairs(revision) or ():
            if field in pointing:
                for value in (old, new):
                    values = value if isinstance(value, list) else [value]
                    keys |= {(pointing[field], v) for v in values if isinstance(v, int)}
    return keys


def names_of(keys: set[Key]) -> dict[Key, str]:
    """Each row's name: one UNION ALL query for every table among ``keys``."""
    by_table: dict[str, list[int]] = {}
    for table, row_id in keys:
        by_table.setdefault(table, []).append(row_id)
    selects = [
        sa.select(
            sa.literal(table).label("t"), LABELS[table][0], LABELS[table][1].label("n")
        ).where(LABELS[table][0].in_(sorted(ids)))
        for table, ids in sorted(by_table.items())
        if table in LABELS
    ]
    if not selects:
        return {}
    rows = db.session.execute(sa.union_all(*selects) if len(selects) > 1 else selects[0])
    return {(table, row_id): name for table, row_id, name in rows}


def shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(shown(item) for item in value) or "none"
    return str(value)


def named(table: str | None, value: Any, names: dict[Key, str]) -> str:
    """A recorded value in words; an id as its row's name, or "person 26 (gone)"."""
    if table is None or value is None:
        return shown(value)
    if isinstance(value, list):
        return ", ".join(named(table, item, names) for item in value) or "none"
    if (table, value) in names:
        return names[(table, value)]
    return f"{table_word(table)} {value} (gone)"


def change_rows(revision: Revision, names: dict[Key, str]) -> list[tuple[str, str, str]] | None:
    """(field, old, new) in words, ids as names; None when the revision records no fields."""
    pairs = field_pairs(revision)
    if pairs is None:
        return None
    pointing = references(revision.table_name)
    return [
        (
            field_word(field),
            named(pointing.get(field), old, names),
            named(pointing.get(field), new, names),
        )
        for field, old, new in pairs
    ]


def change_line(revision: Revision, names: dict[Key, str]) -> str:
    """The changes on one line: "speaker Mikhail Mishustin → Olzhas Bektenov; status …"."""
    rows = change_rows(revision, names)
    if rows is None:
        return revision.summary or ""
    if revision.action in (Action.CREATE, Action.DELETE):
        return revision.summary or ""
    return "; ".join(f"{field} {old} → {new}" for field, old, new in rows)


def taken_with(revision: Revision) -> list[tuple[str, str]]:
    """What a delete took with it, or its undo brought back: (what, how many), in words."""
    if revision.action not in (Action.DELETE, Action.REVERT):
        return []
    return cascade_lines((revision.changes or {}).get(CASCADE))


def about(revision: Revision) -> str:
    """The summary without the trail's "update statements " in front: the record's name."""
    summary = revision.summary or ""
    return summary.removeprefix(f"{revision.action.value} {revision.table_name} ")
