"""A real `flask seed` in a process of its own, for tests that kill it or race it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from webapp import PROJECT_ROOT


def seed_process(database_url: str, corpus: Path, *, stderr=subprocess.DEVNULL) -> subprocess.Popen:
    """Start seeding ``corpus`` into ``database_url``; its output is a pipe, unbuffered."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "seed-process",
        "PYTHONUNBUFFERED": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "webapp", "seed", str(corpus)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )
