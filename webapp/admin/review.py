"""The review queue: what the extractor was least sure of, confirmed or rejected in one click."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

from flask import abort
from flask import flash
from flask import redirect
from flask import request
from flask import url_for
from flask_admin import expose
from sqlalchemy import Select
from sqlalchemy.orm import attributes
from sqlalchemy.orm import joinedload
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError
from wtforms import HiddenField
from wtforms import IntegerField
from wtforms.validators import AnyOf
from wtforms.validators import InputRequired

from webapp.admin.base import STALE_MESSAGE
from webapp.admin.base import SecureView
from webapp.auth import CSRF_FAILED
from webapp.auth import SessionCSRFForm
from webapp.auth import safe_next
from webapp.changes.trail import recorded_as
from webapp.db import db
from webapp.models import Action
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models import Statement

PAGE_SIZE = 25
#: OFFSET grows with the page; nobody reviews 10,000 rows by paging
MAX_PAGE = 400
VERDICTS = {ReviewStatus.REVIEWED.value: "Confirmed", ReviewStatus.REJECTED.value: "Rejected"}


@dataclass(frozen=True)
class Queue:
    model: type
    title: str
    #: the model view's endpoint, for the edit and details links
    endpoint: str
    order: tuple[Any, ...]
    options: tuple[Any, ...] = field(default=())


QUEUES = {
    "statements": Queue(
        Statement,
        "Statements",
        "statement",
        (Statement.confidence, Statement.id),
        (joinedload(Statement.speaker), joinedload(Statement.article)),
    ),
    "meetings": Queue(
        Meeting,
        "Meetings",
        "meeting",
        # undated meetings first: they fall out of every "meetings per month" until dated
        (Meeting.held_on.is_not(None), Meeting.confidence, Meeting.id),
        (selectinload(Meeting.participants),),
    ),
    "people": Queue(Person, "New people", "person", (Person.id,)),
}


class VerdictForm(SessionCSRFForm):
    verdict = HiddenField(validators=[InputRequired(), AnyOf(list(VERDICTS))])
    version_id = IntegerField(validators=[InputRequired()])
    next = HiddenField()


def more_after(rows: Select, model: type, page: int) -> bool:
    """Whether any of ``rows`` comes after page ``page``.

    ``db.paginate(..., count=False)`` cannot tell: without a total, its
    ``has_next`` is always False (Flask-SQLAlchemy 3.1, ``Pagination.pages``).
    Counting would read the whole queue, so this asks for the one row after
    the page instead.
    """
    following = rows.with_only_columns(model.id).offset(page * PAGE_SIZE).limit(1)
    return db.session.scalar(following) is not None


class ReviewQueueView(SecureView):
    @expose("/")
    def index(self):
        name = request.args.get("show", "statements")
        queue = QUEUES.get(name) or abort(404)
        page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
        unreviewed = (
            db.select(queue.model)
            .where(queue.model.review_status == ReviewStatus.UNREVIEWED)
            .order_by(*queue.order)
        )
        shown = db.paginate(
            unreviewed.options(*queue.options),
            page=page,
            per_page=PAGE_SIZE,
            error_out=False,
            count=False,
        )
        return self.render(
            f"admin/review/{name}.html",
            queues=QUEUES,
            show=name,
            queue=queue,
            rows=shown.items,
            page=page,
            has_next=page < MAX_PAGE and more_after(unreviewed, queue.model, page),
            form=VerdictForm(next=request.full_path),
            here=request.full_path,
            can_write=self.can_write,
        )

    @expose("/<show>/<int:row_id>/", methods=("POST",))
    def decide(self, show: str, row_id: int):
        queue = QUEUES.get(show) or abort(404)
        form = VerdictForm(request.form)
        if not form.validate():
            if "csrf_token" in form.errors:
                abort(400, description=CSRF_FAILED)
            abort(400, description="Choose Confirm or Reject.")
        row = db.session.get(queue.model, row_id) or abort(404)
        back = safe_next(form.next.data) or url_for(".index", show=show)
        attributes.set_committed_value(row, "version_id", form.version_id.data)
        try:
            with recorded_as(Action.REVIEW):
                row.review_status = ReviewStatus(form.verdict.data)
                db.session.commit()
        except StaleDataError:
            db.session.rollback()
            flash(STALE_MESSAGE, "error")
            return redirect(back)
        flash(f"{VERDICTS[form.verdict.data]}: {row}", "success")
        return redirect(back)


def add_views(admin) -> None:
    admin.add_view(ReviewQueueView(name="Review", endpoint="review", url="/admin/review"))
