"""Parley under waitress and Datasette, each started in its own process on 127.0.0.1.

Used by ``bench_http`` and by the tests that run Datasette on a Parley file.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from urllib.parse import urlencode

from webapp import PROJECT_ROOT

CSRF = re.compile(r'name="csrf_token"[^>]* value="([^"]+)"')


@dataclass
class Client:
    """One kept-alive HTTP connection to 127.0.0.1, with the cookies the server set."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, str]:
        headers = {"Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        page = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or ():
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, page

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path)

    def log_in(self, name: str, password: str) -> None:
        """Log in to Parley through its form."""
        _, page = self.get("/login")
        fields = {"csrf_token": CSRF.search(page).group(1), "username": name, "password": password}
        status, _ = self.request("POST", "/login", urlencode(fields).encode())
        if status != 302:
            raise RuntimeError(f"{name} could not log in (HTTP {status})")

    def close(self) -> None:
        self.connection.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, path: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server for port {port} exited ({server.returncode})")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path)
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port} within {seconds:.0f} s")


@contextmanager
def running(command: list[str], port: int, ready: str, **popen) -> Iterator[int]:
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **popen
    )
    try:
        wait_for(port, ready, server)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def datasette(path: Path, *options: str) -> Iterator[int]:
    """``datasette serve PATH OPTIONS...`` on a free port; yields the port."""
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(path), *options]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    return running(command, port, "/-/versions.json")


def parley(path: Path, **environment: str) -> Iterator[int]:
    """Parley under waitress on the SQLite file ``path``, as ``make serve`` runs it."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{path}",
        "SECRET_KEY": "benchmark",
        **environment,
    }
    command = [sys.executable, "-m", "waitress", "--host=127.0.0.1", f"--port={port}"]
    command += ["--call", "webapp:create_app"]
    return running(command, port, "/health", cwd=PROJECT_ROOT, env=env)
