"""The article screens: the list with its counts and filters, reading, raw text, deleting."""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy import event

from tests.conftest import USERS
from tests.conftest import csrf_token
from tests.conftest import login
from webapp.admin.article_text import Span
from webapp.admin.article_text import segments
from webapp.db import db
from webapp.models import Action
from webapp.models import Article
from webapp.models import How
from webapp.models import Meeting
from webapp.models import MeetingReport
from webapp.models import Mention
from webapp.models import Person
from webapp.models import Revision
from webapp.models import Role
from webapp.models import Source
from webapp.models import Statement
from webapp.models import StatementKind
from webapp.models import User

LIST = "/admin/article/"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
#: the seed articles by file-name prefix
TRANSCRIPT = "004"  # Mishustin and Smailov in Almaty, two transcript turns


@pytest.fixture
def app(seeded_app) -> Flask:
    """Every test here works on the seeded database."""
    return seeded_app


@pytest.fixture
def seeded(app, users) -> Flask:
    return app


@pytest.fixture
def queries(app):
    """Every SQL statement the app runs while the test is listening, with its parameters."""
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def article_id(app, prefix: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Article.id).where(Article.file.startswith(prefix)))


def ids_by_prefix(app) -> dict[str, int]:
    with app.app_context():
        rows = db.session.execute(sa.select(Article.file, Article.id)).all()
    return {file[:3]: id_ for file, id_ in rows}


def listed(client, query: str = "") -> dict[int, tuple[int, int]]:
    """Article id -> (statements, people) for each row of the list page."""
    response = client.get(LIST + query)
    assert response.status_code == 200
    rows = re.findall(
        r'href="/admin/article/read/(\d+)">.*?</a>.*?'
        r'col-statements">\s*(\d+)\s*</td>\s*<td class="col-people">\s*(\d+)',
        response.get_data(as_text=True),
        re.DOTALL,
    )
    return {int(id_): (int(statements), int(people)) for id_, statements, people in rows}


# -- the list ------------------------------------------------------------------------------


def test_list_counts_statements_and_people(seeded, client):
    login(client, "vera")
    rows = listed(client)
    ids = ids_by_prefix(seeded)
    assert set(rows) == set(ids.values())
    # 004 is two transcript turns, Smailov's and Mishustin's, and names Smailov,
    # Mishustin, Tokayev and Putin.
    assert rows[ids[TRANSCRIPT]] == (2, 4)
    with seeded.app_context():
        statements = db.session.scalars(
            sa.select(Statement.kind).where(Statement.article_id == ids[TRANSCRIPT])
        ).all()
        assert statements == [StatementKind.TRANSCRIPT, StatementKind.TRANSCRIPT]
        # the analysts' view counts the same things another way, row by row
        expected = {
            article: (statements, people)
            for article, statements, people in db.session.execute(
                sa.text("SELECT article_id, statement_count, person_count FROM article_details")
            )
        }
    assert rows == expected


def test_list_links_titles_to_the_reading_page(seeded, client):
    login(client, "vera")
    page = client.get(LIST).get_data(as_text=True)
    read = f'<a href="/admin/article/read/{article_id(seeded, TRANSCRIPT)}">'
    assert (
        read + "Mikhail Mishustin meets with Prime Minister of Kazakhstan Alihan Smailov</a>"
        in page
    )


def test_list_counts_only_the_page_in_a_fixed_number_of_queries(seeded, client, queries):
    login(client, "vera")
    queries.clear()
    assert len(listed(client, "?page_size=20")) == 5
    full_page = len(queries)
    queries.clear()
    client.get(LIST + "?page_size=20&flt0_published_between=2024-02-01+to+2024-02-01")
    assert len(queries) == full_page <= 8
    grouped = [sql for sql, _ in queries if "GROUP BY" in sql]
    assert len(grouped) == 2
    assert all(" IN (" in sql for sql in grouped)


def test_list_sorts_only_on_indexed_columns(seeded, client):
    login(client, "vera")
    page = client.get(LIST).get_data(as_text=True)
    assert "Sort by Date" in page
    assert "Sort by Title" not in page
    assert "Sort by Source" not in page


def test_filter_by_source(seeded, client):
    ids = ids_by_prefix(seeded)
    with seeded.app_context():
        tass = db.session.scalar(sa.select(Source.id).where(Source.name == "TASS"))
    login(client, "vera")
    assert set(listed(client, f"?flt0_source_equals={tass}")) == {ids["000"], ids["001"]}


def test_filter_by_publication_dates(seeded, client):
    ids = ids_by_prefix(seeded)
    login(client, "vera")
    in_2024 = listed(client, "?flt0_published_between=2024-01-01+to+2024-12-31")
    assert set(in_2024) == {ids["000"], ids["002"], ids["004"]}
    earlier = listed(client, "?flt0_published_between=2022-01-01+to+2023-12-31")
    assert set(earlier) == {ids["001"], ids["003"]}
    assert set(listed(client, "?flt0_published_between=2024-03-04+to+2024-03-04")) == {
        ids["000"],
        ids["002"],
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Alikhan Smailov", {"001", "004"}),  # the canonical name
        ("Alihan Smailov", {"001", "004"}),  # an alias, as 004 spells him
        ("Olzhas Bektenov", {"000", "002"}),
        ("Nobody Atall", set()),
    ],
)
def test_filter_by_person_mentioned(seeded, client, value, expected):
    ids = ids_by_prefix(seeded)
    login(client, "vera")
    rows = listed(client, "?" + f"flt0_person_mentioned_name_alias_or_id={value}")
    assert set(rows) == {ids[prefix] for prefix in expected}


def test_filter_by_person_id(seeded, client):
    ids = ids_by_prefix(seeded)
    with seeded.app_context():
        tokayev = db.session.scalar(
            sa.select(Person.id).where(Person.name == "Kassym-Jomart Tokayev")
        )
    login(client, "vera")
    rows = listed(client, f"?flt0_person_mentioned_name_alias_or_id={tokayev}")
    assert set(rows) == set(ids.values())


def test_person_filter_uses_indexes(seeded, client, queries):
    login(client, "vera")
    queries.clear()
    listed(client, "?flt0_person_mentioned_name_alias_or_id=Alihan+Smailov")
    sql, parameters = next((sql, p) for sql, p in queries if "FROM mentions" in sql)
    with seeded.app_context():
        connection = db.session.connection().connection.driver_connection
        plan = [row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + sql, parameters)]
    assert any("USING INDEX ix_mentions_person_id" in line for line in plan), plan
    assert not [line for line in plan if re.match(r"SCAN (mentions|people|person_aliases)\b", line)]


def test_search_uses_full_text(seeded, client):
    ids = ids_by_prefix(seeded)
    login(client, "vera")
    # "Ufa" is only in 004's body, never in a title
    assert set(listed(client, "?search=Ufa")) == {ids["004"]}
    assert set(listed(client, "?search=fraternal")) == {ids["000"], ids["001"], ids["004"]}
    # FTS5 syntax in the box is taken as words, never as a query
    assert set(listed(client, "?search=%22Ufa%29+%2A")) == {ids["004"]}
    assert listed(client, "?search=zzyzx") == {}


# -- reading -------------------------------------------------------------------------------


class ArticleText(HTMLParser):
    """The reading page's highlighted text: what each statement and person covers, and in
    which colour."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth: int | None = None
        self.done = False
        self.open: list[dict[str, str]] = []
        self.text = ""
        self.covered: dict[tuple[str, int], str] = defaultdict(str)
        self.colours: dict[tuple[str, int], set[str]] = defaultdict(set)
        self.links: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if self.depth is None:
            if not self.done and "article-text" in attributes.get("class", "").split():
                self.depth = 0
            return
        self.depth += 1
        self.open.append(attributes)
        if "href" in attributes:
            self.links.add(attributes["href"])

    def handle_endtag(self, tag):
        if self.depth is None:
            return
        if self.depth == 0:
            self.depth, self.done = None, True
            return
        self.depth -= 1
        self.open.pop()

    def handle_data(self, data):
        if self.depth is None:
            return
        self.text += data
        for attributes in self.open:
            for kind in ("statement", "mention"):
                if f"data-{kind}" in attributes:
                    key = (kind, int(attributes[f"data-{kind}"]))
                    self.covered[key] += data
                    colour = next(c for c in attributes["class"].split() if c.startswith("pc-"))
                    self.colours[key].add(colour)


def read_page(client, article: int) -> tuple[str, ArticleText]:
    response = client.get(f"/admin/article/read/{article}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    parsed = ArticleText()
    parsed.feed(page)
    return page, parsed


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
    for words in ("Government of Russia", "2024-02-01", "004_09dc893c7673816c.txt", "Notes"):
        assert words in header
    people = page.split("article-people", 1)[1].split("</section>", 1)[0]
    # 004 names Smailov five times: once as "Alihan Smailov", four times as "Smailov"
    assert re.search(r"Alikhan Smailov</a></span>\s*<span[^>]*>5</span>", people)


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


# -- deleting ------------------------------------------------------------------------------


def delete(client, article: int):
    token = csrf_token(client, LIST)
    return client.post(
        "/admin/article/delete/", data={"id": article, "url": LIST, "csrf_token": token}
    )


def test_delete_removes_records_and_orphan_meetings_with_revisions(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    with seeded.app_context():
        statements = set(
            db.session.scalars(sa.select(Statement.id).where(Statement.article_id == article))
        )
        reported = set(
            db.session.scalars(
                sa.select(MeetingReport.meeting_id).where(MeetingReport.article_id == article)
            )
        )
        shared = set(
            db.session.scalars(
                sa.select(MeetingReport.meeting_id).where(
                    MeetingReport.meeting_id.in_(reported), MeetingReport.article_id != article
                )
            )
        )
    assert len(statements) == 2
    assert reported and not shared
    login(client, "eddie")
    response = delete(client, article)
    assert response.status_code == 302
    with seeded.app_context():
        assert db.session.get(Article, article) is None
        for model in (Statement, Mention, MeetingReport):
            count = sa.select(sa.func.count()).where(model.article_id == article)
            assert db.session.scalar(count.select_from(model)) == 0
        assert not db.session.scalars(sa.select(Meeting).where(Meeting.id.in_(reported))).all()
        revisions = db.session.execute(
            sa.select(Revision.table_name, Revision.row_id, Revision.actor).where(
                Revision.action == Action.DELETE
            )
        ).all()
    deleted = {(table, row) for table, row, _ in revisions}
    assert ("articles", article) in deleted
    assert {row for table, row in deleted if table == "statements"} == statements
    assert {row for table, row in deleted if table == "meetings"} == reported
    assert {actor for _, _, actor in revisions} == {"eddie"}


def test_bulk_delete_goes_the_same_way(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    login(client, "eddie")
    token = csrf_token(client, LIST)
    response = client.post(
        "/admin/article/action/",
        data={"action": "delete", "rowid": [str(article)], "url": LIST, "csrf_token": token},
    )
    assert response.status_code == 302
    with seeded.app_context():
        assert db.session.get(Article, article) is None
        tables = db.session.scalars(
            sa.select(Revision.table_name).where(Revision.action == Action.DELETE)
        ).all()
    assert tables.count("articles") == 1
    assert tables.count("statements") == 2


def test_delete_keeps_a_meeting_another_article_reports(seeded, client):
    # 000 and 002 report the same meeting of Mishustin and Bektenov
    ids = ids_by_prefix(seeded)
    with seeded.app_context():
        shared = db.session.scalar(
            sa.select(MeetingReport.meeting_id)
            .where(MeetingReport.article_id == ids["000"])
            .intersect(
                sa.select(MeetingReport.meeting_id).where(MeetingReport.article_id == ids["002"])
            )
        )
    assert shared is not None
    login(client, "ada")
    assert delete(client, ids["000"]).status_code == 302
    with seeded.app_context():
        meeting = db.session.get(Meeting, shared)
        assert meeting is not None
        assert [report.article_id for report in meeting.reports] == [ids["002"]]
        assert not db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Revision)
            .where(Revision.table_name == "meetings", Revision.row_id == shared)
            .where(Revision.action == Action.DELETE)
        )


def test_delete_needs_post_and_a_token(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    login(client, "eddie")
    assert client.get(f"/admin/article/delete/?id={article}").status_code == 405
    client.post("/admin/article/delete/", data={"id": article, "url": LIST})
    with seeded.app_context():
        assert db.session.get(Article, article) is not None


def test_reading_page_offers_delete_to_editors_with_confirmation(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    login(client, "eddie")
    page, _ = read_page(client, article)
    form = page.split('action="/admin/article/delete/"', 1)[1].split("</form>", 1)[0]
    assert 'data-confirm="Delete this article with its 2 statements, 12 mentions' in form
    assert f'name="id" type="hidden" value="{article}"' in form
    assert 'name="csrf_token"' in form
    assert "article-reader.js" in page


def test_viewer_cannot_delete(seeded, client):
    article = article_id(seeded, TRANSCRIPT)
    token = csrf_token(client)
    login(client, "vera")
    assert 'action="/admin/article/delete/"' not in client.get(LIST).get_data(as_text=True)
    page, _ = read_page(client, article)
    assert "/admin/article/delete/" not in page
    response = client.post(
        "/admin/article/delete/", data={"id": article, "url": LIST, "csrf_token": token}
    )
    assert response.status_code == 403
    with seeded.app_context():
        assert db.session.get(Article, article) is not None


# -- escaping ------------------------------------------------------------------------------


@pytest.fixture
def hostile(seeded) -> int:
    """An article whose every text field carries markup, with a statement and a mention on it."""
    clean = f"{SCRIPT} Putin said {IMG} today."
    with seeded.app_context():
        putin = db.session.scalar(sa.select(Person).where(Person.name == "Vladimir Putin"))
        article = Article(
            file=f"{IMG}.txt",
            sha256="f" * 64,
            raw_text=f"{SCRIPT}\nchrome {IMG}\n{clean}",
            clean_text=clean,
            title=SCRIPT,
            subtitle=IMG,
            dateline_place=SCRIPT,
            notes=f"{SCRIPT}\n{IMG}",
            source=Source(name=IMG),
        )
        start = clean.index(IMG)
        said = Statement(
            article=article,
            speaker=putin,
            kind=StatementKind.INDIRECT,
            text=IMG,
            start_char=start,
            end_char=start + len(IMG),
        )
        named = Mention(
            article=article,
            person=putin,
            start_char=clean.index("Putin"),
            end_char=clean.index("Putin") + 5,
            how=How.NAME,
        )
        around = Mention(
            article=article, person=putin, start_char=0, end_char=len(SCRIPT), how=How.NAME
        )
        db.session.add_all([article, said, named, around])
        db.session.commit()
        return article.id


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


# -- both databases ------------------------------------------------------------------------


def test_article_screens_on_each_database(any_app):
    assert any_app.test_cli_runner().invoke(args=["seed"]).exit_code == 0
    with any_app.app_context():
        editor = User(username="eddie", role=Role.EDITOR)
        editor.set_password(USERS["eddie"][1])
        db.session.add(editor)
        db.session.commit()
    ids = ids_by_prefix(any_app)
    client = any_app.test_client()
    login(client, "eddie")
    assert listed(client)[ids[TRANSCRIPT]] == (2, 4)
    assert set(listed(client, "?search=Ufa")) == {ids[TRANSCRIPT]}
    alias = listed(client, "?flt0_person_mentioned_name_alias_or_id=Alihan+Smailov")
    assert set(alias) == {ids["001"], ids[TRANSCRIPT]}
    _, text = read_page(client, ids[TRANSCRIPT])
    with any_app.app_context():
        statements = db.session.scalars(
            sa.select(Statement).where(Statement.article_id == ids[TRANSCRIPT])
        ).all()
        for statement in statements:
            assert text.covered["statement", statement.id] == statement.text
    assert delete(client, ids[TRANSCRIPT]).status_code == 302
    with any_app.app_context():
        assert db.session.get(Article, ids[TRANSCRIPT]) is None
        deleted = db.session.scalars(
            sa.select(Revision.table_name).where(Revision.action == Action.DELETE)
        ).all()
    assert deleted.count("statements") == 2
    assert "meetings" in deleted
