"""The statement edit form, tied to the words it records.

The form shows the sentences around the statement, with a link to it on the
article's reading page; the editor changes the span by selecting words there
(``static/statement-span.js`` fills in start, end and text), and a save whose
text is not the article's words at that span is refused, naming the field. The
speaker lookup offers the article's people first, before anything is typed.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import g
from flask import request
from flask import url_for
from flask_admin.contrib.sqla.ajax import QueryAjaxModelLoader
from wtforms import IntegerField
from wtforms.validators import NumberRange
from wtforms.validators import Optional

from webapp.admin.filters import LOOKUP_LIMIT
from webapp.db import db
from webapp.ingest.text import paragraphs
from webapp.ingest.text import sentences
from webapp.models import Mention
from webapp.models import Person
from webapp.models import Statement

#: ``flask.g`` key: the ids of the people of the article the lookup was asked about
ARTICLE_PEOPLE = "speaker_lookup_article_people"
#: sentences shown before and after the statement's own
AROUND = 1
#: what the lookup adds to the label of a person the article names
IN_ARTICLE = " · in this article"


def span_fields() -> dict[str, IntegerField]:
    """Start and end as form fields; left out of a post, they keep the stored span."""
    return {
        "start_char": IntegerField("Starts at character", [Optional(), NumberRange(min=0)]),
        "end_char": IntegerField("Ends before character", [Optional(), NumberRange(min=1)]),
    }


def people_of(article_id: int) -> sa.Select:
    """The ids of the people an article mentions or quotes."""
    return sa.union(
        sa.select(Mention.person_id).where(Mention.article_id == article_id),
        sa.select(Statement.speaker_id).where(
            Statement.article_id == article_id, Statement.speaker_id.is_not(None)
        ),
    )


class SpeakerLoader(QueryAjaxModelLoader):
    """People by name, those of the lookup's article (``?article=``) first.

    Offers choices as soon as the field opens: with no word typed yet, the
    article's people head the list.
    """

    def __init__(self, name: str, **options):
        super().__init__(name, db, Person, fields=("name",), minimum_input_length=0, **options)

    def get_list(self, term: str, offset: int = 0, limit: int = 10):
        """A page of people in the name index's order, read until it is full."""
        limit = min(limit, LOOKUP_LIMIT)
        query = self.get_query()
        if term:
            query = query.filter(Person.name.icontains(term, autoescape=True))
        article_id = request.args.get("article", type=int)
        if article_id is None:
            return query.order_by(Person.name).offset(offset).limit(limit).all()
        here = set(db.session.scalars(people_of(article_id)))
        g.setdefault(ARTICLE_PEOPLE, set()).update(here)
        first = sa.case((Person.id.in_(here), 0), else_=1) if here else sa.literal(1)
        return query.order_by(first, Person.name).offset(offset).limit(limit).all()

    def format(self, model):
        found = super().format(model)
        if found is not None and model.id in g.get(ARTICLE_PEOPLE, ()):
            return found[0], found[1] + IN_ARTICLE
        return found


@dataclass(frozen=True)
class SpanContext:
    """The sentences around a statement, split where its words begin and end."""

    #: where ``before`` starts in the article's clean text
    offset: int
    before: str
    words: str
    after: str
    #: the statement on the article's reading page
    read_url: str


def sentence_spans(text: str) -> list[tuple[int, int]]:
    return [span for start, end in paragraphs(text) for span in sentences(text, start, end)]


def span_context(statement: Statement) -> SpanContext:
    text = statement.article.clean_text
    start = min(max(statement.start_char, 0), len(text))
    end = min(max(statement.end_char, start), len(text))
    spans = sentence_spans(text) or [(0, len(text))]
    first = next((i for i, (_, e) in enumerate(spans) if e > start), len(spans) - 1)
    last = next((i for i, (_, e) in enumerate(spans) if e >= end), len(spans) - 1)
    begin = min(spans[max(first - AROUND, 0)][0], start)
    finish = max(spans[min(last + AROUND, len(spans) - 1)][1], end)
    read_url = url_for(
        "article.read_view", article_id=statement.article_id, _anchor=f"statement-{statement.id}"
    )
    return SpanContext(begin, text[begin:start], text[start:end], text[end:finish], read_url)


def span_problem(form, statement: Statement) -> str | None:
    """Why the posted span and text cannot be saved, or None.

    Puts the message on the field to correct (``text`` when the words do
    not match, ``start_char`` or ``end_char`` when the span is outside the
    article) and returns it.
    """
    text = statement.article.clean_text
    start, end = form.start_char.data, form.end_char.data
    if start is None or end is None or not (0 <= start < end <= len(text)):
        field = form.start_char if start is None or not 0 <= start < len(text) else form.end_char
        message = (
            f"{field.label.text}: the span must lie inside the article's "
            f"{len(text)} characters, with the start before the end."
        )
        field.errors = [*field.errors, message]
        return message
    # a browser posts a textarea's line breaks as CRLF
    posted = (form.text.data or "").replace("\r\n", "\n")
    if posted != text[start:end]:
        message = (
            f"Text: does not match the article. Characters {start}–{end} read "
            f"“{text[start:end]}”. To change the words, select them in the article "
            "text above; the text must be exactly the article's words."
        )
        form.text.errors = [*form.text.errors, message]
        return message
    form.text.data = posted
    return None
