"""Everything a seeding run stores, dumped in a stable order, to compare two versions of seeding.

    python -m tests.benchmarks.seed_output --count 1000 -o /tmp/before.txt   # a make_corpus corpus
    python -m tests.benchmarks.seed_output FOLDER -o /tmp/after.txt --jobs 2
    python -m tests.benchmarks.seed_output --compare /tmp/before.txt /tmp/after.txt

Seeds the folder (or ``--count`` real-style articles from ``make_corpus``)
with the real command, ``flask --app webapp seed FOLDER --jobs N``, into a
freshly migrated SQLite file, then writes every table's rows: ids included,
ordered by primary key, every column but the wall-clock timestamps (the
``DATETIME`` columns: when a row was created or changed, not what it says),
of which only the form is kept (``text:9999-99-99 99:99:99.999999``).
The full-text indexes are dumped as what they hold, each document's terms
and positions read through ``fts5vocab`` (not their pages, which depend on
how the index was built), beside the schema's triggers and the command's
own output. ``--again`` seeds the folder a second time before the dump, so
that a dump equal to a single run's shows seeding twice changes nothing.

``--compare A B`` prints ``Identical`` or, for each table that differs, its
row counts and its first differing rows, and exits 1 on a difference.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from itertools import zip_longest
from pathlib import Path

from tests.benchmarks.make_corpus import make_corpus
from webapp import PROJECT_ROOT

#: a column of this declared type holds a wall-clock time, different in every run
WALL_CLOCK_TYPE = "DATETIME"
#: a column's text with every digit made a 9, in SQL
DIGITS = "replace(" * 10 + '"{0}"' + "".join(f", '{d}', '9')" for d in range(10))
#: rows of a differing table shown by --compare
SHOWN = 5
#: the section of the second run's output, with --again: compared only when both have it
AGAIN = "seeded again"


def migrated_url(database: Path) -> str:
    """A freshly migrated SQLite file's URL (imported late: the app is not needed to compare)."""
    from tests.benchmarks.bench_seed import migrated

    return migrated(database)


def seed(folder: Path, url: str, jobs: int) -> list[str]:
    """The seed command's output lines; a failed command stops the script."""
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "seed-output"}
    command = [sys.executable, "-m", "flask", "--app", "webapp", "seed", str(folder)]
    done = subprocess.run(
        [*command, "--jobs", str(jobs)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode not in (0, 1):  # 1: some files failed, which the dump records
        raise SystemExit(f"seed failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return [f"exit {done.returncode}", *done.stdout.strip().splitlines()]


def plain_tables(connection: sqlite3.Connection) -> list[str]:
    """The ordinary tables, without the full-text tables and their shadows."""
    rows = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
    ).fetchall()
    virtual = {name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")}
    return [
        name
        for name, _sql in rows
        if name not in virtual
        and not any(name.startswith(f"{fts}_") for fts in virtual)
        and not name.startswith("sqlite_")
    ]


def full_text_tables(connection: sqlite3.Connection) -> list[str]:
    return [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
            " AND sql LIKE '%fts5%' ORDER BY name"
        )
    ]


def table_lines(connection: sqlite3.Connection, table: str) -> list[str]:
    info = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
    kept = [row[1] for row in info if row[2].upper() != WALL_CLOCK_TYPE]
    dropped = [row[1] for row in info if row[2].upper() == WALL_CLOCK_TYPE]
    keys = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]] or kept
    # a timestamp's value is left out, not its form: "9999-99-99 99:99:99.999999"
    shapes = [f"typeof(\"{name}\") || ':' || {DIGITS.format(name)}" for name in dropped]
    columns = ", ".join([*(f'"{name}"' for name in kept), *shapes])
    order = ", ".join(f'"{name}"' for name in keys)
    shown = ", ".join([*kept, *(f"the form of {name}" for name in dropped)])
    lines = [f"## {table} ({shown})"]
    for row in connection.execute(f'SELECT {columns} FROM "{table}" ORDER BY {order}'):
        lines.append(json.dumps(row, ensure_ascii=False, default=repr))
    return lines


def full_text_lines(connection: sqlite3.Connection, fts: str) -> list[str]:
    """Per document of the index: its rowid, its term count and a hash of (term, column, offset)."""
    vocabulary = f"temp.{fts}_dump_vocabulary"
    connection.execute(
        f"CREATE VIRTUAL TABLE {vocabulary} USING fts5vocab(main, {fts}, 'instance')"
    )
    digests: dict[int, hashlib._Hash] = {}
    counts: dict[int, int] = {}
    for doc, term, column, offset in connection.execute(
        f"SELECT doc, term, col, offset FROM {vocabulary} ORDER BY doc, col, offset, term"
    ):
        digests.setdefault(doc, hashlib.sha256()).update(f"{term}\t{column}\t{offset}\n".encode())
        counts[doc] = counts.get(doc, 0) + 1
    connection.execute(f"DROP TABLE {vocabulary}")
    lines = [f"## {fts} (rowid, terms, sha256 of its terms and positions)"]
    for doc in sorted(digests):
        lines.append(json.dumps([doc, counts[doc], digests[doc].hexdigest()[:24]]))
    return lines


def dump(database: Path, output: list[str]) -> list[str]:
    connection = sqlite3.connect(database)
    try:
        lines = ["## seed output", *output]
        lines.append("## triggers")
        lines += [
            f"{name} ON {table}"
            for name, table in connection.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
            )
        ]
        for table in plain_tables(connection):
            lines += table_lines(connection, table)
        for fts in full_text_tables(connection):
            lines += full_text_lines(connection, fts)
        lines.append("## integrity")
        lines += [row[0] for row in connection.execute("PRAGMA integrity_check")]
        for fts in full_text_tables(connection):
            connection.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
            lines.append(f"{fts} integrity-check ok")
    finally:
        connection.close()
    return lines


def sections(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = found.setdefault(line[3:].split(" (")[0], [line])
        else:
            current.append(line)
    return found


def compare(first: Path, second: Path) -> bool:
    """Print Identical, or the first differences of each table; True when identical."""
    a, b = sections(first), sections(second)
    same = True
    for name in list(dict.fromkeys([*a, *b])):
        left, right = a.get(name, []), b.get(name, [])
        if left == right:
            continue
        if name == AGAIN and not (left and right):
            print(f"{name}: in one dump only (not compared)")
            continue
        same = False
        print(
            f"{name}: {max(len(left) - 1, 0)} rows in {first}, {max(len(right) - 1, 0)} in {second}"
        )
        shown = 0
        for number, (x, y) in enumerate(zip_longest(left, right), start=0):
            if x != y:
                print(f"  line {number}:\n    < {x}\n    > {y}")
                shown += 1
                if shown >= SHOWN:
                    break
    print("Identical" if same else "Different")
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", help="articles to seed")
    parser.add_argument("--count", type=int, help="seed this many make_corpus articles instead")
    parser.add_argument("--corpus-seed", type=int, default=42, help="make_corpus's seed")
    parser.add_argument("--jobs", type=int, default=1, help="the seed command's --jobs")
    parser.add_argument("--again", action="store_true", help="seed twice, then dump")
    parser.add_argument("-o", "--output", type=Path, help="the dump (default: standard output)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    args = parser.parse_args()
    if args.compare:
        raise SystemExit(0 if compare(*args.compare) else 1)
    if (args.folder is None) == (args.count is None):
        parser.error("give a folder or --count")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder
        if folder is None:
            folder = Path(tmp) / "articles"
            make_corpus(args.count, folder, seed=args.corpus_seed)
        database = Path(tmp) / "seeded.db"
        url = migrated_url(database)
        output = seed(folder, url, args.jobs)
        if args.again:
            output += [f"## {AGAIN}", *seed(folder, url, args.jobs)]
        text = "\n".join(dump(database, output)) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"{args.output}: {text.count(chr(10))} lines")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
