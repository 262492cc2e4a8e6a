"""The full-text index follows inserts, updates and deletes."""

import sqlalchemy as sa

from tests.factories import article
from tests.factories import statement
from webapp.db import db
from webapp.models import Article
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
        said = statement(article(), "Strategic partnership with Kazakhstan")
        db.session.add(said)
        db.session.commit()
        assert matches("statements", "partnership") == [said.id]

        said.text = "Trade grew by ten percent"
        db.session.commit()
        assert matches("statements", "partnership") == []
        assert matches("statements", "trade") == [said.id]

        db.session.delete(said)
        db.session.commit()
        assert matches("statements", "trade") == []


def test_articles_index_title_and_text(any_app):
    with any_app.app_context():
        forum = article(text="Talks in Almaty on the digital forum", title="Opening Asia")
        db.session.add(forum)
        db.session.commit()
        assert matches("articles", "Almaty") == [forum.id]
        assert matches("articles", "opening") == [forum.id]
        forum.title = "Other"
        db.session.commit()
        assert matches("articles", "opening") == []
        db.session.execute(sa.delete(Article))
        db.session.commit()
        assert matches("articles", "Almaty") == []


def test_fts5_query_quotes_every_word():
    assert fts5_query('Putin AND "NEAR(x') == '"Putin" "AND" "NEAR x"'
    assert fts5_query("  ,;  ") is None
