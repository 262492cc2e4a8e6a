"""The reading page: every statement and mention highlighted, the legend, raw text, escaping."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
import sqlalchemy as sa

from tests import factories
from tests.conftest import login
from tests.web.articles.pages import LIST
from tests.web.articles.pages import TRANSCRIPT
from tests.web.articles.pages import article_id
from tests.web.articles.pages import read_page
from webapp.admin.article_text import Span
from webapp.admin.article_text import containers
from webapp.admin.article_text import segments
from webapp.db import db
from webapp.models import Article
from webapp.models import Mention
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models import Source
from webapp.models import StatementKind

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_reading_page_highlights_every_statement_and_mention(seeded, client, prefix):
    article = article_id(seeded, prefix)
    login(client, "eddie")
    page, text = read_page(client, article)
    with seeded.app_context():
        found = db.session.get(Article, article)
        statements = found.statements
        mentions = found.mentions
        assert text.text == found.clean_text
        assert statements
        colour_of: dict[int | None, str] = {}
        for statement in statements:
            assert text.covered["statement", statement.id] == statement.text
            (colour,) = text.colours["statement", statement.id]
            assert colour_of.setdefault(statement.speaker_id, colour) == colour
            assert f"/admin/statement/edit/?id={statement.id}&" in page
        by_person: dict[int, str] = defaultdict(str)
        for mention in mentions:
            by_person[mention.person_id] += found.clean_text[mention.start_char : mention.end_char]
        for person_id, words in by_person.items():
            assert text.covered["mention", person_id] == words
            (colour,) = text.colours["mention", person_id]
            assert colour_of.setdefault(person_id, colour) == colour
            # two mentions of one span (a role noun for two people) share one link;
            # every person is linked from the legend
            assert f'href="/admin/person/details/?id={person_id}&amp;' in page
    assert len(set(colour_of.values())) == len(colour_of)


def test_reading_page_legend_and_records(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    login(client, "vera")
    page, text = read_page(client, article)
    with seeded.app_context():
        found = db.session.get(Article, article)
        smailov, mishustin = (s.speaker for s in found.statements)
        meetings = [report.meeting for report in found.meeting_reports]
        legend = page.split("article-legend", 1)[1].split("</section>", 1)[0]
        for person in (smailov, mishustin):
            (colour,) = text.colours["mention", person.id]
            assert f'<span class="swatch {colour}"></span>' in legend
            assert f'">{person.name}</a>' in legend
        for meeting in meetings:
            assert f'href="/admin/meeting/details/?id={meeting.id}"' in page
        # viewers get the statements' details pages, not their edit forms
        for statement in found.statements:
            assert f"/admin/statement/details/?id={statement.id}&" in page
        assert "/admin/statement/edit/" not in page
    assert smailov.name == "Alikhan Smailov"
    assert mishustin.name == "Mikhail Mishustin"
    header = page.split("article-header", 1)[1].split("</header>", 1)[0]
    # the metadata on one line; the notes and the delete button in the "More" section below
    meta = header.split('class="article-meta', 1)[1].split("</p>", 1)[0]
    for words in ("Government of Russia", "2024-02-01", "004_09dc893c7673816c.txt", "unreviewed"):
        assert words in meta
    assert "title taken from the photo caption" not in header
    more = page.split('<details class="article-more', 1)[1].split("</details>", 1)[0]
    assert "<li>title taken from the photo caption</li>" in more
    assert page.index('id="article-text"') < page.index('<details class="article-more')
    people = page.split("article-people", 1)[1].split("</section>", 1)[0]
    # 004 names Smailov five times: once as "Alihan Smailov", four times as "Smailov"
    smailov = r"Alikhan Smailov</a>\s*<span[^>]*>[a-z]+</span></span>\s*<span[^>]*>5</span>"
    assert re.search(smailov, people)


def test_reading_page_in_a_handful_of_queries(seeded, client, queries):
    login(client, "vera")
    article = article_id(seeded, "002")  # the most statements: sixteen
    queries.clear()
    read_page(client, article)
    assert len(queries) <= 8, [sql for sql, _ in queries]


def test_missing_article_is_404(seeded, client):
    login(client, "vera")
    assert client.get("/admin/article/read/999999").status_code == 404
    assert client.get("/admin/article/raw/999999").status_code == 404


def test_reading_needs_login(seeded, client):
    response = client.get(f"/admin/article/read/{article_id(seeded, TRANSCRIPT)}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_raw_page_shows_the_file_as_loaded(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    login(client, "vera")
    page, _ = read_page(client, article)
    assert f'href="/admin/article/raw/{article}"' in page
    raw = client.get(f"/admin/article/raw/{article}").get_data(as_text=True)
    with seeded.app_context():
        found = db.session.get(Article, article)
        chrome = [line for line in found.raw_text.splitlines() if line not in found.clean_text]
    assert chrome, "the raw file has lines the reader removed"
    pre = raw.split('<pre class="border rounded p-3 article-raw">', 1)[1].split("</pre>", 1)[0]
    for line in chrome:
        assert str(escape_html(line)) in pre


def escape_html(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_segments_nest_and_keep_every_character():
    text = "ab<c>de"
    spans = [
        Span(0, 7, "statement", 1, "pc-0", "/s/1", "s1"),
        Span(2, 5, "mention", 9, "pc-1", "/p/9", "p9"),
        Span(4, 6, "statement", 2, "pc-2", "/s/2", "s2"),
    ]
    pieces = segments(text, spans)
    assert "".join(piece.text for piece in pieces) == text
    assert [(piece.text, [s.record_id for s in piece.spans]) for piece in pieces] == [
        ("ab", [1]),
        ("<c", [1, 9]),
        (">", [1, 2, 9]),
        ("d", [1, 2]),
        ("e", [1]),
    ]


def test_containers_find_the_statements_around_a_quote():
    """(id, start, end): 2 inside 1, 3 inside 2 and 1; 4 overlaps 1 without being inside it;
    5 and 6 cover the same words, and the older (5) counts as the outer one."""
    statements = [(1, 0, 50), (2, 10, 30), (3, 12, 20), (4, 40, 60), (5, 70, 80), (6, 70, 80)]
    assert containers(statements) == {2: [1], 3: [1, 2], 6: [5]}


# -- escaping ------------------------------------------------------------------------------


@pytest.fixture
def hostile(seeded) -> int:
    """An article whose every text field carries markup, with a statement and a mention on it."""
    clean = f"{SCRIPT} Putin said {IMG} today."
    with seeded.app_context():
        putin = db.session.scalar(sa.select(Person).where(Person.name == "Vladimir Putin"))
        marked = factories.article(
            text=clean,
            file=f"{IMG}.txt",
            raw_text=f"{SCRIPT}\nchrome {IMG}\n{clean}",
            title=SCRIPT,
            subtitle=IMG,
            dateline_place=SCRIPT,
            notes=f"{SCRIPT}\n{IMG}",
            source=Source(name=IMG),
        )
        said = factories.statement(marked, IMG, speaker=putin, kind=StatementKind.INDIRECT)
        named = factories.mention(marked, putin, "Putin")
        around = factories.mention(marked, putin, SCRIPT)
        db.session.add_all([marked, said, named, around])
        db.session.commit()
        return marked.id


def test_markup_in_articles_is_shown_as_text(hostile, client):
    login(client, "eddie")
    for path in (
        LIST,
        f"/admin/article/read/{hostile}",
        f"/admin/article/raw/{hostile}",
        f"/admin/article/details/?id={hostile}",
    ):
        page = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in page, path
        assert "<img src=x" not in page, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, path
        assert "&lt;img src=x onerror=alert(1)&gt;" in page, path


def test_each_person_in_the_people_list_opens_their_record_in_the_panel(seeded, client, transcript):
    login(client, "eddie")
    page = client.get(f"/admin/article/read/{transcript['article']}").text
    people = page.split("article-people", 1)[1].split("</section>", 1)[0]
    listed = re.findall(
        r'<li class="[^"]*side-record[^"]*" data-record="people" data-id="(\d+)"', people
    )
    with seeded.app_context():
        named = db.session.scalars(
            sa.select(Mention.person_id)
            .where(Mention.article_id == transcript["article"])
            .where(Mention.review_status != ReviewStatus.REJECTED)
            .distinct()
        ).all()
    assert sorted(int(found) for found in listed) == sorted(named) and len(named) == 4
    assert people.count("data-panel>") == 4  # the name opens the panel, not the person's page
