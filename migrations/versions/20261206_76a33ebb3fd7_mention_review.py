"""Mentions can be reviewed: a review status and a version on each.

Revision ID: 76a33ebb3fd7
Revises: b7d2e5a41c90
Create Date: 2026-12-06 21:00:00.000000

An editor confirms a mention, rejects it, or corrects whom it names, and
seeding keeps those. The columns are added in place, with server defaults
that give the rows already there theirs: a batch rebuild of ``mentions``
would fail on SQLite, whose view ``article_details`` reads the table.
The same SQL serves SQLite and PostgreSQL.

A rejected mention names nobody, so ``article_details.person_count`` no longer
counts it, as the articles list does not.
"""

from alembic import op

revision = "76a33ebb3fd7"
down_revision = "b7d2e5a41c90"
branch_labels = None
depends_on = None

STATUSES = ("unreviewed", "edited", "reviewed", "rejected")

ARTICLE_DETAILS = """
CREATE VIEW article_details AS
SELECT a.id AS article_id, a.file, a.title, a.published, src.name AS source, a.dateline_place,
       (SELECT count(*) FROM statements s WHERE s.article_id = a.id) AS statement_count,
       (SELECT count(DISTINCT mn.person_id) FROM mentions mn WHERE mn.article_id = a.id{also})
           AS person_count,
       (SELECT count(*) FROM meeting_reports r WHERE r.article_id = a.id) AS meeting_count
FROM articles a
LEFT JOIN sources src ON src.id = a.source_id
"""
NAMING = " AND mn.review_status <> 'rejected'"


def upgrade() -> None:
    allowed = ", ".join(f"'{status}'" for status in STATUSES)
    op.execute(
        "ALTER TABLE mentions ADD COLUMN review_status VARCHAR(16) DEFAULT 'unreviewed' NOT NULL"
        f" CONSTRAINT ck_mentions_review_status CHECK (review_status IN ({allowed}))"
    )
    op.execute("ALTER TABLE mentions ADD COLUMN version_id INTEGER DEFAULT 1 NOT NULL")
    op.execute("DROP VIEW article_details")
    op.execute(ARTICLE_DETAILS.format(also=NAMING))


def downgrade() -> None:
    op.execute("DROP VIEW article_details")
    op.execute(ARTICLE_DETAILS.format(also=""))
    op.execute("ALTER TABLE mentions DROP COLUMN version_id")
    op.execute("ALTER TABLE mentions DROP COLUMN review_status")
