"""What the make targets do, read from ``make -n`` on a virtual environment that does not exist."""

import os
import subprocess

import pytest

from webapp import PROJECT_ROOT

QUIET = 'PYTHONWARNINGS="ignore:Editable installation"'


def dry_run(target: str, tmp_path, *settings: str) -> str:
    """What ``make -n TARGET`` would run, as a top-level make (not one inside `make test`)."""
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("MAKE", "MFLAGS"))
    }
    done = subprocess.run(
        ["make", "-n", target, f"VENV={tmp_path / 'venv'}", f"INSTANCE={tmp_path / 'instance'}"]
        + list(settings),
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize("target", ["run", "serve", "install"])
def test_running_and_serving_install_only_what_they_need(target, tmp_path):
    commands = dry_run(target, tmp_path)
    assert "pip --quiet install --editable .\n" in commands
    assert "[dev]" not in commands


@pytest.mark.parametrize("target", ["test", "test-fast", "lint", "install-dev"])
def test_tests_and_lint_add_their_tools(target, tmp_path):
    assert "pip --quiet install --editable '.[dev]'" in dry_run(target, tmp_path)


def test_installing_hides_setuptools_warning_unless_verbose(tmp_path):
    assert QUIET in dry_run("install", tmp_path)
    verbose = dry_run("install", tmp_path, "VERBOSE=1")
    assert QUIET not in verbose and "--quiet" not in verbose


def test_run_writes_the_secret_key_with_parley_then_sets_up_and_serves(tmp_path):
    lines = dry_run("run", tmp_path, "PORT=5001").splitlines()
    parley = f"{tmp_path / 'venv'}/bin/parley"
    assert lines[-5:] == [
        f"{parley} secret-key",
        f"{parley} db upgrade",
        f"{parley} seed",
        f"{parley} users ensure-admin",
        f"{parley} run --host 127.0.0.1 --port 5001",
    ]
