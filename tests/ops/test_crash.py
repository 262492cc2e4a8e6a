"""Killing seeding at any moment loses nothing and half-loads nothing.

A seeding process is killed with SIGKILL twenty times, each time a little after
it starts writing articles. After every kill `check` must be clean and every
article in the database must have exactly the records an uninterrupted run
gives it; a final run must end with exactly the uninterrupted run's export.
"""

import json
import random
import signal
import time

import pytest
import sqlalchemy as sa

from tests.benchmarks.make_corpus import make_corpus
from tests.conftest import make_app
from tests.conftest import migrate
from tests.ops.processes import seed_process
from webapp.db import db

KILLS = 20


def records_by_article(app):
    """sha256 -> the article's statements, mentions and meeting reports, as comparable tuples."""
    with app.app_context():
        rows = db.session.execute(
            sa.text(
                "SELECT a.sha256, 's', s.start_char, s.end_char, s.kind, s.text FROM statements s"
                " JOIN articles a ON a.id = s.article_id"
                " UNION ALL SELECT a.sha256, 'm', m.start_char, m.end_char, m.how, ''"
                " FROM mentions m JOIN articles a ON a.id = m.article_id"
                " UNION ALL SELECT a.sha256, 'r', r.start_char, r.end_char, '', ''"
                " FROM meeting_reports r JOIN articles a ON a.id = r.article_id"
            )
        ).all()
        loaded = db.session.scalars(sa.select(sa.text("sha256 FROM articles"))).all()
    by_article = {sha: set() for sha in loaded}
    for sha, *rest in rows:
        by_article[sha].add(tuple(rest))
    return by_article


@pytest.mark.slow
def test_sigkill_at_twenty_moments(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(600, corpus, seed=7)

    reference = make_app(f"sqlite:///{tmp_path / 'reference.db'}")
    migrate(reference)
    assert reference.test_cli_runner().invoke(args=["seed", str(corpus)]).exit_code == 0
    expected = records_by_article(reference)
    expected_export = json.loads(reference.test_cli_runner().invoke(args=["export"]).output)

    crashed = make_app(f"sqlite:///{tmp_path / 'crashed.db'}")
    migrate(crashed)
    runner = crashed.test_cli_runner()
    rng = random.Random(42)
    loaded_counts = []
    for _ in range(KILLS):
        process = seed_process(f"sqlite:///{tmp_path / 'crashed.db'}", corpus)
        first_line = process.stdout.readline()  # printed once the dictionary is in
        assert first_line.startswith("People dictionary"), first_line
        time.sleep(rng.uniform(0.0, 0.15))
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
        assert process.returncode == -signal.SIGKILL

        result = runner.invoke(args=["check"])
        assert result.exit_code == 0, result.output
        found = records_by_article(crashed)
        for sha, records in found.items():
            assert records == expected[sha], f"article {sha[:12]} is half-loaded"
        loaded_counts.append(len(found))

    assert loaded_counts[0] < len(expected), "the first kill came after seeding had finished"
    result = runner.invoke(args=["seed", str(corpus)])
    assert result.exit_code == 0, result.output
    assert json.loads(runner.invoke(args=["export"]).output) == expected_export
    with crashed.app_context():
        db.engine.dispose()
    with reference.app_context():
        db.engine.dispose()
