"""Seeding again keeps an editor's mentions: confirmed, rejected or corrected, never re-found."""

from dataclasses import replace

import pytest
import sqlalchemy as sa

from tests.db.test_seed import REGISTRY
from tests.db.test_seed import extraction
from tests.db.test_seed import load
from webapp import seed
from webapp.db import db
from webapp.ingest.records import Mention as FoundMention
from webapp.models import Mention
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.vocabulary import How


@pytest.fixture
def session(app):
    with app.app_context():
        seed.apply_dictionary(db.session, REGISTRY)
        db.session.commit()
        yield db.session


def mentions(session) -> list[tuple[int, int, str, ReviewStatus]]:
    """(start, end, person, status) of every mention, in the order of the text."""
    rows = session.execute(
        sa.select(Mention.start_char, Mention.end_char, Person.name, Mention.review_status)
        .join(Person)
        .order_by(Mention.start_char, Person.name)
    ).all()
    return [tuple(row) for row in rows]


def mention_at(session, start: int, name: str) -> Mention:
    return session.scalar(
        sa.select(Mention).join(Person).where(Mention.start_char == start, Person.name == name)
    )


UNREVIEWED = ReviewStatus.UNREVIEWED
#: the extraction's three mentions: "Mishustin" at 0, "Bektenov" at 14, "Ivan Petrov" at 71
FOUND = [
    (0, 9, "Mikhail Mishustin", UNREVIEWED),
    (14, 22, "Olzhas Bektenov", UNREVIEWED),
    (71, 82, "Ivan Petrov", UNREVIEWED),
]


def test_machine_mentions_are_found_again(session):
    load(session, extraction())
    assert mentions(session) == FOUND
    load(session, extraction(), reextract=True)
    assert mentions(session) == FOUND


@pytest.mark.parametrize("verdict", [ReviewStatus.REVIEWED, ReviewStatus.REJECTED])
def test_a_confirmed_or_rejected_mention_is_kept_as_it_is(session, verdict):
    load(session, extraction())
    mention = mention_at(session, 0, "Mikhail Mishustin")
    mention.review_status = verdict
    session.commit()
    kept = (mention.id, mention.version_id)
    assert kept[1] == 2

    load(session, extraction(), reextract=True)
    assert mentions(session) == [(0, 9, "Mikhail Mishustin", verdict), *FOUND[1:]]
    again = mention_at(session, 0, "Mikhail Mishustin")
    assert (again.id, again.version_id) == kept


def test_a_corrected_mention_keeps_its_person_and_the_old_one_is_not_found_again(session):
    load(session, extraction())
    mention = mention_at(session, 0, "Mikhail Mishustin")
    mention.person = session.scalar(sa.select(Person).where(Person.name == "Olzhas Bektenov"))
    mention.review_status = ReviewStatus.EDITED
    session.commit()

    load(session, extraction(), reextract=True)
    assert mentions(session) == [(0, 9, "Olzhas Bektenov", ReviewStatus.EDITED), *FOUND[1:]]


def test_a_machine_mention_on_an_editors_words_stays_beside_it(session):
    """A role noun naming two people is two mentions of one span; rejecting one keeps the
    other where it was, and neither is found a second time."""
    both = extraction()
    both = replace(
        both, mentions=(*both.mentions, FoundMention(0, 9, "Olzhas Bektenov", How.ROLE, 0.6))
    )
    load(session, both)
    rejected = mention_at(session, 0, "Mikhail Mishustin")
    rejected.review_status = ReviewStatus.REJECTED
    session.commit()
    beside = mention_at(session, 0, "Olzhas Bektenov").id

    load(session, both, reextract=True)
    assert mentions(session) == [
        (0, 9, "Mikhail Mishustin", ReviewStatus.REJECTED),
        (0, 9, "Olzhas Bektenov", UNREVIEWED),
        *FOUND[1:],
    ]
    assert mention_at(session, 0, "Olzhas Bektenov").id == beside
