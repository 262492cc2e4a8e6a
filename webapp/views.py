"""The public part of the app: a health check for load balancers and monitors."""

from flask import Flask
from flask import jsonify
from sqlalchemy import text

from webapp.db import db


def health():
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")


def init_app(app: Flask) -> None:
    app.add_url_rule("/health", view_func=health)
