"""An ordinary mistake ends in one line and exit status 1, never in a traceback.

Each command is tried in the states a newcomer or an operator gets into: no
SECRET_KEY, a database URL that cannot be used, a database without its schema,
PostgreSQL out of reach, a folder that cannot be written, a broken
instance/config.py. Every case has a folder of its own. The servers (`run`,
`serve`) and ``flask --app webapp`` run in a process of their own, as typed;
the other `parley` commands run in this process, through the same `parley`
program, which is quicker and shows the same output and exit status.
Mistakes found while the app is built take one path for every command, so a
few commands stand for all there; those found at the database are tried with
every command that opens it.
"""

from __future__ import annotations

import shlex
import shutil
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.programs import PARLEY
from tests.programs import PASSWORD
from tests.programs import Ran
from tests.programs import environment
from tests.programs import free_port
from tests.programs import require_parley
from tests.programs import run
from webapp.cli.main import cli

FLASK = ".venv/bin/flask --app webapp"
SERVERS = ("serve --port {port}", "run --port {port}")
#: every command that opens the database; {tmp} and {port} are filled in
OPENING = [
    "db upgrade",
    "db check",
    "seed",
    "seed --dry-run",
    "export --format json",
    "check",
    "users list",
    "users ensure-admin",
    "users create ada --role editor",
    "users set-password ada",
    "copy-to sqlite:///{tmp}/copy.db",
    *SERVERS,
]
#: a few commands standing for all, for mistakes found while the app is built
BUILDING = ["db upgrade", "seed", "users list", *SERVERS]


@dataclass
class State:
    settings: dict[str, str] = field(default_factory=dict)
    instance: str = "instance"  # relative to the case's folder
    config: str | None = None  # the text of instance/config.py
    migrated: bool = False


STATES = {
    "no secret key": State(migrated=True),
    "not a database URL": State({"DATABASE_URL": "postgres:/parley"}),
    "no driver for the database URL": State({"DATABASE_URL": "mysql://parley@127.0.0.1/parley"}),
    "database not migrated": State({"SECRET_KEY": "x"}),
    "PostgreSQL out of reach": State({"SECRET_KEY": "x", "DATABASE_URL": "postgresql://closed"}),
    "instance folder cannot be created": State(instance="a-file/instance"),
    "database folder cannot be written": State({"SECRET_KEY": "x", "DATABASE_URL": "a-file"}),
    "broken instance/config.py": State(config="SECRET_KEY = (\n"),
    "output cannot be written": State({"SECRET_KEY": "x"}, migrated=True),
}

#: state -> [(command, what its one line must say)]
CASES = {
    "no secret key": [
        (f"{PARLEY} serve --port {{port}}", f"`{PARLEY} secret-key`"),
        (f"{PARLEY} run --port {{port}}", f"`{PARLEY} secret-key`"),
        (f"{FLASK} run --port {{port}}", f"`{PARLEY} secret-key`"),
    ],
    "not a database URL": [
        *((f"{PARLEY} {command}", "the database URL is not a URL") for command in BUILDING),
        (f"{FLASK} seed", "the database URL is not a URL"),
    ],
    "no driver for the database URL": [
        (f"{PARLEY} {command}", "No module named 'MySQLdb'") for command in BUILDING
    ],
    "database not migrated": [
        *(
            (f"{PARLEY} {command}", f"has no schema: run `{PARLEY} db upgrade` first")
            for command in OPENING
            if command.split()[0] != "db"
        ),
        (f"{PARLEY} db check", "Target database is not up to date"),
        (f"{PARLEY} backup {{tmp}}/backup.db", "there is no database at"),
        (f"{FLASK} seed", f"has no schema: run `{PARLEY} db upgrade` first"),
    ],
    "PostgreSQL out of reach": [
        (f"{PARLEY} {command}", "cannot be opened: connection failed") for command in OPENING
    ],
    "instance folder cannot be created": [
        *((f"{PARLEY} {command}", "cannot create the instance folder") for command in BUILDING),
        (f"{FLASK} users list", "cannot create the instance folder"),
    ],
    "database folder cannot be written": [
        (f"{PARLEY} {command}", "unable to open database file") for command in BUILDING
    ],
    "broken instance/config.py": [(f"{PARLEY} {command}", "cannot read") for command in BUILDING],
    "output cannot be written": [
        (f"{PARLEY} export -o {{tmp}}/a-file/export.json", "Not a directory"),
        (f"{PARLEY} export --format csv -o {{tmp}}/a-file/csv", "Not a directory"),
        (f"{PARLEY} backup {{tmp}}/a-file/backup.db", "a-file is not a folder"),
        (f"{PARLEY} copy-to postgres:/parley", "target: the database URL is not a URL"),
    ],
}


def prepare(name: str, folder: Path, migrated_database: Path) -> dict[str, str]:
    """The environment of a state, with its folders and files in place under ``folder``."""
    state = STATES[name]
    (folder / "a-file").write_text("a file where a folder should be\n")
    settings = dict(state.settings)
    if settings.get("DATABASE_URL") == "postgresql://closed":
        settings["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:{free_port()}/parley"
    if settings.get("DATABASE_URL") == "a-file":
        settings["DATABASE_URL"] = f"sqlite:///{folder / 'a-file' / 'parley.db'}"
    instance = folder / state.instance
    if state.config is not None or state.migrated:
        instance.mkdir()
    if state.config is not None:
        (instance / "config.py").write_text(state.config)
    if state.migrated:
        shutil.copyfile(migrated_database, instance / "parley.db")
    return environment(instance, **settings)


def in_a_process(command: str) -> bool:
    """Servers and ``flask --app webapp``; a server started by mistake here would never stop."""
    return not command.startswith(PARLEY) or any(
        f" {server} --port" in command for server in ("run", "serve")
    )


def attempt(command: str, env: dict[str, str]) -> Ran:
    if in_a_process(command):
        return run(command, env, timeout=60)
    unset = {name: None for name in ("SECRET_KEY", "DATABASE_URL") if name not in env}
    result = CliRunner().invoke(
        cli, shlex.split(command.removeprefix(PARLEY)), env={**env, **unset}, input=PASSWORD
    )
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        output += "".join(traceback.format_exception(result.exception))
    return Ran(command, result.exit_code, output)


def one_line_and_status_1(ran: Ran, says: str) -> list[str]:
    """What is wrong with the way ``ran`` failed; nothing when it failed as it should."""
    problems = []
    if ran.returncode != 1:
        problems.append(f"exit status {ran.returncode}")
    if "Traceback" in ran.output:
        problems.append("a traceback")
    if len(ran.lines()) != 1:
        problems.append(f"{len(ran.lines())} lines")
    if says not in ran.output:
        problems.append(f"no {says!r}")
    return problems


def check(name: str, tmp_path: Path, migrated_database: Path, processes: bool) -> None:
    """Try the state's commands that run in a process (or those that do not), four at a time."""
    require_parley()
    cases = []
    for number, (command, says) in enumerate(CASES[name]):
        if in_a_process(command) is not processes:
            continue
        folder = tmp_path / str(number)
        folder.mkdir()
        env = prepare(name, folder, migrated_database)
        cases.append((command.format(tmp=folder, port=free_port()), env, says))
    with ThreadPoolExecutor(max_workers=4 if processes else 1) as pool:
        results = list(pool.map(lambda case: (attempt(case[0], case[1]), case[2]), cases))
    failures = [
        f"`{ran.command}`: {', '.join(problems)}:\n{ran.output}"
        for ran, says in results
        if (problems := one_line_and_status_1(ran, says))
    ]
    assert not failures, "\n".join(failures)


def states(processes: bool) -> list[str]:
    return [
        name for name, cases in CASES.items() if any(in_a_process(c) is processes for c, _ in cases)
    ]


@pytest.mark.parametrize("name", states(processes=False))
def test_a_mistake_ends_in_one_line(name, tmp_path, sqlite_template):
    check(name, tmp_path, sqlite_template, processes=False)


@pytest.mark.slow
@pytest.mark.parametrize("name", states(processes=True))
def test_a_mistake_ends_in_one_line_when_serving_or_through_flask(name, tmp_path, sqlite_template):
    check(name, tmp_path, sqlite_template, processes=True)


@pytest.mark.slow
def test_commands_that_sign_nothing_need_no_secret_key(tmp_path, sqlite_template):
    """Without a key, both programs list every command, and the commands run."""
    require_parley()
    env = prepare("no secret key", tmp_path, sqlite_template)
    for program in (PARLEY, FLASK):
        ran = run(f"{program} --help", env)
        assert ran.returncode == 0 and "Traceback" not in ran.output, ran.output
        for command in ("db", "seed", "export", "users", "backup", "check", "copy-to"):
            assert f"\n  {command} " in ran.output, (program, command)
    for command in ("seed", "users list", "check", f"backup {tmp_path}/backup.db"):
        ran = attempt(f"{PARLEY} {command}", env)
        assert ran.returncode == 0 and "Traceback" not in ran.output, ran.output


@pytest.mark.slow
def test_a_broken_database_url_still_shows_the_help_after_one_line(tmp_path, sqlite_template):
    require_parley()
    ran = run(f"{PARLEY} --help", prepare("not a database URL", tmp_path, sqlite_template))
    assert ran.returncode == 0
    assert ran.lines()[0] == (
        "Error: the database URL is not a URL: set DATABASE_URL to sqlite:///PATH "
        "or postgresql://USER@HOST/NAME"
    )
    assert "Traceback" not in ran.output and "Commands:" in ran.output
