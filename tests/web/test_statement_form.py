"""The statement edit form stays tied to the article's words."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from tests.conftest import login
from tests.factories import SPRING_TEXT
from tests.factories import add
from tests.factories import add_records
from tests.factories import article
from tests.factories import person
from tests.factories import statement
from tests.factories import talks_form
from webapp.db import db
from webapp.models import Statement
from webapp.models import StatementKind


@pytest.fixture
def ids(app, users) -> dict[str, int]:
    return add_records(app)


def edit_path(statement_id: int) -> str:
    return f"/admin/statement/edit/?id={statement_id}&url=/admin/statement/"


def token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def save(client, ids, **changes):
    page = client.get(edit_path(ids["talks"])).get_data(as_text=True)
    return client.post(
        edit_path(ids["talks"]), data=talks_form(ids, csrf_token=token(page), **changes)
    )


def stored(app, statement_id: int) -> tuple[str, int, int]:
    with app.app_context():
        row = db.session.get(Statement, statement_id)
        return row.text, row.start_char, row.end_char


def test_the_form_shows_the_words_around_and_links_to_them(client, ids):
    login(client, "eddie")
    page = client.get(edit_path(ids["talks"])).get_data(as_text=True)
    # both sentences of the article: the statement's own and the one before it
    context = re.search(r'<div id="span-context"[^>]*data-offset="(\d+)">(.*?)</div>', page, re.S)
    assert context.group(1) == "0"
    assert unescape(context.group(2)) == (
        'Arbatova said trade is growing. Beketov said <mark id="span-words">'
        "the talks went well</mark>."
    )
    read = f'href="/admin/article/read/{ids["spring"]}#statement-{ids["talks"]}"'
    assert f'id="read-in-article" {read}' in page
    assert 'src="/static/statement-span.js"' in page
    assert re.search(r'<input[^>]*id="start_char"[^>]*value="45"', page)
    assert re.search(r'<input[^>]*id="end_char"[^>]*value="64"', page)


def test_a_text_that_no_longer_matches_is_refused(app, client, ids):
    login(client, "eddie")
    response = save(client, ids, text="the talks went well and fast")
    assert response.status_code == 200
    page = unescape(response.get_data(as_text=True))
    assert "Text: does not match the article. Characters 45–64 read “the talks went well”." in page
    assert stored(app, ids["talks"]) == ("the talks went well", 45, 64)


def test_a_new_span_with_its_words_is_saved(app, client, ids):
    assert SPRING_TEXT[45:54] == "the talks"
    login(client, "eddie")
    response = save(client, ids, text="the talks", start_char="45", end_char="54")
    assert response.status_code == 302
    assert stored(app, ids["talks"]) == ("the talks", 45, 54)


def test_a_span_whose_words_differ_is_refused(app, client, ids):
    """The span moved to "Beketov said" but the text still says the old words."""
    login(client, "eddie")
    page = unescape(save(client, ids, start_char="32", end_char="44").get_data(as_text=True))
    assert "Characters 32–44 read “Beketov said”" in page
    assert stored(app, ids["talks"]) == ("the talks went well", 45, 64)


def test_a_span_outside_the_article_is_refused(app, client, ids):
    assert len(SPRING_TEXT) == 65
    login(client, "eddie")
    page = unescape(save(client, ids, end_char="99").get_data(as_text=True))
    assert "Ends before character: the span must lie inside the article's 65 characters" in page
    page = unescape(save(client, ids, start_char="70", end_char="72").get_data(as_text=True))
    assert "Starts at character: the span must lie inside" in page
    assert stored(app, ids["talks"]) == ("the talks went well", 45, 64)


def test_line_breaks_posted_by_a_browser_still_match(app, client, users):
    text = "Speaker: Welcome.\nWe begin.\n\nNext."
    winter = article(3, text)
    turn = statement(winter, "Welcome.\nWe begin.", kind=StatementKind.TRANSCRIPT)
    (turn_id,) = add(app, turn)
    login(client, "eddie")
    path = edit_path(turn_id)
    page = client.get(path).get_data(as_text=True)
    data = {
        "csrf_token": token(page),
        "version_id": "1",
        "kind": "transcript",
        "text": "Welcome.\r\nWe begin.",
        "confidence": "1.0",
        "review_status": "unreviewed",
    }
    assert client.post(path, data=data).status_code == 302
    assert stored(app, turn_id) == ("Welcome.\nWe begin.", 9, 27)


def lookup(client, article_id: int | None, query: str = "") -> list[list]:
    path = f"/admin/statement/ajax/lookup/?name=speaker&query={query}"
    if article_id is not None:
        path += f"&article={article_id}"
    return json.loads(client.get(path).get_data(as_text=True))


def test_the_speaker_lookup_offers_the_article_people_first(app, client, ids):
    (aaron,) = add(app, person("Aaron Aalto"))
    login(client, "eddie")
    # winter: Anna said "the border is calm"; the welcome has no speaker
    assert lookup(client, ids["winter"]) == [
        [ids["anna"], "Anna Arbatova · in this article"],
        [aaron, "Aaron Aalto"],
        [ids["boris"], "Boris Beketov"],
        [ids["carl"], "Carl Chokin"],
    ]
    # typed: "a" is in every name but Boris Beketov's
    assert lookup(client, ids["winter"], "a") == [
        [ids["anna"], "Anna Arbatova · in this article"],
        [aaron, "Aaron Aalto"],
        [ids["carl"], "Carl Chokin"],
    ]
    assert [row[0] for row in lookup(client, None)] == [
        aaron,
        ids["anna"],
        ids["boris"],
        ids["carl"],
    ]


def test_the_speaker_field_opens_on_choices_without_typing(client, ids):
    login(client, "eddie")
    page = client.get(edit_path(ids["talks"])).get_data(as_text=True)
    field = re.search(r'<input[^>]*name="speaker"[^>]*>', page).group(0)
    assert 'data-minimum-input-length="0"' in field
    lookup_url = f"/admin/statement/ajax/lookup/?name=speaker&amp;article={ids['spring']}"
    assert f'data-url="{lookup_url}"' in field
