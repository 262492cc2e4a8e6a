"""Full-text search over article and statement text, and the row cap on counts and matches.

SQLite uses FTS5 external-content tables (``articles_fts``, ``statements_fts``)
kept in step by triggers; PostgreSQL uses a generated ``search_vector`` column
with a GIN index. Both are created by the migrations, not by the models, and
autogenerate is told to leave them alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import sqlalchemy as sa
from markupsafe import Markup
from markupsafe import escape
from sqlalchemy import Connection
from sqlalchemy import text

#: table -> (full-text table, indexed columns)
FTS_TABLES = {
    "articles": ("articles_fts", ("title", "clean_text")),
    "statements": ("statements_fts", ("text",)),
}
SEARCH_COLUMN = "search_vector"

_FTS_SHADOW = re.compile(r"^(?:articles|statements)_fts(?:_\w+)?$")
_WORD = re.compile(r"\w+")


def is_search_object(name: str | None, type_: str) -> bool:
    """True for the FTS tables, their shadow tables, and the tsvector column and index."""
    if name is None:
        return False
    if type_ == "table":
        return bool(_FTS_SHADOW.match(name))
    return name == SEARCH_COLUMN or name.endswith("_" + SEARCH_COLUMN)


#: what a person may type: "a quoted phrase", the word OR between alternatives, words
_TOKEN = re.compile(r'"([^"]*)"?|(\w+)')
#: words a search reads at most, the rest are ignored
MAX_WORDS = 32


@dataclass(frozen=True)
class Term:
    """A word, or a phrase of words in order; ``prefix`` also matches longer words."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class UserQuery:
    """What a person typed into a search box, read the way web search engines read it.

    Words are all required; ``"a phrase"`` keeps its words together and in
    order; ``OR`` (in capitals) between words or phrases offers alternatives,
    binding looser than the implied AND (``gas OR oil pipeline`` is ``gas``, or
    ``oil`` and ``pipeline``). The last word, when bare, is also a prefix, so
    that a search can be typed as it is thought. Anything else (punctuation,
    an unclosed quote, a stray OR) is read as plainly as it can be: no input
    is a syntax error, and no input reaches FTS5 or PostgreSQL as syntax.
    """

    alternatives: tuple[tuple[Term, ...], ...]

    @classmethod
    def parse(cls, typed: str) -> UserQuery:
        alternatives: list[list[Term]] = [[]]
        budget = MAX_WORDS
        end = len(typed or "")
        for match in _TOKEN.finditer(typed or ""):
            phrase, word = match.groups()
            if word == "OR":
                if alternatives[-1]:
                    alternatives.append([])
                continue
            words = tuple(_WORD.findall(phrase) if phrase is not None else [word])[:budget]
            if not words:
                continue
            budget -= len(words)
            alternatives[-1].append(Term(words, prefix=word is not None and match.end() == end))
            if budget <= 0:
                break
        return cls(tuple(tuple(terms) for terms in alternatives if terms))

    def __bool__(self) -> bool:
        return bool(self.alternatives)

    def fts5(self) -> str | None:
        """The query in FTS5's syntax, every word quoted; None when nothing was typed."""

        def term(t: Term) -> str:
            return '"' + " ".join(t.words) + '"' + ("*" if t.prefix else "")

        if not self:
            return None
        groups = [" ".join(term(t) for t in terms) for terms in self.alternatives]
        return groups[0] if len(groups) == 1 else " OR ".join(f"({g})" for g in groups)

    def tsquery(self) -> str | None:
        """The query for PostgreSQL's ``to_tsquery``: ``&``, ``|``, ``<->`` and ``:*``."""

        def term(t: Term) -> str:
            text = " <-> ".join(t.words) + (":*" if t.prefix else "")
            return f"({text})" if len(t.words) > 1 else text

        if not self:
            return None
        groups = [" & ".join(term(t) for t in terms) for terms in self.alternatives]
        return " | ".join(f"({g})" for g in groups)

    def names(self, column, like_ignores_case: bool = False) -> sa.ColumnElement[bool] | None:
        """The query as a condition on a name: each word starts a word of the name.

        SQLite's LIKE already ignores case, as far as its ``lower()`` does (ASCII
        letters), so there names are compared as stored: ``lower()`` on every
        name took three quarters of the time of the look-up.
        """
        starts = column.startswith if like_ignores_case else column.istartswith
        contains = column.contains if like_ignores_case else column.icontains

        def word_in(text: str) -> sa.ColumnElement[bool]:
            return sa.or_(starts(text, autoescape=True), contains(" " + text, autoescape=True))

        if not self:
            return None
        return sa.or_(
            *(sa.and_(*(word_in(" ".join(t.words)) for t in terms)) for terms in self.alternatives)
        )


def fts5_query(user_query: str) -> str | None:
    """What a person typed as a safe FTS5 query (see ``UserQuery``)."""
    return UserQuery.parse(user_query).fts5()


def rebuild(connection: Connection) -> None:
    """Rebuild the SQLite full-text tables; PostgreSQL's generated column is always current."""
    if connection.dialect.name != "sqlite":
        return
    for fts_table, _columns in FTS_TABLES.values():
        connection.execute(text(f"INSERT INTO {fts_table}({fts_table}) VALUES ('rebuild')"))


def integrity_problems(connection: Connection) -> list[str]:
    """Names the FTS tables that no longer match their content (SQLite only)."""
    problems = []
    if connection.dialect.name != "sqlite":
        return problems
    for table, (fts_table, _columns) in FTS_TABLES.items():
        try:
            connection.execute(
                text(f"INSERT INTO {fts_table}({fts_table}, rank) VALUES ('integrity-check', 1)")
            )
        except sa.exc.DatabaseError as error:
            problems.append(f"{fts_table} is out of step with {table} ({error.orig})")
    return problems


#: counts and searches stop after this many rows, Datasette's rule: "10,000+" is an answer
ROW_CAP = 10_000


def capped_count(session, rows, cap: int = ROW_CAP) -> int:
    """How many rows ``rows`` (a SELECT or a Query) gives, counted up to ``cap + 1`` at most.

    ``SELECT count(*) FROM (... LIMIT cap + 1)`` never reads more rows than
    that; a count above ``cap`` reads as "10,000+".
    """
    limited = rows.limit(cap + 1).subquery()
    return session.scalar(sa.select(sa.func.count()).select_from(limited)) or 0


#: tables whose search also matches the speaker's name: table -> its speaker column
SPEAKER_COLUMNS = {"statements": "speaker_id"}


def text_matches(dialect: str, table: str, query: UserQuery) -> sa.Select:
    """A SELECT of the ids of ``table``'s rows whose indexed text matches ``query``."""
    if dialect == "sqlite":
        fts_table = FTS_TABLES[table][0]
        return (
            sa.select(sa.column("rowid").label("id"))
            .select_from(sa.table(fts_table))
            .where(
                sa.text(f"{fts_table} MATCH :fts_query").bindparams(fts_query=query.fts5() or '""')
            )
        )
    return (
        sa.select(sa.column("id"))
        .select_from(sa.table(table))
        .where(
            sa.text("search_vector @@ to_tsquery('english', :ts_query)").bindparams(
                ts_query=query.tsquery() or ""
            )
        )
    )


def speakers(session, table: str, query: UserQuery) -> list[int]:
    """The ids of the people whose name matches ``query``, when ``table`` has speakers."""
    if table not in SPEAKER_COLUMNS or not query:
        return []
    people = sa.table("people", sa.column("id"), sa.column("name"))
    sqlite = session.get_bind().dialect.name == "sqlite"
    condition = query.names(people.c.name, like_ignores_case=sqlite)
    return list(session.scalars(sa.select(people.c.id).where(condition)))


def matching_ids(session, table: str, user_query: str) -> sa.Select:
    """A SELECT of the ids of the newest ``ROW_CAP + 1`` rows of ``table`` matching the query.

    A row matches when its text does (stemmed: "meetings" finds "meeting") or,
    for statements, when its speaker's name does: the people are looked up
    first (a few thousand names), so that a search naming nobody is the
    full-text query alone. Capping the matches keeps a search on a common
    word from sorting the whole table; the list then says "10,000+" and the
    editor narrows the search.
    """
    query = UserQuery.parse(user_query)
    found = text_matches(session.get_bind().dialect.name, table, query)
    said_by = speakers(session, table, query)
    if said_by:
        by_speaker = (
            sa.select(sa.column("id"))
            .select_from(sa.table(table))
            .where(sa.column(SPEAKER_COLUMNS[table]).in_(said_by))
        )
        found = sa.union(found, by_speaker)
    return found.order_by(sa.column("id").desc()).limit(ROW_CAP + 1)


@dataclass(frozen=True)
class Matches:
    """The newest ``ROW_CAP + 1`` rows of a table that match a search, found once.

    ``ids`` is None on PostgreSQL, where ``condition`` is a subquery instead.
    """

    ids: list[int] | None
    subquery: sa.Select

    @property
    def count(self) -> int | None:
        """How many rows match, up to ``ROW_CAP + 1``; None when unknown here (PostgreSQL)."""
        return None if self.ids is None else len(self.ids)

    def condition(self, key, dense: bool = False) -> sa.ColumnElement[bool]:
        """``key`` (the table's integer primary key) is one of the matches.

        On SQLite the ids travel as one JSON parameter rather than as a
        subquery, so that the full-text query is not run again. SQLite then
        looks every match up to sort them (about 3 µs each); when the matches
        are ``dense`` (a twentieth of the table or more), reading the list's
        sort index and keeping the matches until the page is full is cheaper,
        and ``key + 0``, which no index serves, steers SQLite to that plan.
        """
        if self.ids is None:
            return key.in_(self.subquery)
        return (key + 0 if dense else key).in_(json_ids(self.ids))

    def page(self, key, offset: int, size: int) -> sa.ColumnElement[bool]:
        """``key`` is one of the matches on the page at ``offset``, newest first (SQLite only).

        The matches are already the newest first, so a list in that order
        needs only these rows, and looks up a page of them, not all.
        """
        return key.in_(json_ids(self.ids[offset : offset + size]))


def json_ids(ids: list[int]) -> sa.Select:
    """SELECT value FROM json_each(?): a list of ids as one parameter (SQLite)."""
    return sa.select(sa.column("value")).select_from(sa.func.json_each(json.dumps(ids)))


def find(session, table: str, user_query: str) -> Matches:
    """Run a search once: on SQLite the ids of the newest matches, read from the FTS table."""
    found = matching_ids(session, table, user_query)
    if session.get_bind().dialect.name != "sqlite":
        return Matches(None, found)
    return Matches(session.scalars(found).all(), found)


#: where a snippet's matched words start and end, before escaping (private-use characters)
MARK_START, MARK_END = "\ue000", "\ue001"
#: table -> the column a snippet is cut from (PostgreSQL)
SNIPPET_COLUMNS = {"articles": ("clean_text",), "statements": ("text",)}
#: words in a snippet (FTS5 counts tokens, PostgreSQL words)
SNIPPET_WORDS = 16


def marked(snippet: str) -> Markup:
    """A snippet with ``MARK_START``/``MARK_END`` around matches, as escaped HTML with <mark>.

    The text is escaped piece by piece; only the marks become tags, and only
    in pairs, so nothing in the text itself can open or close one.
    """
    pieces = re.split(f"([{MARK_START}{MARK_END}])", snippet)
    html, open_ = [], False
    for piece in pieces:
        if piece == MARK_START:
            if not open_:
                html.append(Markup("<mark>"))
            open_ = True
        elif piece == MARK_END:
            if open_:
                html.append(Markup("</mark>"))
            open_ = False
        else:
            html.append(escape(piece))
    if open_:
        html.append(Markup("</mark>"))
    return Markup("").join(html)


#: the FTS5 tables' tokenizer (migration 9099ec42cf24): "meetings" is indexed as "meet"
TOKENIZER = "porter unicode61 remove_diacritics 2"
#: a per-connection scratch table that snippets are cut from (SQLite)
SNIPPET_TABLE = "parley_snippets"


def snippets(session, table: str, user_query: str, texts: dict[int, str]) -> dict[int, Markup]:
    """{id: a few words around what matched, matches in <mark>}, for the rows of ``texts``.

    ``texts`` maps each listed row's id to its text. On SQLite they are
    copied into a temporary FTS5 table with the same tokenizer and the
    snippets cut there: FTS5's ``snippet()`` on the real table evaluates the
    whole query again for every row (40 ms a row for a common word at a
    million statements), on a page's rows it costs a fraction of a
    millisecond. Only rows whose text matched have one (a statement found by
    its speaker's name has none).
    """
    query = UserQuery.parse(user_query)
    if not texts or not query:
        return {}
    if session.get_bind().dialect.name == "sqlite":
        connection = session.connection()
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{SNIPPET_TABLE} "
            f"USING fts5(body, tokenize='{TOKENIZER}')"
        )
        connection.execute(
            sa.text(f"INSERT INTO temp.{SNIPPET_TABLE}(rowid, body) VALUES (:id, :body)"),
            [{"id": id, "body": body} for id, body in texts.items()],
        )
        try:
            found = connection.execute(
                sa.text(
                    f"SELECT rowid, snippet({SNIPPET_TABLE}, 0, :start, :end, '…', :words) "
                    f"FROM temp.{SNIPPET_TABLE} WHERE {SNIPPET_TABLE} MATCH :q"
                ),
                {"q": query.fts5(), "start": MARK_START, "end": MARK_END, "words": SNIPPET_WORDS},
            ).all()
        finally:
            connection.exec_driver_sql(f"DELETE FROM temp.{SNIPPET_TABLE}")
    else:
        column = SNIPPET_COLUMNS[table][0]
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, MinWords=6, "
            "MaxFragments=1, FragmentDelimiter=…"
        )
        found = session.execute(
            sa.text(
                f"SELECT id, ts_headline('english', {column}, to_tsquery('english', :q), :options) "
                f"FROM {table} WHERE id = ANY(:ids) AND search_vector @@ to_tsquery('english', :q)"
            ),
            {"q": query.tsquery(), "ids": list(texts), "options": options},
        ).all()
    return {row[0]: marked(row[1]) for row in found}
