"""What the reading page corrects beyond a verdict: whom a mention names, and a meeting's
date, place, occasion and participants.

The forms are read by ``webapp.admin.article_review``, which checks the CSRF
token and the version and saves through the audit trail. A value that cannot
be used is refused with a message that names its field, as the edit forms do:
a date is read in any of the written forms ``webapp.admin.fields`` takes.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from wtforms import Field
from wtforms import IntegerField
from wtforms import StringField
from wtforms.validators import InputRequired
from wtforms.validators import Length

from webapp.admin.fields import WrittenDateField
from webapp.admin.fields import typed_errors
from webapp.auth import SessionCSRFForm
from webapp.auth import strip
from webapp.db import db
from webapp.models import Meeting
from webapp.models import Mention
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models.common import utcnow

PLACE_LENGTH = Meeting.__table__.c.place.type.length
OCCASION_LENGTH = Meeting.__table__.c.occasion.type.length
NOBODY = "Participants: name at least one person, or reject the meeting."


class PersonIdsField(Field):
    """Person ids, one form value each (``participant_id=7&participant_id=9``)."""

    def process_formdata(self, valuelist: list[str]) -> None:
        ids = []
        for value in valuelist:
            if not value.strip().isdigit():
                self.data = []
                raise ValueError(f"{self.label.text}: “{value}” is not a person's number.")
            if int(value) not in ids:
                ids.append(int(value))
        self.data = ids

    def _value(self) -> str:
        return ""


class MentionPersonForm(SessionCSRFForm):
    #: whom the words name; a mention of nobody is rejected instead
    person_id = IntegerField(validators=[InputRequired()])
    version_id = IntegerField(validators=[InputRequired()])


class MeetingForm(SessionCSRFForm):
    #: empty for "undated"
    held_on = WrittenDateField("Date")
    place = StringField(
        "Place",
        filters=[strip],
        validators=[Length(max=PLACE_LENGTH, message=f"Place: at most {PLACE_LENGTH} letters.")],
    )
    #: left as it is when the form does not send it (an older page's form)
    occasion = StringField(
        "Occasion",
        filters=[strip],
        validators=[
            Length(max=OCCASION_LENGTH, message=f"Occasion: at most {OCCASION_LENGTH} letters.")
        ],
    )
    participant_id = PersonIdsField("Participants", default=list)
    version_id = IntegerField(validators=[InputRequired()])


def field_errors(form: SessionCSRFForm) -> str | None:
    """The messages of the fields an editor typed, each naming its field; None if none."""
    return typed_errors(form, ("held_on", "place", "occasion", "participant_id"))


def mention_state(mention: Mention) -> dict[str, Any]:
    person = mention.person
    return {
        "person_id": person.id,
        "person": person.name,
        "person_status": person.review_status.value,
        "person_version": person.version_id,
    }


def meeting_state(meeting: Meeting) -> dict[str, Any]:
    return {
        "held_on": meeting.held_on.isoformat() if meeting.held_on else None,
        "place": meeting.place,
        "occasion": meeting.occasion,
        "label": label(meeting),
        "participants": [[person.id, person.name] for person in meeting.participants],
    }


def label(meeting: Meeting) -> str:
    """As the reading page names a meeting: its date, and its place when known."""
    when = meeting.held_on.isoformat() if meeting.held_on else "undated"
    return f"{when}, {meeting.place}" if meeting.place else when


def person_change(person: Person):
    """The change that makes a mention name ``person``: an editor's mention from then on."""

    def change(mention: Mention) -> None:
        if mention.person_id != person.id:
            mention.person = person
            mention.review_status = ReviewStatus.EDITED

    return change


def people(ids: list[int]) -> tuple[list[Person], str | None]:
    """The people with these ids, in the order given; or a message naming the missing."""
    if not ids:
        return [], NOBODY
    found = {p.id: p for p in db.session.scalars(sa.select(Person).where(Person.id.in_(ids)))}
    missing = [str(i) for i in ids if i not in found]
    if missing:
        return [], f"Participants: no person numbered {', '.join(missing)}."
    return [found[i] for i in ids], None


def meeting_change(form: MeetingForm, participants: list[Person]):
    """The change a meeting form asks for. A new date or place is the editor's, so where it
    came from is no longer recorded; a new set of participants bumps the version too, as the
    meetings row itself would not be written otherwise."""
    held_on = form.held_on.data
    place = form.place.data or None
    occasion_sent = bool(form.occasion.raw_data)
    occasion = form.occasion.data or None

    def change(meeting: Meeting) -> None:
        # read before any change: loading them later would flush the changes made so far
        before = sorted(p.id for p in meeting.participants)
        if meeting.held_on != held_on:
            meeting.held_on = held_on
            meeting.date_from = None
        if meeting.place != place:
            meeting.place = place
            meeting.place_from = None
        if occasion_sent and meeting.occasion != occasion:
            meeting.occasion = occasion
        if before != sorted(p.id for p in participants):
            meeting.participants = participants
        if db.session.is_modified(meeting):
            meeting.review_status = ReviewStatus.EDITED
            meeting.updated_at = utcnow()

    return change


def meeting_message(meeting_id: int, form: MeetingForm, participants: list[Person]) -> str:
    when = form.held_on.data.isoformat() if form.held_on.data else "undated"
    where = form.place.data or "no place"
    names = ", ".join(sorted(p.name for p in participants))
    occasion = f", for “{form.occasion.data}”" if form.occasion.data else ""
    return f"Meeting {meeting_id} set to {when}, {where}{occasion}, with {names}"
