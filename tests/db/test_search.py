"""The full-text index follows inserts, updates and deletes."""

import sqlalchemy as sa

from tests.factories import article
from tests.factories import statement
from webapp.db import db
from webapp.models import Article
from webapp.models import Statement
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


def found(words: str) -> list[str]:
    """The texts of the statements a search box finds, as the lists run it, oldest first."""
    from webapp.search import find

    matches = find(db.session, "statements", words)
    ids = sa.select(sa.column("id")).select_from(matches.subquery.subquery())
    rows = sa.select(Statement.text).where(Statement.id.in_(ids)).order_by(Statement.id)
    return db.session.scalars(rows).all()


def test_search_stems_reads_or_and_phrases_and_finds_speakers(any_app):
    """The same answers from FTS5's porter tokenizer and PostgreSQL's english configuration."""
    from tests.factories import person

    with any_app.app_context():
        talks = article(1, "x")
        boris = person("Boris Petrov")
        db.session.add_all(
            [
                statement(talks, "The meeting went well"),
                statement(talks, "Two meetings a year"),
                statement(talks, "They met in Astana", speaker=boris),
                statement(talks, "Oil exports grew"),
                statement(talks, "Exports of oil fell"),
            ]
        )
        db.session.commit()
        # porter by hand: meeting, meetings -> meet; met stays met; exported -> export
        assert found("meet") == ["The meeting went well", "Two meetings a year"]
        assert found("met") == ["They met in Astana"]
        assert found("exported oil") == ["Oil exports grew", "Exports of oil fell"]
        assert found('"oil exports"') == ["Oil exports grew"]
        assert found("astana OR year") == ["Two meetings a year", "They met in Astana"]
        assert found('"oil exports" OR meeting') == [  # "meeting" is "meet": "meetings" too
            "The meeting went well",
            "Two meetings a year",
            "Oil exports grew",
        ]
        assert found("petrov") == ["They met in Astana"]
        # a speaker's name in any case, by the start of one of its words, not inside one
        assert found("PETROV") == found("bOrIs") == ["They met in Astana"]
        assert found("etrov") == []
        for typed in ('"unclosed', "OR", "AND (", "NEAR(x", "*", '"', "-x", "a OR OR", "'"):
            found(typed)  # no syntax error, whatever is typed
