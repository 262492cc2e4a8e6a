"""Lists like Datasette's: sorts, filters with facet counts, search with snippets, and links.

The dataset is built by hand so that every expected order and count can be
worked out from the table in ``lists`` below.
"""

from __future__ import annotations

import html
import re
from datetime import date
from urllib.parse import unquote

import pytest

from tests.conftest import login
from tests.factories import article
from tests.factories import meeting
from tests.factories import person
from tests.factories import statement
from tests.factories import user
from webapp.admin.statement_list import by_speaker
from webapp.db import db
from webapp.models import MeetingReport
from webapp.models import Statement
from webapp.models import StatementKind

ASTANA = "Anna Karimova: the meeting was productive. They met to discuss trade."
FORUM = "Gas <b>bold</b> & oil. Meetings continue on pipelines. Oil exports grew."


@pytest.fixture
def lists(app):
    """Three speakers, two articles, two meetings, five statements.

    | statement | speaker       | article | meeting | kind       | confidence |
    | meeting   | Anna Karimova | Astana  | talks   | direct     | 0.95       |
    | met       | Boris Petrov  | Astana  | talks   | indirect   | 0.45       |
    | bold      | Yuri Volkov   | Forum   |         | direct     | 0.75       |
    | pipelines | (nobody)      | Forum   |         | direct     | 0.6        |
    | exports   | Anna Karimova | Forum   | forum   | transcript | 0.85       |

    The talks are reported by both articles, the forum by one.
    """
    anna, boris, yuri = person("Anna Karimova"), person("Boris Petrov"), person("Yuri Volkov")
    astana = article(1, ASTANA, title="Talks in Astana", published=date(2024, 3, 4))
    forum = article(2, FORUM, title="Energy forum", published=date(2024, 3, 5))
    talks = meeting(anna, boris, held_on=date(2024, 3, 4), place="Astana")
    energy = meeting(anna, yuri, held_on=date(2024, 3, 5), place="Baku")
    rows = {
        "meeting": statement(
            astana, "the meeting was productive", speaker=anna, meeting=talks, confidence=0.95
        ),
        "met": statement(
            astana,
            "They met to discuss trade",
            speaker=boris,
            meeting=talks,
            kind=StatementKind.INDIRECT,
            confidence=0.45,
        ),
        "bold": statement(forum, "Gas <b>bold</b> & oil", speaker=yuri, confidence=0.75),
        "pipelines": statement(forum, "Meetings continue on pipelines", confidence=0.6),
        "exports": statement(
            forum,
            "Oil exports grew",
            speaker=anna,
            meeting=energy,
            kind=StatementKind.TRANSCRIPT,
            confidence=0.85,
        ),
    }
    reports = [
        MeetingReport(meeting=talks, article=astana, start_char=0, end_char=5),
        MeetingReport(meeting=talks, article=forum, start_char=0, end_char=3),
        MeetingReport(meeting=energy, article=forum, start_char=0, end_char=3),
    ]
    with app.app_context():
        db.session.add_all([user("eddie"), *rows.values(), *reports])
        db.session.commit()
        ids = {key: row.id for key, row in rows.items()}
        ids |= {
            "anna": anna.id,
            "boris": boris.id,
            "yuri": yuri.id,
            "astana": astana.id,
            "forum": forum.id,
            "talks": talks.id,
            "energy": energy.id,
        }
    return ids


def listed(page: str) -> list[int]:
    """The ids of a list page's rows, in order (an editor's page: a checkbox per row)."""
    return [int(i) for i in re.findall(r'name="rowid" class="action-checkbox" value="(\d+)"', page)]


def names(ids: dict[str, int], *keys: str) -> list[int]:
    return [ids[key] for key in keys]


def facet(page: str, title: str) -> dict[str, int]:
    """{label: count} of one facet of a list page."""
    section = re.search(rf"<h2>{title}</h2>\s*<ul>(.*?)</ul>", page, re.S)
    if section is None:
        return {}
    items = re.findall(
        r'<a href="[^"]*"[^>]*>([^<]*)</a>\s*<span class="count">([\d,]+)</span>', section.group(1)
    )
    return {html.unescape(label): int(count.replace(",", "")) for label, count in items}


def facet_link(page: str, title: str, label: str) -> str:
    section = re.search(rf"<h2>{title}</h2>\s*<ul>(.*?)</ul>", page, re.S).group(1)
    href = re.search(rf'<a href="([^"]*)"[^>]*>{re.escape(label)}</a>', section).group(1)
    return html.unescape(href)


def get(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


# -- sorting -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # by speaker's name, then id; nobody's statements after the named ones
        ("sort=0", ("meeting", "exports", "met", "bold", "pipelines")),
        ("sort=0&desc=1", ("pipelines", "bold", "met", "exports", "meeting")),
        # by confidence: 0.45, 0.6, 0.75, 0.85, 0.95
        ("sort=5", ("met", "pipelines", "bold", "exports", "meeting")),
        ("sort=5&desc=1", ("meeting", "exports", "bold", "pipelines", "met")),
    ],
)
def test_statements_sort_by_speaker_and_confidence(client, lists, query, expected):
    login(client, "eddie")
    assert listed(get(client, f"/admin/statement/?{query}")) == names(lists, *expected)


def test_statements_sort_by_article(client, lists):
    login(client, "eddie")
    order = listed(get(client, "/admin/statement/?sort=3"))
    astana = {lists["meeting"], lists["met"]}
    assert set(order[:2]) == astana and len(order) == 5
    order = listed(get(client, "/admin/statement/?sort=3&desc=1"))
    assert set(order[3:]) == astana


def test_sorting_by_speaker_pages_across_the_statements_nobody_said(app, lists):
    """Two to a page: the last page of named statements runs into the unnamed ones."""
    with app.app_context():
        query = db.session.query(Statement)
        pages = [
            [row.id for row in by_speaker(query, False, offset, 2).all()] for offset in (0, 2, 4, 6)
        ]
        assert pages == [
            names(lists, "meeting", "exports"),
            names(lists, "met", "bold"),
            names(lists, "pipelines"),
            [],
        ]
        first = [row.id for row in by_speaker(query, True, 0, 2).all()]
        assert first == names(lists, "pipelines", "bold")
        only_forum = query.filter(Statement.article_id == lists["forum"])
        assert [row.id for row in by_speaker(only_forum, False, 2, 2).all()] == names(
            lists, "pipelines"
        )


# -- filters and facets --------------------------------------------------------------------------


def test_facets_count_every_value_of_the_list(client, lists):
    login(client, "eddie")
    page = get(client, "/admin/statement/")
    assert facet(page, "Speaker") == {"Anna Karimova": 2, "Boris Petrov": 1, "Yuri Volkov": 1}
    assert facet(page, "Article") == {"Energy forum": 3, "Talks in Astana": 2}
    assert facet(page, "Meeting") == {"2024-03-04, Astana": 2, "2024-03-05, Baku": 1}
    assert facet(page, "Kind") == {"direct": 3, "indirect": 1, "transcript": 1}
    assert facet(page, "Status") == {"unreviewed": 5}
    assert facet(page, "Confidence") == {
        "0.9 and over": 1,
        "0.7 to 0.9": 2,
        "0.5 to 0.7": 1,
        "under 0.5": 1,
    }
    assert "Counted among the newest" not in page


@pytest.mark.parametrize(
    ("title", "label", "expected"),
    [
        ("Speaker", "Anna Karimova", ("meeting", "exports")),
        ("Article", "Talks in Astana", ("meeting", "met")),
        ("Meeting", "2024-03-05, Baku", ("exports",)),
        ("Kind", "direct", ("meeting", "bold", "pipelines")),
        ("Status", "unreviewed", ("meeting", "met", "bold", "pipelines", "exports")),
        ("Confidence", "0.7 to 0.9", ("bold", "exports")),
        ("Confidence", "under 0.5", ("met",)),
    ],
)
def test_a_facet_value_filters_the_list_and_counts_within_it(client, lists, title, label, expected):
    login(client, "eddie")
    href = facet_link(get(client, "/admin/statement/"), title, label)
    page = get(client, href)
    assert set(listed(page)) == set(names(lists, *expected))
    assert facet(page, title)[label] == len(expected)
    # chosen: the value is marked and its link takes the filter off again
    assert re.search(rf'<li class="selected">\s*<a href="[^"]*"[^>]*>{re.escape(label)}</a>', page)
    assert len(listed(get(client, facet_link(page, title, label)))) == 5


def test_facets_of_a_filtered_list_count_within_it(client, lists):
    login(client, "eddie")
    page = get(client, f"/admin/statement/?flt0_speaker_is={lists['anna']}")
    assert facet(page, "Kind") == {"direct": 1, "transcript": 1}
    assert facet(page, "Article") == {"Energy forum": 1, "Talks in Astana": 1}
    # a second facet narrows further and keeps the first filter
    href = unquote(facet_link(page, "Kind", "transcript"))
    assert f"speaker_is={lists['anna']}" in href and "kind_equals=TRANSCRIPT" in href
    assert listed(get(client, href)) == names(lists, "exports")


def test_record_filters_refuse_what_is_not_an_id(client, lists):
    login(client, "eddie")
    page = get(client, "/admin/statement/?flt0_speaker_is=Anna")
    assert "Invalid Filter Value" in page
    assert len(listed(page)) == 5


# -- search ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # stemming: "meet" is what porter makes of "meeting" and "meetings"; "met" stays "met"
        ("meet", ("meeting", "pipelines")),
        ("met", ("met",)),
        ("exported", ("exports",)),
        # OR between words and phrases; a phrase keeps its words in order
        ("pipelines OR exports", ("pipelines", "exports")),
        ('"oil exports"', ("exports",)),
        ('"exports oil"', ()),
        ('"oil exports" OR trade', ("exports", "met")),
        # a speaker's name finds what they said
        ("Karimova", ("meeting", "exports")),
        ("boris", ("met",)),
    ],
)
def test_statement_search(client, lists, typed, expected):
    login(client, "eddie")
    page = get(client, "/admin/statement/?" + f"search={typed.replace(' ', '+')}")
    assert set(listed(page)) == set(names(lists, *expected))


@pytest.mark.parametrize(
    "typed", ['"unclosed', "OR", "AND (", "NEAR(", "*", '"', "-", "a OR OR b", "^x", "col:x", "'"]
)
def test_malformed_searches_are_read_plainly(client, lists, typed):
    login(client, "eddie")
    response = client.get("/admin/statement/", query_string={"search": typed})
    assert response.status_code == 200
    response = client.get("/admin/article/", query_string={"search": typed})
    assert response.status_code == 200


def test_search_results_show_an_escaped_snippet(client, lists):
    login(client, "eddie")
    page = get(client, "/admin/statement/?search=bold")
    snippet = re.search(r'<span class="snippet">(.*?)</span>', page).group(1)
    assert snippet == "Gas &lt;b&gt;<mark>bold</mark>&lt;/b&gt; &amp; oil"
    assert "<b>bold</b>" not in page


def test_typed_html_never_reaches_the_page(client, lists):
    login(client, "eddie")
    typed = '<script>alert(1)</script> "bold'
    page = client.get("/admin/statement/", query_string={"search": typed}).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


# -- other lists and the dashboard ------------------------------------------------------------


def test_meetings_show_how_many_articles_report_them(client, lists):
    login(client, "eddie")
    page = get(client, "/admin/meeting/")
    cells = re.findall(
        r'<td class="col-place">\s*(.*?)\s*</td>\s*<td class="col-occasion">.*?'
        r'<td class="col-articles">\s*(\d+)\s*</td>',
        page,
        re.S,
    )
    assert dict(cells) == {"Astana": "2", "Baku": "1"}


def test_people_sort_by_their_counts(app, client, lists):
    login(client, "eddie")

    def people(query: str) -> list[str]:
        page = get(client, f"/admin/person/?{query}")
        return re.findall(r'<td class="col-name">\s*<a[^>]*>(.*?)</a>', page)

    # statements: Anna 2, Boris 1, Yuri 1
    assert people("sort=4&desc=1") == ["Anna Karimova", "Yuri Volkov", "Boris Petrov"]
    assert people("sort=4") == ["Boris Petrov", "Yuri Volkov", "Anna Karimova"]
    # meetings: Anna 2, Boris 1, Yuri 1
    assert people("sort=5&desc=1")[0] == "Anna Karimova"
    # the counts follow new statements
    with app.app_context():
        said = db.session.get(Statement, lists["pipelines"])
        said.speaker_id = lists["boris"]
        db.session.add(statement(article_id=lists["forum"], speaker_id=lists["boris"]))
        db.session.commit()
    assert people("sort=4&desc=1") == ["Boris Petrov", "Anna Karimova", "Yuri Volkov"]
    # a search keeps its order
    assert people("sort=4&desc=1&search=k") == ["Anna Karimova", "Yuri Volkov"]


def test_dashboard_counts_open_the_lists_they_count(client, lists):
    login(client, "eddie")
    page = get(client, "/admin/")
    links = dict(
        (html.unescape(label), html.unescape(href))
        for href, label in re.findall(
            r'<a class="card text-body h-100" href="([^"]+)">.*?<div class="text-muted small">'
            r"([^<]+)</div>",
            page,
            re.S,
        )
    )
    assert links["Statements"] == "/admin/statement/"
    unreviewed = links["Unreviewed statements"]
    assert "flt0_status_equals=UNREVIEWED" in unreviewed
    assert len(listed(get(client, unreviewed))) == 5
    assert links["People"] == "/admin/person/"
    assert links["Meetings"] == "/admin/meeting/"


def test_sortable_headers_are_links(client, lists):
    login(client, "eddie")
    page = get(client, "/admin/statement/")
    for label, index in (("Speaker", 0), ("Kind", 1), ("Article", 3), ("Confidence", 5)):
        assert re.search(rf'<a href="[^"]*sort={index}[^"]*" title="Sort by {label}">', page), label
    page = get(client, "/admin/person/")
    for label, index in (("Statements", 4), ("Meetings", 5)):
        assert re.search(rf'<a href="[^"]*sort={index}[^"]*" title="Sort by {label}">', page), label


def test_article_search_shows_an_escaped_snippet(client, lists):
    login(client, "eddie")
    page = get(client, "/admin/article/?search=pipeline")
    snippets = re.findall(r'<div class="snippet small text-muted">(.*?)</div>', page, re.S)
    # porter: "pipeline" and "pipelines" are both "pipelin"; the text's markup stays text
    assert snippets == [
        "Gas &lt;b&gt;bold&lt;/b&gt; &amp; oil. Meetings continue on <mark>pipelines</mark>."
        " Oil exports grew."
    ]
