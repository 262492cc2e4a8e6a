"""Commands whose ordinary failures end in one line (see ``webapp.problems``), not a traceback.

An unreachable or unwritable database and a file that cannot be read or
written are the operator's to fix; anything else is a bug, and keeps its
traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from webapp.problems import one_line


@contextmanager
def reported() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:
        raise  # click reports a closed pipe (`parley export | head`) itself
    except sa.exc.OperationalError as error:
        raise click.ClickException(f"database error: {one_line(error)}") from error
    except OSError as error:
        raise click.ClickException(one_line(error)) from error


class Command(click.Command):
    def invoke(self, ctx: click.Context) -> Any:
        with reported():
            return super().invoke(ctx)


class Group(AppGroup):
    """An ``AppGroup`` whose subcommands report as ``Command`` does."""

    def invoke(self, ctx: click.Context) -> Any:
        with reported():
            return super().invoke(ctx)
