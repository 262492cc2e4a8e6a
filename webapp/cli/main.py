"""`parley`, the program installed in the virtual environment: `flask --app webapp` by name.

The same commands as ``flask --app webapp``, without needing ``--app`` or
Flask on the PATH: ``.venv/bin/parley seed`` works as pasted from the
repository root.
"""

from __future__ import annotations

from typing import Any

import click
from flask.cli import FlaskGroup
from flask.cli import ScriptInfo

from webapp import create_app
from webapp.cli.reporting import reported

HELP = """Parley: a curated database of diplomatic meetings and statements.

\b
Set up and serve it with:
  parley db upgrade            create or upgrade the schema
  parley seed                  load seed_data/articles
  parley users ensure-admin    create the user admin (the password is shown once)
  parley run                   serve http://127.0.0.1:5000 for development

Every command has --help; docs/operations.md covers production.
"""


class ParleyGroup(FlaskGroup):
    """Flask's command line, bound to ``create_app``, reporting mistakes in one line."""

    def __init__(self, **extra: Any) -> None:
        super().__init__(
            create_app=create_app, add_version_option=False, load_dotenv=False, **extra
        )
        # The app is always Parley's, and python-dotenv is not installed.
        self.params = [param for param in self.params if param.name not in ("app", "env_file")]

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command; when the app cannot be built, say why in one line and list Flask's."""
        try:
            ctx.ensure_object(ScriptInfo).load_app()
        except click.ClickException as error:
            click.secho(f"Error: {error.format_message()}\n", err=True, fg="red")
            return sorted(self.commands)
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        with reported():
            return super().invoke(ctx)


cli = ParleyGroup(name="parley", help=HELP)
cli = click.version_option(package_name="parley", prog_name="parley")(cli)


def main() -> None:
    cli.main(prog_name="parley")
