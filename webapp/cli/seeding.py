"""`flask --app webapp seed` and `export`: thin shells over webapp.seed and webapp.export."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from webapp import export
from webapp import seed
from webapp.cli.schema import require_schema
from webapp.db import db
from webapp.ingest import ReadError
from webapp.ingest import Registry
from webapp.ingest import RegistryError
from webapp.ingest import extract
from webapp.ingest import read_path


def article_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the *.txt files under the folders named, in a stable order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file() or p.is_symlink()))
        else:
            files.append(path)
    return files


#: how often one article's transaction is tried when the database is busy
WRITE_ATTEMPTS = 3
#: PostgreSQL's serialization failure and deadlock: safe to try again
BUSY_SQLSTATES = ("40001", "40P01")


@dataclass
class Summary:
    added: int = 0
    unchanged: int = 0
    reextracted: int = 0
    failed: list[str] = field(default_factory=list)
    people: int = 0
    meetings: int = 0
    statements: int = 0

    def record(self, outcome: seed.Outcome) -> None:
        self.people += len(outcome.people)
        self.meetings += len(outcome.meetings)
        self.statements += len(outcome.statements)

    def lines(self, dry_run: bool) -> list[str]:
        verb = "Would add" if dry_run else "Added"
        return [
            f"{verb} {self.added} articles; {self.unchanged} unchanged, "
            f"{self.reextracted} re-extracted, {len(self.failed)} failed.",
            f"{'Would create' if dry_run else 'Created'} {self.meetings} meetings, "
            f"{self.statements} statements and {self.people} people not in the dictionary.",
        ]


@click.command("seed")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--people",
    "people_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The actor dictionary (default: seed_data/people.yaml).",
)
@click.option(
    "--reextract", is_flag=True, help="Extract loaded articles again; editors' rows stay."
)
@click.option("--dry-run", is_flag=True, help="Report what would change without writing.")
@with_appcontext
def seed_command(
    paths: tuple[Path, ...], people_file: Path | None, reextract: bool, dry_run: bool
) -> None:
    """Load article texts (files or folders; default seed_data/articles) into the database.

    Applies the people dictionary first. An article already loaded (same bytes)
    is left alone unless --reextract is given. A bad file is reported with its
    reason and the others still load; the exit status is 1 if any file failed.
    """
    require_schema()
    root = Path(current_app.root_path).parent
    people_file = people_file or root / current_app.config["SEED_PEOPLE"]
    try:
        registry = Registry.load(people_file)
    except (RegistryError, OSError) as error:
        raise click.ClickException(f"{people_file}: {error}") from error

    session = db.session
    created = seed.apply_dictionary(session, registry)
    if not dry_run:
        session.commit()
    verb = "would be added" if dry_run else "added"
    click.echo(f"People dictionary {people_file.name}: {len(created)} people {verb}.")
    summary = Summary()
    cache = seed.SeedCache(session)
    files = article_files(paths or [root / current_app.config["SEED_ARTICLES"]])
    try:
        with click.progressbar(
            files, label="Seeding", file=sys.stderr, hidden=not sys.stderr.isatty()
        ) as bar:
            for path in bar:
                seed_file(session, path, registry, cache, summary, reextract, dry_run)
    finally:
        if dry_run:
            session.rollback()
    for line in summary.lines(dry_run):
        click.echo(line)
    for failure in summary.failed:
        click.echo(f"failed: {failure}", err=True)
    if summary.failed:
        sys.exit(1)


def seed_file(session, path, registry, cache, summary, reextract, dry_run) -> None:
    """Read, extract and write one file in its own transaction.

    A dry run keeps one transaction open for the whole run, so that each
    article sees what the ones before it would have written, and rolls it back
    at the end; a write that fails there ends the dry run.
    """
    try:
        document = read_path(path)
    except ReadError as error:
        summary.failed.append(str(error))
        return
    if not reextract and document.sha256 in cache.loaded:
        summary.unchanged += 1
        return
    try:
        extraction = extract(document, registry)
    except Exception as error:  # noqa: BLE001 - one bad article must not stop the run
        summary.failed.append(f"{path}: extraction failed: {type(error).__name__}: {error}")
        return
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            outcome = seed.seed_article(session, extraction, cache, reextract=reextract)
            if not dry_run:
                session.commit()
            break
        except Exception as error:  # noqa: BLE001 - one bad article must not stop the run
            session.rollback()
            cache.rollback()
            if dry_run:
                raise click.ClickException(f"dry run stopped at {path}: {error}") from error
            if attempt < WRITE_ATTEMPTS and is_busy(error):
                time.sleep(0.2 * attempt)
                continue
            summary.failed.append(f"{path}: {type(error).__name__}: {error}")
            return
    cache.commit()
    if outcome is None:
        summary.unchanged += 1
        return
    summary.record(outcome)
    if outcome.reextracted:
        summary.reextracted += 1
    else:
        summary.added += 1


def is_busy(error: Exception) -> bool:
    """A write that lost a race for the database and may simply be tried again."""
    if not isinstance(error, sa.exc.OperationalError):
        return False
    return (
        "database is locked" in str(error.orig)
        or getattr(error.orig, "sqlstate", None) in BUSY_SQLSTATES
    )


@click.command("export")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json: one document; csv: one file per table, into a folder.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="The file (json) or folder (csv). JSON goes to standard output without it.",
)
@with_appcontext
def export_command(format_: str, output: Path | None) -> None:
    """Export articles, people, meetings and statements."""
    require_schema()
    records = export.export_records(db.session)
    if format_ == "csv":
        if output is None:
            raise click.UsageError("--format csv needs -o FOLDER")
        for path in export.write_csv(records, output):
            click.echo(f"wrote {path}", err=True)
    elif output is None:
        export.write_json(records, sys.stdout)
    else:
        with output.open("w", encoding="utf-8") as handle:
            export.write_json(records, handle)
