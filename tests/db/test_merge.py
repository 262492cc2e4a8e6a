"""Merging people and undoing it, on a hand-built dataset and on the seed articles."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from tests.factories import add_attendee
from tests.factories import article
from tests.factories import meeting
from tests.factories import mention
from tests.factories import person
from tests.factories import position
from tests.factories import statement
from tests.factories import user
from webapp.changes.merge import MergeError
from webapp.changes.merge import merge_people
from webapp.changes.merge import unmerge
from webapp.changes.revert import RevertError
from webapp.changes.revert import revert
from webapp.db import db
from webapp.models import Action
from webapp.models import Meeting
from webapp.models import Mention
from webapp.models import Person
from webapp.models import PersonAlias
from webapp.models import Position
from webapp.models import Revision
from webapp.models import Statement
from webapp.models import meeting_participants

#: columns that change whenever a row is touched, whatever its content
BOOKKEEPING = {"version_id", "updated_at"}
TABLES = ("people", "person_aliases", "positions", "mentions", "statements", "meetings")


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables a merge touches, without the bookkeeping of moved rows."""
    tables = db.metadata.tables
    result = {}
    for name in TABLES:
        table = tables[name]
        keep = [c for c in table.c if name == "people" or c.name not in BOOKKEEPING]
        rows = db.session.execute(sa.select(*keep).order_by(table.c.id)).all()
        result[name] = [tuple(row) for row in rows]
    result["meeting_participants"] = participants()
    return result


def participants() -> list[tuple[int, int]]:
    table = meeting_participants
    rows = db.session.execute(sa.select(table).order_by(table.c.meeting_id, table.c.person_id))
    return [tuple(row) for row in rows]


def speakers() -> dict[int, int | None]:
    return dict(db.session.execute(sa.select(Statement.id, Statement.speaker_id)).all())


def aliases_of(person_id: int) -> list[tuple[int, str]]:
    rows = db.session.execute(
        sa.select(PersonAlias.id, PersonAlias.alias)
        .where(PersonAlias.person_id == person_id)
        .order_by(PersonAlias.alias)
    )
    return [tuple(row) for row in rows]


def build() -> None:
    """Four people, Smailov three times over, in four meetings of one article.

    A (1) Alikhan Smailov, alias "Smailov A." (1)
    B (2) Alihan Smailov, aliases "Smailov A." (2, A has it) and "Alihan Smaiylov" (3)
    C (3) A. Smailov, alias "Alihan Smaiylov" (4, B has it)
    D (4) Vladimir Putin
    meetings: 1 {A, D}, 2 {B, D}, 3 {A, B}, 4 {B, C}
    statements 1..4 said by A, B, C, D; mentions 1..3 of A, B, C; positions 1 (A), 2 (B)
    (aliases and positions are numbered in the order they are written here)
    """
    prime_minister = position("Prime Minister")
    first_deputy = position("First Deputy Prime Minister")
    a = person(
        "Alikhan Smailov", "Smailov A.", id=1, country="Kazakhstan", positions=[prime_minister]
    )
    b = person(
        "Alihan Smailov",
        "Smailov A.",
        "Alihan Smaiylov",
        id=2,
        country="Kazakhstan",
        notes="a duplicate",
        positions=[first_deputy],
    )
    c = person("A. Smailov", "Alihan Smaiylov", id=3)
    d = person("Vladimir Putin", id=4, country="Russia")
    db.session.add_all([article(1, "x" * 100, id=1), a, b, c, d])
    for number, people in enumerate([(a, d), (b, d), (a, b), (b, c)], start=1):
        db.session.add(meeting(*people, id=number, place="Almaty"))
    for number, speaker in enumerate([a, b, c, d], start=1):
        db.session.add(
            statement(
                id=number, article_id=1, speaker=speaker, start_char=number, end_char=number + 1
            )
        )
    for number, named in enumerate([a, b, c], start=1):
        db.session.add(
            mention(person=named, id=number, article_id=1, start_char=number, end_char=number + 1)
        )
    db.session.commit()
    if db.session.get_bind().dialect.name == "postgresql":
        for name in ("articles", "people", "person_aliases", "positions", *TABLES[3:]):
            db.session.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) FROM {name}"
                )
            )
        db.session.commit()


@pytest.fixture
def data(app):
    with app.app_context():
        build()
        yield


def test_merge_two_people(data):
    revision = merge_people(db.session, 1, [2])
    db.session.commit()

    assert db.session.scalars(sa.select(Person.id).order_by(Person.id)).all() == [1, 3, 4]
    assert speakers() == {1: 1, 2: 1, 3: 3, 4: 4}
    mentions = db.session.execute(sa.select(Mention.id, Mention.person_id).order_by(Mention.id))
    assert mentions.all() == [(1, 1), (2, 1), (3, 3)]
    positions = db.session.execute(sa.select(Position.id, Position.person_id).order_by(Position.id))
    assert positions.all() == [(1, 1), (2, 1)]
    # meeting 3 had both A and B: one row for A remains
    assert participants() == [(1, 1), (1, 4), (2, 1), (2, 4), (3, 1), (4, 1), (4, 3)]
    # B's "Smailov A." was A's already; B's own name is kept as an alias
    assert aliases_of(1) == [(5, "Alihan Smailov"), (3, "Alihan Smaiylov"), (1, "Smailov A.")]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PersonAlias)) == 4

    assert revision.action == Action.MERGE
    assert revision.table_name == "people" and revision.row_id == 1
    assert revision.actor == "cli" and revision.user_id is None
    assert revision.summary == "merged Alihan Smailov into Alikhan Smailov"
    changes = revision.changes
    assert changes["survivor"] == 1
    assert [(row["id"], row["name"], row["notes"]) for row in changes["removed"]] == [
        (2, "Alihan Smailov", "a duplicate")
    ]
    assert changes["statements"] == [[2, 2]]
    assert changes["mentions"] == [[2, 2]]
    assert changes["positions"] == [[2, 2]]
    assert changes["participants"] == {"moved": [[2, 2], [4, 2]], "dropped": [[3, 2]]}
    assert changes["aliases"] == {
        "moved": [[3, 2]],
        "dropped": [[2, 2, "Smailov A."]],
        "added": [5],
    }
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Revision)) == 1


def test_merge_three_people(data):
    revision = merge_people(db.session, 1, [3, 2])
    db.session.commit()

    assert db.session.scalars(sa.select(Person.id).order_by(Person.id)).all() == [1, 4]
    assert speakers() == {1: 1, 2: 1, 3: 1, 4: 4}
    assert db.session.scalars(sa.select(Mention.person_id)).all() == [1, 1, 1]
    # meeting 4 had B and C: B's row moved, C's was a duplicate by then
    assert participants() == [(1, 1), (1, 4), (2, 1), (2, 4), (3, 1), (4, 1)]
    # SQLite gives a new row the largest id + 1: 2 and 4 were deleted before the inserts
    assert aliases_of(1) == [
        (5, "A. Smailov"),
        (4, "Alihan Smailov"),
        (3, "Alihan Smaiylov"),
        (1, "Smailov A."),
    ]
    assert revision.changes["participants"] == {
        "moved": [[2, 2], [4, 2]],
        "dropped": [[3, 2], [4, 3]],
    }
    assert revision.changes["aliases"]["dropped"] == [
        [2, 2, "Smailov A."],
        [4, 3, "Alihan Smaiylov"],
    ]
    assert revision.summary == "merged Alihan Smailov, A. Smailov into Alikhan Smailov"


def test_merge_bumps_the_version_of_moved_statements_and_meetings(data):
    merge_people(db.session, 1, [2])
    db.session.commit()
    versions = dict(db.session.execute(sa.select(Statement.id, Statement.version_id)).all())
    assert versions == {1: 1, 2: 2, 3: 1, 4: 1}
    versions = dict(db.session.execute(sa.select(Meeting.id, Meeting.version_id)).all())
    assert versions == {1: 1, 2: 2, 3: 2, 4: 2}


@pytest.mark.parametrize("others", [[2], [2, 3], [3]])
def test_unmerge_restores_exactly_the_previous_state(data, others):
    before = snapshot()
    merge = merge_people(db.session, 1, others)
    db.session.commit()
    assert snapshot() != before

    undo = unmerge(db.session, merge)
    db.session.commit()

    assert snapshot() == before
    assert undo.action == Action.REVERT and undo.reverts_id == merge.id
    assert undo.changes["unmerged"] == sorted(others)


def test_unmerge_leaves_rows_added_since_with_the_survivor(data):
    merge = merge_people(db.session, 1, [2])
    db.session.add(
        statement(text="y", id=5, article_id=1, speaker_id=1, start_char=10, end_char=11)
    )
    db.session.add(PersonAlias(person_id=1, alias="Smailov"))
    db.session.commit()

    unmerge(db.session, merge)
    db.session.commit()

    assert speakers() == {1: 1, 2: 2, 3: 3, 4: 4, 5: 1}
    assert [alias for _id, alias in aliases_of(1)] == ["Smailov", "Smailov A."]
    assert aliases_of(2) == [(3, "Alihan Smaiylov"), (2, "Smailov A.")]


def test_unmerge_refuses_when_a_removed_name_is_taken_again(data):
    merge = merge_people(db.session, 1, [2])
    db.session.add(Person(name="Alihan Smailov"))
    db.session.commit()
    with pytest.raises(MergeError, match="Alihan Smailov"):
        unmerge(db.session, merge)


def test_merge_refuses_fewer_than_two_or_unknown_people(data):
    with pytest.raises(MergeError, match="at least two"):
        merge_people(db.session, 1, [1])
    with pytest.raises(MergeError, match="99"):
        merge_people(db.session, 1, [99])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 4


def test_revert_undoes_a_merge_once(data):
    editor = user("eddie")
    db.session.add(editor)
    merge = merge_people(db.session, 1, [2], editor)
    db.session.commit()
    assert (merge.actor, merge.user_id) == ("eddie", editor.id)

    undo = revert(db.session, merge, editor)
    db.session.commit()
    assert undo.reverts_id == merge.id and undo.actor == "eddie"
    assert db.session.get(Person, 2).name == "Alihan Smailov"
    with pytest.raises(RevertError, match="already been reverted"):
        revert(db.session, merge, editor)


def test_merge_and_unmerge_on_each_backend(any_app):
    with any_app.app_context():
        build()
        before = snapshot()
        merge = merge_people(db.session, 2, [1, 3])
        db.session.commit()
        assert participants() == [(1, 2), (1, 4), (2, 2), (2, 4), (3, 2), (4, 2)]
        unmerge(db.session, merge)
        db.session.commit()
        assert snapshot() == before
        # the recreated ids do not collide with the next new person
        db.session.add(Person(name="Someone New"))
        db.session.commit()


# -- on the seed articles ------------------------------------------------------------

SMAILOV = "Alikhan Smailov"


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def count_where(condition) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(condition))


def test_seeding_after_a_merge_finds_the_survivor(app, runner):
    assert runner.invoke(args=["seed"]).exit_code == 0
    with app.app_context():
        smailov = db.session.scalar(sa.select(Person).where(Person.name == SMAILOV))
        smailov_id = smailov.id
        said_before = count_where(Statement.speaker_id == smailov_id)
        named_before = count_where(Mention.person_id == smailov_id)
        aliases_before = len(aliases_of(smailov_id))
        # the duplicate also attended the 2023-02-03 meeting (2), with Mishustin and Smailov
        duplicate = add_attendee("A. Smailov", [2], country="Kazakhstan")
        db.session.commit()
        survivor = duplicate.id
        people, aliases, positions = count(Person), count(PersonAlias), count(Position)

        merge_people(db.session, survivor, [smailov_id])
        db.session.commit()

        assert count(Person) == people - 1
        assert count(PersonAlias) == aliases + 1  # his aliases move, his name is added
        assert count(Position) == positions
        assert count_where(Statement.speaker_id == survivor) == said_before == 1  # 004's turn
        assert count_where(Mention.person_id == survivor) == named_before
        attended = sa.select(meeting_participants.c.meeting_id).where(
            meeting_participants.c.person_id == survivor
        )
        assert sorted(db.session.scalars(attended)) == [2, 5]  # 001's meeting and 004's
        assert SMAILOV in [alias for _id, alias in aliases_of(survivor)]
        assert len(aliases_of(survivor)) == aliases_before + 1

    assert runner.invoke(args=["seed"]).exit_code == 0
    result = runner.invoke(args=["seed", "--reextract"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert count(Person) == people - 1
        assert count(PersonAlias) == aliases + 1
        assert db.session.scalar(sa.select(Person.id).where(Person.name == SMAILOV)) is None
        said = sa.select(sa.func.count()).where(Statement.speaker_id == survivor)
        assert db.session.scalar(said) == 1
        named = sa.select(sa.func.count()).where(Mention.person_id == survivor)
        assert db.session.scalar(named) == 7
