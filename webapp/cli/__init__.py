"""The command line: every command registered on the app, explicitly.

`parley` (``webapp.cli.main``) and ``flask --app webapp`` both run them.
"""

from flask import Flask

from webapp import command_being_run
from webapp.cli.export import export_command
from webapp.cli.maintenance import backup_command
from webapp.cli.maintenance import check_command
from webapp.cli.maintenance import copy_to_command
from webapp.cli.seeding import seed_command
from webapp.cli.serving import require_ready
from webapp.cli.serving import secret_key_command
from webapp.cli.serving import serve_command
from webapp.cli.users import users


def init_app(app: Flask) -> None:
    commands = (
        seed_command,
        export_command,
        users,
        backup_command,
        check_command,
        copy_to_command,
        serve_command,
        secret_key_command,
    )
    for command in commands:
        app.cli.add_command(command)
    if command_being_run() == "run":
        require_ready(app)  # Flask's development server refuses as `serve` does
