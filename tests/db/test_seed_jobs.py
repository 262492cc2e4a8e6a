"""Seeding with worker processes writes exactly what seeding in one process writes."""

import json
import shutil
from concurrent.futures import ProcessPoolExecutor

import pytest

from tests.benchmarks.make_corpus import make_corpus
from tests.conftest import make_app
from webapp.db import db
from webapp.seed import prepare

ARTICLES = 60


@pytest.fixture
def corpus(tmp_path):
    """Real-style articles, a byte-for-byte copy of one of them and an empty file."""
    folder = tmp_path / "corpus"
    paths = make_corpus(ARTICLES, folder, seed=5)
    shutil.copyfile(paths[3], folder / "zz_copy.txt")
    (folder / "zz_empty.txt").write_bytes(b"")
    return folder


@pytest.fixture
def pools(monkeypatch):
    """The worker counts of the pools started."""
    started = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            started.append(kwargs["max_workers"])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(prepare, "ProcessPoolExecutor", CountedPool)
    return started


def fresh_app(tmp_path, sqlite_template, name):
    path = tmp_path / f"{name}.db"
    shutil.copyfile(sqlite_template, path)
    return make_app(f"sqlite:///{path}")


def run(app, *args):
    result = app.test_cli_runner().invoke(args=["seed", *map(str, args)])
    return result.exit_code, result.output


def export(app):
    output = app.test_cli_runner().invoke(args=["export"]).output
    with app.app_context():
        db.engine.dispose()
    return json.loads(output)


def test_two_jobs_seed_what_one_does(tmp_path, sqlite_template, corpus, pools):
    one = fresh_app(tmp_path, sqlite_template, "one")
    two = fresh_app(tmp_path, sqlite_template, "two")

    first = run(one, corpus, "--jobs", "1")
    assert pools == []
    assert run(two, corpus, "--jobs", "2") == first
    assert pools == [2]
    code, output = first
    assert code == 1  # the empty file
    assert f"Added {ARTICLES} articles; 1 unchanged, 0 re-extracted, 1 failed." in output
    assert export(two) == export(one)

    again = run(two, corpus, "--jobs", "2")
    assert f"Added 0 articles; {ARTICLES + 1} unchanged, 0 re-extracted, 1 failed." in again[1]
    assert run(one, corpus, "--reextract", "--jobs", "1") == run(
        two, corpus, "--reextract", "--jobs", "2"
    )
    assert export(two) == export(one)


def test_a_dry_run_with_two_jobs_reports_what_one_does_and_writes_nothing(
    tmp_path, sqlite_template, corpus, pools
):
    one = fresh_app(tmp_path, sqlite_template, "one")
    two = fresh_app(tmp_path, sqlite_template, "two")
    empty = export(two)

    assert run(two, corpus, "--dry-run", "--jobs", "2") == run(
        one, corpus, "--dry-run", "--jobs", "1"
    )
    assert pools == [2]
    assert export(two) == empty


def test_a_few_files_are_read_in_this_process(tmp_path, sqlite_template, pools):
    app = fresh_app(tmp_path, sqlite_template, "few")
    make_corpus(prepare.BATCH, tmp_path / "few", seed=5)
    code, output = run(app, tmp_path / "few", "--jobs", "2")
    assert code == 0, output
    assert f"Added {prepare.BATCH} articles" in output
    assert pools == []
