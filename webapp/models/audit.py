"""The audit trail: one revision per change to one row."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import JSON
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from webapp.db import Base
from webapp.models.common import Action
from webapp.models.common import UTCDateTime
from webapp.models.common import enum_column
from webapp.models.common import intpk
from webapp.models.common import utcnow

if TYPE_CHECKING:
    from webapp.models.users import User


class Revision(Base):
    """One change to one row: who, when, and each field's old and new value."""

    __tablename__ = "revisions"
    __table_args__ = (Index("ix_revisions_row", "table_name", "row_id"),)

    id: Mapped[intpk]
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    #: the editor; null for seeding and other command-line work
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: who did it, as text: a username, or "seed"
    actor: Mapped[str] = mapped_column(String(80))
    #: create, update, delete, merge, review, seed or revert
    action: Mapped[Action] = mapped_column(enum_column(Action, "action"), index=True)
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[int | None]
    #: {"field": [old, new], ...}; for seeding and merges, what was created or moved; a
    #: delete's "cascade" holds the rows the database removed or unlinked with the row
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    summary: Mapped[str | None] = mapped_column(Text)
    #: the revision this one reverts, if it is a revert
    reverts_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id", ondelete="SET NULL"))

    user: Mapped[User | None] = relationship(back_populates="revisions")

    def __str__(self) -> str:
        return f"{self.action} {self.table_name}#{self.row_id} by {self.actor}"
