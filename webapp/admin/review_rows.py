"""What the statements queue shows beside each row: why it is doubtful, and what is left.

Read for the page's rows only, in one query each: the flags follow the
extractor's own rules (``webapp.ingest.speech.doubts``), applied to the rows
as they are stored now, so that an editor's change of span shows at once.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from webapp.admin.base import fetch
from webapp.ingest.speech.doubts import is_scare_quote
from webapp.ingest.speech.doubts import nested
from webapp.models import ReviewStatus
from webapp.models import Statement

IDS = sa.bindparam("ids", expanding=True)
#: the spans of the statements of some articles that an editor has not thrown out
SPANS = (
    sa.select(Statement.article_id, Statement.id, Statement.start_char, Statement.end_char)
    .where(Statement.article_id.in_(IDS), Statement.review_status != ReviewStatus.REJECTED)
    .order_by(Statement.article_id, Statement.start_char, Statement.id)
)
LEFT = (
    sa.select(Statement.article_id, sa.func.count())
    .where(Statement.article_id.in_(IDS), Statement.review_status == ReviewStatus.UNREVIEWED)
    .group_by(Statement.article_id)
)


def doubts(rows: Iterable[Statement]) -> dict[int, list[str]]:
    """{statement id: why it is doubtful} for the rows that are scare quotes or nested."""
    rows = list(rows)
    found: dict[int, list[str]] = {}
    for row in rows:
        if is_scare_quote(row.kind, row.text):
            found.setdefault(row.id, []).append("scare quote")
    articles = {row.article_id for row in rows}
    if not articles:
        return found
    by_article: dict[int, list[sa.Row]] = {}
    for span in fetch(SPANS, ids=sorted(articles)):
        by_article.setdefault(span.article_id, []).append(span)
    shown = {row.id for row in rows}
    for spans in by_article.values():
        around = nested([(span.start_char, span.end_char) for span in spans])
        for inner, outer in around.items():
            if spans[inner].id in shown:
                found.setdefault(spans[inner].id, []).append(f"inside statement #{spans[outer].id}")
    return found


def left_in_articles(article_ids: set[int]) -> dict[int, int]:
    """{article id: its statements still unreviewed}."""
    if not article_ids:
        return {}
    return dict(fetch(LEFT, ids=sorted(article_ids)))
