"""Article URLs, and where each meeting's date and place came from.

Revision ID: 8801b53958b3
Revises: 4dc411583c2f
Create Date: 2026-12-03 07:27:10.769832

Columns are added and dropped in place (SQLite 3.35+ and PostgreSQL both can):
a batch rebuild of ``articles`` would drop its full-text triggers.
"""

import sqlalchemy as sa
from alembic import op

revision = "8801b53958b3"
down_revision = "4dc411583c2f"
branch_labels = None
depends_on = None

COLUMNS = (
    ("articles", sa.Column("url", sa.String(length=2000), nullable=True)),
    ("meetings", sa.Column("date_from", sa.String(length=16), nullable=True)),
    ("meetings", sa.Column("place_from", sa.String(length=16), nullable=True)),
)


def upgrade():
    for table, column in COLUMNS:
        op.add_column(table, column)


def downgrade():
    for table, column in reversed(COLUMNS):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column.name}")
