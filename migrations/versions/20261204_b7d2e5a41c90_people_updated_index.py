"""An index on people.updated_at.

Revision ID: b7d2e5a41c90
Revises: 9099ec42cf24
Create Date: 2026-12-04 21:00:00.000000

A person's page suggests likely duplicates from every name and alias, kept
in memory while a summary of the people and aliases tables stays the same;
the summary's newest change to a person is then read from this index rather
than from a scan of the table.
"""

from alembic import op

revision = "b7d2e5a41c90"
down_revision = "9099ec42cf24"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_people_updated_at", "people", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_people_updated_at", table_name="people")
