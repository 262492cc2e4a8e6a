"""Where seeding's time goes: a cProfile of ``seed_paths`` split into its parts.

    python -m tests.benchmarks.profile_seed                  # 2,000 real-style articles
    python -m tests.benchmarks.profile_seed --count 500 --top 30

Seeds a ``make_corpus`` corpus into a fresh SQLite file in this process, with
one process (the split of a run with workers is the same work, spread), under
cProfile, and prints the share of each part: read, people matching, quotes,
meetings (found and written), the other writes, the audit revision, the
commit. The full-text triggers run inside SQLite, where a profiler cannot
see: the same corpus is seeded a second time without them, and the difference
is printed beside the cost of rebuilding both indexes at the end instead.
Those runs are timed in CPU seconds of this process, which other work on a
shared machine disturbs less than the clock.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from alembic import command

from tests.benchmarks.make_corpus import make_corpus
from webapp import PROJECT_ROOT
from webapp import create_app
from webapp.db import db
from webapp.ingest import Registry
from webapp.search import rebuild as rebuild_full_text
from webapp.seed import article_files
from webapp.seed import seed_paths

#: part -> the functions (file suffix, function name) whose cumulative time it is
PARTS = {
    "read": [("ingest/read/reader.py", "read_path")],
    "people matching": [
        ("ingest/people/mentions.py", "scan"),
        ("ingest/people/years.py", "with_year"),
        ("ingest/people/mentions.py", "resolve"),
        ("ingest/pipeline.py", "_title_people"),
    ],
    "quotes": [("ingest/speech/quotes.py", "find_statements")],
    "meetings (found)": [
        ("ingest/meetings/evidence.py", "find_meetings"),
        ("ingest/meetings/evidence.py", "assign"),
    ],
    "meetings (written)": [("seed/meetings.py", "write_meetings")],
    "audit revision": [("seed/reconcile.py", "write_revision")],
    "commit": [("sqlalchemy/orm/session.py", "commit")],
}
#: what the parts are carved out of
WHOLE = ("seed/run.py", "seed_paths")
WRITES = ("seed/reconcile.py", "seed_article")


def cumulative(stats: pstats.Stats, file_suffix: str, name: str) -> float:
    return sum(
        row[3]
        for (file, _line, function), row in stats.stats.items()
        if function == name and file.endswith(file_suffix)
    )


def line(part: str, seconds: float, whole: float, count: int) -> str:
    return f"  {part:<22}{seconds:>9.2f}{seconds / whole:>8.0%}{seconds / count * 1e3:>12.2f}"


def fresh_app(database: Path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        command.upgrade(app.extensions["migrate"].migrate.get_config(), "head")
    return app


def without_triggers(app) -> list[str]:
    """Drop the full-text triggers, returning the statements that make them again."""
    with app.app_context(), db.engine.begin() as connection:
        made = connection.execute(
            sa.text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_fts_%'"
            )
        ).all()
        for name, _sql in made:
            connection.execute(sa.text(f'DROP TRIGGER "{name}"'))
    return [sql for _name, sql in made]


def seed(app, folder: Path, registry: Registry, profiler: cProfile.Profile | None = None) -> float:
    files = article_files([folder])
    with app.app_context():
        started = time.process_time()
        if profiler is not None:
            profiler.enable()
        seed_paths(db.session, files, registry)
        if profiler is not None:
            profiler.disable()
        elapsed = time.process_time() - started
        db.session.remove()
        db.engine.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--top", type=int, default=0, help="also print the N costliest functions")
    args = parser.parse_args()
    registry = Registry.load(PROJECT_ROOT / "seed_data" / "people.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        make_corpus(args.count, folder)

        profiler = cProfile.Profile()
        seed(fresh_app(Path(tmp) / "profiled.db"), folder, registry, profiler)
        stats = pstats.Stats(profiler)
        whole = cumulative(stats, *WHOLE)
        print(f"profiled seeding of {args.count} articles: {whole:.2f} s under cProfile")
        print(f"  {'part':<22}{'seconds':>9}{'share':>8}{'ms/article':>12}")
        carved = 0.0
        for part, functions in PARTS.items():
            seconds = sum(cumulative(stats, *function) for function in functions)
            carved += seconds
            print(line(part, seconds, whole, args.count))
        writes = cumulative(stats, *WRITES) - sum(
            cumulative(stats, *f) for f in PARTS["meetings (written)"] + PARTS["audit revision"]
        )
        rest = whole - carved - writes
        for part, seconds in (("other writes", writes), ("the rest", rest)):
            print(line(part, seconds, whole, args.count))

        with_fts = seed(fresh_app(Path(tmp) / "triggers.db"), folder, registry)
        plain = fresh_app(Path(tmp) / "plain.db")
        without_triggers(plain)
        no_fts = seed(plain, folder, registry)
        with plain.app_context(), db.engine.begin() as connection:
            started = time.process_time()
            rebuild_full_text(connection)
            rebuild = time.process_time() - started
        print("full-text index, unprofiled, in CPU seconds:")
        print(f"  seeding with the triggers     {with_fts:>7.2f} s")
        print(f"  seeding without them         {no_fts:>7.2f} s")
        print(f"  triggers' cost               {with_fts - no_fts:>7.2f} s")
        print(f"  a rebuild of both at the end  {rebuild:>7.2f} s")
        if args.top:
            stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
