"""Every command the README shows works as written, on a fresh instance folder and database.

The commands are read from the README itself: the first column of the command
table, and every line of each ``sh`` block. Each runs in a shell at the
repository root, as a newcomer would paste it, with no SECRET_KEY and an
instance folder of its own; it must exit 0 without a traceback. Placeholders
(NAME, PATH, ...) get example values, and an optional part in brackets is run
both without and with it. Servers (`make run`, `parley run`, `parley serve`,
`make serve`) are started on a free port, asked for /health, and stopped;
Datasette is started the same way on a seeded copy of the instance folder's
database and asked for a full-text search. Two
lines are not run as written: `make test` (this suite) and the benchmarks,
which take minutes and are only asked for their --help.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.programs import PARLEY
from tests.programs import Ran
from tests.programs import environment
from tests.programs import free_port
from tests.programs import require_parley
from tests.programs import run
from tests.programs import serve_briefly
from webapp import PROJECT_ROOT

pytestmark = pytest.mark.slow

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
#: the speed notes, whose commands are checked with the README's
SPEED = (PROJECT_ROOT / "docs" / "speed.md").read_text(encoding="utf-8")
#: the database the README's PostgreSQL example names; the test uses a throw-away one
README_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/parley"
SERVERS = re.compile(r"^(make (run|serve)|\S*parley (run|serve))$")
DATASETTE = ".venv/bin/datasette instance/parley.db"


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def table_commands() -> list[str]:
    """The first cell of each row of the command table, without its backticks."""
    rows = re.findall(r"^\| `([^`]+)` \|", section("Command line"), re.MULTILINE)
    assert len(rows) > 10, "the command table was not found"
    return rows


def sh_blocks() -> list[list[str]]:
    """The commands of each ```sh block of the README and docs/speed.md, without comments."""
    blocks = re.findall(r"^```sh\n(.*?)^```", README + SPEED, re.MULTILINE | re.DOTALL)
    commands = []
    for block in blocks:
        lines = [re.sub(r"\s+#.*$", "", line).strip() for line in block.splitlines()]
        commands.append([line for line in lines if line])
    return commands


def variants(command: str) -> list[str]:
    """``seed [PATH ...]`` -> ``seed`` and ``seed PATH``."""
    if "[" not in command:
        return [command]
    without = re.sub(r"\s*\[[^]]*\]", "", command)
    with_all = re.sub(r"\[([^]]*)\]", r"\1", command).replace(" ...", "")
    return [without, with_all]


def fill(command: str, tmp_path: Path) -> str:
    """Example values for the README's placeholders."""
    words = command.split()
    values = {
        "NAME": "ada",
        "ROLE": "editor",
        "FILE": str(tmp_path / "export.json"),
        "FOLDER": str(tmp_path / "csv"),
        "URL": f"sqlite:///{tmp_path / 'copy.db'}",
        "PATH": "seed_data/articles" if "seed" in words else str(tmp_path / "backup.db"),
    }
    return " ".join(values.get(word, word) for word in words)


def run_as_written(command: str, env: dict[str, str]) -> Ran:
    if SERVERS.match(command):
        port = free_port()
        option = f"PORT={port}" if command.startswith("make") else f"--port {port}"
        return serve_briefly(f"{command} {option}", env, port)
    if command.startswith(DATASETTE):
        for step in (f"{PARLEY} db upgrade", f"{PARLEY} seed"):
            prepared = run(step, env)
            if prepared.returncode != 0:
                return prepared
        database = Path(env["PARLEY_INSTANCE_PATH"]) / "parley.db"
        port = free_port()
        served = command.replace("instance/parley.db", str(database), 1)
        probe = "/parley/statements.json?_search=Tokayev&_size=1"
        return serve_briefly(f"{served} --port {port}", env, port, probe=probe)
    if command.startswith(".venv/bin/python -m tests.benchmarks."):
        return run(command + " --help", env)
    return run(command, env)


def assert_clean(ran: Ran) -> None:
    assert ran.returncode == 0, f"`{ran.command}` exited {ran.returncode}:\n{ran.output}"
    assert "Traceback" not in ran.output, f"`{ran.command}`:\n{ran.output}"


def test_every_command_of_the_table_in_order(tmp_path):
    """One instance folder for the whole table: users are created before they are changed."""
    require_parley()
    env = environment(tmp_path / "instance")
    copy_target = environment(tmp_path / "copy", DATABASE_URL=f"sqlite:///{tmp_path / 'copy.db'}")
    assert_clean(run(f"{PARLEY} db upgrade", copy_target))
    ran = []
    for row in table_commands():
        for command in variants(row):
            ran.append(run_as_written(fill(command, tmp_path), env))
            assert_clean(ran[-1])
    by_command = {result.command.split(" --port")[0]: result.output for result in ran}
    assert "Added 5 articles" in by_command[f"{PARLEY} seed"]
    assert "Created editor ada." in by_command[f"{PARLEY} users create ada --role editor"]
    assert "No problems found." in by_command[f"{PARLEY} check"]
    assert (tmp_path / "instance" / "config.py").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("number", range(len(sh_blocks())))
def test_every_code_block(number, tmp_path, request):
    """Each block on an instance folder of its own; `make test` is this suite, so it is left out."""
    require_parley()
    block = sh_blocks()[number]
    env = environment(tmp_path / "instance")
    for line in block:
        if line == "make test":
            continue
        if line.startswith("export "):
            name, value = line.removeprefix("export ").split("=", 1)
            if value == README_POSTGRES_URL:
                value = request.getfixturevalue("postgres_url")
            env[name] = value
            continue
        ran = run_as_written(line, env)
        assert_clean(ran)
        if line == "make run":
            assert "Created user admin with password: " in ran.output
