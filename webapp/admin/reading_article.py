"""The article's own record, corrected from its reading page: title, subtitle, publication
date, source and dateline place.

The form is read by ``webapp.admin.article_review``, which checks the CSRF
token and the version and saves through the audit trail, as it does for a
meeting. The date is read in any of the written forms the edit forms take
(``webapp.admin.fields``); the source is chosen from the sources by its number.
A value that cannot be used is refused with a message that names its field.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from wtforms import IntegerField
from wtforms import StringField
from wtforms.validators import InputRequired
from wtforms.validators import Length
from wtforms.validators import Optional

from webapp.admin.fields import WrittenDateField
from webapp.admin.fields import typed_errors
from webapp.auth import SessionCSRFForm
from webapp.auth import strip
from webapp.db import db
from webapp.models import Article
from webapp.models import ReviewStatus
from webapp.models import Source
from webapp.models.common import utcnow

#: the form's fields, in the order the page shows them
FIELDS = ("title", "subtitle", "published", "source_id", "dateline_place")


def longest(column: str, label: str) -> Length:
    most = Article.__table__.c[column].type.length
    return Length(max=most, message=f"{label}: at most {most} letters.")


class ArticleForm(SessionCSRFForm):
    #: empty for no title (the file's name stands for it)
    title = StringField("Title", filters=[strip], validators=[longest("title", "Title")])
    subtitle = StringField(
        "Subtitle", filters=[strip], validators=[longest("subtitle", "Subtitle")]
    )
    #: empty for "date unknown"
    published = WrittenDateField("Publication date")
    #: empty for "no source given"
    source_id = IntegerField("Source", validators=[Optional()])
    dateline_place = StringField(
        "Dateline", filters=[strip], validators=[longest("dateline_place", "Dateline")]
    )
    version_id = IntegerField(validators=[InputRequired()])


def field_errors(form: ArticleForm) -> str | None:
    """The messages of the fields an editor typed, each naming its field; None if none."""
    return typed_errors(form, FIELDS, {"source_id": "Source: choose one of the sources, or none."})


def sources() -> list[list[Any]]:
    """Every source as [id, name], by name: the choices of the form's source."""
    rows = db.session.execute(sa.select(Source.id, Source.name).order_by(Source.name))
    return [[source_id, name] for source_id, name in rows]


def article_state(article: Article) -> dict[str, Any]:
    source = article.source
    return {
        "title": article.title,
        "subtitle": article.subtitle,
        "published": article.published.isoformat() if article.published else None,
        "date_from": article.date_from,
        "source_id": source.id if source else None,
        "source": source.name if source else None,
        "dateline_place": article.dateline_place,
    }


def chosen_source(form: ArticleForm) -> tuple[Source | None, str | None]:
    """The source the form names, or None for none; or a message when there is no such one."""
    if form.source_id.data is None:
        return None, None
    source = db.session.get(Source, form.source_id.data)
    if source is None:
        return None, f"Source: no source numbered {form.source_id.data}."
    return source, None


def article_change(form: ArticleForm, source: Source | None):
    """The change the form asks for. A new publication date is the editor's, so where it was
    taken from is no longer recorded, as with a meeting's date."""
    values = {
        "title": form.title.data or None,
        "subtitle": form.subtitle.data or None,
        "dateline_place": form.dateline_place.data or None,
    }
    published = form.published.data

    def change(article: Article) -> None:
        for name, value in values.items():
            if getattr(article, name) != value:
                setattr(article, name, value)
        if article.published != published:
            article.published = published
            article.date_from = None
        if article.source_id != (source.id if source else None):
            article.source = source
        if db.session.is_modified(article):
            article.review_status = ReviewStatus.EDITED
            article.updated_at = utcnow()

    return change


def article_message(article_id: int, form: ArticleForm, source: Source | None) -> str:
    title = form.title.data or "no title"
    when = form.published.data.isoformat() if form.published.data else "date unknown"
    where = source.name if source else "no source"
    return f"Article {article_id} set to “{title}”, {when}, {where}"
