"""Seeding stays bounded and clear on hostile files.

The whole folder is seeded by a real `flask seed` process, so that its peak
memory can be read; every bound is generous, to fail on a runaway rather than
on a busy machine.
"""

import os
import random
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import make_app
from tests.conftest import migrate
from webapp import PROJECT_ROOT

SEED = PROJECT_ROOT / "seed_data" / "articles" / "000_bc75cffa8b8ea9a8.txt"
GOOD = SEED.read_text(encoding="utf-8")
TIME_LIMIT_S = 120
MEMORY_LIMIT_MB = 400
#: `flask --app webapp seed FOLDER`, reporting its own peak memory as it exits. The
#: kernel's VmHWM starts afresh at exec; getrusage's maxrss would include the parent's.
MEASURED_SEED = """
import re, sys
from flask.cli import main
sys.argv = ["flask", "--app", "webapp", "seed", sys.argv[1]]
try:
    main()
finally:
    status = open("/proc/self/status").read()
    peak = re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)
    print(f"peak memory: {peak} kB", file=sys.stderr)
"""


def hostile_files(folder):
    rng = random.Random(1)
    body = GOOD.split("\n\n", 3)[3]
    files = {
        "random bytes.txt": bytes(rng.randrange(256) for _ in range(200_000)),
        "fifty megabytes.txt": b"a" * (50 * 1024 * 1024),
        "one long line.txt": (" date 2024-03-04 " + "word " * 200_000).encode(),
        "quote marks.txt": (" date 2024-03-04 " + body + '"' * 100_000).encode(),
        "colons.txt": (" date 2024-03-04 " + body + "\n\n" + "Mishustin: " * 100_000).encode(),
        "nested quotes.txt": (
            " date 2024-03-04 " + '"He said \u201cshe said \u00abthey said ' * 5_000 + body
        ).encode(),
        "unbalanced.txt": (" date 2024-03-04 " + ('\u00ab\u201c"' * 30_000) + body).encode(),
        "Встреча в Астане 2024.txt": GOOD.replace("March 4", "March 5").encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    shutil.copyfile(SEED, folder / "good file.txt")


@pytest.mark.slow
def test_seeding_a_folder_of_hostile_files(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    hostile_files(folder)
    outside = tmp_path / "outside.txt"
    outside.write_text(GOOD.replace("MOSCOW", "SOCHI"), encoding="utf-8")
    (folder / "link out.txt").symlink_to(outside)
    database = tmp_path / "hostile.db"
    migrate(make_app(f"sqlite:///{database}"))

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "hostile"}
    result = subprocess.run(
        [sys.executable, "-c", MEASURED_SEED, str(folder)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_S,
    )
    peak_mb = int(re.search(r"peak memory: (\d+) kB", result.stderr).group(1)) / 1024

    failures = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert result.returncode == 1, result.stdout + result.stderr
    assert any("random bytes.txt" in line and "binary" in line for line in failures), failures
    assert any("fifty megabytes.txt" in line and "too large" in line for line in failures)
    assert any("link out.txt" in line and "symbolic link" in line for line in failures)
    assert len(failures) == 3, failures
    assert "Added 7 articles" in result.stdout
    assert peak_mb < MEMORY_LIMIT_MB, peak_mb
