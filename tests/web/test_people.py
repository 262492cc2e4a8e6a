"""The people screens: list with counts, search by alias, a person's page, and merging."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import session
from sqlalchemy import event

from tests.conftest import csrf_token
from tests.conftest import login
from tests.factories import add_attendee
from tests.factories import article
from tests.factories import statement
from webapp import PROJECT_ROOT
from webapp.auth import SessionCSRFForm
from webapp.db import db
from webapp.ingest import Registry
from webapp.models import Action
from webapp.models import Mention
from webapp.models import Person
from webapp.models import PersonAlias
from webapp.models import Revision
from webapp.models import Statement
from webapp.models import StatementKind
from webapp.models import meeting_participants

#: seeding creates the dictionary's people first, in its order, so their ids follow it
DICTIONARY = [
    person.name for person in Registry.load(PROJECT_ROOT / "seed_data/people.yaml").people
]
SMAILOV = DICTIONARY.index("Alikhan Smailov") + 1
MISHUSTIN = DICTIONARY.index("Mikhail Mishustin") + 1
#: meetings are numbered in the order the seed files report them: 000 (Mishustin and
#: Bektenov), 001 (Mishustin and Smailov), 003 (two), then 004 (Mishustin and Smailov)
SMAILOV_MEETINGS = [2, 5]


@pytest.fixture
def seeded(app, runner, users):
    assert runner.invoke(args=["seed"]).exit_code == 0
    return app


def add_duplicate(app, name: str = "A. Smailov", meeting_id: int | None = 2) -> int:
    """A second Smailov, attending the 2023-02-03 meeting (2) that Smailov attended too."""
    with app.app_context():
        meetings = [meeting_id] if meeting_id is not None else []
        duplicate = add_attendee(name, meetings, country="Kazakhstan")
        db.session.commit()
        return duplicate.id


def session_token(client) -> str:
    """A valid CSRF token for the client's session, for users shown no form to take one from."""
    with client.session_transaction() as saved:
        with client.application.test_request_context():
            session.update(saved)
            token = SessionCSRFForm().csrf_token.current_token
            saved.update(session)
    return token


def cell(page: str, column: str, row: int = 0) -> str:
    cells = re.findall(rf'<td class="col-{column}">(.*?)</td>', page, re.S)
    return " ".join(cells[row].split())


def test_list_shows_aliases_positions_and_counts(client, seeded):
    login(client, "vera")
    page = client.get("/admin/person/?search=Smailov").get_data(as_text=True)
    assert "Alikhan Smailov" in page
    link = re.fullmatch(
        r'<a class="person-name person-colour-(\d+)" href="/admin/person/details/\?id=(\d+)">'
        r"Alikhan Smailov</a>",
        cell(page, "name"),
    )
    assert link is not None
    colour, person_id = (int(group) for group in link.groups())
    assert colour == person_id % 12  # the same colour wherever this person is shown
    assert cell(page, "statements") == "1"
    assert cell(page, "meetings") == "2"
    assert cell(page, "positions") == (
        "First Deputy Prime Minister, Kazakhstan (2019–2022)<br>"
        "acting Prime Minister, Kazakhstan (2022)<br>"
        "Prime Minister, Kazakhstan (2022–2024)"
    )
    # seven aliases, four shown
    assert cell(page, "aliases").endswith("and 3 more")


def test_list_counts_use_grouped_queries_not_one_per_row(app, client, seeded):
    login(client, "vera")
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        small = client.get("/admin/person/?page_size=20")
        queries_small = len(statements)
        statements.clear()
        large = client.get("/admin/person/?page_size=100")
        queries_large = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert small.status_code == large.status_code == 200
    assert large.get_data(as_text=True).count('<td class="col-statements">') == 100
    assert queries_small == queries_large


def test_search_finds_a_person_by_alias(client, seeded):
    login(client, "vera")
    page = client.get("/admin/person/?search=Alihan").get_data(as_text=True)
    assert re.findall(r'<td class="col-name">\s*<a[^>]*>(.*?)</a>\s*</td>', page) == [
        "Alikhan Smailov"
    ]
    page = client.get("/admin/person/?search=100%25").get_data(as_text=True)
    assert '<td class="col-name">' not in page


def test_details_page_lists_aliases_positions_statements_and_meetings(client, seeded):
    login(client, "vera")
    page = client.get(f"/admin/person/details/?id={SMAILOV}").get_data(as_text=True)
    assert "Alihan Smailov, Alihan Smaiylov" in page
    assert "Prime Minister, Kazakhstan (2022–2024)" in page
    with client.application.app_context():
        said = db.session.scalars(sa.select(Statement.id).where(Statement.speaker_id == SMAILOV))
        statement_ids = list(said)
    assert len(statement_ids) == 1
    with client.application.app_context():
        article_id = db.session.get(Statement, statement_ids[0]).article_id
    # the statement opens its article's reading page at its words; its record is a click away
    reading = f"/admin/article/read/{article_id}#statement-{statement_ids[0]}"
    listed = re.findall(r'<ul id="statements">(.*?)</ul>', page, re.S)[0]
    assert re.search(rf'<li><a href="{re.escape(reading)}"', listed)
    assert f'href="/admin/statement/details/?id={statement_ids[0]}">record</a>' in listed
    assert 'href="/admin/meeting/details/?id=2"' in page
    assert 'href="/admin/meeting/details/?id=5"' in page
    assert f"/admin/history/?flt0_table_equals=people&amp;flt1_row_equals={SMAILOV}" in page


def test_edit_form_has_no_reverse_relation_selects(client, seeded):
    login(client, "eddie")
    page = client.get(f"/admin/person/edit/?id={SMAILOV}").get_data(as_text=True)
    names = set(re.findall(r'name="([^"]+)"', page))
    assert {"name", "country", "notes", "review_status", "aliases-0-alias"} <= names
    assert not names & {"statements", "mentions", "meetings", "positions"}
    # the country is chosen from a list of its own; no other select lists rows
    others = re.sub(r'<select[^>]*name="country".*?</select>', "", page, flags=re.S)
    assert others.count("<option") < 10


def merge_through_the_screens(client, ids: list[int], survivor: int):
    token = csrf_token(client, "/admin/person/")
    chosen = client.post(
        "/admin/person/action/", data={"csrf_token": token, "action": "merge", "rowid": ids}
    )
    assert chosen.status_code == 302
    assert "/admin/person/merge/?" in chosen.headers["Location"]
    page = client.get(chosen.headers["Location"])
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for person_id in ids:
        assert f'name="survivor" id="survivor-{person_id}" value="{person_id}"' in text
    # the duplicates share a meeting: the merge goes ahead once the warning is confirmed
    data = {"csrf_token": token, "survivor": survivor, "confirmed": "y"}
    return client.post(chosen.headers["Location"], data=data)


def test_editor_merges_two_people(app, client, seeded):
    duplicate = add_duplicate(app)
    login(client, "eddie")
    response = merge_through_the_screens(client, [SMAILOV, duplicate], duplicate)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/admin/person/details/?id={duplicate}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Merged Alikhan Smailov into A. Smailov." in page

    with app.app_context():
        assert db.session.get(Person, SMAILOV) is None
        said = sa.select(sa.func.count()).where(Statement.speaker_id == duplicate)
        assert db.session.scalar(said) == 1
        named = sa.select(sa.func.count()).where(Mention.person_id == duplicate)
        assert db.session.scalar(named) == 7
        # both attended meeting 2: one row is left
        rows = db.session.execute(
            sa.select(meeting_participants).where(meeting_participants.c.meeting_id == 2)
        ).all()
        assert sorted(rows) == [(2, MISHUSTIN), (2, duplicate)]
        aliases = db.session.scalars(
            sa.select(PersonAlias.alias).where(PersonAlias.person_id == duplicate)
        ).all()
        assert "Alikhan Smailov" in aliases and "Alihan Smailov" in aliases
        revisions = db.session.scalars(sa.select(Revision).where(Revision.actor == "eddie")).all()
        assert [(r.action, r.row_id) for r in revisions] == [(Action.MERGE, duplicate)]


def test_editor_merges_three_people(app, client, seeded):
    second = add_duplicate(app, "A. Smailov")
    third = add_duplicate(app, "Alikhan A. Smailov", meeting_id=5)
    login(client, "eddie")
    response = merge_through_the_screens(client, [third, SMAILOV, second], SMAILOV)
    assert response.status_code == 302
    with app.app_context():
        ids = db.session.scalars(sa.select(Person.id).where(Person.id.in_([second, third])))
        assert list(ids) == []
        attended = db.session.scalars(
            sa.select(meeting_participants.c.meeting_id).where(
                meeting_participants.c.person_id == SMAILOV
            )
        )
        assert sorted(attended) == SMAILOV_MEETINGS
        merge = db.session.scalar(sa.select(Revision).where(Revision.action == Action.MERGE))
        assert merge.changes["participants"] == {
            "moved": [],
            "dropped": [[2, second], [5, third]],
        }
        assert sorted(merge.changes["aliases"]["added"]) == sorted(
            db.session.scalars(
                sa.select(PersonAlias.id).where(
                    PersonAlias.alias.in_(["A. Smailov", "Alikhan A. Smailov"])
                )
            )
        )


def test_merge_without_csrf_token_changes_nothing(app, client, seeded):
    duplicate = add_duplicate(app)
    login(client, "eddie")
    response = client.post(
        f"/admin/person/merge/?id={SMAILOV}&id={duplicate}", data={"survivor": duplicate}
    )
    assert response.status_code == 400
    assert "The form has expired" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Person, SMAILOV) is not None
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Revision)) == 5


def test_viewer_cannot_merge(app, client, seeded):
    duplicate = add_duplicate(app)
    login(client, "vera")
    assert "Merge…" not in client.get("/admin/person/").get_data(as_text=True)
    assert client.get(f"/admin/person/merge/?id={SMAILOV}&id={duplicate}").status_code == 403
    token = session_token(client)
    response = client.post(
        f"/admin/person/merge/?id={SMAILOV}&id={duplicate}",
        data={"csrf_token": token, "survivor": duplicate},
    )
    assert response.status_code == 403
    response = client.post(
        "/admin/person/action/",
        data={"csrf_token": token, "action": "merge", "rowid": [SMAILOV, duplicate]},
    )
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Person, SMAILOV) is not None


def test_merge_page_needs_two_people(client, seeded):
    login(client, "eddie")
    response = client.get(f"/admin/person/merge/?id={SMAILOV}")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Choose between two and 20 people to merge." in page


def test_anonymous_user_is_sent_to_login(client, seeded):
    response = client.get("/admin/person/merge/?id=1&id=2")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_details_page_shows_the_newest_statements_and_links_to_all(app, client, seeded):
    """A person with many statements: the newest twenty, and a link to the filtered list."""
    with app.app_context():
        smailov = db.session.get(Person, SMAILOV)
        news = article(999, "Smailov said many things.", title="Many things")
        db.session.add_all(
            statement(news, f"thing {n}", speaker=smailov, kind=StatementKind.INDIRECT)
            for n in range(30)
        )
        db.session.commit()
        news_id = news.id
        newest = db.session.scalar(sa.select(sa.func.max(Statement.id)))
    login(client, "vera")
    page = client.get(f"/admin/person/details/?id={SMAILOV}").get_data(as_text=True)
    listed = re.findall(r'<ul id="statements">(.*?)</ul>', page, re.S)[0]
    assert listed.count("<li>") == 20
    reading = re.findall(r'<li><a href="/admin/article/read/(\d+)#statement-(\d+)"', listed)
    assert len(reading) == 20 and {article for article, _ in reading} == {str(news_id)}
    assert reading[0][1] == str(newest)
    assert "thing 29" in listed and "thing 9" not in listed
    assert "(indirect, Many things)" in listed
    assert "The newest 20 of 31:" in page
    everything = "/admin/statement/?flt0_speaker_equals=Alikhan+Smailov"
    assert f'href="{everything}"' in page
    all_of_them = client.get(everything).get_data(as_text=True)
    assert all_of_them.count('href="/admin/statement/details/?id=') == 20
    assert "thing 29" in all_of_them


def test_details_page_queries_do_not_grow_with_the_person(app, client, seeded):
    login(client, "vera")
    client.get(f"/admin/person/details/?id={SMAILOV}")  # everyone's names, read once and kept
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        client.get(f"/admin/person/details/?id={SMAILOV}")
        few = len(statements)
        statements.clear()
        client.get(f"/admin/person/details/?id={MISHUSTIN}")
        many = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert few == many
