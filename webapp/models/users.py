"""Users: who may read, edit and manage, and how they log in."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import String
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship
from werkzeug.security import check_password_hash
from werkzeug.security import generate_password_hash

from webapp.db import Base
from webapp.models.common import Role
from webapp.models.common import UTCDateTime
from webapp.models.common import created_now
from webapp.models.common import enum_column
from webapp.models.common import intpk

if TYPE_CHECKING:
    from webapp.models.audit import Revision

#: Each role can do everything the roles before it can.
ROLE_RANKS = {Role.VIEWER: 0, Role.EDITOR: 1, Role.ADMIN: 2}
PASSWORD_METHOD = "scrypt"


class User(Base):
    __tablename__ = "users"

    id: Mapped[intpk]
    username: Mapped[str] = mapped_column(String(80), unique=True)
    #: a salted hash from werkzeug.security, never the password
    password_hash: Mapped[str] = mapped_column(String(255))
    #: viewer (reads), editor (edits and reviews) or admin (also manages users)
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"), default=Role.VIEWER)
    #: a disabled user cannot log in; the row stays for the audit trail
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[created_now]
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    revisions: Mapped[list[Revision]] = relationship(back_populates="user", passive_deletes=True)

    def __str__(self) -> str:
        return self.username

    # Flask-Login's user interface, written out rather than taken from UserMixin,
    # whose __eq__ makes unsaved users (all with id None) compare equal.
    @property
    def is_active(self) -> bool:
        return bool(self.active)

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)

    def set_password(self, password: str) -> None:
        if not password:
            raise ValueError("the password is empty")
        self.password_hash = generate_password_hash(password, method=PASSWORD_METHOD)

    def check_password(self, password: str) -> bool:
        if not self.password_hash or not password:
            return False
        return check_password_hash(self.password_hash, password)

    def can(self, role: Role | str) -> bool:
        """Whether this user's role includes ``role`` (viewer < editor < admin)."""
        return ROLE_RANKS[Role(self.role)] >= ROLE_RANKS[Role(role)]
