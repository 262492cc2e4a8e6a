"""`parley seed`: a thin shell over ``webapp.seed.seed_paths``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from webapp import PROJECT_ROOT
from webapp import seed
from webapp.cli.reporting import Command
from webapp.cli.schema import require_schema
from webapp.db import db
from webapp.ingest import Registry
from webapp.ingest import RegistryError


@click.command("seed", cls=Command)
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
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=seed.default_jobs,
    show_default="the processors, at most 4",
    help="Processes that read and extract; one writes, in the order of the files.",
)
@with_appcontext
def seed_command(
    paths: tuple[Path, ...], people_file: Path | None, reextract: bool, dry_run: bool, jobs: int
) -> None:
    """Load article texts (files or folders; default seed_data/articles) into the database.

    Applies the people dictionary first. An article already loaded (same bytes)
    is left alone unless --reextract is given. A bad file is reported with its
    reason and the others still load; the exit status is 1 if any file failed.
    The result is the same whatever --jobs.
    """
    require_schema()
    people_file = people_file or PROJECT_ROOT / current_app.config["SEED_PEOPLE"]
    try:
        registry = Registry.load(people_file)
    except (RegistryError, OSError) as error:
        raise click.ClickException(f"{people_file}: {error}") from error
    files = seed.article_files(paths or [PROJECT_ROOT / current_app.config["SEED_ARTICLES"]])

    def dictionary_applied(added: int) -> None:
        verb = "would be added" if dry_run else "added"
        click.echo(f"People dictionary {people_file.name}: {added} people {verb}.")

    with click.progressbar(
        length=len(files), label="Seeding", file=sys.stderr, hidden=not sys.stderr.isatty()
    ) as bar:
        try:
            summary = seed.seed_paths(
                db.session,
                files,
                registry,
                reextract=reextract,
                dry_run=dry_run,
                jobs=jobs,
                on_dictionary=dictionary_applied,
                on_file=lambda _path: bar.update(1),
            )
        except (seed.DryRunStopped, seed.ManifestError) as error:
            raise click.ClickException(str(error)) from error
    for line in summary.lines():
        click.echo(line)
    for failure in summary.failed:
        click.echo(f"failed: {failure}", err=True)
    if summary.failed:
        sys.exit(1)
