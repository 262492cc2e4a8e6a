"""The pages the admin benchmarks time, each with what proves it is the page meant.

A benchmark that times the wrong page is worse than none: Flask-Admin ignores
a filter argument it does not know and returns the unfiltered list, quickly.
So each page says how many rows it must list and what else it must show, and
``check`` names what is wrong with a response that does not.

Each page also names Datasette's page for the same question on the same file
(same rows, same page size, the same sort where Datasette can sort that way),
for ``bench_http``.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import quote_plus

from webapp.admin.people import DETAILS_ROWS

#: one match per row of a Flask-Admin list page seen by an editor (its bulk-action checkbox)
LIST_ROW = r'name="rowid" class="action-checkbox"'
#: one match per row of a Datasette table page
DATASETTE_ROW = r'<tr>\s*<td class="col-'
PAGE_SIZE = 20
REVIEW_PAGE_SIZE = 25


@dataclass(frozen=True)
class Expect:
    """What a response must hold: ``rows`` matches of ``row``, and every pattern of ``shows``."""

    row: str | None = None
    rows: int | None = None
    shows: tuple[str, ...] = ()

    def problems(self, status: int, html: str) -> list[str]:
        if status != 200:
            return [f"HTTP {status}"]
        found = []
        if self.row is not None:
            count = len(re.findall(self.row, html))
            if count != self.rows:
                found.append(f"{count} rows instead of {self.rows}")
        for pattern in self.shows:
            if not re.search(pattern, html, flags=re.S):
                found.append(f"nothing matches {pattern!r}")
        return found


@dataclass(frozen=True)
class Page:
    name: str
    parley: str
    parley_expects: Expect
    #: the path under Datasette's database (``/big/...``), or None when it has no such page
    datasette: str | None = None
    datasette_expects: Expect = Expect()


@dataclass(frozen=True)
class Facts:
    """What the pages ask for and what they must then show, read from the database file."""

    article: int
    article_title: str
    person: int
    person_name: str
    person_statements: int
    person_meetings: int
    statement: int
    statement_text: str
    revisions: int
    unreviewed: int


def read_facts(path: Path, person: int = 100) -> Facts:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:

        def one(sql: str, *args):
            return connection.execute(sql, args).fetchone()[0]

        article = one("SELECT max(id) FROM articles") // 2
        statement = one("SELECT max(id) FROM statements") // 2
        return Facts(
            article=article,
            article_title=one("SELECT title FROM articles WHERE id = ?", article),
            person=person,
            person_name=one("SELECT name FROM people WHERE id = ?", person),
            person_statements=one("SELECT count(*) FROM statements WHERE speaker_id = ?", person),
            person_meetings=one(
                "SELECT count(*) FROM meeting_participants WHERE person_id = ?", person
            ),
            statement=statement,
            statement_text=one("SELECT text FROM statements WHERE id = ?", statement),
            revisions=one("SELECT count(*) FROM revisions"),
            unreviewed=one("SELECT count(*) FROM statements WHERE review_status = 'unreviewed'"),
        )
    finally:
        connection.close()


def rows_on_page(total: int, size: int = PAGE_SIZE) -> int:
    return min(total, size)


def active_filter(value: str) -> str:
    """The filter chip of a Flask-Admin list page: its active filters, with this value."""
    return r'id="active-filters-data"[^>]*>\[\[\d+, "[^"]+", "' + re.escape(value) + r'"\]'


def columns(*names: str) -> str:
    return "".join(f"&_col={name}" for name in names)


#: the facets of a Parley statements list, and Datasette's for the same columns
FACETS = r'<section class="facets"'
DATASETTE_FACETS = r'class="facet-info'
STATEMENT_FACETS = "".join(
    f"&_facet={name}"
    for name in ("speaker_id", "article_id", "meeting_id", "kind", "review_status")
)
STATEMENT_COLUMNS = columns(
    "speaker_id", "kind", "text", "article_id", "meeting_id", "confidence", "review_status"
)
ARTICLE_COLUMNS = columns("title", "source_id", "published", "review_status")


def pages(facts: Facts) -> list[Page]:
    """Every page the benchmarks time, in the order they are printed."""
    name = quote_plus(facts.person_name)
    like = f"select id from people where name like '%{facts.person_name}%'"
    in_people = quote_plus(f"speaker_id in ({like})")
    said = rows_on_page(facts.person_statements)
    listed = Expect(LIST_ROW, PAGE_SIZE)
    table = Expect(DATASETTE_ROW, PAGE_SIZE)
    return [
        Page(
            "dashboard (charts redrawn)",
            "/admin/",
            Expect(shows=("Who met whom", "Meetings per month", "Unreviewed statements")),
            "",
            Expect(shows=(r">statements</a>", r">people</a>")),
        ),
        Page(
            "articles list",
            "/admin/article/",
            listed,
            f"/articles?_sort_desc=published&_size={PAGE_SIZE}{ARTICLE_COLUMNS}",
            table,
        ),
        Page(
            "article reading page",
            f"/admin/article/read/{facts.article}",
            Expect(shows=(re.escape(facts.article_title),)),
            f"/articles/{facts.article}",
            Expect(shows=(re.escape(facts.article_title),)),
        ),
        Page(
            "article search (common words)",
            "/admin/article/?search=corridor+humanitarian",
            Expect(LIST_ROW, PAGE_SIZE, (r'name="search" value="corridor humanitarian"',)),
            f"/articles?_search=corridor+humanitarian&_size={PAGE_SIZE}{ARTICLE_COLUMNS}",
            Expect(DATASETTE_ROW, PAGE_SIZE, (r"search matches",)),
        ),
        Page(
            "statements list",
            "/admin/statement/",
            listed,
            f"/statements?_sort_desc=id&_size={PAGE_SIZE}{STATEMENT_COLUMNS}",
            table,
        ),
        Page(
            "statement search (common words)",
            "/admin/statement/?search=logistics+corridor",
            Expect(LIST_ROW, PAGE_SIZE, (r'name="search" value="logistics corridor"',)),
            f"/statements?_search=logistics+corridor&_size={PAGE_SIZE}{STATEMENT_COLUMNS}",
            Expect(DATASETTE_ROW, PAGE_SIZE, (r"search matches",)),
        ),
        Page(
            "statement search (no hit)",
            "/admin/statement/?search=zanzibar",
            Expect(LIST_ROW, 0, (r'name="search" value="zanzibar"',)),
            f"/statements?_search=zanzibar&_size={PAGE_SIZE}{STATEMENT_COLUMNS}",
            Expect(DATASETTE_ROW, 0, (r"0 rows where search matches",)),
        ),
        Page(
            "statements by one speaker (name contains)",
            f"/admin/statement/?flt0_speaker_contains={name}",
            Expect(LIST_ROW, said, (active_filter(facts.person_name),)),
            f"/statements?_where={in_people}&_sort_desc=id&_size={PAGE_SIZE}{STATEMENT_COLUMNS}",
            Expect(DATASETTE_ROW, said, (rf"\b{facts.person_statements} rows\b",)),
        ),
        Page(
            "statements by one speaker (name equals)",
            f"/admin/statement/?flt0_speaker_equals={name}",
            Expect(LIST_ROW, said, (active_filter(facts.person_name),)),
            f"/statements?speaker_id={facts.person}&_sort_desc=id&_size={PAGE_SIZE}"
            f"{STATEMENT_COLUMNS}",
            Expect(DATASETTE_ROW, said, (rf"\b{facts.person_statements} rows\b",)),
        ),
        Page(
            "statements of one speaker, with facets",
            f"/admin/statement/?flt0_speaker_is={facts.person}",
            Expect(LIST_ROW, said, (FACETS, active_filter(str(facts.person)))),
            f"/statements?speaker_id={facts.person}&_sort_desc=id&_size={PAGE_SIZE}"
            f"{STATEMENT_COLUMNS}{STATEMENT_FACETS}",
            Expect(DATASETTE_ROW, said, (DATASETTE_FACETS,)),
        ),
        Page(
            "statements list, with facets",
            "/admin/statement/?flt0_confidence_band=sure",
            Expect(LIST_ROW, PAGE_SIZE, (FACETS, active_filter("sure"))),
            f"/statements?_where={quote_plus('confidence >= 0.9')}&_sort_desc=id&_size={PAGE_SIZE}"
            f"{STATEMENT_COLUMNS}{STATEMENT_FACETS}",
            Expect(DATASETTE_ROW, PAGE_SIZE, (DATASETTE_FACETS,)),
        ),
        Page(
            "statements sorted by speaker",
            "/admin/statement/?sort=0",
            listed,
            f"/statements?_sort=speaker_id&_size={PAGE_SIZE}{STATEMENT_COLUMNS}",
            table,
        ),
        Page(
            "statements sorted by confidence, highest first",
            "/admin/statement/?sort=5&desc=1",
            listed,
            f"/statements?_sort_desc=confidence&_size={PAGE_SIZE}{STATEMENT_COLUMNS}",
            table,
        ),
        Page(
            "statements sorted by article",
            "/admin/statement/?sort=3",
            listed,
            f"/statements?_sort=article_id&_size={PAGE_SIZE}{STATEMENT_COLUMNS}",
            table,
        ),
        Page(
            "statement search (a phrase OR a word, snippets)",
            "/admin/statement/?search=" + quote_plus('"logistics corridor" OR zanzibar'),
            Expect(LIST_ROW, PAGE_SIZE, (r'<span class="snippet">.*?<mark>',)),
            "/statements?_searchmode=raw&_search="
            + quote_plus('"logistics corridor" OR zanzibar')
            + f"&_size={PAGE_SIZE}{STATEMENT_COLUMNS}",
            Expect(DATASETTE_ROW, PAGE_SIZE, (r"search matches",)),
        ),
        Page(
            "statement search (a speaker's name)",
            f"/admin/statement/?search={name}",
            Expect(LIST_ROW, said),
            f"/statements?_where={in_people}&_sort_desc=id&_size={PAGE_SIZE}{STATEMENT_COLUMNS}",
            Expect(DATASETTE_ROW, said),
        ),
        Page(
            "meetings of one participant",
            f"/admin/meeting/?flt0_participant_contains={name}",
            Expect(
                LIST_ROW, rows_on_page(facts.person_meetings), (active_filter(facts.person_name),)
            ),
            "/meetings?_where="
            + quote_plus(
                f"id in (select meeting_id from meeting_participants where person_id in ({like}))"
            )
            + f"&_sort_desc=held_on&_size={PAGE_SIZE}",
            Expect(DATASETTE_ROW, rows_on_page(facts.person_meetings)),
        ),
        Page(
            "people list", "/admin/person/", listed, f"/people?_sort=name&_size={PAGE_SIZE}", table
        ),
        Page(
            "people by statements made, most first",
            "/admin/person/?sort=4&desc=1",
            listed,
            "?sql="
            + quote_plus(
                "select people.*, (select count(*) from statements where speaker_id = people.id)"
                f" as said from people order by said desc, name desc limit {PAGE_SIZE}"
            ),
            Expect(r"<tr>\s*<td class=\"col-", PAGE_SIZE),
        ),
        Page(
            "person page",
            f"/admin/person/details/?id={facts.person}",
            Expect(
                r'<li><a href="/admin/article/read/\d+#statement-\d+"',
                min(facts.person_statements, DETAILS_ROWS),
                (re.escape(facts.person_name),),
            ),
            f"/people/{facts.person}",
            Expect(shows=(re.escape(facts.person_name),)),
        ),
        Page(
            "meetings list",
            "/admin/meeting/",
            listed,
            f"/meetings?_sort_desc=held_on&_size={PAGE_SIZE}",
            table,
        ),
        Page(
            "review queue",
            "/admin/review/",
            Expect(r'<tr id="statements-\d+">', rows_on_page(facts.unreviewed, REVIEW_PAGE_SIZE)),
            f"/statements?review_status=unreviewed&_sort=confidence&_size={REVIEW_PAGE_SIZE}"
            f"{STATEMENT_COLUMNS}",
            Expect(DATASETTE_ROW, rows_on_page(facts.unreviewed, REVIEW_PAGE_SIZE)),
        ),
        Page(
            "history",
            "/admin/history/",
            Expect(r'<td class="list-buttons-column">', rows_on_page(facts.revisions)),
            f"/revisions?_sort_desc=id&_size={PAGE_SIZE}",
            Expect(DATASETTE_ROW, rows_on_page(facts.revisions)),
        ),
        Page(
            "statement edit form",
            f"/admin/statement/edit/?id={facts.statement}",
            Expect(
                shows=(r'<textarea[^>]*name="text"[^>]*>\s*' + re.escape(facts.statement_text),)
            ),
            f"/statements/{facts.statement}",
            Expect(shows=(re.escape(facts.statement_text),)),
        ),
    ]


def check(expect: Expect, status: int, html: str) -> list[str]:
    """What is wrong with a response; character references are decoded first."""
    return expect.problems(status, unescape(html))
