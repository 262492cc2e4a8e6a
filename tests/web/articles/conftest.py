"""The article screens' tests all work on the seeded database, with the three users."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from tests.conftest import login
from tests.queries import recorded_sql
from tests.web.articles.pages import TRANSCRIPT
from tests.web.articles.pages import article_id
from tests.web.articles.pages import page_data
from webapp.db import db
from webapp.models import Meeting
from webapp.models import Mention
from webapp.models import Statement


@pytest.fixture
def app(seeded_app) -> Flask:
    """Every test here works on the seeded database."""
    return seeded_app


@pytest.fixture
def seeded(app, users) -> Flask:
    return app


@pytest.fixture
def queries(app):
    """Every SQL statement the app runs while the test is listening, with its parameters."""
    with recorded_sql(app, parameters=True) as seen:
        yield seen


@pytest.fixture
def transcript(seeded) -> dict:
    """The transcript article's id, its two statements (Smailov's turn, then Mishustin's),
    the undated meeting it reports (Tokayev and Putin, the one a reader would reject), the
    dated one (Smailov and Mishustin in Almaty), and its mentions by their words' start."""
    article = article_id(seeded, TRANSCRIPT)
    with seeded.app_context():
        statements = db.session.scalars(
            sa.select(Statement.id).where(Statement.article_id == article).order_by(Statement.id)
        ).all()
        meetings = dict(
            db.session.execute(
                sa.select(Meeting.held_on.is_(None), Meeting.id).where(
                    Meeting.articles.any(id=article)
                )
            ).all()
        )
        mentions = dict(
            db.session.execute(
                sa.select(Mention.start_char, Mention.id).where(Mention.article_id == article)
            ).all()
        )
    return {
        "article": article,
        "smailov": statements[0],
        "mishustin": statements[1],
        "undated": meetings[True],
        "almaty": meetings[False],
        "mentions": mentions,
    }


@pytest.fixture
def editor(client, transcript) -> dict:
    """Logged in as eddie, with the reading page's data (its CSRF token among it)."""
    login(client, "eddie")
    return page_data(client, transcript["article"])
