"""Meetings: one row per real meeting, however many articles report it."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from webapp.ingest import Extraction
from webapp.ingest import same_meeting
from webapp.models import Meeting
from webapp.models import MeetingReport
from webapp.models import ReviewStatus
from webapp.models import Statement
from webapp.models import meeting_participants
from webapp.seed.rows import Outcome
from webapp.seed.rows import insert


def write_meetings(
    connection: Connection,
    extraction: Extraction,
    article_id: int,
    person_ids: dict[str, int],
    outcome: Outcome,
    reusable: set[int] = frozenset(),
) -> list[int]:
    """One id per extracted meeting: an existing meeting it matches, or a new one.

    ``reusable`` are the machine meetings this article reported before a
    re-extraction: one with the same day and people is taken back as it is.
    The article's reports are written together at the end.
    """
    previous = meetings_by_people(connection, reusable)
    kept_reports = kept_reports_of(connection, article_id) if outcome.reextracted else []
    reported = {meeting_id for meeting_id, _start, _end in kept_reports}
    reports = []
    ids = []
    for meeting in extraction.meetings:
        participants = {person_ids[name] for name in meeting.participants}
        meeting_id = (
            next(
                (
                    m
                    for m, start, end in kept_reports
                    if meeting.start < end and start < meeting.end
                ),
                None,
            )
            or previous.get((meeting.date, frozenset(participants)))
            or matching_meeting(connection, meeting.date, participants)
        )
        if meeting_id is None:
            row = {
                "held_on": meeting.date,
                "date_from": meeting.date_from,
                "place": meeting.place,
                "place_from": meeting.place_from,
                "occasion": meeting.occasion,
                "confidence": meeting.confidence,
            }
            meeting_id = insert(connection, Meeting.__table__, [row])[0]
            insert(
                connection,
                meeting_participants,
                [{"meeting_id": meeting_id, "person_id": p} for p in sorted(participants)],
            )
            outcome.meetings.append(meeting_id)
        if meeting_id not in reported:
            reported.add(meeting_id)
            reports.append(
                {
                    "meeting_id": meeting_id,
                    "article_id": article_id,
                    "start_char": meeting.start,
                    "end_char": meeting.end,
                }
            )
            if meeting_id not in outcome.meetings:
                outcome.reported.append(meeting_id)
        ids.append(meeting_id)
    insert(connection, MeetingReport.__table__, reports)
    return ids


def kept_reports_of(connection: Connection, article_id: int) -> list[tuple[int, int, int]]:
    """The reports of an article being re-extracted that survived clearing: editors' meetings."""
    return connection.execute(
        sa.select(MeetingReport.meeting_id, MeetingReport.start_char, MeetingReport.end_char).where(
            MeetingReport.article_id == article_id
        )
    ).all()


def meetings_by_people(
    connection: Connection, meeting_ids: set[int]
) -> dict[tuple[date | None, frozenset[int]], int]:
    if not meeting_ids:
        return {}
    rows = connection.execute(
        sa.select(Meeting.id, Meeting.held_on, meeting_participants.c.person_id)
        .outerjoin(meeting_participants)
        .where(Meeting.id.in_(meeting_ids))
    ).all()
    people: dict[int, set[int]] = {}
    days: dict[int, date | None] = {}
    for meeting_id, held_on, person_id in rows:
        days[meeting_id] = held_on
        people.setdefault(meeting_id, set())
        if person_id is not None:
            people[meeting_id].add(person_id)
    return {(days[m], frozenset(p)): m for m, p in people.items()}


#: the participants of the meetings held on a day, rejected ones left out
_HELD_ON = (
    sa.select(meeting_participants.c.meeting_id, meeting_participants.c.person_id)
    .join(Meeting, Meeting.id == meeting_participants.c.meeting_id)
    .where(
        Meeting.held_on == sa.bindparam("held_on"),
        Meeting.review_status != ReviewStatus.REJECTED,
    )
    .order_by(meeting_participants.c.meeting_id)
)


def matching_meeting(
    connection: Connection, held_on: date | None, participants: set[int]
) -> int | None:
    """A stored meeting that ``same_meeting`` takes for the same one."""
    if held_on is None or not participants:
        return None
    stored: dict[int, set[int]] = {}
    for meeting_id, person_id in connection.execute(_HELD_ON, {"held_on": held_on}):
        stored.setdefault(meeting_id, set()).add(person_id)
    for meeting_id, people in stored.items():
        if same_meeting(held_on, people, held_on, participants):
            return meeting_id
    return None


def drop_unreported_meetings(session: Session, meeting_ids: set[int]) -> None:
    """Delete those machine meetings that no article reports and no statement refers to."""
    if not meeting_ids:
        return
    session.execute(
        sa.delete(Meeting).where(
            Meeting.id.in_(meeting_ids),
            Meeting.review_status == ReviewStatus.UNREVIEWED,
            ~sa.exists().where(MeetingReport.meeting_id == Meeting.id),
            ~sa.exists().where(Statement.meeting_id == Meeting.id),
        )
    )
