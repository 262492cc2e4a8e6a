"""The command line: every command registered on ``flask --app webapp``, explicitly."""

from flask import Flask

from webapp.cli.export import export_command
from webapp.cli.maintenance import backup_command
from webapp.cli.maintenance import check_command
from webapp.cli.maintenance import copy_to_command
from webapp.cli.seeding import seed_command
from webapp.cli.users import users


def init_app(app: Flask) -> None:
    commands = (seed_command, export_command, users, backup_command, check_command, copy_to_command)
    for command in commands:
        app.cli.add_command(command)
