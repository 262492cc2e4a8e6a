"""What the statements list adds to Flask-Admin's: filters by record and confidence band,
facets with counts, search snippets, speakers in their colours, and sorting by speaker.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_admin.contrib.sqla.ajax import QueryAjaxModelLoader
from flask_admin.contrib.sqla.filters import BaseSQLAFilter
from markupsafe import Markup

from webapp.admin.base import fetch
from webapp.admin.base import url_pattern
from webapp.admin.facets import Facet
from webapp.admin.facets import labels_of
from webapp.admin.filters import LOOKUP_LIMIT
from webapp.admin.filters import LookupFilter
from webapp.admin.person_colours import person_colour
from webapp.db import db
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models import Statement
from webapp.models import StatementKind
from webapp.search import capped_count

IDS = sa.bindparam("ids", expanding=True)
#: (URL value, label, lowest confidence, the band's end), lowest band first
CONFIDENCE_BANDS = (
    ("low", "under 0.5", 0.0, 0.5),
    ("doubtful", "0.5 to 0.7", 0.5, 0.7),
    ("likely", "0.7 to 0.9", 0.7, 0.9),
    ("sure", "0.9 and over", 0.9, None),
)


class ConfidenceBandFilter(BaseSQLAFilter):
    """Confidence in one of ``CONFIDENCE_BANDS``.

    A band holds a fifth of the rows or more, too many to look up through the
    confidence index and sort newest first (seconds at a million rows). On
    SQLite each bound is marked ``likelihood(..., 0.9)``: the list then reads
    the table newest first and stops when its page is full, while its capped
    count still walks the index.
    """

    def __init__(self, column, name: str) -> None:
        super().__init__(
            column, name, options=[(key, label) for key, label, *_ in CONFIDENCE_BANDS]
        )

    def operation(self):
        return "band"

    def validate(self, value) -> bool:
        return value in {key for key, *_ in CONFIDENCE_BANDS}

    def apply(self, query, value, alias=None):
        _key, _label, low, high = next(band for band in CONFIDENCE_BANDS if band[0] == value)
        column = self.get_column(alias)
        bounds = [column >= low] + ([] if high is None else [column < high])
        if db.session.get_bind().dialect.name == "sqlite":
            bounds = [sa.func.likelihood(bound, sa.literal_column("0.9")) for bound in bounds]
        return query.filter(*bounds)


MEETINGS = sa.select(Meeting.id, Meeting.held_on, Meeting.place).where(Meeting.id.in_(IDS))


def meeting_labels(ids: list[int]) -> dict[int, str]:
    labels = {}
    for row in fetch(MEETINGS, ids=ids):
        when = row.held_on.isoformat() if row.held_on else "undated"
        labels[row.id] = f"{when}, {row.place}" if row.place else when
    return labels


#: {id: label} for some people, articles or meetings: what a chip and a facet show
SPEAKER_LABELS = labels_of(sa.select(Person.id, Person.name).where(Person.id.in_(IDS)))
ARTICLE_LABELS = labels_of(
    sa.select(Article.id, sa.func.coalesce(Article.title, Article.file)).where(Article.id.in_(IDS))
)


class ArticleLoader(QueryAjaxModelLoader):
    """Articles whose title holds what was typed, the newest first, a page at a time."""

    def __init__(self, name: str, **options):
        super().__init__(name, db, Article, fields=("title",), **options)

    def get_list(self, term: str, offset: int = 0, limit: int = 10):
        query = self.get_query()
        if term:
            query = query.filter(Article.title.icontains(term, autoescape=True))
        query = query.order_by(Article.id.desc())
        return query.offset(offset).limit(min(limit, LOOKUP_LIMIT)).all()


FILTERS = (
    LookupFilter(Statement.speaker_id, "Speaker", "speaker", SPEAKER_LABELS),
    LookupFilter(Statement.article_id, "Article", "article", ARTICLE_LABELS),
    LookupFilter(Statement.meeting_id, "Meeting", "meeting", meeting_labels),
    ConfidenceBandFilter(Statement.confidence, "Confidence"),
)
BAND = sa.case(
    *((Statement.confidence < high, key) for key, _, _, high in CONFIDENCE_BANDS if high),
    else_=CONFIDENCE_BANDS[-1][0],
)
FACETS = (
    Facet("Speaker", Statement.speaker_id, "speaker_is", SPEAKER_LABELS, parse=int),
    Facet("Article", Statement.article_id, "article_is", ARTICLE_LABELS, parse=int),
    Facet("Meeting", Statement.meeting_id, "meeting_is", meeting_labels, parse=int),
    Facet(
        "Kind",
        sa.type_coerce(Statement.kind, sa.String),
        "kind_equals",
        order=[kind.value for kind in StatementKind],
        arg_value=lambda value: StatementKind(value).name,
    ),
    Facet(
        "Status",
        sa.type_coerce(Statement.review_status, sa.String),
        "status_equals",
        order=[status.value for status in ReviewStatus],
        arg_value=lambda value: ReviewStatus(value).name,
    ),
    Facet(
        "Confidence",
        BAND,
        "confidence_band",
        labels=lambda keys: {key: label for key, label, *_ in CONFIDENCE_BANDS},
        order=[key for key, *_ in reversed(CONFIDENCE_BANDS)],
    ),
)


def speaker_link(view, context, model: Statement, name: str) -> Markup | str:
    """The speaker's name, in their colour, linked to their page."""
    speaker = model.speaker
    if speaker is None:
        return ""
    href = view.row_data(model)["person_url"](speaker.id)
    return Markup('<a class="person-name {}" href="{}">{}</a>').format(
        person_colour(speaker.id), href, speaker.name
    )


def text_or_snippet(length: int):
    """The statement's text cut to ``length``, or, in a search, the words around the match."""

    def format_(view, context, model: Statement, name: str):
        snippet = view.row_data(model)["snippets"].get(model.id)
        if snippet is not None:
            return Markup('<span class="snippet">{}</span>').format(snippet)
        text = model.text or ""
        return text if len(text) <= length else text[: length - 1] + "…"

    return format_


def page_links() -> dict[str, Any]:
    return {"person_url": url_pattern("person.details_view")}


def by_speaker(query, desc: bool, offset: int, size: int):
    """The page at ``offset`` of the list's ``query`` sorted by speaker's name, then by id.

    Statements with a speaker are found through an inner join on ``people``,
    which lets SQLite walk the name index and each person's statements
    through ``speaker_id``'s, reading one page of rows; the outer join
    Flask-Admin writes sorts the whole table instead (0.4 s at a million
    statements). Statements nobody is known to have said come after them
    (before them, descending), read through ``speaker_id``'s index too; only
    a page past the named ones needs their number, counted then.
    """
    where = query.whereclause
    step = sa.desc if desc else sa.asc
    named = (
        sa.select(Statement.id)
        .select_from(Person)
        .join(Statement, Statement.speaker_id == Person.id)
        .order_by(step(Person.name), step(Statement.id))
    )
    unnamed = (
        sa.select(Statement.id).where(Statement.speaker_id.is_(None)).order_by(step(Statement.id))
    )
    if where is not None:
        named, unnamed = named.where(where), unnamed.where(where)
    first, then = (unnamed, named) if desc else (named, unnamed)
    ids = list(db.session.scalars(first.limit(size).offset(offset)))
    if len(ids) < size:
        before = offset + len(ids) if ids else capped_count(db.session, first.order_by(None), 10**9)
        ids += db.session.scalars(then.limit(size - len(ids)).offset(max(0, offset - before)))
    position = {id: i for i, id in enumerate(ids)}
    order = sa.case(position, value=Statement.id, else_=len(ids)) if ids else Statement.id
    return query.filter(Statement.id.in_(ids)).order_by(order)


def by_article(query, desc: bool, offset: int, size: int):
    """The page at ``offset`` sorted by article (in the order they were loaded), then by id.

    Flask-Admin files a sort on ``article_id`` under that name, not under the
    list's ``article`` column, so the column's sort is given here, on the
    ``article_id`` index.
    """
    step = sa.desc if desc else sa.asc
    return query.order_by(step(Statement.article_id), step(Statement.id)).limit(size).offset(offset)
