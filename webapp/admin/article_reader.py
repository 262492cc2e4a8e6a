"""What the reading page shows: one article, its highlighted text and its records.

A fixed handful of queries whatever the article's size: the article with its
source, its statements with their speakers, its mentions with their people
(each mention reviewed on its own), its meetings, their participants, and how
many articles report each meeting.
All but the article are read as plain rows with the columns shown, by queries
built once at import (see ``webapp.admin.base.fetch``), and each list's links
are made from one URL (``url_pattern``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask import url_for
from markupsafe import Markup
from sqlalchemy.orm import defer
from sqlalchemy.orm import joinedload

from webapp.admin import reading_article
from webapp.admin.article_text import UNKNOWN
from webapp.admin.article_text import Span
from webapp.admin.article_text import colours
from webapp.admin.article_text import containers
from webapp.admin.article_text import render
from webapp.admin.article_text import segments
from webapp.admin.base import fetch
from webapp.admin.base import url_pattern
from webapp.db import db
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import MeetingReport
from webapp.models import Mention
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models import Statement
from webapp.models import meeting_participants

#: how much of a statement's text the side list and the review panel show
TEXT_SHOWN = 300
IDS = sa.bindparam("ids", expanding=True)
ARTICLE_ID = sa.bindparam("article")
#: the article with its source; its raw text is another page's
ARTICLE = (
    sa.select(Article)
    .options(joinedload(Article.source), defer(Article.raw_text))
    .where(Article.id == ARTICLE_ID)
)
STATEMENTS = (
    sa.select(
        Statement.id,
        Statement.start_char,
        Statement.end_char,
        Statement.speaker_id,
        Person.name.label("speaker"),
        Statement.kind,
        Statement.review_status,
        Statement.version_id,
        Statement.meeting_id,
        Statement.confidence,
        sa.func.substr(Statement.text, 1, TEXT_SHOWN).label("text"),
    )
    .outerjoin(Person, Person.id == Statement.speaker_id)
    .where(Statement.article_id == ARTICLE_ID)
    .order_by(Statement.start_char, Statement.id)
)
MENTIONS = (
    sa.select(
        Mention.id,
        Mention.person_id,
        Person.name,
        Mention.how,
        Mention.start_char,
        Mention.end_char,
        Mention.confidence,
        Mention.review_status.label("mention_status"),
        Mention.version_id.label("mention_version"),
        Person.review_status,
        Person.version_id,
    )
    .join(Person, Person.id == Mention.person_id)
    .where(Mention.article_id == ARTICLE_ID)
    .order_by(Mention.start_char, Mention.id)
)
MEETINGS = (
    sa.select(
        Meeting.id,
        Meeting.held_on,
        Meeting.place,
        Meeting.occasion,
        Meeting.confidence,
        Meeting.review_status,
        Meeting.version_id,
    )
    .join(MeetingReport, MeetingReport.meeting_id == Meeting.id)
    .where(MeetingReport.article_id == ARTICLE_ID)
    .order_by(Meeting.held_on, Meeting.id)
)
PARTICIPANTS = (
    sa.select(meeting_participants.c.meeting_id, Person.id, Person.name)
    .join(Person, Person.id == meeting_participants.c.person_id)
    .where(meeting_participants.c.meeting_id.in_(IDS))
    .order_by(Person.name)
)
REPORTS = (
    sa.select(MeetingReport.meeting_id, sa.func.count())
    .where(MeetingReport.meeting_id.in_(IDS))
    .group_by(MeetingReport.meeting_id)
)


@dataclass(frozen=True)
class LegendEntry:
    name: str
    colour: str
    href: str | None


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    colour: str
    mentions: int
    href: str
    review_status: str


@dataclass(frozen=True)
class StatementRow:
    id: int
    #: the speaker's name, or None
    speaker: str | None
    kind: str
    review_status: str
    colour: str
    href: str
    #: the first ``TEXT_SHOWN`` characters of its words
    text: str
    #: the statements it lies inside, when it is a quote within another
    inside: list[int]


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: date | None
    place: str | None
    occasion: str | None
    participants: list[str]
    #: how many articles report it, this one included
    reports: int
    href: str
    review_status: str

    @property
    def label(self) -> str:
        when = self.held_on.isoformat() if self.held_on else "undated"
        return f"{when}, {self.place}" if self.place else when


@dataclass(frozen=True)
class Reading:
    article: Article
    text: Markup
    legend: list[LegendEntry]
    people: list[PersonRow]
    statements: list[StatementRow]
    meetings: list[MeetingRow]
    mention_count: int
    #: what the review panel's script knows of each record, as JSON-ready values
    records: dict[str, Any]

    @property
    def meetings_only_here(self) -> int:
        return sum(1 for row in self.meetings if row.reports == 1)


def load(article_id: int, *, editor: bool) -> Reading | None:
    """The reading page's content: the article as an object, everything else as plain rows."""
    article = db.session.scalar(ARTICLE, {"article": article_id})
    if article is None:
        return None
    statements = fetch(STATEMENTS, article=article_id)
    mentions = fetch(MENTIONS, article=article_id)
    meetings = fetch(MEETINGS, article=article_id)
    meeting_ids = [m.id for m in meetings]
    participants: dict[int, list[tuple[int, str]]] = {}
    report_counts: dict[int, int] = {}
    if meeting_ids:
        for meeting_id, person_id, name in fetch(PARTICIPANTS, ids=meeting_ids):
            participants.setdefault(meeting_id, []).append((person_id, name))
        report_counts = dict(fetch(REPORTS, ids=meeting_ids))

    back = url_for("article.read_view", article_id=article_id)
    statement_url = url_pattern(
        "statement.edit_view" if editor else "statement.details_view", url=back
    )
    person_url = url_pattern("person.details_view", url=back)
    meeting_url = url_pattern("meeting.details_view")
    first_seen = sorted(
        [(s.start_char, s.speaker_id) for s in statements]
        + [(m.start_char, m.person_id) for m in mentions],
        key=lambda pair: pair[0],
    )
    palette = colours(person_id for _, person_id in first_seen)
    around = containers((s.id, s.start_char, s.end_char) for s in statements)

    statement_rows = []
    spans = []
    for statement in statements:
        colour = palette.get(statement.speaker_id, UNKNOWN)
        href = statement_url(statement.id)
        kind = statement.kind.value
        status = statement.review_status.value
        inside = around.get(statement.id, [])
        statement_rows.append(
            StatementRow(
                statement.id,
                statement.speaker,
                kind,
                status,
                colour,
                href,
                statement.text,
                inside,
            )
        )
        speaker = statement.speaker or "unknown speaker"
        title = f"Statement {statement.id}: {speaker}, {kind}"
        if inside:
            title += f", inside statement {inside[0]}"
        classes = f"st-{status} hl-nested" if inside else f"st-{status}"
        spans.append(
            Span(
                statement.start_char,
                statement.end_char,
                "statement",
                statement.id,
                colour,
                href,
                title,
                classes,
            )
        )
    for mention in mentions:
        title = f"{mention.name} ({mention.how.value})"
        spans.append(
            Span(
                mention.start_char,
                mention.end_char,
                "mention",
                mention.id,
                palette[mention.person_id],
                person_url(mention.person_id),
                title,
                f"st-{mention.mention_status.value}",
                mention.person_id,
            )
        )

    names: dict[int, str] = {m.person_id: m.name for m in mentions}
    person_status = {m.person_id: m.review_status.value for m in mentions}
    names.update({s.speaker_id: s.speaker for s in statements if s.speaker_id is not None})
    # a rejected mention names nobody: its person is not counted as mentioned here
    counts = Counter(m.person_id for m in mentions if m.mention_status != ReviewStatus.REJECTED)
    found_as: dict[int, set[str]] = {}
    for mention in mentions:
        found_as.setdefault(mention.person_id, set()).add(mention.how.value)
    legend = [LegendEntry(names[pid], colour, person_url(pid)) for pid, colour in palette.items()]
    if any(s.speaker_id is None for s in statements):
        legend.append(LegendEntry("unknown speaker", UNKNOWN, None))
    person_rows = sorted(
        (
            PersonRow(
                pid, names[pid], palette[pid], counts[pid], person_url(pid), person_status[pid]
            )
            for pid in counts
        ),
        key=lambda row: (-row.mentions, row.name),
    )
    meeting_rows = [
        MeetingRow(
            m.id,
            m.held_on,
            m.place,
            m.occasion,
            [name for _id, name in participants.get(m.id, [])],
            report_counts.get(m.id, 0),
            meeting_url(m.id),
            m.review_status.value,
        )
        for m in meetings
    ]
    records = {
        "articles": {
            article.id: {
                **reading_article.article_state(article),
                "file": article.file,
                "status": article.review_status.value,
                "version": article.version_id,
            }
        },
        "statements": {
            s.id: {
                "speaker_id": s.speaker_id,
                "speaker": s.speaker,
                "kind": s.kind.value,
                "start": s.start_char,
                "end": s.end_char,
                "meeting_id": s.meeting_id,
                "confidence": round(s.confidence, 2),
                "status": s.review_status.value,
                "version": s.version_id,
                "text": s.text,
                "inside": around.get(s.id, []),
                "href": statement_url(s.id),
            }
            for s in statements
        },
        "people": {
            m.person_id: {
                "name": m.name,
                "status": m.review_status.value,
                "version": m.version_id,
                "mentions": counts[m.person_id],
                "found_as": sorted(found_as[m.person_id]),
                "href": person_url(m.person_id),
            }
            for m in mentions
        },
        "mentions": {
            m.id: {
                "person_id": m.person_id,
                "person": m.name,
                "how": m.how.value,
                "start": m.start_char,
                "end": m.end_char,
                "confidence": round(m.confidence, 2),
                "status": m.mention_status.value,
                "version": m.mention_version,
            }
            for m in mentions
        },
        "meetings": {
            row.id: {
                "label": row.label,
                "held_on": row.held_on.isoformat() if row.held_on else None,
                "place": row.place,
                "occasion": row.occasion,
                "participants": [list(pair) for pair in participants.get(row.id, [])],
                "status": row.review_status,
                "version": m.version_id,
                "confidence": round(m.confidence, 2),
                "href": row.href,
            }
            for row, m in zip(meeting_rows, meetings, strict=True)
        },
        # the speaker choices offered first: the article's own people
        "speakers": sorted(([pid, name] for pid, name in names.items()), key=lambda p: p[1]),
        "palette": palette,
    }
    return Reading(
        article=article,
        text=render(segments(article.clean_text, spans)),
        legend=legend,
        people=person_rows,
        statements=statement_rows,
        meetings=meeting_rows,
        mention_count=len(mentions),
        records=records,
    )
