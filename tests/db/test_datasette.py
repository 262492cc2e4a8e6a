"""Datasette on a Parley file: it finds the full-text tables by itself, and the shipped metadata.

Analysts browse the SQLite file with ``datasette instance/parley.db -m docs/metadata.yml``
(see the README); these tests start Datasette the same way on the seeded file.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sqlite3
from urllib.parse import quote

import pytest
import sqlalchemy as sa
import yaml
from datasette.utils import detect_fts

from tests.benchmarks.servers import Client
from tests.benchmarks.servers import datasette
from webapp import PROJECT_ROOT
from webapp.db import db
from webapp.search import FTS_TABLES

BUILDER = PROJECT_ROOT / "docs" / "build_metadata.py"
METADATA = PROJECT_ROOT / "docs" / "metadata.yml"
SCHEMA_DOC = PROJECT_ROOT / "docs" / "schema.md"


def load_builder():
    spec = importlib.util.spec_from_file_location("build_metadata", BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shipped() -> dict:
    return yaml.safe_load(METADATA.read_text())


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory, seeded_template):
    """A copy of the seeded database named as ``make run`` names it, parley.db."""
    path = tmp_path_factory.mktemp("datasette") / "parley.db"
    shutil.copyfile(seeded_template, path)
    return path


def get_json(client: Client, path: str):
    status, body = client.get(path)
    assert status == 200, (path, status, body[:500])
    return json.loads(body)


def a_word_said(path) -> str:
    """A word of the seeded statements that not every statement has."""
    with sqlite3.connect(path) as connection:
        texts = [row[0] for row in connection.execute("SELECT text FROM statements")]
    words = {word for text in texts for word in re.findall(r"[a-z]{7,}", text.lower())}
    return min(w for w in words if 0 < sum(w in t.lower() for t in texts) < len(texts))


def test_datasette_detects_each_full_text_table(app):
    with app.app_context():
        path = db.engine.url.database
        db.engine.dispose()
    with sqlite3.connect(path) as connection:
        for table, (fts_table, _columns) in FTS_TABLES.items():
            assert detect_fts(connection, table) == fts_table


def test_search_works_on_the_seeded_file_with_no_options(seeded_file):
    word = a_word_said(seeded_file)
    with sqlite3.connect(seeded_file) as connection:
        expected = {
            row[0]
            for row in connection.execute(
                "SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?", (f'"{word}"',)
            )
        }
        total = connection.execute("SELECT count(*) FROM statements").fetchone()[0]
    assert 0 < len(expected) < total
    with datasette(seeded_file) as port:
        client = Client(port)
        found = get_json(client, f"/parley/statements.json?_search={word}&_shape=array&_size=max")
        articles = get_json(client, f"/parley/articles.json?_search={word}&_shape=array")
        client.close()
    assert {row["id"] for row in found} == expected
    assert all(word in row["text"].lower() for row in found)
    assert articles and all(word in row["clean_text"].lower() for row in articles)


def test_the_metadata_file_is_current():
    assert load_builder().render() == METADATA.read_text(), (
        "docs/metadata.yml is out of date: run .venv/bin/python docs/build_metadata.py "
        "> docs/metadata.yml"
    )


def test_every_table_column_and_view_is_described(app):
    tables = shipped()["databases"]["parley"]["tables"]
    with app.app_context():
        for name, table in db.metadata.tables.items():
            assert tables[name].get("description"), name
            assert set(tables[name]["columns"]) == set(table.columns.keys()) - {"id"}, name
        views = set(sa.inspect(db.engine).get_view_names())
    assert views and views <= set(tables)
    for view in views:
        assert tables[view]["description"].startswith("One row per"), view


def test_descriptions_are_the_models_comments_and_docstrings():
    tables = shipped()["databases"]["parley"]["tables"]
    statements = tables["statements"]["columns"]
    assert statements["speaker_id"] == "who said it; null when nobody could be identified"
    assert tables["articles"]["description"].startswith("One news text, as read from a file.")
    assert tables["people"]["columns"]["review_status"] == (
        "unreviewed (as extracted), edited, reviewed or rejected"
    )


def test_canned_queries_are_the_schema_examples():
    examples = re.findall(r"```sql\n(.*?)```", SCHEMA_DOC.read_text(), flags=re.S)
    queries = shipped()["databases"]["parley"]["queries"]
    assert sorted(query["sql"].strip() for query in queries.values()) == sorted(
        example.strip() for example in examples
    )
    assert all(query["title"] for query in queries.values())


def test_searchable_tables_and_hidden_users():
    tables = shipped()["databases"]["parley"]["tables"]
    for table, (fts_table, _columns) in FTS_TABLES.items():
        assert tables[table]["fts_table"] == fts_table
        assert tables[table]["fts_pk"] == "id"
    assert tables["users"]["allow"] is False


def test_datasette_serves_the_seeded_file_with_the_metadata(seeded_file):
    queries = shipped()["databases"]["parley"]["queries"]
    with datasette(seeded_file, "--metadata", str(METADATA)) as port:
        client = Client(port)
        status, page = client.get("/parley/statements")
        assert status == 200
        assert "What people said: quotes, reported speech and transcript turns." in page
        assert "who said it; null when nobody could be identified" in page
        status, page = client.get("/parley/statement_details")
        assert status == 200 and "One row per statement." in page
        for name in queries:
            rows = get_json(client, f"/parley/{quote(name)}.json?_shape=array")
            assert rows, name
        assert client.get("/parley/users")[0] == 403
        client.close()
