"""Sources and the articles they published."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint
from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from webapp.db import Base
from webapp.models.common import ReviewedMixin
from webapp.models.common import intpk
from webapp.models.common import name_str

if TYPE_CHECKING:
    from webapp.models.meetings import MeetingReport
    from webapp.models.people import Mention
    from webapp.models.statements import Statement


class Source(Base):
    """A publisher: TASS, Kazpravda.kz, the Russian government's site, ..."""

    __tablename__ = "sources"

    id: Mapped[intpk]
    #: the publisher's usual name
    name: Mapped[name_str] = mapped_column(unique=True)

    articles: Mapped[list[Article]] = relationship(back_populates="source", passive_deletes=True)

    def __str__(self) -> str:
        return self.name


class Article(ReviewedMixin, Base):
    """One news text, as read from a file. Offsets elsewhere point into ``clean_text``."""

    __tablename__ = "articles"
    __table_args__ = (CheckConstraint("length(sha256) = 64", name="sha256_length"),)

    id: Mapped[intpk]
    #: the file name it was loaded from
    file: Mapped[str] = mapped_column(String(255))
    #: hex SHA-256 of the file's bytes: the article's identity for seeding
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    #: the decoded text exactly as it was in the file
    raw_text: Mapped[str] = mapped_column(Text)
    #: the body without site chrome; every character offset points into it
    clean_text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(String(500))
    subtitle: Mapped[str | None] = mapped_column(String(1000))
    #: publication date, from a header, byline or dateline; null when unknown
    published: Mapped[date | None] = mapped_column(index=True)
    #: where ``published`` came from: given (by the operator), header, byline, dateline or inferred
    date_from: Mapped[str | None] = mapped_column(String(16))
    #: the dateline's place as written ("Moscow")
    dateline_place: Mapped[str | None] = mapped_column(String(200))
    #: the page's address, when the operator gave it (front matter or a manifest)
    url: Mapped[str | None] = mapped_column(String(2000))
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )
    #: what the reader or the extractor flagged for an editor, one note a line
    notes: Mapped[str | None] = mapped_column(Text)

    source: Mapped[Source | None] = relationship(back_populates="articles")
    mentions: Mapped[list[Mention]] = relationship(
        back_populates="article", passive_deletes=True, order_by="Mention.start_char"
    )
    statements: Mapped[list[Statement]] = relationship(
        back_populates="article", passive_deletes=True, order_by="Statement.start_char"
    )
    meeting_reports: Mapped[list[MeetingReport]] = relationship(
        back_populates="article", passive_deletes=True
    )

    def __str__(self) -> str:
        return self.title or self.file
