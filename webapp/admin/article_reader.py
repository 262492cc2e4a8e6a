"""What the reading page shows: one article, its highlighted text and its records.

A fixed handful of queries whatever the article's size: the article with its
source, its statements with their speakers, its mentions with their people,
its meetings with their participants, and how many articles report each
meeting.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from markupsafe import Markup
from sqlalchemy.orm import joinedload
from sqlalchemy.orm import selectinload

from webapp.admin.article_text import UNKNOWN
from webapp.admin.article_text import Span
from webapp.admin.article_text import colours
from webapp.admin.article_text import render
from webapp.admin.article_text import segments
from webapp.db import db
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import MeetingReport
from webapp.models import Mention
from webapp.models import Person
from webapp.models import Statement


@dataclass(frozen=True)
class LegendEntry:
    name: str
    colour: str
    href: str | None


@dataclass(frozen=True)
class PersonRow:
    person: Person
    colour: str
    mentions: int
    href: str


@dataclass(frozen=True)
class StatementRow:
    statement: Statement
    colour: str
    href: str


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    #: how many articles report it, this one included
    reports: int
    href: str


@dataclass(frozen=True)
class Reading:
    article: Article
    text: Markup
    legend: list[LegendEntry]
    people: list[PersonRow]
    statements: list[StatementRow]
    meetings: list[MeetingRow]
    mention_count: int

    @property
    def meetings_only_here(self) -> int:
        return sum(1 for row in self.meetings if row.reports == 1)


def statement_url(statement: Statement, *, editor: bool, back: str) -> str:
    if editor:
        return url_for("statement.edit_view", id=statement.id, url=back)
    return url_for("statement.details_view", id=statement.id, url=back)


def person_url(person_id: int, back: str) -> str:
    return url_for("person.details_view", id=person_id, url=back)


def load(article_id: int, *, editor: bool) -> Reading | None:
    session = db.session
    article = session.scalar(
        sa.select(Article).options(joinedload(Article.source)).where(Article.id == article_id)
    )
    if article is None:
        return None
    statements = session.scalars(
        sa.select(Statement)
        .options(joinedload(Statement.speaker))
        .where(Statement.article_id == article_id)
        .order_by(Statement.start_char, Statement.id)
    ).all()
    mentions = session.scalars(
        sa.select(Mention)
        .options(joinedload(Mention.person))
        .where(Mention.article_id == article_id)
        .order_by(Mention.start_char, Mention.id)
    ).all()
    meetings = session.scalars(
        sa.select(Meeting)
        .join(MeetingReport, MeetingReport.meeting_id == Meeting.id)
        .where(MeetingReport.article_id == article_id)
        .options(selectinload(Meeting.participants))
        .order_by(Meeting.held_on, Meeting.id)
    ).all()
    report_counts = dict(
        session.execute(
            sa.select(MeetingReport.meeting_id, sa.func.count())
            .where(MeetingReport.meeting_id.in_([m.id for m in meetings]))
            .group_by(MeetingReport.meeting_id)
        ).all()
    )

    back = url_for("article.read_view", article_id=article_id)
    first_seen = sorted(
        [(s.start_char, s.speaker_id) for s in statements]
        + [(m.start_char, m.person_id) for m in mentions],
        key=lambda pair: pair[0],
    )
    palette = colours(person_id for _, person_id in first_seen)

    statement_rows = []
    spans = []
    for statement in statements:
        colour = palette.get(statement.speaker_id, UNKNOWN)
        href = statement_url(statement, editor=editor, back=back)
        statement_rows.append(StatementRow(statement, colour, href))
        speaker = statement.speaker.name if statement.speaker else "unknown speaker"
        title = f"Statement {statement.id}: {speaker}, {statement.kind.value}"
        spans.append(
            Span(
                statement.start_char,
                statement.end_char,
                "statement",
                statement.id,
                colour,
                href,
                title,
            )
        )
    for mention in mentions:
        href = person_url(mention.person_id, back)
        title = f"{mention.person.name} ({mention.how.value})"
        spans.append(
            Span(
                mention.start_char,
                mention.end_char,
                "mention",
                mention.person_id,
                palette[mention.person_id],
                href,
                title,
            )
        )

    people: dict[int, Person] = {m.person_id: m.person for m in mentions}
    people.update({s.speaker_id: s.speaker for s in statements if s.speaker is not None})
    counts = Counter(m.person_id for m in mentions)
    legend = [
        LegendEntry(people[pid].name, colour, person_url(pid, back))
        for pid, colour in palette.items()
    ]
    if any(s.speaker_id is None for s in statements):
        legend.append(LegendEntry("unknown speaker", UNKNOWN, None))
    person_rows = sorted(
        (
            PersonRow(people[pid], palette[pid], counts[pid], person_url(pid, back))
            for pid in counts
        ),
        key=lambda row: (-row.mentions, row.person.name),
    )
    meeting_rows = [
        MeetingRow(m, report_counts.get(m.id, 0), url_for("meeting.details_view", id=m.id))
        for m in meetings
    ]
    return Reading(
        article=article,
        text=render(segments(article.clean_text, spans)),
        legend=legend,
        people=person_rows,
        statements=statement_rows,
        meetings=meeting_rows,
        mention_count=len(mentions),
    )
