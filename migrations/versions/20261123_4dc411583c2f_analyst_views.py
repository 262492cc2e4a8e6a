"""Views for analysts: statements, meetings and articles without the joins.

Revision ID: 4dc411583c2f
Revises: 506420303073
Create Date: 2026-11-23 09:02:30.000000
"""

from alembic import op

revision = "4dc411583c2f"
down_revision = "506420303073"
branch_labels = None
depends_on = None

STATEMENT_DETAILS = """
CREATE VIEW statement_details AS
SELECT s.id AS statement_id, s.kind, s.text, s.cue, s.confidence, s.review_status,
       s.speaker_id, p.name AS speaker, p.country AS speaker_country,
       s.article_id, a.title AS article_title, a.file AS article_file,
       a.published, src.name AS source,
       s.meeting_id, m.held_on AS meeting_date, m.place AS meeting_place,
       m.occasion AS meeting_occasion
FROM statements s
JOIN articles a ON a.id = s.article_id
LEFT JOIN people p ON p.id = s.speaker_id
LEFT JOIN sources src ON src.id = a.source_id
LEFT JOIN meetings m ON m.id = s.meeting_id
"""

MEETING_DETAILS = """
CREATE VIEW meeting_details AS
SELECT m.id AS meeting_id, m.held_on, m.place, m.occasion, m.review_status, m.confidence,
       (SELECT {names} FROM meeting_participants mp JOIN people p ON p.id = mp.person_id
        WHERE mp.meeting_id = m.id) AS participants,
       (SELECT count(*) FROM meeting_participants mp WHERE mp.meeting_id = m.id) AS participant_count,
       (SELECT count(*) FROM meeting_reports r WHERE r.meeting_id = m.id) AS report_count
FROM meetings m
"""

MEETING_PAIRS = """
CREATE VIEW meeting_pairs AS
SELECT m.id AS meeting_id, m.held_on, m.place,
       a.id AS person_id, a.name AS person, b.id AS other_id, b.name AS other
FROM meetings m
JOIN meeting_participants pa ON pa.meeting_id = m.id
JOIN people a ON a.id = pa.person_id
JOIN meeting_participants pb ON pb.meeting_id = m.id AND pb.person_id <> pa.person_id
JOIN people b ON b.id = pb.person_id
"""

ARTICLE_DETAILS = """
CREATE VIEW article_details AS
SELECT a.id AS article_id, a.file, a.title, a.published, src.name AS source, a.dateline_place,
       (SELECT count(*) FROM statements s WHERE s.article_id = a.id) AS statement_count,
       (SELECT count(DISTINCT mn.person_id) FROM mentions mn WHERE mn.article_id = a.id)
           AS person_count,
       (SELECT count(*) FROM meeting_reports r WHERE r.article_id = a.id) AS meeting_count
FROM articles a
LEFT JOIN sources src ON src.id = a.source_id
"""

PERSON_POSITIONS = """
CREATE VIEW person_positions AS
SELECT p.id AS person_id, p.name, p.country AS person_country,
       pos.title, pos.country, pos.started_on, pos.ended_on, pos.acting, pos.confirmed
FROM positions pos
JOIN people p ON p.id = pos.person_id
"""

VIEWS = (
    "statement_details",
    "meeting_details",
    "meeting_pairs",
    "article_details",
    "person_positions",
)


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    names = "group_concat(p.name, ', ')" if sqlite else "string_agg(p.name, ', ' ORDER BY p.name)"
    op.execute(STATEMENT_DETAILS)
    op.execute(MEETING_DETAILS.format(names=names))
    op.execute(MEETING_PAIRS)
    op.execute(ARTICLE_DETAILS)
    op.execute(PERSON_POSITIONS)


def downgrade():
    for view in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {view}")
