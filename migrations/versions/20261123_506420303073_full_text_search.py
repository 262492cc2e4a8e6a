"""Full-text search over article and statement text.

SQLite: FTS5 external-content tables kept in step by triggers.
PostgreSQL: a generated tsvector column with a GIN index.

Revision ID: 506420303073
Revises: 3f2b3cc1941f
Create Date: 2026-11-23 09:02:10.000000
"""

from alembic import op

revision = "506420303073"
down_revision = "3f2b3cc1941f"
branch_labels = None
depends_on = None

#: table -> (FTS table, indexed columns, the tsvector expression on PostgreSQL)
INDEXED = {
    "articles": (
        "articles_fts",
        ("title", "clean_text"),
        "coalesce(title, '') || ' ' || clean_text",
    ),
    "statements": ("statements_fts", ("text",), "text"),
}


def sqlite_statements(table, fts, columns):
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete_old = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    insert_new = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert_new} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete_old} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {cols} ON {table} BEGIN {delete_old} {insert_new} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, (fts, columns, expression) in INDEXED.items():
        if sqlite:
            for statement in sqlite_statements(table, fts, columns):
                op.execute(statement)
        else:
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
                f"GENERATED ALWAYS AS (to_tsvector('english', {expression})) STORED"
            )
            op.execute(
                f"CREATE INDEX ix_{table}_search_vector ON {table} USING gin (search_vector)"
            )


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, (fts, _columns, _expression) in INDEXED.items():
        if sqlite:
            for suffix in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
        else:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_vector")
            op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
