"""The review queue: what the extractor was least sure of, confirmed or rejected in one click.

The queue keeps the editor's place: each verdict returns to the same page,
scrolled to the row that followed the one decided, and a page emptied by the
last verdicts gives way to the last page that still has rows.
"""

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
from webapp.admin.review_rows import doubts
from webapp.admin.review_rows import left_in_articles
from webapp.auth import CSRF_FAILED
from webapp.auth import SessionCSRFForm
from webapp.auth import safe_next
from webapp.changes.trail import recorded_as
from webapp.db import db
from webapp.models import Action
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models import Statement
from webapp.search import ROW_CAP
from webapp.search import capped_count

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


class ReturnForm(SessionCSRFForm):
    """A button that posts nothing but where to come back to."""

    next = HiddenField()


def unreviewed(queue: Queue) -> Select:
    return (
        db.select(queue.model)
        .where(queue.model.review_status == ReviewStatus.UNREVIEWED)
        .order_by(*queue.order)
    )


def page_url(show: str, page: int) -> str:
    return url_for(".index", show=show, page=page) if page > 1 else url_for(".index", show=show)


def remaining(queue: Queue) -> int:
    """How many rows the queue still holds, counted up to ``ROW_CAP + 1``."""
    rows = unreviewed(queue).with_only_columns(queue.model.id).order_by(None)
    return capped_count(db.session, rows, ROW_CAP)


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
        rows = unreviewed(queue)
        shown = db.paginate(
            rows.options(*queue.options),
            page=page,
            per_page=PAGE_SIZE,
            error_out=False,
            count=False,
        ).items
        counts = {key: remaining(each) for key, each in QUEUES.items()}
        if not shown and page > 1 and 0 < counts[name] <= ROW_CAP:
            last = min(-(-counts[name] // PAGE_SIZE), MAX_PAGE)
            return redirect(page_url(name, last))
        here = page_url(name, page)
        extra = {}
        if queue.model is Statement:
            extra = {
                "doubts": doubts(shown),
                "left_in_article": left_in_articles({row.article_id for row in shown}),
                "rest_form": ReturnForm(),
            }
        return self.render(
            f"admin/review/{name}.html",
            queues=QUEUES,
            show=name,
            queue=queue,
            rows=shown,
            page=page,
            has_next=page < MAX_PAGE and more_after(rows, queue.model, page),
            counts=counts,
            cap=ROW_CAP,
            form=VerdictForm(),
            here=here,
            can_write=self.can_write,
            **extra,
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

    @expose("/statements/article/<int:article_id>/confirm/", methods=("POST",))
    def confirm_rest(self, article_id: int):
        """Confirm every statement of an article still waiting for review, as reviews."""
        form = ReturnForm(request.form)
        if not form.validate():
            abort(400, description=CSRF_FAILED)
        article = db.session.get(Article, article_id) or abort(404)
        rows = db.session.scalars(
            db.select(Statement).where(
                Statement.article_id == article_id,
                Statement.review_status == ReviewStatus.UNREVIEWED,
            )
        ).all()
        with recorded_as(Action.REVIEW):
            for row in rows:
                row.review_status = ReviewStatus.REVIEWED
            db.session.commit()
        count = f"{len(rows)} statement{'' if len(rows) == 1 else 's'}"
        flash(f"Confirmed the {count} left in {article}.", "success")
        return redirect(safe_next(form.next.data) or url_for(".index", show="statements"))


def add_views(admin) -> None:
    admin.add_view(ReviewQueueView(name="Review", endpoint="review", url="/admin/review"))
