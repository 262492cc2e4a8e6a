"""Form fields and list filters for our enum columns, which store the members' values.

Flask-Admin 2.2 assumes an enum column stores its members' names. Its form
field then selects nothing and refuses every submitted value, and its filter
offers the stored values (``transcript``) but looks the chosen one up by
member name (``StatementKind["transcript"]``), a server error. Ours store
values, whose names differ.
"""

from __future__ import annotations

import enum
from datetime import UTC
from datetime import datetime
from typing import Any

from flask_admin.contrib.sqla import filters as sqla_filters
from flask_admin.contrib.sqla import typefmt
from flask_admin.contrib.sqla.form import AdminModelConverter
from flask_admin.model import filters
from flask_admin.model import typefmt as base_typefmt
from flask_admin.model.form import converts


class EnumFilterConverter(sqla_filters.FilterConverter):
    """Offers the members' names, labelled with their values, for every operation."""

    @filters.convert("enum")
    def conv_enum(self, column, name: str, options: Any = None, **kwargs: Any) -> list[Any]:
        enum_class = getattr(column.type, "enum_class", None)
        if not options and enum_class is not None:
            options = [(member.name, member.value) for member in enum_class]
        return super().conv_enum(column, name, options, **kwargs)


class ValueEnumConverter(AdminModelConverter):
    """Enum columns store the members' values; Flask-Admin's converter assumes their names."""

    @converts("sqlalchemy.sql.sqltypes.Enum")
    def convert_enum(self, column, field_args, **extra):
        field = super().convert_enum(column, field_args, **extra)
        field.kwargs["coerce"] = enum_value
        return field


def enum_value(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def show_value(view: Any, value: enum.Enum, name: str) -> Any:
    return value.value


def show_time(view: Any, value: datetime, name: str) -> str:
    """To the second, in UTC: "2024-03-04 12:30:05 UTC"."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%d %H:%M:%S") + (" UTC" if value.tzinfo else "")


#: list and details pages show an enum's value ("transcript"), not its name, and
#: timestamps to the second
LIST_FORMATTERS = {**typefmt.DEFAULT_FORMATTERS, enum.Enum: show_value, datetime: show_time}
DETAIL_FORMATTERS = {
    **base_typefmt.DETAIL_FORMATTERS,
    enum.Enum: show_value,
    datetime: show_time,
}
