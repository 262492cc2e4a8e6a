"""The check every command that reads or writes records makes first."""

import click

from webapp.db import schema_problem


def require_schema() -> None:
    """Stop with a clear message when the database is not at the latest migration."""
    if problem := schema_problem():
        raise click.ClickException(problem)
