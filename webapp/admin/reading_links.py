"""Links into an article's reading page, scrolled to the words a record came from.

The fragment ``#statement-<id>`` names a statement's first highlighted piece,
``#mention-<id>`` a mention's, ``#meeting-<id>`` a meeting in the side list;
the page's script selects the record it names and opens it in the review panel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import url_for
from markupsafe import Markup

#: stand for the ids in a URL built once for many rows (``statement_pattern``)
ARTICLE_MARK = "9999999999991"
ROW_MARK = "9999999999992"


def statement_in_text(article_id: int, statement_id: int) -> str:
    return url_for("article.read_view", article_id=article_id, _anchor=f"statement-{statement_id}")


def statement_pattern() -> Callable[[int, int], str]:
    """``statement_in_text`` for a whole list of statements, at the cost of one URL."""
    pattern = url_for("article.read_view", article_id=ARTICLE_MARK, _anchor="statement-" + ROW_MARK)

    def url(article_id: int, statement_id: int) -> str:
        return pattern.replace(ARTICLE_MARK, str(int(article_id))).replace(
            ROW_MARK, str(int(statement_id))
        )

    return url


def meeting_in_text(article_id: int, meeting_id: int) -> str:
    return url_for("article.read_view", article_id=article_id, _anchor=f"meeting-{meeting_id}")


def mention_in_text(article_id: int, mention_id: int) -> str:
    return url_for("article.read_view", article_id=article_id, _anchor=f"mention-{mention_id}")


def row_in_text(table: str, row_id: int) -> str | None:
    """Where an article, a statement or a mention is read in its text; None for other rows."""
    if table == "articles":
        return url_for("article.read_view", article_id=row_id)
    if table == "statements":
        return url_for("article.statement_view", statement_id=row_id)
    if table == "mentions":
        return url_for("article.mention_view", mention_id=row_id)
    return None


def statement_article(view, context, model, name: str) -> Markup | str:
    """A statement's article, linked to its reading page at the statement."""
    article = model.article
    if article is None:
        return ""
    url = statement_in_text(model.article_id, model.id)
    return Markup('<a href="{}">{}</a>').format(url, article)


def meeting_articles(view, context, model, name: str) -> Markup:
    """A meeting's reports, each linked to its reading page at the meeting."""
    return Markup("<br>").join(
        Markup('<a href="{}">{}</a>').format(meeting_in_text(article.id, model.id), article)
        for article in model.articles
    )


def meeting_statements(label: Any):
    """A meeting's statements, each linked to the words in its article."""

    def format_(view, context, model, name: str) -> Markup:
        return Markup("<br>").join(
            Markup('<a href="{}">{}</a>').format(
                statement_in_text(statement.article_id, statement.id), label(statement)
            )
            for statement in model.statements
        )

    return format_
