"""The small things: one heading a page, whole titles, plurals, seconds, dates, countries,
the 403 page in the frame, and the SQL page's guide to the schema."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from tests.conftest import login
from tests.factories import add_records
from tests.forms import form_fields
from webapp.admin.fields import read_date
from webapp.db import db
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import Person
from webapp.words import plural

H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)


@pytest.fixture
def ids(app, users) -> dict[str, int]:
    return add_records(app)


def headings(page: str) -> list[str]:
    return [re.sub(r"\s+", " ", html.unescape(text)).strip() for text in H1.findall(page)]


MAIN_PAGES = [
    ("/admin/", "Parley"),
    ("/admin/article/", "Articles"),
    ("/admin/article/read/{spring}", "Talks in Moscow"),
    ("/admin/article/raw/{spring}", "Talks in Moscow"),
    ("/admin/article/details/?id={spring}", "Talks in Moscow"),
    ("/admin/statement/", "Statements"),
    ("/admin/statement/details/?id={talks}", "Statement: Boris Beketov: the talks went well"),
    ("/admin/statement/edit/?id={talks}", "Statement: Boris Beketov: the talks went well"),
    ("/admin/statement/new/", "New statement"),
    ("/admin/meeting/", "Meetings"),
    ("/admin/meeting/details/?id={meeting}", "Meeting: Anna Arbatova – Boris Beketov, 2024-03-04"),
    ("/admin/person/", "People"),
    ("/admin/person/details/?id={anna}", "Person: Anna Arbatova"),
    ("/admin/person/merge/?id={anna}&id={boris}", "Merge people"),
    ("/admin/position/", "Positions"),
    ("/admin/source/", "Sources"),
    ("/admin/review/", "Review queue"),
    ("/admin/history/", "History"),
    ("/admin/sql/", "SQL"),
    ("/admin/sql/schema/", "The schema: docs/schema.md"),
]


@pytest.mark.parametrize(("path", "heading"), MAIN_PAGES)
def test_each_main_page_has_one_heading(client, ids, path, heading):
    login(client, "eddie")
    response = client.get(path.format(**ids))
    assert response.status_code == 200
    assert headings(response.get_data(as_text=True)) == [heading]


def test_an_article_heading_is_the_whole_first_sentence(app, client, users):
    """A title cut from the first sentence ("…") is shown whole as the page's heading."""
    assert client.application.test_cli_runner().invoke(args=["seed"]).exit_code == 0
    login(client, "vera")
    with app.app_context():
        article = db.session.scalar(db.select(Article).where(Article.title.endswith("…")))
        article_id, title = article.id, article.title
    page = client.get(f"/admin/article/read/{article_id}").get_data(as_text=True)
    [heading] = headings(page)
    assert not heading.endswith("…")
    assert heading.startswith(title.removesuffix("…"))
    assert len(heading) > len(title)


def test_plurals_come_from_one_helper():
    assert plural(1, "new meeting") == "1 new meeting"
    assert plural(0, "new meeting") == "0 new meetings"
    assert plural(2, "new person", "new people") == "2 new people"
    assert plural(1, "new person", "new people") == "1 new person"
    assert plural(1500, "article") == "1,500 articles"


def test_seeding_says_one_article_in_the_singular(runner, app, tmp_path):
    (tmp_path / "a.txt").write_text(
        "Talks in Astana\n\nASTANA, March 4 (Reuters) - Kassym-Jomart Tokayev met Mikhail "
        "Mishustin on Monday.\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["seed", str(tmp_path / "a.txt")])
    assert "Added 1 article;" in result.output


def test_timestamps_are_shown_to_the_second(client, ids):
    login(client, "eddie")
    page = client.get(f"/admin/statement/details/?id={ids['talks']}").get_data(as_text=True)
    created = re.search(r"<b>Created At</b>\s*</td>\s*<td>\s*([^<]*?)\s*</td>", page)[1]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", created), created


@pytest.mark.parametrize(
    "written",
    ["3 Feb 2023", "February 3, 2023", "2023-02-03", "03.02.2023", "3rd of February 2023"],
)
def test_dates_are_read_in_their_usual_written_forms(written):
    assert read_date(written) == date(2023, 2, 3)


@pytest.mark.parametrize("written", ["31 Feb 2023", "soon", "3 Feb", "3 Feb 2023 and 4 Feb 2023"])
def test_what_is_not_one_whole_date_is_not_read(written):
    assert read_date(written) is None


def edit_meeting(client, meeting_id: int, **changes: str):
    path = f"/admin/meeting/edit/?id={meeting_id}"
    fields = form_fields(client.get(path).get_data(as_text=True))
    fields.update(changes)
    return client.post(path, data=fields)


def held_on(app, meeting_id: int) -> date | None:
    with app.app_context():
        return db.session.get(Meeting, meeting_id).held_on


def test_a_meeting_date_is_saved_from_a_written_date(app, client, ids):
    login(client, "eddie")
    page = client.get(f"/admin/meeting/edit/?id={ids['meeting']}").get_data(as_text=True)
    box = re.search(r'<input[^>]*name="held_on"[^>]*>', page)[0]
    assert "data-date-picker" in box and 'value="2024-03-04"' in box
    assert "/static/date-picker.js" in page

    assert edit_meeting(client, ids["meeting"], held_on="February 3, 2023").status_code == 302

    assert held_on(app, ids["meeting"]) == date(2023, 2, 3)
    with client.get("/static/date-picker.js") as script:
        assert script.status_code == 200 and b'type = "date"' in script.data


def test_a_bad_date_is_refused_with_the_field_named(app, client, ids):
    login(client, "eddie")

    response = edit_meeting(client, ids["meeting"], held_on="31 Feb 2024")

    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    assert "Date: “31 Feb 2024” is not a date. Write it as 3 Feb 2023" in page
    assert held_on(app, ids["meeting"]) == date(2024, 3, 4)


def test_a_country_is_chosen_from_the_known_countries(app, client, ids):
    login(client, "eddie")
    page = client.get(f"/admin/person/edit/?id={ids['anna']}").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="country"[^>]*>(.*?)</select>', page, re.S)[1]
    options = re.findall(r'<option(?: selected)? value="([^"]*)"', select)
    assert {"Kazakhstan", "Russia", "Uzbekistan", "China"} <= set(options)
    assert '<option selected value="Russia">' in select

    path = f"/admin/person/edit/?id={ids['anna']}"
    fields = form_fields(page)
    refused = client.post(path, data={**fields, "country": "Atlantis"})
    assert refused.status_code == 200 and "Not a valid choice" in refused.get_data(as_text=True)
    assert client.post(path, data={**fields, "country": "Uzbekistan"}).status_code == 302
    with app.app_context():
        assert db.session.get(Person, ids["anna"]).country == "Uzbekistan"


def test_the_403_page_keeps_the_frame_and_its_navigation(client, ids):
    login(client, "vera")

    response = client.get("/admin/user/")

    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert headings(page) == ["Not allowed"]
    assert 'id="current-user">vera (viewer)' in page
    assert 'href="/admin/statement/"' in page and 'href="/admin/user/"' not in page
    assert "You are logged in as vera, a viewer." in page


def test_the_sql_page_lists_tables_columns_and_the_example_queries(client, ids):
    login(client, "eddie")
    page = client.get("/admin/sql/").get_data(as_text=True)
    statements = re.search(r'<details[^>]*id="relation-statements">(.*?)</details>', page, re.S)[1]
    for column in ("speaker_id", "start_char", "review_status"):
        assert f"<code>{column}</code>" in statements
    assert 'id="relation-statement_details"' in page and ">view</span>" in page
    assert 'id="relation-statements_fts_data"' not in page
    assert 'href="/admin/sql/schema/"' in page

    examples = re.findall(r'<a href="([^"]+)" class="sql-example">([^<]+)</a>', page)
    titles = [html.unescape(title) for _href, title in examples]
    assert titles[:3] == [
        "Who met whom, and when",
        "Everything one person said, oldest first",
        "Meetings per month",
    ]
    filled = client.get(html.unescape(examples[0][0])).get_data(as_text=True)
    box = re.search(r"<textarea[^>]*>(.*?)</textarea>", filled, re.S)[1]
    assert html.unescape(box).strip() == (
        "SELECT held_on, person, other, place\nFROM meeting_pairs\nWHERE person < other\n"
        "ORDER BY held_on, person;"
    )

    schema = client.get("/admin/sql/schema/").get_data(as_text=True)
    assert "# The Parley schema" in schema and "## Example queries" in schema
