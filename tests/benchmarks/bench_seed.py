"""Seed N generated articles into a fresh SQLite file and print the speed and peak memory.

    python tests/benchmarks/bench_seed.py            # 10,000 articles
    python tests/benchmarks/bench_seed.py --count 2000

It runs the real `flask seed` command in this process, after migrating an
empty database; corpus generation and migration are not timed.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from alembic import command

from tests.benchmarks.make_corpus import make_corpus
from webapp import create_app
from webapp.db import db


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="articles (default 10000)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        make_corpus(args.count, folder)
        app = create_app(
            {"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'bench.db'}"}
        )
        with app.app_context():
            command.upgrade(app.extensions["migrate"].migrate.get_config(), "head")
        before = peak_rss_mb()
        started = time.perf_counter()
        result = app.test_cli_runner().invoke(args=["seed", str(folder)])
        elapsed = time.perf_counter() - started
        if result.exit_code != 0:
            raise SystemExit(f"seed failed ({result.exit_code}):\n{result.output}")
        with app.app_context():
            db.engine.dispose()
        print(result.output.strip())
        print(f"articles:          {args.count}")
        print(f"seconds:           {elapsed:.2f}")
        print(f"articles/second:   {args.count / elapsed:.0f}")
        print(f"peak memory (MB):  {peak_rss_mb():.0f} (before seeding: {before:.0f})")


if __name__ == "__main__":
    main()
