"""Time the editors' pages over HTTP, beside Datasette's pages for the same questions.

    python -m tests.benchmarks.bench_http --keep /tmp/big.db    # builds it first if missing
    python -m tests.benchmarks.bench_http --keep /tmp/big.db --markdown

Parley is served by waitress (as ``make serve`` does) and Datasette by its own
server, both in separate processes on 127.0.0.1 and on the same database file
(``bench_admin`` builds it: 100,000 articles, 1,000,000 statements). Datasette
runs as an analyst would run it, with the shipped metadata (docs/metadata.yml). The dashboard is
served with its chart cache off, so that every visit redraws the charts.

Each page of ``tests.benchmarks.pages`` is fetched once from each server as a
warm-up and checked to be the page meant (its rows, its filter, its search);
then both are timed --repeat times, alternately (so that both see the same
load on the machine), over one kept-alive connection each, as a logged-in
editor for Parley. The medians and their ratio (Parley / Datasette) are
printed, with the machine's load average before and after (timings on a
shared machine are only as good as its load); --page reruns chosen pages.
Exit status 1 if a page is not what it should be, a ratio is over 1,
or a Parley median is over --limit ms.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import yaml

from tests.benchmarks.bench_admin import build
from tests.benchmarks.bench_admin import editor
from tests.benchmarks.pages import check
from tests.benchmarks.pages import pages
from tests.benchmarks.pages import read_facts
from tests.benchmarks.servers import Client
from tests.benchmarks.servers import datasette
from tests.benchmarks.servers import parley
from tests.factories import USERS
from webapp import PROJECT_ROOT
from webapp import create_app

METADATA = PROJECT_ROOT / "docs" / "metadata.yml"


def for_database(metadata: Path, path: Path, folder: str) -> Path:
    """The metadata, written for a database named after ``path`` (it names ``parley``)."""
    content = yaml.safe_load(metadata.read_text())
    content["databases"] = {path.stem: content["databases"]["parley"]}
    written = Path(folder) / "metadata.yml"
    written.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True))
    return written


def timed(client: Client, path: str) -> float:
    started = time.perf_counter()
    client.get(path)
    return (time.perf_counter() - started) * 1000


@dataclass
class Row:
    name: str
    parley: float | None = None
    datasette: float | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.parley is None or not self.datasette:
            return None
        return self.parley / self.datasette


def measure(
    parley: Client, datasette: Client, database: str, facts, repeat: int, only: list[str]
) -> list[Row]:
    rows = []
    for page in pages(facts):
        if only and not any(part in page.name for part in only):
            continue
        row = Row(page.name)
        rows.append(row)
        status, html = parley.get(page.parley)
        row.problems += [f"Parley: {p}" for p in check(page.parley_expects, status, html)]
        theirs = None if page.datasette is None else f"/{database}{page.datasette}"
        if theirs is not None:
            status, html = datasette.get(theirs)
            row.problems += [f"Datasette: {p}" for p in check(page.datasette_expects, status, html)]
        if row.problems:
            continue
        ours_ms, theirs_ms = [], []
        for _ in range(repeat):
            ours_ms.append(timed(parley, page.parley))
            if theirs is not None:
                theirs_ms.append(timed(datasette, theirs))
        row.parley = statistics.median(ours_ms)
        row.datasette = statistics.median(theirs_ms) if theirs_ms else None
    return rows


def number(value: float | None, pattern: str = "{:.1f}") -> str:
    return "–" if value is None else pattern.format(value)


def print_table(rows: list[Row], markdown: bool) -> None:
    if markdown:
        print("| page | Parley ms | Datasette ms | ratio |")
        print("| --- | --- | --- | --- |")
        for row in rows:
            cells = [number(row.parley), number(row.datasette), number(row.ratio, "{:.2f}×")]
            print(f"| {row.name} | " + " | ".join(cells) + " |")
    else:
        print(f"{'page':44} {'Parley ms':>10} {'Datasette ms':>13} {'ratio':>7}")
        for row in rows:
            print(
                f"{row.name:44} {number(row.parley):>10} {number(row.datasette):>13}"
                f" {number(row.ratio, '{:.2f}'):>7}"
            )
    for row in rows:
        for problem in row.problems:
            print(f"{row.name}: NOT THE PAGE MEANT: {problem}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="the database file; built there if missing")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per page and server")
    parser.add_argument("--limit", type=float, default=50.0, help="ms a Parley median may take")
    parser.add_argument("--metadata", type=Path, default=METADATA, help="Datasette's metadata")
    parser.add_argument("--no-metadata", action="store_true", help="run Datasette without it")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument(
        "--page",
        action="append",
        default=[],
        help="time only the pages whose name contains this (may be repeated)",
    )
    args = parser.parse_args()

    folder = tempfile.TemporaryDirectory()
    path = (args.keep or Path(folder.name) / "big.db").resolve()
    if not path.exists():
        started = time.perf_counter()
        build(path, 100_000, 10, extra_people=5000)
        print(f"built {path} in {time.perf_counter() - started:.0f} s")
    editor(create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"}))
    facts = read_facts(path)
    metadata = None if args.no_metadata else args.metadata
    options = ["--metadata", str(for_database(metadata, path, folder.name))] if metadata else []
    with ExitStack() as stack:
        ours = stack.enter_context(parley(path, FLASK_DASHBOARD_CHART_SECONDS="0"))
        theirs = stack.enter_context(datasette(path, *options))
        clients = [Client(ours), Client(theirs)]
        for client in clients:
            stack.callback(client.close)
        clients[0].log_in("eddie", USERS["eddie"][1])
        _, versions = clients[1].get("/-/versions.json")
        version = re.search(r'"datasette": \{"version": "([^"]+)"', versions)
        print(
            f"{path.name}: Parley under waitress, Datasette "
            f"{version.group(1) if version else '?'}"
            f"{' with ' + str(metadata.relative_to(PROJECT_ROOT)) if metadata else ''}; "
            f"medians of {args.repeat} after a warm-up"
        )
        before = os.getloadavg()
        rows = measure(*clients, path.stem, facts, args.repeat, args.page)
        after = os.getloadavg()
    folder.cleanup()
    load = " ".join(f"{value:.2f}" for value in before) + ", after: "
    print("load average (1, 5, 15 min) before: " + load + " ".join(f"{v:.2f}" for v in after))
    print_table(rows, args.markdown)
    failed = [
        row.name
        for row in rows
        if row.problems
        or (row.ratio is not None and row.ratio > 1.0)
        or (row.parley is not None and row.parley > args.limit)
    ]
    if failed:
        print(f"slower than Datasette, over {args.limit:.0f} ms or wrong: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
