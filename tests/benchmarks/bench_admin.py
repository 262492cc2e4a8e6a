"""Time the editors' pages on a database of 100,000 articles and 1,000,000 statements.

    python -m tests.benchmarks.bench_admin                  # builds the database in a temp dir
    python -m tests.benchmarks.bench_admin --keep /tmp/big.db   # build once, reuse after

The rows are generated directly (deterministically, ``random.Random(42)``):
articles of ten sentences, each sentence a statement whose span points into
the article, two mentions per article, a meeting for every two articles, and
the dictionary's people plus 5,000 more, and 20,000 revisions. Every page of
``tests.benchmarks.pages`` is fetched through the Flask test client as a
logged-in editor: one warm-up, checked to be the page meant (its rows, its
filter), then the median of --repeat runs is printed. Exit status 1 if a page
is not what it should be or any median is over --limit ms.

``bench_http`` times the same pages over HTTP, beside Datasette.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import date
from datetime import timedelta
from pathlib import Path

from alembic import command

from tests.benchmarks.pages import check
from tests.benchmarks.pages import pages
from tests.benchmarks.pages import read_facts
from tests.conftest import login
from webapp import create_app
from webapp.db import db
from webapp.models import Role
from webapp.models import User

WORDS = (
    "cooperation trade energy transport agreement partnership strategic council union "
    "investment logistics corridor industry digital forum regional humanitarian visit "
    "president minister government relations economy projects growth security talks"
).split()
NOW = "2026-01-01 00:00:00"
REVISIONS = 20_000


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 14))]
    return " ".join(words).capitalize() + "."


def build(path: Path, articles: int, per_article: int, extra_people: int) -> None:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        command.upgrade(app.extensions["migrate"].migrate.get_config(), "head")
        db.engine.dispose()
    runner = app.test_cli_runner()
    runner.invoke(args=["seed", str(Path(tempfile.mkdtemp()))])  # the dictionary only
    rng = random.Random(42)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    first_person = connection.execute("SELECT max(id) FROM people").fetchone()[0] + 1
    connection.executemany(
        "INSERT INTO people (id, name, country, review_status, version_id, created_at,"
        " updated_at) VALUES (?, ?, ?, 'unreviewed', 1, ?, ?)",
        [
            (first_person + n, f"Person {n:05d}", rng.choice(["Russia", "Kazakhstan"]), NOW, NOW)
            for n in range(extra_people)
        ],
    )
    people = [row[0] for row in connection.execute("SELECT id FROM people")]
    connection.execute("INSERT INTO sources (id, name) VALUES (1, 'TASS'), (2, 'Kazpravda.kz')")
    statement_id = 0
    for start in range(0, articles, 1000):
        article_rows, statement_rows, mention_rows = [], [], []
        meeting_rows, participant_rows, report_rows = [], [], []
        for n in range(start, min(start + 1000, articles)):
            article_id = n + 1
            sentences = [sentence(rng) for _ in range(per_article)]
            text = " ".join(sentences)
            published = date(2022, 1, 1) + timedelta(days=rng.randrange(1000))
            article_rows.append(
                (
                    article_id,
                    f"{article_id:06d}.txt",
                    f"{article_id:064x}",
                    text,
                    text,
                    f"Article {article_id}: {sentences[0][:60]}",
                    published.isoformat(),
                    rng.choice([1, 2]),
                    NOW,
                    NOW,
                )
            )
            speakers = rng.sample(people, 2)
            offset = 0
            for text_of in sentences:
                statement_id += 1
                statement_rows.append(
                    (
                        statement_id,
                        article_id,
                        rng.choice(speakers),
                        text_of,
                        offset,
                        offset + len(text_of),
                        round(rng.random(), 3),
                        NOW,
                        NOW,
                    )
                )
                offset += len(text_of) + 1
            for person_id in speakers:
                mention_rows.append((article_id, person_id, 0, 5))
            if n % 2 == 0:
                meeting_id = n // 2 + 1
                meeting_rows.append((meeting_id, published.isoformat(), NOW, NOW))
                participant_rows += [(meeting_id, person_id) for person_id in speakers]
                report_rows.append((meeting_id, article_id))
        connection.executemany(
            "INSERT INTO articles (id, file, sha256, raw_text, clean_text, title, published,"
            " source_id, review_status, version_id, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'unreviewed', 1, ?, ?)",
            article_rows,
        )
        connection.executemany(
            "INSERT INTO statements (id, article_id, speaker_id, kind, text, start_char,"
            " end_char, confidence, review_status, version_id, created_at, updated_at)"
            " VALUES (?, ?, ?, 'direct', ?, ?, ?, ?, 'unreviewed', 1, ?, ?)",
            statement_rows,
        )
        connection.executemany(
            "INSERT INTO mentions (article_id, person_id, start_char, end_char, how, confidence)"
            " VALUES (?, ?, ?, ?, 'name', 1.0)",
            mention_rows,
        )
        connection.executemany(
            "INSERT INTO meetings (id, held_on, place, confidence, review_status, version_id,"
            " created_at, updated_at) VALUES (?, ?, 'Moscow', 0.8, 'unreviewed', 1, ?, ?)",
            meeting_rows,
        )
        connection.executemany(
            "INSERT INTO meeting_participants (meeting_id, person_id) VALUES (?, ?)",
            participant_rows,
        )
        connection.executemany(
            "INSERT INTO meeting_reports (meeting_id, article_id, start_char, end_char)"
            " VALUES (?, ?, 0, 5)",
            report_rows,
        )
        connection.commit()
    connection.executemany(
        "INSERT INTO revisions (at, actor, action, table_name, row_id, changes, summary)"
        " VALUES (?, 'eddie', 'update', 'statements', ?, ?, ?)",
        [
            (NOW, n * 50 + 1, '{"confidence": [0.5, 1.0]}', f"updated statement {n * 50 + 1}")
            for n in range(REVISIONS)
        ],
    )
    connection.commit()
    connection.execute("ANALYZE")
    connection.commit()
    connection.close()


def editor(app) -> None:
    """The benchmarks' editor, eddie, with the test suite's password."""
    with app.app_context():
        if not db.session.scalar(db.select(User).where(User.username == "eddie")):
            user = User(username="eddie", role=Role.EDITOR)
            user.set_password("eddie-password")
            db.session.add(user)
            db.session.commit()
        db.engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--statements-per-article", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per page")
    parser.add_argument("--limit", type=float, default=100.0, help="ms a median may take")
    parser.add_argument("--keep", type=Path, help="build the database here, or reuse it")
    args = parser.parse_args()

    folder = tempfile.TemporaryDirectory()
    path = args.keep or Path(folder.name) / "big.db"
    if not path.exists():
        started = time.perf_counter()
        build(path, args.articles, args.statements_per_article, extra_people=5000)
        print(f"built {path} in {time.perf_counter() - started:.0f} s")
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "DASHBOARD_CHART_SECONDS": 0,
        }
    )
    editor(app)
    facts = read_facts(path)
    print(f"database: {path}")
    client = app.test_client()
    login(client, "eddie")
    failed = []
    print(f"{'page':44} {'median ms':>10} {'max ms':>8}")
    for page in pages(facts):
        response = client.get(page.parley)
        problems = check(page.parley_expects, response.status_code, response.get_data(as_text=True))
        if problems:
            print(f"{page.name:44} NOT THE PAGE MEANT: {'; '.join(problems)}")
            failed.append(page.name)
            continue
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get(page.parley)
            times.append((time.perf_counter() - started) * 1000)
        median = statistics.median(times)
        print(f"{page.name:44} {median:10.1f} {max(times):8.1f}")
        if median > args.limit:
            failed.append(page.name)
    with app.app_context():
        db.engine.dispose()
    folder.cleanup()
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
