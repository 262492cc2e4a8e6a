"""Undo after deleting a person, an article or a meeting: back with all that went with it, or
nothing, on each backend."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
import sqlalchemy as sa

from tests.conftest import csrf_token
from tests.conftest import login
from tests.factories import USERS
from tests.factories import add
from tests.factories import add_records
from tests.factories import mention
from tests.factories import person
from tests.factories import position
from tests.factories import user
from tests.web.test_undo import followed
from tests.web.test_undo import undo_fields
from webapp.db import db
from webapp.models import Action
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import PersonAlias
from webapp.models import Revision
from webapp.models import Source
from webapp.models import Statement
from webapp.models import meeting_participants

#: columns a row's return sets afresh, whatever it held
BOOKKEEPING = {"version_id", "updated_at", "created_at"}
TABLES = (
    "sources",
    "people",
    "person_aliases",
    "positions",
    "articles",
    "mentions",
    "meetings",
    "meeting_reports",
    "meeting_participants",
    "statements",
)


def everything() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables a delete can reach, without bookkeeping columns."""
    tables = db.metadata.tables
    found = {}
    for name in TABLES:
        table = tables[name]
        keep = [column for column in table.c if column.name not in BOOKKEEPING]
        rows = db.session.execute(sa.select(*keep).order_by(*table.primary_key.columns))
        found[name] = [tuple(row) for row in rows]
    return found


@pytest.fixture
def data(any_app) -> dict[str, int]:
    """The records dataset, with Carl Chokin made to matter: he has an alias and a position,
    is mentioned in the winter article, took part in the Moscow meeting and said "welcome".

    | row       | Carl's, and what deleting him does            |
    | alias     | C. Chokin: deleted                            |
    | position  | Minister of Trade: deleted                    |
    | mention   | "Speaker" in the winter article: deleted      |
    | meeting   | Moscow, with Anna and Boris: his place goes    |
    | statement | "Welcome, colleagues.": its speaker is cleared |
    """
    add(any_app, *(user(name) for name in USERS))
    ids = add_records(any_app)
    with any_app.app_context():
        carl = db.session.get(Person, ids["carl"])
        winter = db.session.get(Article, ids["winter"])
        carl.aliases.append(PersonAlias(alias="C. Chokin"))
        carl.positions.append(position("Minister of Trade"))
        db.session.add(mention(winter, carl, "Speaker"))
        moscow = db.session.get(Meeting, ids["meeting"])
        moscow.participants.append(carl)
        db.session.get(Statement, ids["welcome"]).speaker = carl
        db.session.commit()
    return ids


@pytest.fixture
def client(any_app, data):
    client = any_app.test_client()
    login(client, "eddie")
    return client


def delete(client, kind: str, row_id: int) -> str:
    token = csrf_token(client, f"/admin/{kind}/")
    page = followed(
        client, client.post(f"/admin/{kind}/delete/", data={"csrf_token": token, "id": row_id})
    )
    assert "Record was successfully deleted." in page
    return page


def undo(client, page: str) -> str:
    fields = undo_fields(page)
    assert fields is not None, "the confirmation carries no Undo"
    return followed(client, client.post("/admin/history/undo/", data=fields))


def messages(page: str) -> list[str]:
    return [
        html.unescape(re.sub(r"<[^>]+>", "", found)).strip().removeprefix("×").strip()
        for found in re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', page, re.S)
    ]


def count(table, **where) -> int:
    query = sa.select(sa.func.count()).select_from(table)
    for key, value in where.items():
        query = query.where(table.c[key] == value)
    return db.session.scalar(query)


def test_deleting_a_person_and_undoing_it_brings_back_all_that_went(any_app, client, data):
    with any_app.app_context():
        before = everything()
    page = delete(client, "person", data["carl"])
    tables = db.metadata.tables
    with any_app.app_context():
        for name in ("person_aliases", "positions", "mentions"):
            assert count(tables[name], person_id=data["carl"]) == 0, name
        assert count(meeting_participants, person_id=data["carl"]) == 0
        assert db.session.get(Statement, data["welcome"]).speaker_id is None

    back = undo(client, page)

    assert "Undone: 1 change reverted." in " ".join(messages(back))
    with any_app.app_context():
        assert everything() == before
        # an edit form opened while the statement had no speaker is out of date now
        assert db.session.get(Statement, data["welcome"]).version_id == 3


def test_deleting_two_people_at_once_and_undoing_it_brings_both_back(any_app, client, data):
    """Boris and Carl share the Moscow meeting and the statements' links; both come back."""
    with any_app.app_context():
        before = everything()
    form = {
        "csrf_token": csrf_token(client, "/admin/person/"),
        "action": "delete",
        "rowid": [str(data["boris"]), str(data["carl"])],
    }
    page = followed(client, client.post("/admin/person/action/", data=form))
    with any_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 1

    undo(client, page)

    with any_app.app_context():
        assert everything() == before


def test_deleting_an_article_and_undoing_it_brings_back_its_statements_and_meeting(
    any_app, client, data
):
    """The spring article takes its two statements, its meeting report, the Moscow meeting
    (only it reported the meeting) with its three participants, and no mention of its own."""
    with any_app.app_context():
        before = everything()
    page = delete(client, "article", data["spring"])
    with any_app.app_context():
        assert db.session.get(Meeting, data["meeting"]) is None
        assert count(db.metadata.tables["statements"], article_id=data["spring"]) == 0

    undo(client, page)

    with any_app.app_context():
        assert everything() == before


def test_deleting_a_meeting_and_undoing_it_brings_back_its_people_and_links(any_app, client, data):
    with any_app.app_context():
        before = everything()
    page = delete(client, "meeting", data["meeting"])
    with any_app.app_context():
        assert count(meeting_participants, meeting_id=data["meeting"]) == 0
        assert count(db.metadata.tables["meeting_reports"], meeting_id=data["meeting"]) == 0
        assert db.session.get(Statement, data["growing"]).meeting_id is None

    with any_app.app_context():
        written = db.session.execute(sa.select(Revision.action, Revision.table_name)).all()
        # the statements that lost the meeting are recorded with it, not as edits of their own
        assert written == [(Action.DELETE, "meetings")]
    undo(client, page)

    with any_app.app_context():
        assert everything() == before


def test_deleting_a_source_and_undoing_it_gives_its_articles_their_source_again(
    any_app, client, data
):
    with any_app.app_context():
        tass = Source(name="TASS")
        for name in ("spring", "winter"):
            db.session.get(Article, data[name]).source = tass
        db.session.commit()
        tass_id = tass.id
        before = everything()
    page = delete(client, "source", tass_id)
    with any_app.app_context():
        assert db.session.get(Article, data["spring"]).source_id is None
        summary = db.session.scalar(sa.select(Revision.summary))
    assert summary == "delete sources TASS, 2 articles lost their source"

    undo(client, page)

    with any_app.app_context():
        assert everything() == before
        assert db.session.get(Article, data["winter"]).source.name == "TASS"


def test_the_history_says_what_went_with_a_deleted_person(any_app, client, data):
    delete(client, "person", data["carl"])
    with any_app.app_context():
        revision = db.session.scalar(
            sa.select(Revision).where(
                Revision.action == Action.DELETE, Revision.table_name == "people"
            )
        )
        revision_id = revision.id
    words = (
        "Carl Chokin, with 1 place in a meeting, 1 alias, 1 position and 1 mention; "
        "1 statement lost its speaker"
    )
    listing = html.unescape(client.get("/admin/history/").get_data(as_text=True))
    assert words in listing
    page = html.unescape(
        client.get(f"/admin/history/details/?id={revision_id}").get_data(as_text=True)
    )
    taken = re.search(
        r'<table class="table table-sm table-bordered" id="taken-with">(.*?)</table>', page, re.S
    )
    rows = re.findall(r"<tr><th[^>]*>(.*?)</th><td>(.*?)</td></tr>", taken.group(1))
    assert rows == [
        ("Places in meetings", "1"),
        ("Aliases", "1"),
        ("Positions", "1"),
        ("Mentions", "1"),
        ("Statements that lost their speaker", f"#{data['welcome']}"),
    ]


def test_undo_is_refused_when_the_name_is_taken_again(any_app, client, data):
    page = delete(client, "person", data["carl"])
    (other,) = add(any_app, person("Carl Chokin"))

    back = undo(client, page)

    assert (
        f"Not undone. The name “Carl Chokin” is another person's now (person {other}). "
        "Nothing was undone."
    ) in messages(back)
    with any_app.app_context():
        assert db.session.scalars(sa.select(Person.id).filter_by(name="Carl Chokin")).all() == [
            other
        ]
        assert count(db.metadata.tables["person_aliases"], alias="C. Chokin") == 0


def test_undo_is_refused_when_what_it_needs_is_gone(any_app, client, data):
    """Carl's mention was in the winter article, deleted since: nothing of Carl comes back."""
    page = delete(client, "person", data["carl"])
    delete(client, "article", data["winter"])

    back = undo(client, page)

    assert (
        "Not undone. The person cannot come back whole. Its mentions point at article "
        f"{data['winter']}, which no longer exists. Nothing was undone."
    ) in messages(back)
    with any_app.app_context():
        assert db.session.get(Person, data["carl"]) is None
        assert count(meeting_participants, person_id=data["carl"]) == 0


def test_undo_is_refused_when_a_statement_has_another_speaker_now(any_app, client, data):
    page = delete(client, "person", data["carl"])
    with any_app.app_context():
        db.session.get(Statement, data["welcome"]).speaker_id = data["boris"]
        db.session.commit()

    back = undo(client, page)

    assert (
        f"Not undone. The person cannot come back whole. The statement {data['welcome']} has "
        "been given another speaker since. Nothing was undone."
    ) in messages(back)
    with any_app.app_context():
        assert db.session.get(Person, data["carl"]) is None
        assert db.session.get(Statement, data["welcome"]).speaker_id == data["boris"]
