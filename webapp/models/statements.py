"""What people said: quotes, reported speech and transcript turns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from webapp.db import Base
from webapp.models.common import ReviewedMixin
from webapp.models.common import StatementKind
from webapp.models.common import enum_column
from webapp.models.common import intpk

if TYPE_CHECKING:
    from webapp.models.articles import Article
    from webapp.models.meetings import Meeting
    from webapp.models.people import Person


class Statement(ReviewedMixin, Base):
    __tablename__ = "statements"
    __table_args__ = (
        CheckConstraint("start_char >= 0 AND start_char < end_char", name="span"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
        Index("ix_statements_review_queue", "review_status", "confidence"),
    )

    id: Mapped[intpk]
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    #: who said it; null when nobody could be identified
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    #: the meeting it was said at, if any
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    #: direct (in quote marks), indirect (reported) or transcript (a speaker turn)
    kind: Mapped[StatementKind] = mapped_column(enum_column(StatementKind, "kind"), index=True)
    #: the words, exactly articles.clean_text[start_char:end_char]
    text: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int]
    end_char: Mapped[int]
    #: the verb that introduced it: "said", "stressed"; ":" for a transcript turn
    cue: Mapped[str | None] = mapped_column(String(50))
    #: how sure the extractor was, 0 to 1
    confidence: Mapped[float] = mapped_column(default=1.0, index=True)

    article: Mapped[Article] = relationship(back_populates="statements")
    speaker: Mapped[Person | None] = relationship(back_populates="statements")
    meeting: Mapped[Meeting | None] = relationship(back_populates="statements")

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return f"{self.speaker or 'unknown'}: {text}"
