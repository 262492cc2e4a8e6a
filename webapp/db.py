"""The database objects: one declarative ``Base``, ``db`` and ``migrate``.

The naming convention gives every constraint a stable name, so that Alembic
can alter it later on SQLite and PostgreSQL alike.
"""

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask import current_app
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

from webapp.problems import parley

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA busy_timeout=5000",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()


def apply_sqlite_pragmas(dbapi_connection, _record=None) -> None:
    """Run on every new SQLite connection, outside any transaction."""
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def init_app(app: Flask) -> None:
    import webapp.models  # noqa: F401  (registers every table on Base.metadata)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.config["MIGRATIONS_DIR"]))
    with app.app_context():
        for engine in db.engines.values():
            if is_sqlite(engine):
                event.listen(engine, "connect", apply_sqlite_pragmas)


def alembic_config():
    return current_app.extensions["migrate"].migrate.get_config()


def schema_problem(engine: Engine | None = None, upgrade: str | None = None) -> str | None:
    """Why a database (the app's, by default) cannot be written yet, or None when it is current.

    ``upgrade`` is the command the message tells the operator to run
    (by default ``parley db upgrade``).
    """
    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    try:
        with (engine or db.engine).connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except sa.exc.OperationalError as error:
        return f"the database cannot be opened: {error.orig}"
    if current == heads:
        return None
    state = "has no schema" if not current else "has an older schema"
    return f"the database {state}: run `{upgrade or parley('db upgrade')}` first"
