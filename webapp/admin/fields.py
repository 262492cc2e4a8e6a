"""Form fields for dates written the usual ways, and for a country chosen from a list."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_admin.model.form import converts
from markupsafe import Markup
from wtforms import Field
from wtforms import SelectField
from wtforms.widgets import TextInput

from webapp.admin.enums import ValueEnumConverter
from webapp.db import db
from webapp.ingest.dates import written_dates
from webapp.ingest.gazetteer import places
from webapp.models import Person
from webapp.models import Position

DATE_FORMS = "3 Feb 2023, February 3, 2023, 03.02.2023 or 2023-02-03"


def read_date(text: str) -> date | None:
    """The date ``text`` gives, if it is one whole date with a year; else None."""
    text = text.strip().rstrip(".")
    found = written_dates(text)
    if len(found) != 1 or (found[0].start, found[0].end) != (0, len(text)):
        return None
    return found[0].on()


class DateInput(TextInput):
    """A text box that takes a written date, with the browser's own picker beside it.

    ``static/date-picker.js`` adds an ``<input type="date">`` after each box; without
    scripts the box alone still takes every form ``read_date`` reads.
    """

    def __call__(self, field: Field, **kwargs: Any) -> Markup:
        kwargs.setdefault("data-date-picker", "")
        kwargs.setdefault("placeholder", "3 Feb 2023")
        kwargs.setdefault("autocomplete", "off")
        return super().__call__(field, **kwargs)


class WrittenDateField(Field):
    """A date typed as people write one; a bad one is refused with the field's name."""

    widget = DateInput()

    def _value(self) -> str:
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.isoformat() if self.data else ""

    def process_formdata(self, valuelist: list[str]) -> None:
        text = (valuelist[0] if valuelist else "").strip()
        if not text:
            self.data = None
            return
        self.data = read_date(text)
        if self.data is None:
            self.data = None
            raise ValueError(
                f"{self.label.text}: “{text}” is not a date. Write it as {DATE_FORMS}."
            )


def countries() -> list[str]:
    """The countries the gazetteer knows, and those already given to people or offices."""
    known = set(places().countries.values())
    for column in (Person.country, Position.country):
        known |= {value for value in db.session.scalars(sa.select(column).distinct()) if value}
    return sorted(known)


class CountryField(SelectField):
    """A country from ``countries()``; none, when the column may be empty."""

    def __init__(self, label=None, validators=None, allow_blank: bool = True, **kwargs: Any):
        kwargs.pop("choices", None)
        blank = [("", "— not known —")] if allow_blank else []
        super().__init__(
            label,
            validators,
            choices=lambda: blank + [(name, name) for name in countries()],
            **kwargs,
        )

    def process_data(self, value: Any) -> None:
        self.data = value or ""

    def populate_obj(self, obj: Any, name: str) -> None:
        setattr(obj, name, self.data or None)


class FormConverter(ValueEnumConverter):
    """Our enum fields, and every date column as a ``WrittenDateField``."""

    @converts("Date")
    def convert_date(self, field_args, **extra):
        field_args.pop("widget", None)
        return WrittenDateField(**field_args)


def typed_errors(
    form, fields: tuple[str, ...], replaced: dict[str, str] | None = None
) -> str | None:
    """The messages of the ``fields`` an editor typed, in that order, each naming its field
    (``replaced`` gives a field a message of its own); None when they are all valid."""
    messages = [
        (replaced or {}).get(name, message)
        for name in fields
        for message in form.errors.get(name) or ()
    ]
    return " ".join(messages) or None
