"""Full-text tables that stem English words, and statements sortable by confidence.

Revision ID: 9099ec42cf24
Revises: 3e419c583151
Create Date: 2026-12-04 03:00:00.000000

SQLite's FTS5 tables are made again with the ``porter`` tokenizer wrapped
around the same ``unicode61 remove_diacritics 2``, so that "meetings" finds
"meeting" and "talked" finds "talks", as PostgreSQL's ``english`` search
configuration (which its generated columns already use) does. FTS5 cannot
change a table's tokenizer, so each table, with its triggers, is created
again in the form Datasette recognises (``content="statements"``) and rebuilt
from its content table; the downgrade makes the unstemmed tables again.

An index on ``statements.confidence`` lets the statements list sort by it
without sorting a million rows.
"""

from alembic import op

revision = "9099ec42cf24"
down_revision = "3e419c583151"
branch_labels = None
depends_on = None

#: table -> (FTS table, indexed columns)
INDEXED = {
    "articles": ("articles_fts", ("title", "clean_text")),
    "statements": ("statements_fts", ("text",)),
}
UNSTEMMED = "unicode61 remove_diacritics 2"
STEMMED = "porter " + UNSTEMMED


def fts_statements(table, fts, columns, tokenizer):
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete_old = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    insert_new = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        f"DROP TRIGGER IF EXISTS {fts}_insert",
        f"DROP TRIGGER IF EXISTS {fts}_delete",
        f"DROP TRIGGER IF EXISTS {fts}_update",
        f"DROP TABLE IF EXISTS {fts}",
        f'CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content="{table}", '
        f"content_rowid=\"id\", tokenize='{tokenizer}')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert_new} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete_old} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {cols} ON {table} BEGIN {delete_old} {insert_new} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def remake(tokenizer):
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, (fts, columns) in INDEXED.items():
        for statement in fts_statements(table, fts, columns, tokenizer):
            op.execute(statement)


def upgrade():
    remake(STEMMED)
    op.create_index("ix_statements_confidence", "statements", ["confidence"])


def downgrade():
    op.drop_index("ix_statements_confidence", table_name="statements")
    remake(UNSTEMMED)
