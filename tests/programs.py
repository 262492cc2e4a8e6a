"""Running Parley's commands as a newcomer does: typed into a shell at the repository root.

Each command runs in a process of its own, with no SECRET_KEY, DATABASE_URL or
FLASK_* setting from the machine, and an instance folder of its own.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from webapp import PROJECT_ROOT

#: where `make install` puts the program, as the README names it
PARLEY = ".venv/bin/parley"
PASSWORD = "a-long-enough-password"


@dataclass(frozen=True)
class Ran:
    command: str
    returncode: int
    output: str  # standard output and standard error, as a terminal shows them

    def lines(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.strip()]


def require_parley() -> None:
    if not (PROJECT_ROOT / PARLEY).exists():
        pytest.skip(f"{PARLEY} is missing: `make install` creates it")
    if Path(sys.executable).parent != (PROJECT_ROOT / PARLEY).parent:
        pytest.skip(f"the tests run outside {PROJECT_ROOT / '.venv'}, so {PARLEY} is not theirs")


def environment(instance: Path, **settings: str) -> dict[str, str]:
    """The machine's environment without Parley's settings, and an instance folder of its own."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("SECRET_KEY", "DATABASE_URL") and not name.startswith(("FLASK_", "PARLEY_"))
    }
    return {**env, "PARLEY_INSTANCE_PATH": str(instance), **settings}


def run(
    command: str, env: dict[str, str], stdin: str = PASSWORD + "\n", timeout: float = 300
) -> Ran:
    """Run ``command`` with a shell, as typed; a password waits on standard input.

    A command still running after ``timeout`` seconds is stopped, with all it started.
    """
    process = subprocess.Popen(
        command,
        shell=True,
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        pytest.fail(f"`{command}` was still running after {timeout} s:\n{output}")
    return Ran(command, process.returncode, output)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_briefly(
    command: str, env: dict[str, str], port: int, timeout: float = 120, probe: str = "/health"
) -> Ran:
    """Start a server, wait until http://127.0.0.1:PORT/health (or ``probe``) answers, then stop it.

    The return code is 0 when it answered, else the server's own exit status
    (or 1 if it neither answered nor stopped in time).
    """
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(
            command,
            shell=True,
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            returncode = wait_for_health(server, port, timeout, probe)
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        log.seek(0)
        return Ran(command, returncode, log.read())


def wait_for_health(server: subprocess.Popen, port: int, timeout: float, probe: str) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return server.returncode or 1
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{probe}", timeout=2) as answer:
                if answer.status == 200:
                    return 0
        except OSError:
            time.sleep(0.2)
    return 1
