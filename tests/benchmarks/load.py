"""Drive a production server with browsing and editing clients, and print errors and latency.

    python -m tests.benchmarks.load                  # 8 clients, 60 requests each
    python -m tests.benchmarks.load --clients 16 --requests 100

It builds a fresh SQLite database (the seed articles plus a generated corpus),
creates one editor per editing client, starts waitress on a free port on
127.0.0.1 in a second process, and runs the clients from this one: half of
them browse list pages, articles and searches, half save edits to statements
of their own. Every client stops after --requests requests or --seconds
seconds. At the end it checks that every edit a client saw succeed is stored.
Exit status 1 if any request failed or any edit was lost.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from alembic import command

from tests.benchmarks.make_corpus import make_corpus
from tests.forms import form_fields
from webapp import PROJECT_ROOT
from webapp import create_app
from webapp.db import db
from webapp.models import Role
from webapp.models import Statement
from webapp.models import User

BROWSE = (
    "/admin/",
    "/admin/statement/",
    "/admin/article/",
    "/admin/person/",
    "/admin/meeting/",
    "/admin/statement/?search=cooperation",
    "/admin/article/?search=Kazakhstan",
    "/admin/article/details/?id={article}",
    "/admin/statement/details/?id={statement}",
)


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"browse": [], "edit": []})
    errors: list[str] = field(default_factory=list)
    saved: dict[int, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[int, str]:
        return self._send(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        data = urllib.parse.urlencode(fields).encode()
        return self._send(urllib.request.Request(self.base + path, data=data))

    def _send(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def log_in(self, name: str, password: str) -> None:
        _, page = self.get("/login")
        fields = form_fields(page)
        fields.update(username=name, password=password)
        status, page = self.post("/login", fields)
        if status != 200 or "Wrong username" in page:
            raise RuntimeError(f"{name} could not log in ({status})")


def timed(tally: Tally, kind: str, call) -> tuple[int, str]:
    started = time.perf_counter()
    status, page = call()
    elapsed = time.perf_counter() - started
    with tally.lock:
        tally.latencies[kind].append(elapsed)
    return status, page


def browser(base, name, ids, args, tally: Tally) -> None:
    client = Client(base)
    client.log_in(name, "load-" + name)
    rng = random.Random(name)
    deadline = time.monotonic() + args.seconds
    for _ in range(args.requests):
        if time.monotonic() > deadline:
            break
        path = rng.choice(BROWSE).format(
            article=rng.choice(ids["articles"]), statement=rng.choice(ids["statements"])
        )
        status, _ = timed(tally, "browse", lambda path=path: client.get(path))
        if status != 200:
            tally.errors.append(f"{name} GET {path}: {status}")


def editor(base, name, statement_ids, args, tally: Tally) -> None:
    client = Client(base)
    client.log_in(name, "load-" + name)
    deadline = time.monotonic() + args.seconds
    for n in range(args.requests // 2):
        if time.monotonic() > deadline:
            break
        statement_id = statement_ids[n % len(statement_ids)]
        path = f"/admin/statement/edit/?id={statement_id}"
        status, page = timed(tally, "browse", lambda path=path: client.get(path))
        if status != 200:
            tally.errors.append(f"{name} GET {path}: {status}")
            continue
        fields = form_fields(page)
        fields["text"] = f"{name} edit {n}"
        status, page = timed(tally, "edit", lambda p=path, f=fields: client.post(p, f))
        if status != 200 or "alert-danger" in page or "Failed" in page:
            tally.errors.append(f"{name} POST {path}: {status}")
            continue
        with tally.lock:
            tally.saved[statement_id] = fields["text"]


def prepare(folder: Path, corpus_size: int, editors: list[str], browsers: list[str]):
    database = folder / "load.db"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        command.upgrade(app.extensions["migrate"].migrate.get_config(), "head")
    runner = app.test_cli_runner()
    runner.invoke(args=["seed"])
    make_corpus(corpus_size, folder / "corpus")
    runner.invoke(args=["seed", str(folder / "corpus")])
    with app.app_context():
        for name in editors + browsers:
            user = User(username=name, role=Role.EDITOR if name in editors else Role.VIEWER)
            user.set_password("load-" + name)
            db.session.add(user)
        db.session.commit()
        statements = db.session.scalars(db.select(Statement.id).order_by(Statement.id)).all()
        articles = db.session.scalars(db.select(Statement.article_id).distinct()).all()
        db.engine.dispose()
    return app, database, {"statements": statements, "articles": articles}


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100)[int(share * 100) - 1] if len(values) > 1 else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--requests", type=int, default=60, help="requests per client")
    parser.add_argument("--seconds", type=float, default=120, help="time limit per client")
    parser.add_argument("--corpus", type=int, default=1000, help="generated articles to load")
    args = parser.parse_args()

    editors = [f"editor{n}" for n in range(args.clients // 2)]
    browsers = [f"reader{n}" for n in range(args.clients - len(editors))]
    with tempfile.TemporaryDirectory() as tmp:
        app, database, ids = prepare(Path(tmp), args.corpus, editors, browsers)
        port = free_port()
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "load-test"}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "waitress",
                "--host=127.0.0.1",
                f"--port={port}",
                "--threads=8",
                "--call",
                "webapp:create_app",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/health", timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            tally = Tally()
            own = {
                name: ids["statements"][n :: len(editors)][:20] for n, name in enumerate(editors)
            }
            threads = [
                threading.Thread(target=editor, args=(base, name, own[name], args, tally))
                for name in editors
            ] + [
                threading.Thread(target=browser, args=(base, name, ids, args, tally))
                for name in browsers
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
            server.stderr.close()

        with app.app_context():
            stored = dict(db.session.execute(db.select(Statement.id, Statement.text)).all())
            db.engine.dispose()
    lost = [sid for sid, text in tally.saved.items() if stored.get(sid) != text]
    total = sum(len(values) for values in tally.latencies.values())
    print(f"clients: {args.clients} ({len(editors)} editing, {len(browsers)} browsing)")
    print(f"requests: {total} in {elapsed:.1f} s ({total / elapsed:.0f}/s)")
    for kind, values in tally.latencies.items():
        if values:
            print(
                f"{kind:7} n={len(values):4}  p50 {percentile(values, 0.5) * 1000:6.1f} ms"
                f"  p95 {percentile(values, 0.95) * 1000:6.1f} ms"
            )
    print(f"errors: {len(tally.errors)}")
    for error in tally.errors[:10]:
        print("  " + error)
    print(f"edits saved: {len(tally.saved)} statements; lost: {len(lost)}")
    return 1 if tally.errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())
