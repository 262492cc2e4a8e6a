"""Editors keep saving while a large seeding run writes: nobody sees an error, nothing is lost."""

import re
import subprocess
import threading

import pytest
import sqlalchemy as sa

from tests.benchmarks.make_corpus import make_corpus
from tests.conftest import make_app
from tests.conftest import migrate
from tests.forms import form_fields
from tests.ops.processes import seed_process
from webapp.db import db
from webapp.models import ReviewStatus
from webapp.models import Role
from webapp.models import Statement
from webapp.models import User

EDITORS = 4
EDITS_EACH = 8


def edit_form(client, statement_id):
    page = client.get(f"/admin/statement/edit/?id={statement_id}")
    assert page.status_code == 200
    return form_fields(page.get_data(as_text=True))


def log_in(client, name):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]* value="([^"]+)"', page).group(1)
    response = client.post(
        "/login", data={"csrf_token": token, "username": name, "password": "pw-" + name}
    )
    assert response.status_code == 302


def editor_session(app, name, statement, errors, finals):
    """Each save shortens the statement by a character: its text stays the article's words."""
    statement_id, words, start = statement
    client = app.test_client()
    log_in(client, name)
    for n in range(EDITS_EACH):
        fields = edit_form(client, statement_id)
        kept = len(words) - 1 - n
        fields.update(text=words[:kept], start_char=str(start), end_char=str(start + kept))
        response = client.post(f"/admin/statement/edit/?id={statement_id}", data=fields)
        body = response.get_data(as_text=True)
        if response.status_code != 302 or "locked" in body or "Failed" in body:
            errors.append((name, n, response.status_code, body[-500:]))
            return
    finals[statement_id] = words[: len(words) - EDITS_EACH]


def overlap(app, database_url, tmp_path):
    """Seed a large corpus in another process while editors save; return what happened."""
    migrate(app)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed"]).exit_code == 0
    with app.app_context():
        for n in range(EDITORS):
            user = User(username=f"editor{n}", role=Role.EDITOR)
            user.set_password(f"pw-editor{n}")
            db.session.add(user)
        db.session.commit()
        statements = db.session.execute(
            sa.select(Statement.id, Statement.text, Statement.start_char)
            .order_by(Statement.id)
            .limit(EDITORS)
        ).all()
    corpus = tmp_path / "corpus"
    make_corpus(1500, corpus, seed=3)
    seeding = seed_process(database_url, corpus, stderr=subprocess.PIPE)
    errors, finals = [], {}
    threads = [
        threading.Thread(target=editor_session, args=(app, f"editor{n}", row, errors, finals))
        for n, row in enumerate(statements)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    still_seeding = seeding.poll() is None
    out, err = seeding.communicate(timeout=600)
    assert seeding.returncode == 0, out + err
    assert "Added 1,500 articles" in out
    assert errors == []
    with app.app_context():
        for statement_id, text in finals.items():
            statement = db.session.get(Statement, statement_id)
            assert (statement.text, statement.review_status) == (text, ReviewStatus.EDITED)
        assert len(finals) == EDITORS
        db.session.remove()
        db.engine.dispose()
    return still_seeding


@pytest.mark.slow
def test_editors_and_seeding_on_sqlite(tmp_path):
    url = f"sqlite:///{tmp_path / 'overlap.db'}"
    assert overlap(make_app(url), url, tmp_path), "seeding ended before the editors did"


@pytest.mark.slow
@pytest.mark.postgres
def test_editors_and_seeding_on_postgresql(postgres_url, tmp_path):
    assert overlap(make_app(postgres_url), postgres_url, tmp_path)
