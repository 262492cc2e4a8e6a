"""Reviewing from the reading page without a reload: confirm, reject, correct a statement's
speaker, kind and words, whom a mention names, a meeting's date, place, occasion and
participants, or the article's own details; and undo.

The reading page's script (``static/article-reader.js``) posts small forms here
and reads JSON back. Each form carries the session's CSRF token and the
version of the row the editor saw, as the edit forms do: a row changed since
is refused with 409 and the row as it now is, never overwritten. Every change
goes through the session, so the audit trail records it like any edit (a
verdict as a review, a correction as an update), and the answer names that
revision, which Undo reverts through ``webapp.changes.revert``. The correction
forms are in ``webapp.admin.reading_statement`` (a statement's),
``webapp.admin.reading_corrections`` and, for the article itself,
``webapp.admin.reading_article``.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

import sqlalchemy as sa
from flask import Blueprint
from flask import jsonify
from flask import request
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError
from wtforms import HiddenField
from wtforms import IntegerField
from wtforms.validators import AnyOf
from wtforms.validators import InputRequired

from webapp.admin import reading_article
from webapp.admin import reading_corrections as corrections
from webapp.admin import reading_statement
from webapp.admin.base import STALE_MESSAGE
from webapp.auth import CSRF_FAILED
from webapp.auth import SessionCSRFForm
from webapp.auth import TokenForm
from webapp.changes.revert import RevertError
from webapp.changes.revert import revert
from webapp.changes.trail import recorded_as
from webapp.db import db
from webapp.models import Action
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import Mention
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models import Revision
from webapp.models import Role
from webapp.models import Statement

#: the records the reading page reviews, by table name (as in the URLs and the audit trail)
MODELS: dict[str, type] = {
    "articles": Article,
    "statements": Statement,
    "meetings": Meeting,
    "people": Person,
    "mentions": Mention,
}
NOUNS = {
    "articles": "article",
    "statements": "statement",
    "meetings": "meeting",
    "people": "person",
    "mentions": "mention",
}
VERDICTS = {ReviewStatus.REVIEWED.value: "Confirmed", ReviewStatus.REJECTED.value: "Rejected"}
NOT_UNDOABLE = (
    "Only your own confirmations, rejections and corrections can be undone here; "
    "History reverts the others."
)


class VerdictForm(SessionCSRFForm):
    verdict = HiddenField(validators=[InputRequired(), AnyOf(list(VERDICTS))])
    version_id = IntegerField(validators=[InputRequired()])


def state(row: Any) -> dict[str, Any]:
    """What the page shows of a reviewed row, after a change or a refused one."""
    values = {"id": row.id, "status": row.review_status.value, "version": row.version_id}
    if isinstance(row, Statement):
        values.update(reading_statement.statement_state(row))
    elif isinstance(row, Mention):
        values.update(corrections.mention_state(row))
    elif isinstance(row, Meeting):
        values.update(corrections.meeting_state(row))
    elif isinstance(row, Article):
        values.update(reading_article.article_state(row))
    return values


def answer(status: int = 200, **values: Any):
    """A JSON answer with a fresh CSRF token, so that a page left open keeps working."""
    values["csrf_token"] = TokenForm().csrf_token.current_token
    return jsonify(values), status


def refused(status: int, message: str, row: Any = None):
    return answer(status, error=message, row=state(row) if row is not None else None)


def form_refused(form: SessionCSRFForm):
    if "csrf_token" in form.errors:
        return refused(400, CSRF_FAILED)
    fields = ", ".join(sorted(form.errors))
    return refused(400, f"The request is missing or has a wrong {fields}.")


def fields_refused(form: SessionCSRFForm, field_errors, row: Any):
    """The answer refusing a correction form, or None when it is valid.

    A wrong CSRF token is said as such; otherwise the fields an editor typed
    are named with what is wrong with each (``field_errors``), before any
    other missing field.
    """
    valid = form.validate()
    typed = field_errors(form)
    if typed and "csrf_token" not in form.errors:
        return refused(400, typed, row)
    return None if valid else form_refused(form)


def latest_revision(table: str, row_id: int) -> int | None:
    return db.session.scalar(
        sa.select(Revision.id)
        .where(Revision.table_name == table, Revision.row_id == row_id)
        .order_by(Revision.id.desc())
        .limit(1)
    )


def save(table: str, row: Any, seen: int, change, action: Action | None, message: str):
    """Apply ``change`` to ``row`` if it is still at version ``seen``; the JSON answer.

    The mapper's version column makes the UPDATE itself check the version
    once more, for an editor who saves between this read and the write.
    """
    if row.version_id != seen:
        return refused(409, STALE_MESSAGE, row)
    with recorded_as(action) if action else nullcontext():
        change(row)
        changed = db.session.is_modified(row)
        try:
            db.session.flush()
        except StaleDataError:
            db.session.rollback()
            current = db.session.get(type(row), row.id)
            return refused(409, STALE_MESSAGE, current)
    revision = latest_revision(table, row.id) if changed else None
    db.session.commit()
    if not changed:
        message = f"Nothing to change: {message[0].lower()}{message[1:]} already."
    return answer(row=state(row), revision=revision, message=message)


bp = Blueprint("article_review", __name__, url_prefix="/admin/reading")


@bp.before_request
def editors_only():
    """Every endpoint here needs a logged-in editor; the answer is JSON either way."""
    if not current_user.is_authenticated:
        return refused(401, "You are logged out: log in again, then repeat the change.")
    if not current_user.can(Role.EDITOR):
        return refused(403, "Only editors can review records.")
    return None


@bp.post("/<table>/<int:row_id>/verdict")
def verdict(table: str, row_id: int):
    model = MODELS.get(table)
    row = db.session.get(model, row_id) if model else None
    if row is None:
        return refused(404, "No such record.")
    form = VerdictForm(request.form)
    if not form.validate():
        return form_refused(form)
    verdict = ReviewStatus(form.verdict.data)
    message = f"{VERDICTS[verdict.value]} {NOUNS[table]} {row_id}"

    def change(found):
        found.review_status = verdict

    return save(table, row, form.version_id.data, change, Action.REVIEW, message)


@bp.post("/statements/<int:row_id>/speaker")
def speaker(row_id: int):
    statement = db.session.get(Statement, row_id)
    if statement is None:
        return refused(404, "No such statement.")
    form = reading_statement.SpeakerForm(request.form)
    if not form.validate():
        return form_refused(form)
    wrong_kind = form.kind_problem()
    if wrong_kind:
        return refused(400, wrong_kind, statement)
    speaker = None
    if form.speaker_id.data is not None:
        speaker = db.session.get(Person, form.speaker_id.data)
        if speaker is None:
            return refused(400, "No such person.", statement)
    kind = form.kind.data if form.kind.raw_data else None
    message = reading_statement.speaker_message(statement, speaker, kind)
    change = reading_statement.speaker_change(speaker, kind)
    return save("statements", statement, form.version_id.data, change, None, message)


@bp.post("/statements/<int:row_id>/words")
def words(row_id: int):
    """New words for a statement, chosen by selecting them in the article's text."""
    statement = db.session.get(Statement, row_id)
    if statement is None:
        return refused(404, "No such statement.")
    form = reading_statement.WordsForm(request.form)
    valid = form.validate()
    if "csrf_token" in form.errors or "version_id" in form.errors:
        return form_refused(form)
    problem = reading_statement.words_problem(form, statement)
    if problem:
        return refused(400, problem, statement)
    if not valid:
        return form_refused(form)
    start, end = form.start_char.data, form.end_char.data
    message = reading_statement.words_message(row_id, statement, start, end)
    change = reading_statement.words_change(start, end)
    return save("statements", statement, form.version_id.data, change, None, message)


@bp.post("/mentions/<int:row_id>/person")
def mention_person(row_id: int):
    mention = db.session.get(Mention, row_id)
    if mention is None:
        return refused(404, "No such mention.")
    form = corrections.MentionPersonForm(request.form)
    if not form.validate():
        return form_refused(form)
    person = db.session.get(Person, form.person_id.data)
    if person is None:
        return refused(400, "No such person.", mention)
    message = f"Mention {row_id} now names {person.name}"
    change = corrections.person_change(person)
    return save("mentions", mention, form.version_id.data, change, None, message)


@bp.post("/meetings/<int:row_id>/correct")
def meeting(row_id: int):
    found = db.session.get(Meeting, row_id)
    if found is None:
        return refused(404, "No such meeting.")
    form = corrections.MeetingForm(request.form)
    if (refusal := fields_refused(form, corrections.field_errors, found)) is not None:
        return refusal
    participants, missing = corrections.people(form.participant_id.data)
    if missing:
        return refused(400, missing, found)
    message = corrections.meeting_message(row_id, form, participants)
    change = corrections.meeting_change(form, participants)
    return save("meetings", found, form.version_id.data, change, None, message)


@bp.post("/articles/<int:row_id>/correct")
def article(row_id: int):
    found = db.session.get(Article, row_id)
    if found is None:
        return refused(404, "No such article.")
    form = reading_article.ArticleForm(request.form)
    if (refusal := fields_refused(form, reading_article.field_errors, found)) is not None:
        return refusal
    source, missing = reading_article.chosen_source(form)
    if missing:
        return refused(400, missing, found)
    message = reading_article.article_message(row_id, form, source)
    change = reading_article.article_change(form, source)
    return save("articles", found, form.version_id.data, change, None, message)


@bp.post("/undo/<int:revision_id>")
def undo(revision_id: int):
    revision = db.session.get(Revision, revision_id)
    if revision is None:
        return refused(404, "No such change.")
    form = TokenForm(request.form)
    if not form.validate():
        return form_refused(form)
    mine = revision.user_id == current_user.id
    if (
        revision.table_name not in MODELS
        or not mine
        or revision.action
        not in (
            Action.REVIEW,
            Action.UPDATE,
        )
    ):
        return refused(400, NOT_UNDOABLE)
    model = MODELS[revision.table_name]
    try:
        undone = revert(db.session, revision, current_user._get_current_object())
        db.session.commit()
    except (RevertError, StaleDataError) as error:
        db.session.rollback()
        reason = str(error) if isinstance(error, RevertError) else STALE_MESSAGE
        return refused(409, f"Not undone. {reason}", db.session.get(model, revision.row_id))
    row = db.session.get(model, revision.row_id)
    noun = NOUNS[revision.table_name]
    return answer(
        row=state(row),
        revision=undone.id,
        message=f"Undone: {noun} {revision.row_id} is back as it was.",
    )
