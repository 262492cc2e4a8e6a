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

from webapp.problems import SetupError
from webapp.problems import one_line
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

    try:
        db.init_app(app)
    except (sa.exc.ArgumentError, ImportError) as error:
        raise SetupError(url_problem(app.config["SQLALCHEMY_DATABASE_URI"], error)) from None
    migrate.init_app(app, db, directory=str(app.config["MIGRATIONS_DIR"]))
    with app.app_context():
        for engine in db.engines.values():
            if is_sqlite(engine):
                event.listen(engine, "connect", apply_sqlite_pragmas)


def url_problem(url: str, error: Exception) -> str:
    """Why ``url`` names no database Parley can use, without its password."""
    try:
        shown = repr(sa.make_url(url).render_as_string(hide_password=True))
    except sa.exc.ArgumentError:
        return (
            "the database URL is not a URL: set DATABASE_URL to sqlite:///PATH "
            "or postgresql://USER@HOST/NAME"
        )
    return f"cannot use the database URL {shown}: {one_line(error)}"


def cannot_open(engine: Engine, error: sa.exc.OperationalError) -> str:
    shown = engine.url.render_as_string(hide_password=True)
    return f"the database {shown} cannot be opened: {one_line(error)}"


def alembic_config():
    return current_app.extensions["migrate"].migrate.get_config()


def schema_problem(engine: Engine | None = None, upgrade: str | None = None) -> str | None:
    """Why a database (the app's, by default) cannot be written yet, or None when it is current.

    ``upgrade`` is the command the message tells the operator to run
    (by default ``parley db upgrade``).
    """
    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    engine = engine or db.engine
    try:
        with engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except sa.exc.OperationalError as error:
        return cannot_open(engine, error)
    if current == heads:
        return None
    state = "has no schema" if not current else "has an older schema"
    return f"the database {state}: run `{upgrade or parley('db upgrade')}` first"
