"""The benchmarks time the pages they name: each is checked on a small generated database."""

from __future__ import annotations

import pytest

from tests.benchmarks.bench_admin import build
from tests.benchmarks.bench_admin import editor
from tests.benchmarks.bench_http import METADATA
from tests.benchmarks.bench_http import for_database
from tests.benchmarks.pages import Expect
from tests.benchmarks.pages import check
from tests.benchmarks.pages import pages
from tests.benchmarks.pages import read_facts
from tests.benchmarks.servers import Client
from tests.benchmarks.servers import datasette
from tests.conftest import login
from tests.conftest import make_app
from webapp.db import db


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "small.db"
    build(path, articles=300, per_article=10, extra_people=50)
    app = make_app(f"sqlite:///{path}")
    editor(app)
    yield path, app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def editor_client(small):
    _, app = small
    client = app.test_client()
    login(client, "eddie")
    return client


def page_named(path, name):
    return next(page for page in pages(read_facts(path)) if page.name == name)


def test_every_parley_page_is_the_page_meant(small, editor_client):
    path, _ = small
    for page in pages(read_facts(path)):
        response = editor_client.get(page.parley)
        html = response.get_data(as_text=True)
        assert check(page.parley_expects, response.status_code, html) == [], page.name


def test_an_ignored_filter_is_caught(small, editor_client):
    """Flask-Admin ignores an unknown filter argument; the check must not."""
    path, _ = small
    page = page_named(path, "statements by one speaker (name equals)")
    wrong = page.parley.replace("flt0_speaker_equals", "flt0_speaker_is")
    response = editor_client.get(wrong)
    assert response.status_code == 200
    problems = check(page.parley_expects, 200, response.get_data(as_text=True))
    assert any("active-filters-data" in problem for problem in problems)


def test_a_wrong_row_count_is_caught():
    assert check(Expect(r"<tr>", 2), 200, "<tr><tr><tr>") == ["3 rows instead of 2"]
    assert check(Expect(), 500, "") == ["HTTP 500"]


def test_every_datasette_page_is_the_page_meant(small):
    """Datasette's side of the comparison, on the same small file, with the shipped metadata."""
    path, _ = small
    metadata = for_database(METADATA, path, str(path.parent))
    with datasette(path, "--metadata", str(metadata)) as port:
        client = Client(port)
        for page in pages(read_facts(path)):
            status, html = client.get(f"/{path.stem}{page.datasette}")
            assert check(page.datasette_expects, status, html) == [], page.name
        client.close()
