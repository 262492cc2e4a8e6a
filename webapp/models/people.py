"""People, the other names they go by, the offices they held, and where they are mentioned."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from webapp.db import Base
from webapp.models.common import How
from webapp.models.common import ReviewedMixin
from webapp.models.common import ReviewStatus
from webapp.models.common import enum_column
from webapp.models.common import intpk
from webapp.models.common import name_str

if TYPE_CHECKING:
    from webapp.models.articles import Article
    from webapp.models.meetings import Meeting
    from webapp.models.statements import Statement


class Person(ReviewedMixin, Base):
    __tablename__ = "people"
    #: the newest change to anyone, read from an index by the likely-duplicates cache
    __table_args__ = (Index("ix_people_updated_at", "updated_at"),)

    id: Mapped[intpk]
    #: the canonical spelling, e.g. "Alikhan Smailov"
    name: Mapped[name_str] = mapped_column(unique=True)
    #: the country the person serves, e.g. "Kazakhstan"; null when unknown
    country: Mapped[str | None] = mapped_column(String(100), index=True)
    notes: Mapped[str | None] = mapped_column(Text)

    aliases: Mapped[list[PersonAlias]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="PersonAlias.alias",
    )
    positions: Mapped[list[Position]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Position.started_on",
    )
    mentions: Mapped[list[Mention]] = relationship(back_populates="person", passive_deletes=True)
    statements: Mapped[list[Statement]] = relationship(
        back_populates="speaker", passive_deletes=True
    )
    meetings: Mapped[list[Meeting]] = relationship(
        secondary="meeting_participants", back_populates="participants", passive_deletes=True
    )

    def __str__(self) -> str:
        return self.name


class PersonAlias(Base):
    """Another spelling or form of a person's name: "Alihan Smailov", "Vladimir Vladimirovich"."""

    __tablename__ = "person_aliases"
    __table_args__ = (UniqueConstraint("person_id", "alias"),)

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    alias: Mapped[name_str] = mapped_column(index=True)

    person: Mapped[Person] = relationship(back_populates="aliases")

    def __str__(self) -> str:
        return self.alias


class Position(Base):
    """An office held for a time: resolves "the Russian Prime Minister" on a given day."""

    __tablename__ = "positions"
    __table_args__ = (
        CheckConstraint(
            "started_on IS NULL OR ended_on IS NULL OR started_on <= ended_on",
            name="dates_in_order",
        ),
        Index("ix_positions_office", "title", "country", "started_on"),
    )

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    #: "President", "Prime Minister", "Foreign Minister", ...
    title: Mapped[str] = mapped_column(String(200))
    #: the country or body the office belongs to
    country: Mapped[str] = mapped_column(String(100))
    #: first day in office; null when unknown
    started_on: Mapped[date | None]
    #: the day the tenure ended (normally the successor's first day); null while in office
    ended_on: Mapped[date | None]
    #: true for acting or interim holders
    acting: Mapped[bool] = mapped_column(default=False)
    #: false when the dates could not be confirmed against a source
    confirmed: Mapped[bool] = mapped_column(default=True)
    #: where the dates come from (a URL)
    source_url: Mapped[str | None] = mapped_column(String(1000))

    person: Mapped[Person] = relationship(back_populates="positions")

    def __str__(self) -> str:
        return f"{self.title}, {self.country}"


class Mention(Base):
    """A place in an article's clean text that names or refers to a person."""

    __tablename__ = "mentions"
    __table_args__ = (CheckConstraint("start_char >= 0 AND start_char < end_char", name="span"),)

    id: Mapped[intpk]
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    #: character offsets into articles.clean_text, end exclusive
    start_char: Mapped[int]
    end_char: Mapped[int]
    #: name, alias, surname, fuzzy, role, pronoun or new
    how: Mapped[How] = mapped_column(enum_column(How, "how"))
    confidence: Mapped[float] = mapped_column(default=1.0)
    # The server defaults gave the mentions seeded before they were reviewed theirs.
    #: unreviewed (as extracted), edited (an editor chose whom it names), reviewed (confirmed)
    #: or rejected (it names nobody there); seeding again keeps all but the unreviewed ones
    review_status: Mapped[ReviewStatus] = mapped_column(
        enum_column(ReviewStatus, "review_status"),
        default=ReviewStatus.UNREVIEWED,
        server_default=ReviewStatus.UNREVIEWED.value,
    )
    #: incremented on every update; an UPDATE that carries an older value is refused
    version_id: Mapped[int] = mapped_column(default=1, server_default="1")

    article: Mapped[Article] = relationship(back_populates="mentions")
    person: Mapped[Person] = relationship(back_populates="mentions")

    __mapper_args__ = {"version_id_col": version_id}

    def __str__(self) -> str:
        return f"{self.person} at character {self.start_char}"
