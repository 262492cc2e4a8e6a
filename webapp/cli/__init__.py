"""The command line: every command registered on ``flask --app webapp``, explicitly."""

from flask import Flask

from webapp.cli.seeding import export_command
from webapp.cli.seeding import seed_command
from webapp.cli.users import users


def init_app(app: Flask) -> None:
    for command in (seed_command, export_command, users):
        app.cli.add_command(command)
