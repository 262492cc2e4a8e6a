"""A statement corrected from its reading page: its speaker and kind, and its words.

The forms are read by ``webapp.admin.article_review``, which checks the CSRF
token and the version and saves through the audit trail. New words are chosen
by selecting them in the article's text, as on the statement edit form
(``static/statement-span.js``): the page posts only where they start and end,
and the text saved is always the article's own words at that span, never text
typed in. A span outside the article's text, or one of blanks only, is refused
with a message that names its field.
"""

from __future__ import annotations

from typing import Any

from wtforms import IntegerField
from wtforms import SelectField
from wtforms.validators import InputRequired
from wtforms.validators import Optional

from webapp.admin.statement_form import span_fields
from webapp.auth import SessionCSRFForm
from webapp.db import db
from webapp.models import ReviewStatus
from webapp.models import Statement
from webapp.models import StatementKind

#: how the page names each kind of statement, in the order its choice offers them
KINDS = {
    StatementKind.DIRECT.value: "direct quote",
    StatementKind.INDIRECT.value: "indirect speech",
    StatementKind.TRANSCRIPT.value: "transcript turn",
}
#: how much of the words the answer gives back, as the reading page shows them
TEXT_SHOWN = 300


class SpeakerForm(SessionCSRFForm):
    #: empty for "unknown speaker"
    speaker_id = IntegerField(validators=[Optional()])
    #: left as it is when the form does not send it (an older page's form)
    kind = SelectField("Kind", choices=list(KINDS.items()), validate_choice=False)
    version_id = IntegerField(validators=[InputRequired()])

    def kind_problem(self) -> str | None:
        if self.kind.raw_data and self.kind.data not in KINDS:
            return "Kind: choose direct quote, indirect speech or transcript turn."
        return None


class WordsForm(SessionCSRFForm):
    #: where the words start and end in the article's clean text, as the edit form has them
    start_char = span_fields()["start_char"]
    end_char = span_fields()["end_char"]
    version_id = IntegerField(validators=[InputRequired()])


def statement_state(statement: Statement) -> dict[str, Any]:
    speaker = statement.speaker
    return {
        "speaker_id": speaker.id if speaker else None,
        "speaker": speaker.name if speaker else None,
        "kind": statement.kind.value,
        "start": statement.start_char,
        "end": statement.end_char,
        "text": statement.text[:TEXT_SHOWN],
    }


def speaker_change(speaker, kind: str | None):
    """The change that gives a statement this speaker (None: unknown) and, if sent, kind."""

    def change(statement: Statement) -> None:
        if statement.speaker_id != (speaker.id if speaker else None):
            statement.speaker = speaker
        if kind and statement.kind != StatementKind(kind):
            statement.kind = StatementKind(kind)
        if db.session.is_modified(statement):
            statement.review_status = ReviewStatus.EDITED

    return change


def speaker_message(statement: Statement, speaker, kind: str | None) -> str:
    """What the change says: the speaker, and the kind when it is a new one."""
    who = speaker.name if speaker else "unknown"
    message = f"Speaker of statement {statement.id} set to {who}"
    return f"{message}, {KINDS[kind]}" if kind and kind != statement.kind.value else message


def words_problem(form, statement: Statement) -> str | None:
    """Why the posted span cannot be the statement's words, or None; the message names the
    field to put right, as the statement edit form's does."""
    text = statement.article.clean_text
    start, end = form.start_char.data, form.end_char.data
    if start is None or not 0 <= start < len(text):
        field = form.start_char
    elif end is None or not start < end <= len(text):
        field = form.end_char
    else:
        if not text[start:end].strip():
            return "Words: the selection holds no words; select at least one word of the text."
        return None
    return (
        f"{field.label.text}: the words must lie inside the article's {len(text)} "
        "characters, with the start before the end. Select them in the article text."
    )


def words_change(start: int, end: int):
    """The change that makes a statement the article's words from ``start`` to ``end``."""

    def change(statement: Statement) -> None:
        text = statement.article.clean_text
        if (statement.start_char, statement.end_char) != (start, end):
            statement.start_char = start
            statement.end_char = end
        if statement.text != text[start:end]:
            statement.text = text[start:end]
        if db.session.is_modified(statement):
            statement.review_status = ReviewStatus.EDITED

    return change


def words_message(row_id: int, statement: Statement, start: int, end: int) -> str:
    words = statement.article.clean_text[start:end]
    shown = words if len(words) <= 60 else words[:57] + "…"
    return f"Words of statement {row_id} set to “{shown}”"
