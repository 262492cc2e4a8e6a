"""Backups and consistency checks of the database, for operators.

``check`` reports findings as plain records, so that the command line, the
tests and a monitoring job can all read them; nothing here deletes data.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.engine import Engine

from webapp import search

#: how many offending rows a finding lists before it says "and N more"
SHOWN = 20


@dataclass(frozen=True, slots=True)
class Finding:
    check: str  # short name, e.g. "statement spans"
    problem: str  # one line for people
    rows: tuple[str, ...] = ()  # the first offending rows, if any
    repairable: bool = False


class BackupError(RuntimeError):
    pass


def backup_sqlite(engine: Engine, target: Path) -> int:
    """Write a consistent, compacted copy of the live database to ``target`` and verify it.

    ``VACUUM INTO`` reads one snapshot, so editors and seeding can keep writing
    while it runs (WAL). Returns the size of the copy in bytes.
    """
    if engine.dialect.name != "sqlite":
        raise BackupError("backup_sqlite needs a SQLite database")
    source = engine.url.database
    if source and source != ":memory:" and not Path(source).exists():
        raise BackupError(f"there is no database at {source}: nothing to back up")
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name")
    if target.parent.exists() and not target.parent.is_dir():
        raise BackupError(f"{target.parent} is not a folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    with engine.connect() as connection:
        connection.exec_driver_sql("VACUUM INTO ?", (str(target),))
    copy = sqlite3.connect(target.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        result = copy.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        copy.close()
    if result != "ok":
        raise BackupError(f"the copy {target} failed its integrity check: {result}")
    return target.stat().st_size


def pg_dump_command(engine: Engine, target: Path) -> str:
    url = engine.url
    parts = ["pg_dump", "--format=custom", f"--file={target}"]
    if url.host:
        parts.append(f"--host={url.host}")
    if url.port:
        parts.append(f"--port={url.port}")
    if url.username:
        parts.append(f"--username={url.username}")
    parts.append(url.database or "")
    return " ".join(parts)


def check(connection: Connection) -> list[Finding]:
    """Every consistency problem found; an empty list means the database is sound."""
    findings: list[Finding] = []
    if connection.dialect.name == "sqlite":
        findings += sqlite_integrity(connection)
    findings += [
        Finding("full-text index", problem, repairable=True)
        for problem in search.integrity_problems(connection)
    ]
    findings += span_findings(connection)
    findings += orphan_findings(connection)
    return findings


def sqlite_integrity(connection: Connection) -> list[Finding]:
    findings = []
    result = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    if result != ["ok"]:
        findings.append(
            Finding("integrity", "SQLite integrity_check failed", tuple(result[:SHOWN]))
        )
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        rows = tuple(f"{table} row {rowid} → {parent}" for table, rowid, parent, _ in broken)
        findings.append(
            Finding("foreign keys", f"{len(broken)} rows point at missing rows", rows[:SHOWN])
        )
    return findings


def _substring(connection: Connection, start: str, end: str) -> str:
    if connection.dialect.name == "sqlite":
        return f"substr(a.clean_text, {start} + 1, {end} - {start})"
    return f"substring(a.clean_text from {start} + 1 for {end} - {start})"


def span_findings(connection: Connection) -> list[Finding]:
    """Statements whose text is not the article's text at their span, and spans off the end."""
    statement_text = _substring(connection, "s.start_char", "s.end_char")
    queries = {
        "statement spans": (
            "SELECT s.id, s.article_id FROM statements s JOIN articles a ON a.id = s.article_id"
            f" WHERE s.end_char > length(a.clean_text) OR {statement_text} <> s.text"
        ),
        "mention spans": (
            "SELECT m.id, m.article_id FROM mentions m JOIN articles a ON a.id = m.article_id"
            " WHERE m.end_char > length(a.clean_text)"
        ),
        "meeting report spans": (
            "SELECT r.meeting_id, r.article_id FROM meeting_reports r"
            " JOIN articles a ON a.id = r.article_id WHERE r.end_char > length(a.clean_text)"
        ),
    }
    findings = []
    for name, sql in queries.items():
        rows = connection.execute(sa.text(sql + f" LIMIT {SHOWN + 1}")).all()
        if rows:
            shown = tuple(f"{name.split()[0]} {row[0]} in article {row[1]}" for row in rows)
            more = " or more" if len(rows) > SHOWN else ""
            findings.append(
                Finding(name, f"{len(rows[:SHOWN])}{more} spans do not match", shown[:SHOWN])
            )
    return findings


def orphan_findings(connection: Connection) -> list[Finding]:
    """Rows that nothing refers to: listed for an editor, never deleted."""
    queries = {
        "meetings without a report": (
            "SELECT m.id FROM meetings m"
            " WHERE NOT EXISTS (SELECT 1 FROM meeting_reports r WHERE r.meeting_id = m.id)"
        ),
        "people without a mention, statement or position": (
            "SELECT p.id FROM people p"
            " WHERE NOT EXISTS (SELECT 1 FROM mentions x WHERE x.person_id = p.id)"
            " AND NOT EXISTS (SELECT 1 FROM statements x WHERE x.speaker_id = p.id)"
            " AND NOT EXISTS (SELECT 1 FROM positions x WHERE x.person_id = p.id)"
            " AND NOT EXISTS (SELECT 1 FROM meeting_participants x WHERE x.person_id = p.id)"
        ),
    }
    findings = []
    for name, sql in queries.items():
        ids = connection.execute(sa.text(sql + f" ORDER BY 1 LIMIT {SHOWN + 1}")).scalars().all()
        if ids:
            more = " or more" if len(ids) > SHOWN else ""
            shown = tuple(f"id {row_id}" for row_id in ids[:SHOWN])
            findings.append(Finding(name, f"{len(ids[:SHOWN])}{more} found", shown))
    return findings
