"""Full-text tables that Datasette recognises: their content table named in double quotes.

Revision ID: 3e419c583151
Revises: 8801b53958b3
Create Date: 2026-12-03 08:00:22.568211

Datasette finds the FTS table of ``statements`` by looking for
``content="statements"`` (or ``content=[statements]``) in its definition; the
first full-text migration wrote ``content='statements'``, so Datasette ignored
``?_search=``. FTS5 cannot alter a table's options, so each FTS table is made
again with the same columns, tokenizer and triggers, and rebuilt from its
content table (about ten seconds at a million statements). The content tables
themselves are not touched. PostgreSQL's generated tsvector columns stay as
they are.
"""

from alembic import op

revision = "3e419c583151"
down_revision = "8801b53958b3"
branch_labels = None
depends_on = None

#: table -> (FTS table, indexed columns)
INDEXED = {
    "articles": ("articles_fts", ("title", "clean_text")),
    "statements": ("statements_fts", ("text",)),
}


def fts_statements(table, fts, columns, quote):
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
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content={quote}{table}{quote}, "
        f"content_rowid={quote}id{quote}, tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert_new} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete_old} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {cols} ON {table} BEGIN {delete_old} {insert_new} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def remake(quote):
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, (fts, columns) in INDEXED.items():
        for statement in fts_statements(table, fts, columns, quote):
            op.execute(statement)


def upgrade():
    remake('"')


def downgrade():
    remake("'")
