"""Seed N real-style articles into a fresh SQLite file; print the speed, the memory and the floor.

    python -m tests.benchmarks.bench_seed            # 10,000 articles, --jobs 1 and the default
    python -m tests.benchmarks.bench_seed --count 2000 --jobs 2

The corpus is built by ``make_corpus`` from the seed articles and the real
development pages. Each run is the real command, ``flask --app webapp seed
FOLDER --jobs N``, in a process of its own on a freshly migrated database, timed
end to end (process start included); corpus generation and migration are not
timed. Peak memory is that of the whole process tree, the workers included,
sampled from /proc every few milliseconds (proportional set sizes, so pages the
workers share with the parent count once).

The I/O floor is measured in the same run: the least any seeder must do, which
is to read each file, hash it with SHA-256 and INSERT its text in a transaction
of its own, in WAL mode with synchronous=NORMAL. Parley's time over the
floor's says how much of the run is Parley's own work. The machine's load
average is printed before and after, since a shared machine makes every figure
noisy.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from alembic import command

from tests.benchmarks.make_corpus import make_corpus
from webapp import PROJECT_ROOT
from webapp import create_app
from webapp.db import db
from webapp.seed import default_jobs

SAMPLE_SECONDS = 0.02


def io_floor(files: list[Path], database: Path) -> float:
    """Seconds to read, hash and insert every file, one transaction each."""
    started = time.perf_counter()
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("CREATE TABLE articles (sha256 TEXT UNIQUE, raw_text TEXT)")
    for path in files:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        connection.execute("BEGIN")
        connection.execute("INSERT INTO articles VALUES (?, ?)", (digest, data.decode("utf-8")))
        connection.execute("COMMIT")
    connection.close()
    return time.perf_counter() - started


def tree_kib(pid: int) -> int:
    """The proportional set size of a process and all its descendants, in KiB."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend(int(child) for child in children.read().split())
        except (OSError, StopIteration):
            continue  # the process ended while it was looked at
    return total


class PeakMemory(threading.Thread):
    """Samples a process tree's memory until the process ends."""

    def __init__(self, process: subprocess.Popen) -> None:
        super().__init__(daemon=True)
        self.process = process
        self.peak_kib = 0

    def run(self) -> None:
        while self.process.poll() is None:
            self.peak_kib = max(self.peak_kib, tree_kib(self.process.pid))
            time.sleep(SAMPLE_SECONDS)


def migrated(database: Path) -> str:
    url = f"sqlite:///{database}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        command.upgrade(app.extensions["migrate"].migrate.get_config(), "head")
        db.engine.dispose()
    return url


def seed_run(folder: Path, database: Path, jobs: int) -> tuple[float, int, str]:
    """Seconds, peak KiB of the process tree, and the command's output."""
    env = {**os.environ, "DATABASE_URL": migrated(database), "SECRET_KEY": "bench"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "webapp",
            "seed",
            str(folder),
            "--jobs",
            str(jobs),
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    sampler = PeakMemory(process)
    sampler.start()
    output = process.communicate()[0]
    elapsed = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"seed failed ({process.returncode}):\n{output}")
    return elapsed, sampler.peak_kib, output


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="articles (default 10000)")
    parser.add_argument(
        "--jobs",
        type=int,
        nargs="+",
        default=sorted({1, default_jobs()}),
        help=f"one run for each (default: 1 and {default_jobs()}, the command's default)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        files = make_corpus(args.count, folder)
        size = sum(path.stat().st_size for path in files)
        print(f"corpus: {args.count} articles, {size / 1e6:.1f} MB, from the seeds and dev pages")
        print(f"load average before: {load()} ({os.cpu_count()} CPUs)")
        floor = io_floor(files, Path(tmp) / "floor.db")
        print(f"I/O floor: {floor:.2f} s, {args.count / floor:,.0f} articles/s")
        for jobs in args.jobs:
            elapsed, peak_kib, output = seed_run(folder, Path(tmp) / f"jobs{jobs}.db", jobs)
            print(f"--jobs {jobs}: {output.strip().splitlines()[-1]}")
            print(
                f"  {elapsed:.2f} s, {args.count / elapsed:,.0f} articles/s, "
                f"peak memory {peak_kib / 1024:.0f} MB, {elapsed / floor:.1f}× the I/O floor"
            )
        print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
