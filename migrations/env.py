"""Alembic environment, run by `parley db ...` (or `flask --app webapp db ...`).

Batch mode lets SQLite alter tables; its copy-and-rename needs foreign keys
off while it runs, and they are switched back on afterwards so that a pooled
connection is never handed back without them.

Alembic logs only warnings (see alembic.ini); a command that changes the
schema ends with one line saying what it did.
"""

from logging.config import fileConfig

import click
import sqlalchemy as sa
from alembic import context
from alembic.util import CommandError
from flask import current_app

from webapp.db import cannot_open
from webapp.search import is_search_object

config = context.config
if config.config_file_name:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

db = current_app.extensions["migrate"].db


def include_object(obj, name, type_, reflected, compare_to):
    """Leave the full-text tables, columns and indexes out of autogenerate."""
    return not is_search_object(name, type_)


def skip_empty_revisions(context_, revision, directives):
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        click.echo("No changes in schema detected; no revision written.")


def summary(steps):
    """One line for the revisions applied: (upgrade?, heads after) for each step."""
    if not steps:
        return None
    upgrade, heads = steps[-1]
    direction = "Upgraded" if upgrade else "Downgraded"
    where = ", ".join(sorted(heads)) or "base"
    return f"{direction} the database to {where} ({len(steps)} step{'s' * (len(steps) > 1)})."


def run_migrations_offline():
    context.configure(
        url=db.engine.url.render_as_string(hide_password=False),
        target_metadata=db.metadata,
        literal_binds=True,
        render_as_batch=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    configure_args = {
        "process_revision_directives": skip_empty_revisions,
        "render_as_batch": True,
        "include_object": include_object,
        "compare_server_default": True,
        **current_app.extensions["migrate"].configure_args,
    }
    steps = []
    configure_args["on_version_apply"] = lambda step, heads, **_: steps.append(
        (step.is_upgrade, set(heads))
    )
    try:
        connection = db.engine.connect()
    except sa.exc.OperationalError as error:
        raise CommandError(cannot_open(db.engine, error)) from None
    with connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            context.configure(
                connection=connection,
                target_metadata=db.metadata,
                **configure_args,
            )
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()
    if line := summary(steps):
        click.echo(line)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
