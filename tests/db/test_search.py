"""The full-text index follows inserts, updates and deletes."""

import sqlalchemy as sa

from webapp.db import db
from webapp.models import Article
from webapp.models import Statement
from webapp.models import StatementKind
from webapp.search import fts5_query


def matches(table, words):
    """Ids whose text matches, through FTS5 on SQLite and tsvector on PostgreSQL."""
    if db.engine.dialect.name == "sqlite":
        sql = f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :q ORDER BY rowid"
        params = {"q": fts5_query(words)}
    else:
        sql = (
            f"SELECT id FROM {table} WHERE search_vector @@ plainto_tsquery('english', :q)"
            " ORDER BY id"
        )
        params = {"q": words}
    return db.session.execute(sa.text(sql), params).scalars().all()


def test_statements_follow_insert_update_delete(any_app):
    with any_app.app_context():
        article = Article(file="a.txt", sha256="a" * 64, raw_text="x", clean_text="x")
        statement = Statement(
            article=article,
            kind=StatementKind.DIRECT,
            start_char=0,
            end_char=1,
            text="Strategic partnership with Kazakhstan",
        )
        db.session.add(statement)
        db.session.commit()
        assert matches("statements", "partnership") == [statement.id]

        statement.text = "Trade grew by ten percent"
        db.session.commit()
        assert matches("statements", "partnership") == []
        assert matches("statements", "trade") == [statement.id]

        db.session.delete(statement)
        db.session.commit()
        assert matches("statements", "trade") == []


def test_articles_index_title_and_text(any_app):
    with any_app.app_context():
        article = Article(
            file="a.txt",
            sha256="b" * 64,
            raw_text="x",
            title="Opening Asia",
            clean_text="Talks in Almaty on the digital forum",
        )
        db.session.add(article)
        db.session.commit()
        assert matches("articles", "Almaty") == [article.id]
        assert matches("articles", "opening") == [article.id]
        article.title = "Other"
        db.session.commit()
        assert matches("articles", "opening") == []
        db.session.execute(sa.delete(Article))
        db.session.commit()
        assert matches("articles", "Almaty") == []


def test_fts5_query_quotes_every_word():
    assert fts5_query('Putin AND "NEAR(x') == '"Putin" "AND" "NEAR" "x"*'
    assert fts5_query("  ,;  ") is None
