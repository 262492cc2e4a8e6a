"""Reconciling extracted records with the database: idempotent, and editors win."""

from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from webapp import seed
from webapp.db import db
from webapp.ingest import Document
from webapp.ingest import Extraction
from webapp.ingest import Registry
from webapp.ingest.records import Meeting as FoundMeeting
from webapp.ingest.records import Mention as FoundMention
from webapp.ingest.records import NewPerson
from webapp.ingest.records import Statement as FoundStatement
from webapp.models import Action
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import MeetingReport
from webapp.models import Mention
from webapp.models import Person
from webapp.models import PersonAlias
from webapp.models import Position
from webapp.models import ReviewStatus
from webapp.models import Revision
from webapp.models import Statement
from webapp.seed import reconcile
from webapp.vocabulary import How
from webapp.vocabulary import StatementKind

REGISTRY = Registry.from_data(
    [
        {
            "name": "Mikhail Mishustin",
            "country": "Russia",
            "aliases": ["Mikhail Vladimirovich"],
            "positions": [
                {
                    "title": "Prime Minister",
                    "country": "Russia",
                    "from": date(2020, 1, 16),
                    "to": None,
                    "acting": False,
                    "confirmed": True,
                    "source": None,
                }
            ],
        },
        {
            "name": "Olzhas Bektenov",
            "country": "Kazakhstan",
            "aliases": [],
            "positions": [
                {
                    "title": "Prime Minister",
                    "country": "Kazakhstan",
                    "from": date(2024, 2, 6),
                    "to": None,
                    "acting": False,
                    "confirmed": True,
                    "source": None,
                }
            ],
        },
    ]
)

TEXT = 'Mishustin met Bektenov in Moscow. "We are ready," Mishustin said. Aide {} nodded.'


def extraction(name="a.txt", sha="1", published=date(2024, 3, 4), newcomer="Ivan Petrov"):
    text = TEXT.format(newcomer)
    document = Document(
        file=name,
        sha256=sha * 64,
        raw_text=text,
        text=text,
        title="T",
        published=published,
        source="TASS",
    )
    ready = text.index("We are ready,")
    return Extraction(
        document=document,
        mentions=(
            FoundMention(0, 9, "Mikhail Mishustin", How.SURNAME, 0.9),
            FoundMention(14, 22, "Olzhas Bektenov", How.SURNAME, 0.9),
            FoundMention(
                text.index(newcomer), text.index(newcomer) + len(newcomer), newcomer, How.NEW, 0.5
            ),
        ),
        meetings=(
            FoundMeeting(
                0, 33, ("Mikhail Mishustin", "Olzhas Bektenov"), published, "Moscow", None, 0.8
            ),
        ),
        statements=(
            FoundStatement(
                ready, ready + 13, StatementKind.DIRECT, "Mikhail Mishustin", "said", 0.9, meeting=0
            ),
        ),
        new_people=(NewPerson(newcomer, None),),
    )


@pytest.fixture
def session(app):
    with app.app_context():
        seed.apply_dictionary(db.session, REGISTRY)
        db.session.commit()
        yield db.session


def count(session, model):
    return session.scalar(sa.select(sa.func.count()).select_from(model))


def snapshot(session):
    return {
        model.__name__: count(session, model)
        for model in (
            Article,
            Person,
            PersonAlias,
            Position,
            Meeting,
            MeetingReport,
            Statement,
            Mention,
            Revision,
        )
    }


def load(session, found, **options):
    people = seed.SeedCache(session)
    outcome = seed.seed_article(session, found, people, **options)
    session.commit()
    return outcome


def test_dictionary_creates_people_aliases_and_positions(session):
    assert session.scalars(sa.select(Person.name).order_by(Person.name)).all() == [
        "Mikhail Mishustin",
        "Olzhas Bektenov",
    ]
    assert session.scalars(sa.select(PersonAlias.alias)).all() == ["Mikhail Vladimirovich"]
    assert count(session, Position) == 2


def test_dictionary_aliases_are_stored_in_the_dictionary_order(session):
    aliases = ["Vladimir Putin", "Владимир Путин", "V. V. Putin", "Wladimir Putin"]
    registry = Registry.from_data(
        [{"name": "Vladimir Vladimirovich Putin", "country": "Russia", "aliases": aliases}]
    )
    seed.apply_dictionary(session, registry)
    stored = session.scalars(
        sa.select(PersonAlias.alias)
        .join(Person)
        .where(Person.name.startswith("Vladimir V"))
        .order_by(PersonAlias.id)
    )
    assert list(stored) == aliases  # ids in the file's order, whatever the hash seed


def test_dictionary_twice_changes_nothing(session):
    before = snapshot(session)
    assert seed.apply_dictionary(session, REGISTRY) == []
    session.commit()
    assert snapshot(session) == before


def test_an_article_becomes_rows_with_evidence(session):
    outcome = load(session, extraction())
    statement = session.get(Statement, outcome.statements[0])
    article = statement.article
    assert statement.text == "We are ready,"
    assert article.clean_text[statement.start_char : statement.end_char] == statement.text
    assert statement.speaker.name == "Mikhail Mishustin"
    assert statement.meeting.place == "Moscow"
    assert {p.name for p in statement.meeting.participants} == {
        "Mikhail Mishustin",
        "Olzhas Bektenov",
    }
    assert article.source.name == "TASS"
    new = session.scalar(sa.select(Person).where(Person.name == "Ivan Petrov"))
    assert new.review_status == ReviewStatus.UNREVIEWED
    assert outcome.people == [new.id]


def test_seeding_writes_one_revision_per_article(session):
    outcome = load(session, extraction())
    revision = session.scalar(sa.select(Revision))
    assert (revision.actor, revision.action, revision.row_id) == (
        "seed",
        Action.SEED,
        outcome.article_id,
    )
    assert revision.changes["statements"] == outcome.statements
    assert revision.changes["meetings"] == outcome.meetings


def test_seeding_twice_changes_nothing(session):
    load(session, extraction())
    before = snapshot(session)
    assert load(session, extraction()) is None
    assert snapshot(session) == before


def test_two_reports_of_one_meeting_make_one_meeting(session):
    load(session, extraction("a.txt", "1"))
    outcome = load(session, extraction("b.txt", "2"))
    assert count(session, Meeting) == 1
    assert outcome.meetings == [] and len(outcome.reported) == 1
    assert count(session, MeetingReport) == 2


def test_meetings_on_other_days_stay_apart(session):
    load(session, extraction("a.txt", "1"))
    load(session, extraction("b.txt", "2", published=date(2024, 3, 5)))
    assert count(session, Meeting) == 2


def test_reextract_replaces_machine_rows(session):
    load(session, extraction())
    before = snapshot(session)
    outcome = load(session, extraction(), reextract=True)
    assert outcome.reextracted
    after = snapshot(session)
    assert after.pop("Revision") == before.pop("Revision") + 1
    assert after == before


def test_an_edited_speaker_survives_reextract(session):
    outcome = load(session, extraction())
    statement = session.get(Statement, outcome.statements[0])
    other = session.scalar(sa.select(Person).where(Person.name == "Olzhas Bektenov"))
    statement.speaker = other
    statement.review_status = ReviewStatus.EDITED
    session.commit()
    assert load(session, extraction()) is None
    load(session, extraction(), reextract=True)
    statements = session.scalars(sa.select(Statement)).all()
    assert [(s.id, s.speaker.name, s.review_status) for s in statements] == [
        (statement.id, "Olzhas Bektenov", ReviewStatus.EDITED)
    ]


def test_a_confirmed_meeting_is_kept_and_reused_by_reextract(session):
    load(session, extraction())
    meeting = session.scalar(sa.select(Meeting))
    meeting.place = "Moscow, Government House"
    meeting.review_status = ReviewStatus.REVIEWED
    session.commit()
    load(session, extraction(), reextract=True)
    meetings = session.scalars(sa.select(Meeting)).all()
    assert [(m.id, m.place) for m in meetings] == [(meeting.id, "Moscow, Government House")]
    assert session.scalar(sa.select(Statement)).meeting_id == meeting.id


def test_a_crash_mid_article_stores_nothing_of_it(session, monkeypatch):
    load(session, extraction("a.txt", "1"))
    before = snapshot(session)

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(reconcile, "write_mentions", explode)
    people = seed.SeedCache(session)
    with pytest.raises(RuntimeError):
        seed.seed_article(session, extraction("b.txt", "2", newcomer="Oleg Petrov"), people)
    session.rollback()
    people.rollback()
    assert snapshot(session) == before
    assert people.find("Oleg Petrov") is None


def test_reextract_keeps_meeting_ids_and_an_edited_statements_meeting(session):
    outcome = load(session, extraction())
    meeting_id = outcome.meetings[0]
    statement = session.get(Statement, outcome.statements[0])
    statement.text = statement.text  # an editor confirms the statement as it is
    statement.review_status = ReviewStatus.REVIEWED
    session.commit()
    load(session, extraction(), reextract=True)
    assert session.scalars(sa.select(Meeting.id)).all() == [meeting_id]
    assert session.get(Statement, statement.id).meeting_id == meeting_id


def test_reextract_drops_a_machine_meeting_nothing_reports_any_more(session):
    load(session, extraction())
    found = extraction()
    without_meeting = Extraction(
        document=found.document,
        mentions=found.mentions,
        statements=tuple(replace(s, meeting=None) for s in found.statements),
        new_people=found.new_people,
    )
    load(session, without_meeting, reextract=True)
    assert count(session, Meeting) == 0
