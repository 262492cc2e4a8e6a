"""An Undo in the message that confirms a change: a save, a delete, a merge or an action.

Every revision a request commits is noted by the audit trail
(``committed_revisions``). When a request that posted a change ends, the ids
of those revisions are flashed as an ``undo`` message, which the page shows
as an Undo button inside the confirmation before it. The button posts them
back (with a CSRF token) to the history's undo view, which reverts them all
or none through ``webapp.changes.revert``.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask import flash
from flask import get_flashed_messages
from flask import request
from wtforms import HiddenField

from webapp.auth import TokenForm
from webapp.changes.revert import revertible
from webapp.changes.trail import committed_revisions
from webapp.db import db
from webapp.models import Revision

UNDO = "undo"
IDS = re.compile(r"[0-9]{1,18}(,[0-9]{1,18}){0,499}")


class UndoForm(TokenForm):
    ids = HiddenField()
    next = HiddenField()


def parse_ids(value: str | None) -> list[int] | None:
    if not value or not IDS.fullmatch(value):
        return None
    return [int(part) for part in value.split(",")]


def offer_undo(response):
    """After a posted change, flash its revisions for an Undo, if all of them can be undone.

    Only a redirect, the way a form's confirmation travels to the next page: a
    script's request that answers with data shows no message, and offers its own undo.
    """
    ids = committed_revisions()
    if not ids or request.method != "POST" or not 300 <= response.status_code < 400:
        return response
    revisions = db.session.scalars(db.select(Revision).where(Revision.id.in_(ids))).all()
    if revisions and all(revertible(revision) for revision in revisions):
        flash(",".join(str(revision_id) for revision_id in ids), UNDO)
    return response


def flash_messages() -> list[tuple[str, Any, UndoForm | None]]:
    """The flashed messages as (category, message, undo form or None).

    An ``undo`` message becomes the Undo form of the message before it, or a
    message of its own when it comes first.
    """
    shown: list[tuple[str, Any, UndoForm | None]] = []
    for category, message in get_flashed_messages(with_categories=True):
        if category != UNDO:
            shown.append((category, message, None))
            continue
        form = UndoForm(ids=message, next=request.full_path.removesuffix("?"))
        if shown and shown[-1][2] is None and shown[-1][0] == "success":
            shown[-1] = (shown[-1][0], shown[-1][1], form)
        else:
            shown.append(("success", "Changes saved.", form))
    return shown


def init_app(app: Flask) -> None:
    app.after_request(offer_undo)
    app.add_template_global(flash_messages)
