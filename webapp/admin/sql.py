"""The SQL page: editors run one reading query and see the rows, or download them as CSV.

Queries never touch the app's session; ``webapp.readonly`` runs each on its own
read-only connection with a time limit (``SQL_TIME_LIMIT_MS``) and a row limit
(``SQL_ROW_LIMIT``). ``SQL_DATABASE_URL``, when set, names the database to query
instead of the app's own (e.g. a PostgreSQL role that may only read).
"""

from __future__ import annotations

import csv
import io
from datetime import UTC
from datetime import datetime
from typing import Any

from flask import Response
from flask import abort
from flask import current_app
from flask import request
from flask_admin import expose
from wtforms import TextAreaField

from webapp import readonly
from webapp.admin import sql_guide
from webapp.admin.base import SecureView
from webapp.auth import CSRF_FAILED
from webapp.auth import SessionCSRFForm
from webapp.db import db
from webapp.models import Role


class QueryForm(SessionCSRFForm):
    sql = TextAreaField("SQL")


def settings() -> dict[str, int]:
    config = current_app.config
    return {
        "time_limit_ms": int(config["SQL_TIME_LIMIT_MS"]),
        "row_limit": int(config["SQL_ROW_LIMIT"]),
    }


def database_url():
    """The database the page queries: ``SQL_DATABASE_URL``, else the app's own SQLite file.

    On PostgreSQL the app's own login may be able to read server files or
    other schemas through functions no word list can enumerate, so the page
    runs only with a login of its own that can just read the analyst tables.
    """
    if configured := current_app.config.get("SQL_DATABASE_URL"):
        return configured
    if db.engine.dialect.name != "sqlite":
        raise readonly.QueryError(
            "On PostgreSQL the SQL page needs SQL_DATABASE_URL: a login that can only read "
            '(see docs/operations.md, "The SQL page on PostgreSQL").'
        )
    return db.engine.url


def cell(value: Any) -> str:
    """A value as text for CSV: empty for NULL, a short note for binary data."""
    if value is None:
        return ""
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(value):,} bytes>"
    return str(value)


def as_csv(result: readonly.Result) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.columns)
    writer.writerows([cell(value) for value in row] for row in result.rows)
    return out.getvalue()


def csv_response(result: readonly.Result) -> Response:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    headers = {"Content-Disposition": f'attachment; filename="parley-query-{stamp}.csv"'}
    if result.truncated:
        headers["X-Parley-Rows-Truncated"] = str(result.row_limit)
    return Response(as_csv(result), mimetype="text/csv", headers=headers)


class SqlView(SecureView):
    read_role = Role.EDITOR
    write_role = Role.EDITOR

    @expose("/", methods=("GET", "POST"))
    def index(self):
        limits = settings()
        if request.method == "GET":
            form = QueryForm(sql=request.args.get("sql", ""))
            return self.page(form, limits)
        form = QueryForm(request.form)
        if not form.validate():
            return self.page(form, limits, error=CSRF_FAILED, status=400)
        try:
            result = readonly.run(database_url(), form.sql.data or "", **limits)
        except readonly.QueryError as error:
            return self.page(form, limits, error=str(error), status=400)
        if request.form.get("format") == "csv":
            return csv_response(result)
        return self.page(form, limits, result=result)

    def page(self, form, limits, *, result=None, error=None, status=200):
        body = self.render(
            "admin/sql/index.html",
            form=form,
            result=result,
            error=error,
            time_limit_ms=limits["time_limit_ms"],
            row_limit=limits["row_limit"],
            cell=cell,
            relations=sql_guide.relations(),
            examples=sql_guide.examples(),
        )
        return body, status

    @expose("/schema/")
    def schema_view(self):
        """docs/schema.md, served by the app so that it reads the same offline."""
        text = sql_guide.schema_text()
        if text is None:
            abort(404, description="docs/schema.md is not beside this installation.")
        return self.render("admin/sql/schema.html", text=text)


def add_views(admin) -> None:
    admin.add_view(SqlView(name="SQL", endpoint="sql", url="sql"))
