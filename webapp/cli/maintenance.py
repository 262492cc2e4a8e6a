"""`flask --app webapp backup` and `check`: thin shells over webapp.maintenance."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from webapp import maintenance
from webapp import search
from webapp.db import db
from webapp.db import schema_problem


@click.command("backup")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a consistent copy of the SQLite database to PATH and verify it.

    Safe while the app is serving and editors are saving. PATH must not exist.
    Restore by stopping the app and copying PATH over the database file.
    On PostgreSQL, prints the pg_dump command to use instead.
    """
    engine = db.engine
    if engine.dialect.name != "sqlite":
        click.echo("On PostgreSQL, back up with pg_dump, for example:", err=True)
        click.echo("  " + maintenance.pg_dump_command(engine, path))
        click.echo("and restore with pg_restore --clean --dbname=... PATH.", err=True)
        sys.exit(2)
    try:
        size = maintenance.backup_sqlite(engine, path)
    except maintenance.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Wrote {path} ({size:,} bytes); integrity check ok.")


@click.command("check")
@click.option("--repair", is_flag=True, help="Rebuild the full-text index if it is out of step.")
@with_appcontext
def check_command(repair: bool) -> None:
    """Check the database: integrity, foreign keys, full-text index, spans, orphans.

    Exits 0 when nothing is wrong and 1 when something is; nothing is deleted.
    """
    if problem := schema_problem():
        raise click.ClickException(problem)
    with db.engine.connect() as connection:
        findings = maintenance.check(connection)
        if repair and any(finding.repairable for finding in findings):
            search.rebuild(connection)
            connection.commit()
            click.echo("Rebuilt the full-text index.")
            findings = maintenance.check(connection)
    if not findings:
        click.echo("No problems found.")
        return
    for finding in findings:
        click.echo(f"{finding.check}: {finding.problem}")
        for row in finding.rows:
            click.echo(f"  {row}")
    sys.exit(1)
