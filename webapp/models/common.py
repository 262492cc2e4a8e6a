"""Column shapes, enums and mixins shared by the models."""

from __future__ import annotations

import enum
from datetime import UTC
from datetime import datetime
from typing import Annotated

from sqlalchemy import DateTime
from sqlalchemy import Enum
from sqlalchemy import String
from sqlalchemy import TypeDecorator
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import declared_attr
from sqlalchemy.orm import mapped_column

from webapp.vocabulary import How
from webapp.vocabulary import StatementKind

__all__ = ["How", "StatementKind"]


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and read back as an aware UTC datetime.

    SQLite has no time zones; storing UTC without an offset keeps the text
    sortable and identical on SQLite and PostgreSQL.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: timestamps must be in UTC")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class ReviewStatus(enum.StrEnum):
    UNREVIEWED = "unreviewed"  # as extracted; seeding may replace it
    EDITED = "edited"  # changed by an editor; seeding never touches it
    REVIEWED = "reviewed"  # confirmed by an editor; seeding never touches it
    REJECTED = "rejected"  # judged wrong by an editor; kept so that seeding does not recreate it


#: Rows in these states belong to the editors: seeding neither changes nor deletes them.
PROTECTED = (ReviewStatus.EDITED, ReviewStatus.REVIEWED, ReviewStatus.REJECTED)


class Role(enum.StrEnum):
    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"


class Action(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    MERGE = "merge"
    REVIEW = "review"
    SEED = "seed"
    REVERT = "revert"


def enum_column(enum_class: type[enum.Enum], name: str) -> Enum:
    """Store an enum's values as text, with a CHECK constraint named after it."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


intpk = Annotated[int, mapped_column(primary_key=True)]
name_str = Annotated[str, mapped_column(String(200))]
created_now = Annotated[datetime, mapped_column(UTCDateTime(), default=utcnow)]


class ReviewedMixin:
    """Editable rows: a review status, and a version that refuses stale writes."""

    #: unreviewed (as extracted), edited, reviewed or rejected
    review_status: Mapped[ReviewStatus] = mapped_column(
        enum_column(ReviewStatus, "review_status"),
        default=ReviewStatus.UNREVIEWED,
        index=True,
    )
    #: incremented on every update; an UPDATE that carries an older value is refused
    version_id: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[created_now]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version_id}
