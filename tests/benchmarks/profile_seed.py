"""Where seeding's time goes: ``seed_paths`` split into its parts, in CPU time.

    python -m tests.benchmarks.profile_seed                  # 2,000 real-style articles
    python -m tests.benchmarks.profile_seed --count 500 --top 30

Seeds a ``make_corpus`` corpus into a fresh SQLite file in this process, with
one process (a run with workers does the same work, spread), and prints the
share of each part: read, people matching, quotes, meetings (found and
written), the other writes, the audit revision, the commit. Each part is
timed where it is called, a few calls per article, in CPU seconds of this
process: the clock of a shared machine counts other people's work too, and a
profiler's cost per call would swell the parts made of many small calls.
``--top N`` adds a cProfile run and its N costliest functions.

The full-text triggers run inside SQLite, where no timer in Python can
separate them: the same corpus is seeded again without them, and the
difference is printed beside the cost of rebuilding both indexes at the end.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import pstats
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from sqlalchemy.orm import Session

from tests.benchmarks.make_corpus import make_corpus
from webapp import PROJECT_ROOT
from webapp import create_app
from webapp.db import db
from webapp.ingest import Registry
from webapp.search import rebuild as rebuild_full_text
from webapp.seed import article_files
from webapp.seed import seed_paths

#: part -> the functions timed for it, as (module, name) where the caller looks them up;
#: a module or name that is not there is left out (read_path moved from run to prepare)
PARTS = {
    "people dictionary": [("webapp.seed.run", "apply_dictionary")],
    "read": [("webapp.seed.prepare", "read_path"), ("webapp.seed.run", "read_path")],
    "people matching": [
        ("webapp.ingest.pipeline", "scan"),
        ("webapp.ingest.pipeline", "with_year"),
        ("webapp.ingest.pipeline", "resolve"),
        ("webapp.ingest.pipeline", "_title_people"),
    ],
    "quotes": [("webapp.ingest.pipeline", "find_statements")],
    "meetings (found)": [
        ("webapp.ingest.pipeline", "find_meetings"),
        ("webapp.ingest.pipeline", "assign"),
    ],
    "meetings (written)": [("webapp.seed.reconcile", "write_meetings")],
    "audit revision": [("webapp.seed.reconcile", "write_revision")],
}


class Timers:
    """CPU seconds spent in named functions, by wrapping them where they are called."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.undo: list[tuple[object, str, object]] = []

    def wrap(self, owner: object, name: str, part: str) -> None:
        original = getattr(owner, name, None)
        if original is None:
            return

        @functools.wraps(original)
        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[part] += time.process_time() - started

        setattr(owner, name, timed)
        self.undo.append((owner, name, original))

    def __enter__(self) -> Timers:
        for part, functions in PARTS.items():
            for module, name in functions:
                try:
                    self.wrap(importlib.import_module(module), name, part)
                except ModuleNotFoundError:
                    continue
        self.wrap(importlib.import_module("webapp.seed.reconcile"), "seed_article", "writes")
        self.wrap(Session, "commit", "commit")
        return self

    def __exit__(self, *_exc) -> None:
        for owner, name, original in reversed(self.undo):
            setattr(owner, name, original)


def line(part: str, seconds: float, whole: float, count: int) -> str:
    return f"  {part:<22}{seconds:>9.2f}{seconds / whole:>8.0%}{seconds / count * 1e3:>12.2f}"


def fresh_app(database: Path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        command.upgrade(app.extensions["migrate"].migrate.get_config(), "head")
    return app


def without_triggers(app) -> None:
    """Drop the full-text triggers."""
    with app.app_context(), db.engine.begin() as connection:
        names = connection.execute(
            sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_fts_%'")
        ).scalars()
        for name in list(names):
            connection.execute(sa.text(f'DROP TRIGGER "{name}"'))


def seed(app, folder: Path, registry: Registry, profiler: cProfile.Profile | None = None) -> float:
    """CPU seconds of ``seed_paths`` over the folder."""
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


def print_split(whole: float, seconds: dict[str, float], count: int) -> None:
    print(f"seeding {count} articles: {whole:.2f} CPU s, {count / whole:,.0f} articles per CPU s")
    print(f"  {'part':<22}{'seconds':>9}{'share':>8}{'ms/article':>12}")
    parts = {part: seconds[part] for part in PARTS}
    inside = seconds["meetings (written)"] + seconds["audit revision"]
    parts["other writes"] = seconds["writes"] - inside
    parts["commit"] = seconds["commit"]
    parts["the rest"] = whole - sum(parts.values())
    for part, spent in parts.items():
        print(line(part, spent, whole, count))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--top", type=int, default=0, help="also print the N costliest functions")
    args = parser.parse_args()
    registry = Registry.load(PROJECT_ROOT / "seed_data" / "people.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        make_corpus(args.count, folder)

        with Timers() as timers:
            whole = seed(fresh_app(Path(tmp) / "timed.db"), folder, registry)
        print_split(whole, timers.seconds, args.count)

        plain = fresh_app(Path(tmp) / "plain.db")
        without_triggers(plain)
        no_fts = seed(plain, folder, registry)
        with plain.app_context(), db.engine.begin() as connection:
            started = time.process_time()
            rebuild_full_text(connection)
            rebuild = time.process_time() - started
        print("full-text index, in CPU seconds:")
        print(f"  seeding with the triggers    {whole:>7.2f} s")
        print(f"  seeding without them         {no_fts:>7.2f} s")
        print(f"  the triggers' cost           {whole - no_fts:>7.2f} s")
        print(f"  a rebuild of both at the end {rebuild:>7.2f} s")

        if args.top:
            profiler = cProfile.Profile()
            seed(fresh_app(Path(tmp) / "profiled.db"), folder, registry, profiler)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
