"""Column values as the revisions store them in JSON, and back.

Enums are stored as their values and dates and timestamps as ISO 8601 text;
``from_json`` reads them back by the column's type.
"""

from __future__ import annotations

import enum
from datetime import date
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from webapp.models.common import UTCDateTime


def to_json(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def from_json(column: sa.Column, value: Any) -> Any:
    """The Python value for ``column`` of a value written by ``to_json``."""
    if value is None:
        return None
    column_type = column.type
    if isinstance(column_type, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(column_type, sa.Enum) and column_type.enum_class is not None:
        return column_type.enum_class(value)
    if isinstance(column_type, sa.DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column_type, sa.Date):
        return date.fromisoformat(value)
    return value
