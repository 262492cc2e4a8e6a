"""The database itself refuses bad rows, whatever wrote them."""

from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.exc import StatementError

from tests.factories import article
from tests.factories import person
from tests.factories import position
from tests.factories import statement
from webapp.db import db
from webapp.models import Article
from webapp.models import Person
from webapp.models import Statement


@pytest.fixture
def session(any_app):
    with any_app.app_context():
        yield db.session
        db.session.rollback()


def refused(session, *rows, error=IntegrityError):
    session.add_all(rows)
    with pytest.raises(error):
        session.flush()
    session.rollback()


def test_a_good_row_is_accepted(session):
    words = article(text="Words said.")
    session.add(statement(words, "Words", speaker=person("Mikhail Mishustin")))
    session.flush()
    assert session.scalar(sa.select(sa.func.count()).select_from(Statement)) == 1


def test_statement_with_missing_article_is_refused(session):
    refused(session, statement(article_id=9999))


@pytest.mark.parametrize("start, end", [(5, 5), (6, 5), (-1, 3)])
def test_statement_span_must_be_forward(session, start, end):
    refused(session, statement(article(), start_char=start, end_char=end))


def test_statement_kind_outside_the_set_is_refused(session):
    session.add(article())
    session.flush()
    with pytest.raises(IntegrityError):
        session.execute(
            sa.text(
                "INSERT INTO statements (article_id, kind, text, start_char, end_char, confidence,"
                " review_status, version_id, created_at, updated_at)"
                " VALUES (1, 'rumour', 'x', 0, 1, 0.5, 'unreviewed', 1, '2024-01-01', '2024-01-01')"
            )
        )
    session.rollback()


def test_review_status_outside_the_set_is_refused(session):
    with pytest.raises(IntegrityError):
        session.execute(
            sa.text(
                "INSERT INTO people (name, review_status, version_id, created_at, updated_at)"
                " VALUES ('X', 'maybe', 1, '2024-01-01', '2024-01-01')"
            )
        )
    session.rollback()


def test_the_orm_refuses_an_unknown_kind_before_the_database_does(session):
    refused(session, statement(article(), kind="rumour"), error=StatementError)


def test_confidence_must_be_between_0_and_1(session):
    refused(session, statement(article(), confidence=1.5))


def test_position_cannot_end_before_it_starts(session):
    backwards = position("Prime Minister", started_on=date(2024, 2, 6), ended_on=date(2024, 2, 5))
    refused(session, person("Olzhas Bektenov", positions=[backwards]))


def test_article_sha256_is_unique(session):
    refused(session, article(1), article(1, file="copy.txt"))


def test_article_sha256_must_be_64_characters(session):
    refused(session, article(1, sha256="abc"))


def test_person_name_is_unique(session):
    refused(session, person("Vladimir Putin"), person("Vladimir Putin"))


def test_alias_is_unique_per_person(session):
    refused(session, person("Alikhan Smailov", "Alihan Smailov", "Alihan Smailov"))


def test_the_same_alias_may_belong_to_two_people(session):
    session.add_all([person("A One", "A."), person("A Two", "A.")])
    session.flush()


def test_deleting_an_article_deletes_its_statements(session):
    session.add(statement(article()))
    session.flush()
    session.execute(sa.delete(Article))
    assert session.scalar(sa.select(sa.func.count()).select_from(Statement)) == 0


def test_deleting_a_person_keeps_their_statements_without_a_speaker(session):
    said = statement(article(), speaker=person("X Y"))
    session.add(said)
    session.flush()
    session.execute(sa.delete(Person))
    session.expire_all()
    assert session.get(Statement, said.id).speaker_id is None
