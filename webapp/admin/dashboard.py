"""The admin's home page: capped counts, meetings per month, and who met whom.

Every query is bounded: counts stop at 10,001 rows (Datasette's rule), the
timeline is one grouped pass over the index on ``held_on``, and the network
takes the most active people (counted from the index on participants'
``person_id``) and then only the pairs among them. A redraw takes some 20 ms
at a million statements; the charts are kept for a minute all the same.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask import url_for
from flask_admin import expose

from webapp.admin import charts
from webapp.admin.base import SecureIndexView
from webapp.db import db
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models import Statement
from webapp.models import meeting_participants
from webapp.search import ROW_CAP
from webapp.search import capped_count

COUNT_CAP = ROW_CAP
#: the network shows at most this many people (those in the most meetings) ...
NETWORK_PEOPLE = 30
#: ... and at most this many links between them (those with the most shared meetings)
NETWORK_PAIRS = 300
#: the timeline covers at most the last this many months that have meetings
TIMELINE_MONTHS = 240


@dataclass(frozen=True)
class Count:
    label: str
    value: int
    endpoint: str
    #: the list's filter arguments that select the rows counted
    filters: tuple[tuple[str, str], ...] = ()

    @property
    def href(self) -> str | None:
        return link(self.endpoint, **dict(self.filters))

    @property
    def text(self) -> str:
        return f"{COUNT_CAP:,}+" if self.value > COUNT_CAP else f"{self.value:,}"


def link(endpoint: str, **values) -> str | None:
    """The page's address, or None while that screen is not installed."""
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, **values)


def count_rows(model, *where) -> int:
    """The rows of ``model`` that match ``where``, counted up to ``COUNT_CAP + 1``."""
    rows = sa.select(sa.literal(1)).select_from(model).where(*where)
    return capped_count(db.session, rows, COUNT_CAP)


def counts() -> list[Count]:
    unreviewed = Statement.review_status == ReviewStatus.UNREVIEWED
    return [
        Count("Articles", count_rows(Article), "article.index_view"),
        Count("People", count_rows(Person), "person.index_view"),
        Count("Meetings", count_rows(Meeting), "meeting.index_view"),
        Count("Statements", count_rows(Statement), "statement.index_view"),
        Count(
            "Unreviewed statements",
            count_rows(Statement, unreviewed),
            "statement.index_view",
            (("flt0_status_equals", ReviewStatus.UNREVIEWED.name),),
        ),
    ]


def counted_meetings():
    """Meetings that count in the charts: all but those an editor rejected."""
    return Meeting.review_status != ReviewStatus.REJECTED


def rejected_meetings() -> sa.Select:
    """The ids of the meetings an editor rejected: few, found through the status index."""
    return sa.select(Meeting.id).where(Meeting.review_status == ReviewStatus.REJECTED)


def meeting_days() -> sa.Select:
    """(day, counted meetings held that day), newest first."""
    return (
        sa.select(Meeting.held_on, sa.func.count())
        .where(Meeting.held_on.is_not(None), Meeting.id.not_in(rejected_meetings()))
        .group_by(Meeting.held_on)
        .order_by(Meeting.held_on.desc())
    )


def meetings_per_month() -> list[charts.MonthCount]:
    """Meetings per month, newest first, from one pass over the index on ``held_on``.

    Grouping by day follows the index (no sorting), and the rejected meetings
    are left out by id, which the index holds too; the days are then added up
    into months here. At most ``TIMELINE_MONTHS`` months of days are read.
    """
    days = db.session.execute(meeting_days().limit(TIMELINE_MONTHS * 31))
    months: dict[tuple[int, int], int] = {}
    for day, count in days:
        key = (day.year, day.month)
        months[key] = months.get(key, 0) + count
    newest = sorted(months.items(), reverse=True)[:TIMELINE_MONTHS]
    return [charts.MonthCount(year, month, count) for (year, month), count in newest]


def undated_meetings() -> int:
    return count_rows(Meeting, Meeting.held_on.is_(None), counted_meetings())


def most_active(limit: int):
    """The ``limit`` people in the most counted meetings: (person id, meetings), most first.

    Every participation is counted from the index on ``person_id`` alone, and
    those in rejected meetings (few) are taken off, instead of looking up each
    participation's meeting to test its status, which reads the whole table.
    """
    table = meeting_participants
    everything = (
        sa.select(table.c.person_id, sa.func.count().label("n"))
        .group_by(table.c.person_id)
        .subquery("everything")
    )
    rejected = (
        sa.select(table.c.person_id, sa.func.count().label("n"))
        .where(table.c.meeting_id.in_(rejected_meetings()))
        .group_by(table.c.person_id)
        .subquery("rejected")
    )
    meetings = (everything.c.n - sa.func.coalesce(rejected.c.n, 0)).label("meetings")
    return (
        sa.select(everything.c.person_id, meetings)
        .select_from(everything.outerjoin(rejected, rejected.c.person_id == everything.c.person_id))
        .where(meetings > 0)
        .order_by(meetings.desc(), everything.c.person_id)
        .limit(limit)
        .subquery("top")
    )


def network() -> tuple[list[charts.Node], list[charts.Edge]]:
    top = most_active(NETWORK_PEOPLE)
    rows = db.session.execute(
        sa.select(Person.id, Person.name, Person.country, top.c.meetings).join(
            top, top.c.person_id == Person.id
        )
    ).all()
    nodes = [
        charts.Node(id, name, country, count, link("person.details_view", id=id))
        for id, name, country, count in rows
    ]
    return nodes, pairs([node.id for node in nodes])


def pairs(people: list[int]) -> list[charts.Edge]:
    """Pairs among ``people`` with the number of meetings they shared, heaviest first."""
    if len(people) < 2:
        return []
    one = meeting_participants.alias("one")
    other = meeting_participants.alias("other")
    shared = sa.func.count().label("shared")
    rows = db.session.execute(
        sa.select(one.c.person_id, other.c.person_id, shared)
        .join(
            other,
            sa.and_(
                other.c.meeting_id == one.c.meeting_id,
                other.c.person_id > one.c.person_id,
            ),
        )
        .join(Meeting, Meeting.id == one.c.meeting_id)
        .where(one.c.person_id.in_(people), other.c.person_id.in_(people), counted_meetings())
        .group_by(one.c.person_id, other.c.person_id)
        .order_by(shared.desc(), one.c.person_id, other.c.person_id)
        .limit(NETWORK_PAIRS)
    )
    return [charts.Edge(source, target, weight) for source, target, weight in rows]


#: ``app.extensions`` key of the last drawing: (when, by ``time.monotonic()``, the charts)
CHART_CACHE = "parley_dashboard_charts"


def drawn_charts() -> dict:
    """The two charts, redrawn at most every ``DASHBOARD_CHART_SECONDS``.

    Both read an index of a whole table (meetings' dates, participants'
    people): about 20 ms at a million statements, fast enough for every visit,
    but a chart a minute old serves as well, so the drawing is kept by the
    app, which serves one database.
    """
    now = time.monotonic()
    cached = current_app.extensions.get(CHART_CACHE)
    if cached is not None and now - cached[0] < current_app.config["DASHBOARD_CHART_SECONDS"]:
        return cached[1]
    nodes, edges = network()
    drawn = {
        "timeline": charts.timeline_svg(meetings_per_month()),
        "undated": undated_meetings(),
        "network": charts.network_svg(nodes, edges),
        "people_shown": len(nodes),
    }
    current_app.extensions[CHART_CACHE] = (now, drawn)
    return drawn


class DashboardView(SecureIndexView):
    @expose("/")
    def index(self):
        drawn = drawn_charts()
        return self.render(
            "admin/dashboard/index.html",
            counts=counts(),
            timeline=drawn["timeline"],
            undated=Count("Undated meetings", drawn["undated"], "meeting.index_view"),
            network=drawn["network"],
            people_shown=drawn["people_shown"],
            network_cap=NETWORK_PEOPLE,
        )
