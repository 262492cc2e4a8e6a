"""Mentions can be reviewed: a review status and a version on each.

Revision ID: 76a33ebb3fd7
Revises: b7d2e5a41c90
Create Date: 2026-12-06 21:00:00.000000

An editor confirms a mention, rejects it, or corrects whom it names, and
seeding keeps those. The columns are added in place, with server defaults
that give the rows already there theirs: a batch rebuild of ``mentions``
would fail on SQLite, whose view ``article_details`` reads the table.
The same SQL serves SQLite and PostgreSQL.
"""

from alembic import op

revision = "76a33ebb3fd7"
down_revision = "b7d2e5a41c90"
branch_labels = None
depends_on = None

STATUSES = ("unreviewed", "edited", "reviewed", "rejected")


def upgrade() -> None:
    allowed = ", ".join(f"'{status}'" for status in STATUSES)
    op.execute(
        "ALTER TABLE mentions ADD COLUMN review_status VARCHAR(16) DEFAULT 'unreviewed' NOT NULL"
        f" CONSTRAINT ck_mentions_review_status CHECK (review_status IN ({allowed}))"
    )
    op.execute("ALTER TABLE mentions ADD COLUMN version_id INTEGER DEFAULT 1 NOT NULL")


def downgrade() -> None:
    op.execute("ALTER TABLE mentions DROP COLUMN version_id")
    op.execute("ALTER TABLE mentions DROP COLUMN review_status")
