"""`parley backup`, `check` and `copy-to`: thin shells over the maintenance modules."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from webapp import maintenance
from webapp import normalise_database_url
from webapp import search
from webapp import transfer
from webapp.cli.reporting import Command
from webapp.cli.schema import require_schema
from webapp.db import db
from webapp.db import schema_problem
from webapp.db import url_problem
from webapp.problems import parley


@click.command("backup", cls=Command)
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


@click.command("check", cls=Command)
@click.option("--repair", is_flag=True, help="Rebuild the full-text index if it is out of step.")
@with_appcontext
def check_command(repair: bool) -> None:
    """Check the database: integrity, foreign keys, full-text index, spans, orphans.

    Exits 0 when nothing is wrong and 1 when something is; nothing is deleted.
    """
    require_schema()
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


@click.command("copy-to", cls=Command)
@click.argument("target_url")
@with_appcontext
def copy_to_command(target_url: str) -> None:
    """Copy every row of this database into the database at TARGET_URL.

    For moving from SQLite to PostgreSQL. Create the target's schema first
    (DATABASE_URL=TARGET_URL parley db upgrade); it must be empty.
    Ids are kept; everything is copied in one transaction.
    """
    require_schema()
    try:
        target = sa.create_engine(normalise_database_url(target_url))
    except (sa.exc.ArgumentError, ImportError) as error:
        raise click.ClickException("target: " + url_problem(target_url, error)) from None
    try:
        upgrade = f"DATABASE_URL=TARGET_URL {parley('db upgrade')}"
        if problem := schema_problem(target, upgrade):
            raise click.ClickException("target: " + problem)
        copied = transfer.copy_rows(db.engine, target)
    except (transfer.TransferError, sa.exc.OperationalError) as error:
        raise click.ClickException(str(error)) from error
    finally:
        target.dispose()
    for table, count in copied.items():
        click.echo(f"{table}: {count} rows")
