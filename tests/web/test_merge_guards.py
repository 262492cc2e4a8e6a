"""Merging with guard rails: likely duplicates suggested, reasons against shown, Undo."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest

from tests.conftest import login
from tests.factories import add
from tests.factories import add_records
from tests.factories import person
from tests.factories import position
from webapp.db import db
from webapp.models import Person
from webapp.models import PersonAlias

CONFIRM = "Tick the box to merge despite the warnings, or cancel."


@pytest.fixture
def ids(app, users) -> dict[str, int]:
    """Anna and Boris met in Moscow on 2024-03-04 and are both quoted in "Talks in Moscow"."""
    return add_records(app)


def merge_page(client, *person_ids: int):
    query = "&".join(f"id={i}" for i in person_ids)
    return f"/admin/person/merge/?{query}&url=/admin/person/"


def token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def warnings(page: str) -> list[str]:
    box = re.search(r'<div class="alert alert-warning" id="merge-warnings">(.*?)</div>', page, re.S)
    return [unescape(item) for item in re.findall(r"<li>(.*?)</li>", box.group(1))] if box else []


def post_merge(client, path: str, survivor: int, **fields):
    page = client.get(path).get_data(as_text=True)
    return client.post(path, data={"csrf_token": token(page), "survivor": survivor, **fields})


def people(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(db.select(Person.name)))


def test_two_people_of_one_meeting_and_one_article_are_warned_of(client, ids):
    login(client, "eddie")
    page = client.get(merge_page(client, ids["anna"], ids["boris"])).get_data(as_text=True)
    assert warnings(page) == [
        "Anna Arbatova and Boris Beketov took part in the same meeting: 2024-03-04 in Moscow.",
        "Anna Arbatova and Boris Beketov are both quoted in “Talks in Moscow”.",
    ]
    assert "Merge 2 people anyway" in page


def test_offices_of_two_countries_at_once_are_warned_of(app, client, ids):
    with app.app_context():
        carl = db.session.get(Person, ids["carl"])
        carl.positions.append(
            position("Prime Minister", "Kazakhstan", started_on=date(2022, 1, 11))
        )
        db.session.commit()
    (karl,) = add(
        app,
        person(
            "Karl Chokin",
            positions=[
                position(
                    "Foreign Minister",
                    "Russia",
                    started_on=date(2004, 3, 9),
                    ended_on=date(2022, 6, 1),
                ),
            ],
        ),
    )
    login(client, "eddie")
    page = client.get(merge_page(client, ids["carl"], karl)).get_data(as_text=True)
    assert warnings(page) == [
        "Carl Chokin and Karl Chokin held offices of different countries at the same time: "
        "Carl Chokin was Prime Minister, Kazakhstan (2022-01-11 – now), "
        "Karl Chokin was Foreign Minister, Russia (2004-03-09 – 2022-06-01)."
    ]


def test_offices_one_after_the_other_or_of_one_country_are_not(app, client, ids):
    (earlier,) = add(
        app,
        person(
            "Carla Chokina",
            positions=[
                position(
                    "Ambassador", "Russia", started_on=date(2010, 1, 1), ended_on=date(2015, 1, 1)
                ),
                position("Minister", "Kazakh", started_on=date(2016, 1, 1)),
            ],
        ),
    )
    with app.app_context():
        carl = db.session.get(Person, ids["carl"])
        carl.positions.append(position("Senator", "Kazakhstan", started_on=date(2015, 1, 2)))
        db.session.commit()
    login(client, "eddie")
    page = client.get(merge_page(client, ids["carl"], earlier)).get_data(as_text=True)
    # Russia until 2015-01-01 and Kazakhstan from 2015-01-02; "Kazakh" is Kazakhstan
    assert warnings(page) == []
    assert "Merge 2 people</button>" in page


def test_a_warned_merge_needs_the_box_ticked(app, client, ids):
    login(client, "eddie")
    path = merge_page(client, ids["anna"], ids["boris"])
    response = post_merge(client, path, ids["anna"])
    assert response.status_code == 200
    assert CONFIRM in response.get_data(as_text=True)
    assert {"Anna Arbatova", "Boris Beketov"} <= people(app)
    response = post_merge(client, path, ids["anna"], confirmed="y")
    assert response.status_code == 302
    assert "Boris Beketov" not in people(app)


def test_a_merge_without_warnings_goes_ahead_and_can_be_undone(app, client, ids):
    (karl,) = add(app, person("Karl Chokin"))
    login(client, "eddie")
    response = post_merge(client, merge_page(client, ids["carl"], karl), ids["carl"])
    assert response.status_code == 302
    assert "Karl Chokin" not in people(app)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    message = re.search(r'<div class="alert alert-success[^"]*">(.*?)</div>', page, re.S).group(1)
    assert "Merged Karl Chokin into Carl Chokin." in message
    undo = re.search(r'<form method="post" action="(/admin/history/undo/)"', message).group(1)
    assert ">Undo</button>" in message
    ids = re.search(r'name="ids" type="hidden" value="([0-9,]+)"', message).group(1)
    response = client.post(undo, data={"csrf_token": token(message), "ids": ids})
    assert response.status_code == 302
    assert {"Carl Chokin", "Karl Chokin"} <= people(app)
    assert "Undone" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_undo_needs_the_token(app, client, ids):
    (karl,) = add(app, person("Karl Chokin"))
    login(client, "eddie")
    response = post_merge(client, merge_page(client, ids["carl"], karl), ids["carl"])
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    undo = re.search(r'action="(/admin/history/undo/)"', page).group(1)
    ids = re.search(r'name="ids" type="hidden" value="([0-9,]+)"', page).group(1)
    client.post(undo, data={"csrf_token": "forged", "ids": ids})
    assert "Karl Chokin" not in people(app)


def test_a_person_page_suggests_likely_duplicates(app, client, ids):
    """ "Borys" folds to "Boris" (y to i); Anna and Carl are nothing like Boris."""
    (borys,) = add(app, person("Borys Beketov", country="Kazakhstan"))
    login(client, "eddie")
    page = client.get(f"/admin/person/details/?id={ids['boris']}").get_data(as_text=True)
    listed = re.search(r'<ul id="duplicates">(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r'<a href="/admin/person/details/\?id=(\d+)">([^<]+)</a>', listed) == [
        (str(borys), "Borys Beketov")
    ]
    back = f"/admin/person/details/?id%3D{ids['boris']}"
    merge = f"/admin/person/merge/?id={ids['boris']}&amp;id={borys}&amp;url={back}"
    assert f'href="{merge}">Merge…</a>' in listed
    anna = client.get(f"/admin/person/details/?id={ids['anna']}").get_data(as_text=True)
    assert 'id="duplicates"' not in anna


def test_the_duplicates_page_lists_each_pair_once(app, client, ids):
    (borys,) = add(app, person("Borys Beketov"))
    (smailov,) = add(app, person("Alikhan Smailov", "Alihan Smailov"))
    (smaylov,) = add(app, person("Alikhan Smaylov"))
    login(client, "vera")
    page = client.get("/admin/duplicates/").get_data(as_text=True)
    rows = re.findall(
        r"<tr>\s*<td><a href=\"/admin/person/details/\?id=(\d+)\">.*?details/\?id=(\d+)\"",
        page,
        re.S,
    )
    assert rows == [(str(smailov), str(smaylov)), (str(ids["boris"]), str(borys))]
    assert "Merge…" not in page  # a viewer merges nothing
    editor = app.test_client()
    login(editor, "eddie")
    assert editor.get("/admin/duplicates/").get_data(as_text=True).count("Merge…") == 2


def test_the_duplicates_page_needs_a_login(client, ids):
    response = client.get("/admin/duplicates/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_suggestions_follow_changes_to_the_people(app, client, ids):
    login(client, "eddie")
    page = f"/admin/person/details/?id={ids['boris']}"
    assert 'id="duplicates"' not in client.get(page).get_data(as_text=True)
    (borys,) = add(app, person("Borys Beketov"))
    assert "Borys Beketov" in client.get(page).get_data(as_text=True)
    with app.app_context():
        db.session.get(Person, borys).name = "Zoran Zulu"
        db.session.commit()
    assert 'id="duplicates"' not in client.get(page).get_data(as_text=True)
    with app.app_context():
        db.session.add(PersonAlias(person_id=ids["carl"], alias="Boris Bekettov"))
        db.session.commit()
    listed = re.search(
        r'<ul id="duplicates">(.*?)</ul>', client.get(page).get_data(as_text=True), re.S
    )
    assert "Carl Chokin" in listed.group(1)  # by his new alias
