"""What the SQL page shows beside the box: the tables and views with their columns, and
docs/schema.md's example queries, each a link that puts it in the box."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import sqlalchemy as sa

from webapp import PROJECT_ROOT
from webapp.db import db

SCHEMA_DOC = PROJECT_ROOT / "docs" / "schema.md"
#: the tables SQLite's full-text index keeps for itself, beside each ``*_fts`` table
FTS_SHADOW = re.compile(r"_fts_(data|idx|docsize|config|content)$")
EXAMPLE = re.compile(r"^([^\n`(][^\n]*):\n\n```sql\n(.*?)```", flags=re.M | re.S)


@dataclass(frozen=True)
class Relation:
    name: str
    view: bool
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Example:
    title: str
    sql: str


def relations() -> list[Relation]:
    """The app's tables (from the models) and views (from the database), with their columns."""
    found = [
        Relation(table.name, False, tuple(column.name for column in table.columns))
        for table in sorted(db.metadata.tables.values(), key=lambda table: table.name)
    ]
    inspector = sa.inspect(db.engine)
    known = {relation.name for relation in found}
    for name in sorted(inspector.get_table_names()):
        if name not in known and not FTS_SHADOW.search(name) and name != "alembic_version":
            columns = tuple(column["name"] for column in inspector.get_columns(name))
            found.append(Relation(name, False, columns))
    for name in sorted(inspector.get_view_names()):
        columns = tuple(column["name"] for column in inspector.get_columns(name))
        found.append(Relation(name, True, columns))
    return found


def schema_text(path: Path = SCHEMA_DOC) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


@cache
def examples(path: Path = SCHEMA_DOC) -> tuple[Example, ...]:
    """docs/schema.md's example queries, each named by the sentence that introduces it."""
    text = schema_text(path)
    if text is None or "\n## Example queries\n" not in text:
        return ()
    section = text.split("\n## Example queries\n", 1)[1].split("\n## ", 1)[0]
    return tuple(Example(title, sql.strip()) for title, sql in EXAMPLE.findall(section))
