"""The dashboard: capped counts, the meetings timeline and the who-met-whom network."""

from __future__ import annotations

import html
import re
import shutil
from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask

from tests.conftest import login
from tests.conftest import make_app
from tests.factories import add
from tests.factories import article
from tests.factories import meeting
from tests.factories import person
from tests.factories import statement
from tests.factories import user
from tests.queries import recorded_sql
from webapp.admin import charts
from webapp.admin import dashboard
from webapp.db import db
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.search import capped_count

SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def seeded(seeded_app) -> Flask:
    add(seeded_app, user("vera"))
    return seeded_app


def home(app: Flask) -> str:
    client = app.test_client()
    login(client, "vera")
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def counts(page: str) -> dict[str, str]:
    pairs = re.findall(
        r'count-value">(.*?)</div>\s*<div class="text-muted small">(.*?)</div>', page, re.S
    )
    return {label: value for value, label in pairs}


def svg(page: str, css_class: str) -> str:
    return re.search(rf'<svg [^>]*class="{css_class}".*?</svg>', page, re.S).group(0)


def titles(chart: str, element: str) -> list[str]:
    found = re.findall(rf"<{element} [^>]*>(?:<title>(.*?)</title>)", chart)
    return [html.unescape(title) for title in found]


def node_links(chart: str) -> dict[str, str]:
    found = re.findall(r'<a class="node" href="([^"]+)"><title>.*?<text [^>]*>(.*?)</text>', chart)
    return {html.unescape(name): html.unescape(href) for href, name in found}


def person_ids(app: Flask) -> dict[str, int]:
    with app.app_context():
        return {name: id for id, name in db.session.execute(sa.select(Person.id, Person.name))}


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_seeded_counts(seeded):
    found = counts(home(seeded))
    # Five articles; 000 and 002 report the same Moscow meeting of 2024-03-04, so six meetings.
    assert found["Articles"] == "5"
    assert found["Meetings"] == "6"
    assert found["Statements"] == found["Unreviewed statements"]
    assert list(found) == [
        "Articles",
        "People",
        "Meetings",
        "Statements",
        "Unreviewed statements",
    ]


def test_seeded_timeline_has_a_bar_per_month_with_meetings(seeded):
    page = home(seeded)
    assert titles(svg(page, "timeline"), "rect") == [
        "February 2022: 2 meetings",
        "February 2023: 1 meeting",
        "February 2024: 1 meeting",
        "March 2024: 1 meeting",
    ]
    assert "1 undated meeting is not shown." in page


def test_seeded_network_links_who_met_whom(seeded):
    chart = svg(home(seeded), "network")
    assert sorted(titles(chart, "line")) == [
        "Alikhan Smailov – Mikhail Mishustin: 2 shared meetings",
        "Kassym-Jomart Tokayev – Mikhail Mishustin: 1 shared meeting",
        "Kassym-Jomart Tokayev – Vladimir Putin: 2 shared meetings",
        "Mikhail Mishustin – Olzhas Bektenov: 1 shared meeting",
    ]
    ids = person_ids(seeded)
    names = ["Alikhan Smailov", "Kassym-Jomart Tokayev", "Mikhail Mishustin"]
    names += ["Olzhas Bektenov", "Vladimir Putin"]
    assert node_links(chart) == {name: f"/admin/person/details/?id={ids[name]}" for name in names}
    assert "Mikhail Mishustin (Russia): 4 meetings" in chart


# -- a database built by hand, on SQLite and PostgreSQL -------------------------------------------


@pytest.fixture
def built(any_app) -> Flask:
    """Three people, five meetings (one rejected, one undated), one article, three statements."""
    ana = person("Ana Example", country="Russia")
    bo = person("Bo Example", country="Kazakhstan")
    odd = person(SCRIPT)
    meetings = [
        meeting(ana, bo, held_on=date(2024, 1, 5)),
        meeting(ana, bo, held_on=date(2024, 1, 20)),
        meeting(ana, odd, held_on=date(2024, 3, 1)),
        meeting(ana, held_on=None),
        meeting(ana, bo, held_on=date(2024, 2, 2), review_status=ReviewStatus.REJECTED),
    ]
    news = article(text="x y z")
    statements = [
        statement(news, "x"),
        statement(news, "y"),
        statement(news, "z", review_status=ReviewStatus.REVIEWED),
    ]
    add(any_app, user("vera"), *meetings, *statements)
    return any_app


def test_built_counts(built):
    assert counts(home(built)) == {
        "Articles": "1",
        "People": "3",
        "Meetings": "5",
        "Statements": "3",
        "Unreviewed statements": "2",
    }


def test_built_charts_leave_out_rejected_meetings(built):
    page = home(built)
    assert titles(svg(page, "timeline"), "rect") == [
        "January 2024: 2 meetings",
        "March 2024: 1 meeting",
    ]
    chart = svg(page, "network")
    # The two names of a link are in alphabetical order, and "<" comes before letters.
    assert sorted(titles(chart, "line")) == [
        f"{SCRIPT} – Ana Example: 1 shared meeting",
        "Ana Example – Bo Example: 2 shared meetings",
    ]
    assert "Ana Example (Russia): 4 meetings" in chart  # the undated one counts here
    assert "Bo Example (Kazakhstan): 2 meetings" in chart


def test_names_are_escaped_in_the_svg(built):
    page = home(built)
    assert "<script>alert" not in page
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"
    assert f"<title>{escaped}: 1 meeting</title>" in svg(page, "network")
    assert f">{escaped}</text>" in svg(page, "network")


def test_counts_stop_at_the_cap(built, monkeypatch):
    monkeypatch.setattr(dashboard, "COUNT_CAP", 2)
    found = counts(home(built))
    assert (found["People"], found["Meetings"], found["Articles"]) == ("2+", "2+", "1")
    with built.app_context():
        rows = sa.select(sa.literal(1)).select_from(Meeting)
        limited = capped_count(db.session, rows, dashboard.COUNT_CAP)
    assert limited == 3


def test_count_labels():
    assert dashboard.Count("x", 10_000, "e").text == "10,000"
    assert dashboard.Count("x", 10_001, "e").text == "10,000+"
    assert dashboard.Count("x", 1234, "e").text == "1,234"


def test_the_network_keeps_the_people_in_most_meetings(built, monkeypatch):
    monkeypatch.setattr(dashboard, "NETWORK_PEOPLE", 2)
    page = home(built)
    chart = svg(page, "network")
    assert set(node_links(chart)) == {"Ana Example", "Bo Example"}
    assert titles(chart, "line") == ["Ana Example – Bo Example: 2 shared meetings"]
    assert "Only the 2 people in the most meetings are shown." in page


def test_every_dashboard_query_is_bounded(built):
    with recorded_sql(built) as seen:
        home(built)
    reads = [s for s in seen if "FROM users" not in s and s.lstrip().upper().startswith("SELECT")]
    assert len(reads) >= 8
    assert all("LIMIT" in s or "IN (" in s for s in reads), reads


def test_someone_only_in_rejected_meetings_is_not_in_the_network(any_app):
    ana, bo, cy = person("Ana Example"), person("Bo Example"), person("Cy Example")
    add(
        any_app,
        user("vera"),
        meeting(ana, bo, held_on=date(2024, 1, 5)),
        meeting(ana, cy, held_on=date(2024, 1, 6), review_status=ReviewStatus.REJECTED),
    )
    chart = svg(home(any_app), "network")
    assert set(node_links(chart)) == {"Ana Example", "Bo Example"}
    assert "Ana Example: 1 meeting" in chart


def query_plan(app: Flask, query) -> str:
    with app.app_context():
        sql = str(query.compile(db.engine, compile_kwargs={"literal_binds": True}))
        rows = db.session.execute(sa.text("EXPLAIN QUERY PLAN " + sql))
        return " | ".join(row[-1] for row in rows)


def test_the_charts_read_indexes_not_tables(app):
    """At a million statements a redraw takes some 20 ms because these plans read only indexes:
    no participation's meeting and no meeting's row is looked up."""
    top = query_plan(app, sa.select(dashboard.most_active(30)))
    assert "COVERING INDEX ix_meeting_participants_person_id" in top, top
    assert "SCAN meetings" not in top and "SEARCH meetings USING INTEGER PRIMARY KEY" not in top
    timeline = query_plan(app, dashboard.meeting_days())
    assert "COVERING INDEX ix_meetings_held_on" in timeline, timeline
    assert "TEMP B-TREE" not in timeline, timeline


# -- the SVG builders on their own ----------------------------------------------------------------


def test_empty_charts_say_so():
    assert "No dated meetings yet." in charts.timeline_svg([])
    assert "No meetings with known participants yet." in charts.network_svg([], [])


def test_the_timeline_axis_is_continuous_and_capped():
    months = [charts.MonthCount(2000, 1, 5), charts.MonthCount(2024, 12, 1)]
    months.append(charts.MonthCount(2024, 11, 2))
    chart = charts.timeline_svg(months, max_months=12)
    assert titles(chart, "rect") == ["November 2024: 2 meetings", "December 2024: 1 meeting"]
    assert chart.count('class="bar"') == 2
    assert ">2024</text>" in chart and ">2000</text>" not in chart


def test_the_network_layout_is_deterministic():
    nodes = [
        charts.Node(1, "Zed", "Russia", 1, None),
        charts.Node(2, "Amy", "Russia", 2, "/p/2"),
        charts.Node(3, "Kai", "Kazakhstan", 1, "/p/3"),
        charts.Node(4, "Bea", None, 1, None),
    ]
    layout = charts.circle_layout(nodes, 100, 100, 50)
    assert layout == charts.circle_layout(list(reversed(nodes)), 100, 100, 50)
    # Clockwise from the top: Kazakhstan, then Russia by name, then the unknown country.
    assert {id: (round(x), round(y)) for id, (x, y, _) in layout.items()} == {
        3: (100, 50),
        2: (150, 100),
        1: (100, 150),
        4: (50, 100),
    }
    first = charts.network_svg(nodes, [charts.Edge(1, 2, 3)])
    assert first == charts.network_svg(nodes, [charts.Edge(1, 2, 3)])
    assert '<g class="node"><title>Zed (Russia): 1 meeting</title>' in first
    assert '<a class="node" href="/p/2"><title>Amy (Russia): 2 meetings</title>' in first
    assert "<title>Amy – Zed: 3 shared meetings</title>" in first


def test_charts_are_redrawn_at_most_once_a_minute(tmp_path, seeded_template):
    path = tmp_path / "cached.db"
    shutil.copyfile(seeded_template, path)
    app = make_app(f"sqlite:///{path}", DASHBOARD_CHART_SECONDS=60)
    add(app, user("vera"))
    before = svg(home(app), "timeline")
    add(app, meeting(held_on=date(2025, 6, 1), place="Minsk"))
    assert svg(home(app), "timeline") == before  # within the minute: the same drawing
    del app.extensions[dashboard.CHART_CACHE]
    assert svg(home(app), "timeline") != before  # redrawn: the June 2025 bar appears
    with app.app_context():
        db.engine.dispose()
