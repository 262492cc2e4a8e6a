"""Meetings: one row per real-world meeting, however many articles report it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint
from sqlalchemy import Column
from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy import Table
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from webapp.db import Base
from webapp.models.common import ReviewedMixin
from webapp.models.common import intpk

if TYPE_CHECKING:
    from webapp.models.articles import Article
    from webapp.models.people import Person
    from webapp.models.statements import Statement

meeting_participants = Table(
    "meeting_participants",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Meeting(ReviewedMixin, Base):
    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
    )

    id: Mapped[intpk]
    #: the day it took place; null when the reports do not say
    held_on: Mapped[date | None] = mapped_column(index=True)
    #: where held_on came from: sentence (the report says), dateline (the report's day),
    #: published (the publication date stands in); null when undated or set by an editor
    date_from: Mapped[str | None] = mapped_column(String(16))
    #: the city, as the reports name it ("Moscow", "Almaty")
    place: Mapped[str | None] = mapped_column(String(200), index=True)
    #: where place came from: sentence, visit, related (a nearby sentence), article or dateline
    place_from: Mapped[str | None] = mapped_column(String(16))
    #: the wider event, e.g. "Eurasian Intergovernmental Council"
    occasion: Mapped[str | None] = mapped_column(String(500))
    #: how sure the extractor was, 0 to 1; editors' rows are 1
    confidence: Mapped[float] = mapped_column(default=1.0, index=True)

    participants: Mapped[list[Person]] = relationship(
        secondary=meeting_participants, back_populates="meetings", order_by="Person.name"
    )
    reports: Mapped[list[MeetingReport]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True
    )
    articles: Mapped[list[Article]] = relationship(
        secondary="meeting_reports", viewonly=True, order_by="Article.published"
    )
    statements: Mapped[list[Statement]] = relationship(
        back_populates="meeting", passive_deletes=True
    )

    def __str__(self) -> str:
        names = " – ".join(person.name for person in self.participants) or "meeting"
        when = self.held_on.isoformat() if self.held_on else "undated"
        return f"{names}, {when}"


class MeetingReport(Base):
    """An article that reports a meeting, with the words that show it."""

    __tablename__ = "meeting_reports"
    __table_args__ = (CheckConstraint("start_char >= 0 AND start_char < end_char", name="span"),)

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    #: the evidence: offsets into the article's clean text
    start_char: Mapped[int]
    end_char: Mapped[int]

    meeting: Mapped[Meeting] = relationship(back_populates="reports")
    article: Mapped[Article] = relationship(back_populates="meeting_reports")
