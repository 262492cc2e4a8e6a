"""Command-line commands, registered on ``flask --app webapp``."""

from flask import Flask


def init_app(app: Flask) -> None:
    pass
