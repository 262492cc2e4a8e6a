"""What goes with a deleted person, article, meeting or source, recorded for its Undo.

Deleting a person makes the database delete their aliases, positions,
mentions and places in meetings (``ON DELETE CASCADE``) and clear the
speaker of their statements (``ON DELETE SET NULL``); deleting a meeting, an
article or a source does the same to the rows that point at them. None of those rows
pass through the session, so the audit trail would not see them.
``taken_with`` reads them, just before the delete is flushed, into the
delete's revision (under ``CASCADE``); ``put_back`` inserts them again and
sets the cleared links back, after the row itself is back, or refuses,
saying why, when something they need is gone or was changed since.

Rows the session deletes itself in the same flush (an article's statements,
say) are left out: they have revisions of their own.

These functions take a session or a connection and do not commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from webapp.changes.codec import from_json
from webapp.changes.codec import to_json
from webapp.db import db
from webapp.words import plural

#: the key of a delete's changes that holds what the database removed and unlinked with it
CASCADE = "cascade"
#: the tables whose deletes record what goes with them
PARENTS = frozenset({"people", "articles", "meetings", "sources"})
#: a row of each table that can go with another, in words: (one, many)
ROW_WORDS = {
    "person_aliases": ("alias", "aliases"),
    "positions": ("position", None),
    "mentions": ("mention", None),
    "meeting_participants": ("place in a meeting", "places in meetings"),
    "meeting_reports": ("meeting report", None),
    "statements": ("statement", None),
    "articles": ("article", None),
}
#: a row the others point at, in words
PARENT_WORDS = {
    "people": "person",
    "articles": "article",
    "meetings": "meeting",
    "sources": "source",
}
#: a link the database clears, in words
LINK_WORDS = {"speaker_id": "speaker", "meeting_id": "meeting", "source_id": "source"}


class CascadeError(ValueError):
    """What went with a row cannot be put back; the message says why."""


@cache
def dependents(table_name: str) -> tuple[tuple[sa.Table, sa.Column, str], ...]:
    """(table, its column pointing at ``table_name``'s id, "CASCADE" or "SET NULL")."""
    parent = db.metadata.tables[table_name]
    found = []
    for table in db.metadata.sorted_tables:
        for key in table.foreign_keys:
            rule = (key.ondelete or "").upper()
            if key.column.table is parent and rule in ("CASCADE", "SET NULL"):
                found.append((table, key.parent, rule))
    return tuple(found)


def key_of(table: sa.Table, row: dict[str, Any]) -> tuple:
    return tuple(row[column.name] for column in table.primary_key.columns)


def taken_with(
    connection: sa.Connection, table_name: str, row_id: int, skipped: set[tuple[str, tuple]]
) -> dict[str, Any] | None:
    """What the database will remove and unlink when ``row_id`` of ``table_name`` goes.

    {"removed": {table: [row, ...]}, "unlinked": {"table.column": [id, ...]}},
    values as the trail stores them; None when nothing goes with it. Rows
    whose (table, primary key) is in ``skipped`` are deleted in the same flush
    and recorded by their own revisions.
    """
    removed: dict[str, list[dict[str, Any]]] = {}
    unlinked: dict[str, list[int]] = {}
    for table, column, rule in dependents(table_name):
        order = list(table.primary_key.columns)
        if rule == "CASCADE":
            rows = connection.execute(sa.select(table).where(column == row_id).order_by(*order))
            kept = [
                {key: to_json(value) for key, value in row.items()}
                for row in rows.mappings()
                if (table.name, key_of(table, row)) not in skipped
            ]
            if kept:
                removed.setdefault(table.name, []).extend(kept)
        else:
            (id_column,) = order
            ids = connection.execute(
                sa.select(id_column).where(column == row_id).order_by(id_column)
            )
            kept_ids = [id for id in ids.scalars() if (table.name, (id,)) not in skipped]
            if kept_ids:
                unlinked[f"{table.name}.{column.name}"] = kept_ids
    if not removed and not unlinked:
        return None
    return {"removed": removed, "unlinked": unlinked}


def in_words(cascade: dict[str, Any] | None) -> str:
    """ "with 2 aliases and 3 mentions; 4 statements lost their speaker", or ""."""
    if not cascade:
        return ""
    parts = []
    removed = [
        plural(len(rows), *ROW_WORDS.get(table, (table, None)))
        for table, rows in cascade.get("removed", {}).items()
    ]
    if removed:
        parts.append("with " + joined(removed))
    for link, ids in cascade.get("unlinked", {}).items():
        table, column = link.split(".")
        one, many = ROW_WORDS.get(table, (table, None))
        word = LINK_WORDS.get(column, column)
        their = "its" if len(ids) == 1 else "their"
        parts.append(f"{plural(len(ids), one, many)} lost {their} {word}")
    return "; ".join(parts)


def joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def lines(cascade: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(what, how many) for the history's page of one revision."""
    if not cascade:
        return []
    found = []
    for table, rows in cascade.get("removed", {}).items():
        one, many = ROW_WORDS.get(table, (table, None))
        found.append(((many or one + "s").capitalize(), str(len(rows))))
    for link, ids in cascade.get("unlinked", {}).items():
        table, column = link.split(".")
        one, many = ROW_WORDS.get(table, (table, None))
        word = LINK_WORDS.get(column, column)
        label = f"{(many or one + 's').capitalize()} that lost their {word}"
        found.append((label, ", ".join(f"#{id}" for id in ids)))
    return found


# -- putting it back -------------------------------------------------------------------------


def columns_of(table: sa.Table) -> dict[str, sa.Column]:
    return {column.name: column for column in table.columns}


def missing_references(
    session: Session, table: sa.Table, rows: Iterable[dict[str, Any]]
) -> tuple[str, Any] | None:
    """(table, id) of the first row the rows point at that no longer exists, or None."""
    for key in table.foreign_keys:
        column, target = key.parent, key.column
        wanted = sorted({row[column.name] for row in rows if row.get(column.name) is not None})
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found = set(session.scalars(sa.select(target).where(target.in_(chunk))))
            gone = [value for value in chunk if value not in found]
            if gone:
                return target.table.name, gone[0]
    return None


def taken_keys(session: Session, table: sa.Table, rows: list[dict[str, Any]]) -> tuple | None:
    """The first primary key among ``rows`` that another row holds now, or None."""
    columns = list(table.primary_key.columns)
    keys = [tuple(row[column.name] for column in columns) for row in rows]
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found = session.execute(sa.select(*columns).where(sa.tuple_(*columns).in_(chunk))).first()
        if found is not None:
            return tuple(found)
    return None


def put_back(session: Session, cascade: dict[str, Any] | None, row_id: int) -> None:
    """Insert the removed rows again and set the cleared links back to ``row_id``, or raise
    ``CascadeError``. Called once the deleted row itself is back (and flushed)."""
    if not cascade:
        return
    tables = db.metadata.tables
    removed = cascade.get("removed", {})
    for table in db.metadata.sorted_tables:
        stored = removed.get(table.name)
        if not stored:
            continue
        columns = columns_of(table)
        rows = [
            {key: from_json(columns[key], value) for key, value in row.items() if key in columns}
            for row in stored
        ]
        one, many = ROW_WORDS.get(table.name, (table.name, None))
        what = many or one + "s"
        gone = missing_references(session, table, rows)
        if gone is not None:
            raise CascadeError(
                f"Its {what} point at {PARENT_WORDS.get(gone[0], gone[0])} {gone[1]}, "
                "which no longer exists. Nothing was undone."
            )
        taken = taken_keys(session, table, rows)
        if taken is not None:
            raise CascadeError(
                f"One of its {what} ({', '.join(map(str, taken))}) has been replaced by "
                "another row since. Nothing was undone."
            )
        session.execute(table.insert(), rows)
    for link, ids in cascade.get("unlinked", {}).items():
        table_name, column_name = link.split(".")
        relink(session, tables[table_name], column_name, ids, row_id)


def relink(session: Session, table: sa.Table, column_name: str, ids: list[int], target: int):
    """Set ``column_name`` of the rows ``ids`` back to ``target``; each row must still exist
    and still have no value there."""
    (id_column,) = table.primary_key.columns
    column = table.c[column_name]
    one = ROW_WORDS.get(table.name, (table.name, None))[0]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = dict(session.execute(sa.select(id_column, column).where(id_column.in_(chunk))).all())
        for row_id in chunk:
            if row_id not in rows:
                raise CascadeError(
                    f"The {one} {row_id}, which lost its {LINK_WORDS.get(column_name, column_name)}"
                    ", no longer exists. Nothing was undone."
                )
            if rows[row_id] is not None:
                raise CascadeError(
                    f"The {one} {row_id} has been given another "
                    f"{LINK_WORDS.get(column_name, column_name)} since. Nothing was undone."
                )
        values = {column_name: target}
        if "version_id" in table.c:
            # an edit form opened while the link was cleared must not save over it
            values["version_id"] = table.c.version_id + 1
        session.execute(table.update().where(id_column.in_(chunk)).values(**values))
