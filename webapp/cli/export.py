"""`parley export`: a thin shell over ``webapp.export``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from webapp import export
from webapp.cli.reporting import Command
from webapp.cli.schema import require_schema
from webapp.db import db


@click.command("export", cls=Command)
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
