"""The review queue as a queue: paging labels, the editor's place, what is left, the rest."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from tests.conftest import login
from tests.factories import add
from tests.factories import add_records
from tests.factories import article
from tests.factories import statement
from webapp.admin import review
from webapp.db import db
from webapp.models import Action
from webapp.models import Article
from webapp.models import ReviewStatus
from webapp.models import Revision
from webapp.models import Statement
from webapp.models import StatementKind

QUEUE = "/admin/review/?show=statements"


@pytest.fixture
def ids(app, users) -> dict[str, int]:
    """Unreviewed, least certain first: talks 0.4, welcome 0.5, border 0.6, growing 0.9."""
    return add_records(app)


def token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def rows(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<tr id="statements-(\d+)">', page)]


def back_to(page: str, row_id: int) -> str:
    """Where the verdict form of row ``row_id`` comes back to."""
    form = re.search(
        rf'action="/admin/review/statements/{row_id}/".*?name="next" value="([^"]*)"', page, re.S
    )
    return form.group(1).replace("&amp;", "&")


def statuses(app, *row_ids: int) -> list[ReviewStatus]:
    with app.app_context():
        return [db.session.get(Statement, i).review_status for i in row_ids]


def test_paging_labels_point_the_right_way(client, ids, monkeypatch):
    monkeypatch.setattr(review, "PAGE_SIZE", 2)
    login(client, "eddie")
    second = client.get(QUEUE + "&page=2").get_data(as_text=True)
    assert rows(second) == [ids["border"], ids["growing"]]
    back = re.search(r'rel="prev" href="([^"]+)">([^<]+)</a>', second)
    ahead = re.search(r'rel="next" href="([^"]+)">([^<]+)</a>', second)
    assert (back.group(1), back.group(2)) == (
        "/admin/review/?show=statements&amp;page=1",
        "&larr; More doubtful",
    )
    assert (ahead.group(1), ahead.group(2)) == (
        "/admin/review/?show=statements&amp;page=3",
        "Less doubtful &rarr;",
    )
    first = client.get(QUEUE).get_data(as_text=True)
    assert rows(first) == [ids["talks"], ids["welcome"]]
    assert '<li class="page-item disabled">\n        <a class="page-link" rel="prev"' in first


def test_a_verdict_comes_back_to_the_row_that_followed(app, client, ids, monkeypatch):
    monkeypatch.setattr(review, "PAGE_SIZE", 2)
    login(client, "eddie")
    page = client.get(QUEUE + "&page=2").get_data(as_text=True)
    assert back_to(page, ids["border"]) == f"{QUEUE}&page=2#statements-{ids['growing']}"
    # the last row of a page has no row after it: the one before it stands in
    assert back_to(page, ids["growing"]) == f"{QUEUE}&page=2#statements-{ids['border']}"
    data = {
        "csrf_token": token(page),
        "verdict": "reviewed",
        "version_id": "1",
        "next": back_to(page, ids["border"]),
    }
    response = client.post(f"/admin/review/statements/{ids['border']}/", data=data)
    assert response.headers["Location"] == f"{QUEUE}&page=2#statements-{ids['growing']}"
    assert statuses(app, ids["border"]) == [ReviewStatus.REVIEWED]
    # the page still has growing, which moved up to it
    assert rows(client.get(QUEUE + "&page=2").get_data(as_text=True)) == [ids["growing"]]


def test_correct_comes_back_to_the_same_place(client, ids):
    login(client, "eddie")
    page = client.get(QUEUE).get_data(as_text=True)
    edit = re.search(rf'href="(/admin/statement/edit/\?id={ids["talks"]}&amp;url=[^"]+)"', page)
    assert edit.group(1).endswith(
        "url=/admin/review/?show%3Dstatements%23statements-" + str(ids["welcome"])
    )


def test_an_emptied_last_page_gives_way_to_the_page_before(app, client, ids, monkeypatch):
    monkeypatch.setattr(review, "PAGE_SIZE", 3)
    with app.app_context():
        db.session.get(Statement, ids["growing"]).review_status = ReviewStatus.REJECTED
        db.session.commit()
    login(client, "eddie")
    response = client.get(QUEUE + "&page=2")
    assert response.headers["Location"] == QUEUE  # page 1 still holds the other three


def test_the_queue_says_how_many_are_left(app, client, ids):
    login(client, "eddie")
    page = client.get(QUEUE).get_data(as_text=True)
    assert "4 left to review, least certain first." in page
    # one meeting, and the three people nobody has reviewed
    assert re.search(r'Meetings\s*<span class="badge badge-secondary">1</span>', page)
    assert re.search(r'New people\s*<span class="badge badge-secondary">3</span>', page)
    data = {"csrf_token": token(page), "verdict": "rejected", "version_id": "1", "next": QUEUE}
    client.post(f"/admin/review/statements/{ids['talks']}/", data=data)
    assert "3 left to review" in client.get(QUEUE).get_data(as_text=True)


def test_a_count_past_the_cap_says_so(client, ids, monkeypatch):
    monkeypatch.setattr(review, "ROW_CAP", 3)
    login(client, "eddie")
    assert "3+ left to review" in client.get(QUEUE).get_data(as_text=True)


def confirm_rest(client, article_id: int, csrf: str | None = None):
    if csrf is None:
        csrf = token(client.get(QUEUE).get_data(as_text=True))
    data = {"csrf_token": csrf, "next": f"{QUEUE}#statements-1"}
    return client.post(f"/admin/review/statements/article/{article_id}/confirm/", data=data)


def test_confirm_the_rest_of_an_article(app, client, ids):
    """Spring holds growing and talks; winter, border and welcome, which stay as they are."""
    with app.app_context():
        db.session.get(Statement, ids["talks"]).review_status = ReviewStatus.EDITED
        db.session.add(statement(db.session.get(Article, ids["spring"]), "Beketov"))
        db.session.commit()
        added = db.session.scalar(sa.select(sa.func.max(Statement.id)))
    login(client, "eddie")
    page = client.get(QUEUE).get_data(as_text=True)
    assert "Confirm the rest of this article (2)" in page  # growing and the added one
    assert "Confirm the rest of this article (1)" not in page
    response = confirm_rest(client, ids["spring"], token(page))
    assert response.headers["Location"] == f"{QUEUE}#statements-1"
    assert statuses(app, ids["growing"], added, ids["talks"]) == [
        ReviewStatus.REVIEWED,
        ReviewStatus.REVIEWED,
        ReviewStatus.EDITED,
    ]
    assert statuses(app, ids["border"], ids["welcome"]) == [ReviewStatus.UNREVIEWED] * 2
    assert "Confirmed the 2 statements left in Talks in Moscow." in client.get(QUEUE).get_data(
        as_text=True
    )
    with app.app_context():
        audited = db.session.execute(
            sa.select(Revision.action, Revision.row_id, Revision.actor, Revision.changes)
            .where(Revision.table_name == "statements")
            .order_by(Revision.row_id)
        ).all()
    assert [tuple(row) for row in audited] == [
        (Action.REVIEW, ids["growing"], "eddie", {"review_status": ["unreviewed", "reviewed"]}),
        (Action.REVIEW, added, "eddie", {"review_status": ["unreviewed", "reviewed"]}),
    ]


def test_confirm_the_rest_needs_an_editor_and_a_token(app, client, ids):
    login(client, "eddie")
    assert confirm_rest(client, ids["spring"], csrf="forged").status_code == 400
    client.post("/logout", data={"csrf_token": token(client.get(QUEUE).get_data(as_text=True))})
    login(client, "vera")
    page = client.get(QUEUE).get_data(as_text=True)
    assert "Confirm the rest" not in page
    assert confirm_rest(client, ids["spring"], csrf=token(page)).status_code == 403
    assert statuses(app, ids["growing"], ids["talks"]) == [ReviewStatus.UNREVIEWED] * 2


def test_scare_quotes_and_nested_quotes_are_flagged(app, client, users):
    text = 'Arbatova said the talks went "fruitfully" and "we agreed on a lot of things".'
    spring = article(1, text, title="Talks")
    around = statement(
        spring,
        'the talks went "fruitfully" and "we agreed on a lot of things"',
        kind=StatementKind.INDIRECT,
        confidence=0.75,
    )
    scare = statement(spring, "fruitfully", confidence=0.3)
    inner = statement(spring, "we agreed on a lot of things", confidence=0.4)
    around_id, scare_id, inner_id = add(app, around, scare, inner)
    login(client, "eddie")
    page = client.get(QUEUE).get_data(as_text=True)
    assert rows(page) == [scare_id, inner_id, around_id]
    badges = {
        int(row): re.findall(r'<span class="badge badge-warning doubt">([^<]+)</span>', cells)
        for row, cells in re.findall(r'<tr id="statements-(\d+)">(.*?)</tr>', page, re.S)
    }
    assert badges == {
        scare_id: ["scare quote", f"inside statement #{around_id}"],
        inner_id: [f"inside statement #{around_id}"],
        around_id: [],
    }


def test_extraction_puts_a_scare_quote_first(app, client, users, tmp_path):
    """Seeded from a text: the one-word quote is ranked below the sentence-long one."""
    path = tmp_path / "scare.txt"
    path.write_text(
        "Tokayev and Putin talk trade\n\n"
        'ASTANA, March 4. /TASS/. Kassym-Jomart Tokayev said the talks went "fruitfully" '
        "and trade grew.\n\n"
        'Tokayev said: "We are ready to work together with Russia on energy."\n',
        encoding="utf-8",
    )
    assert app.test_cli_runner().invoke(args=["seed", str(path)]).exit_code == 0
    login(client, "eddie")
    page = client.get(QUEUE).get_data(as_text=True)
    texts = re.findall(
        r"<td>(fruitfully|We are ready to work together with Russia on energy\.)", page
    )
    assert texts == ["fruitfully", "We are ready to work together with Russia on energy."]
    assert "0.30" in page and "scare quote" in page
