"""What serving needs: a secret key, written 0600 by `secret-key`, and a current schema."""

from __future__ import annotations

import click
import pytest
import waitress

from webapp import create_app
from webapp.problems import SetupError


@pytest.fixture
def instance(tmp_path, monkeypatch):
    for name in ("SECRET_KEY", "DATABASE_URL", "FLASK_DEBUG", "FLASK_TESTING"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PARLEY_INSTANCE_PATH", str(tmp_path / "instance"))
    return tmp_path / "instance"


def built_for(command: str):
    """The app as the command line builds it to run ``command``."""
    with click.Context(click.Command(command)):
        return create_app()


@pytest.mark.parametrize("command", ["seed", "upgrade", "export", "list", "backup", "secret-key"])
def test_commands_that_sign_nothing_build_the_app_without_a_key(instance, command):
    assert built_for(command).secret_key is None


@pytest.mark.parametrize("command", ["run", "serve"])
def test_serving_without_a_key_refuses_in_one_line_naming_the_fix(instance, command):
    with pytest.raises(SetupError) as refused:
        built_for(command)
    message = refused.value.format_message()
    assert "\n" not in message
    assert message.startswith("SECRET_KEY is not set: run `")
    assert "parley secret-key` to write a random one to " + str(instance / "config.py") in message


def test_a_relative_instance_path_is_taken_from_the_current_folder(instance, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARLEY_INSTANCE_PATH", "relative")
    assert create_app({"TESTING": True}).instance_path == str(tmp_path / "relative")


def test_secret_key_writes_a_file_only_its_owner_can_read(instance):
    result = built_for("secret-key").test_cli_runner().invoke(args=["secret-key"])
    assert result.exit_code == 0, result.output
    assert (
        result.output
        == f"Wrote a random SECRET_KEY to {instance / 'config.py'} (readable only by you).\n"
    )
    assert (instance / "config.py").stat().st_mode & 0o777 == 0o600
    key = create_app().secret_key
    assert key and len(key) == 64
    again = create_app().test_cli_runner().invoke(args=["secret-key"])
    assert (
        again.output == f"{instance / 'config.py'} already sets SECRET_KEY; nothing was written.\n"
    )
    assert create_app().secret_key == key


def test_secret_key_adds_to_a_config_without_one_and_closes_it_to_others(instance):
    instance.mkdir()
    (instance / "config.py").write_text("PROXY_COUNT = 1")
    (instance / "config.py").chmod(0o644)
    assert built_for("secret-key").test_cli_runner().invoke(args=["secret-key"]).exit_code == 0
    app = create_app()
    assert app.config["PROXY_COUNT"] == 1 and app.secret_key
    assert (instance / "config.py").stat().st_mode & 0o777 == 0o600


def test_secret_key_leaves_a_key_from_the_environment_alone(instance, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    result = create_app().test_cli_runner().invoke(args=["secret-key"])
    assert result.output == "SECRET_KEY is set in the environment; nothing was written.\n"
    assert not (instance / "config.py").exists()


def test_serve_refuses_a_database_without_its_schema(instance, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x")
    result = create_app().test_cli_runner().invoke(args=["serve"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: the database has no schema: run `")


def test_serve_hands_the_app_to_waitress(app, monkeypatch):
    served = {}
    monkeypatch.setattr(waitress, "serve", lambda wsgi, **options: served.update(options))
    result = app.test_cli_runner().invoke(args=["serve", "--port", "8123", "--threads", "2"])
    assert result.exit_code == 0, result.output
    assert result.output == "Serving Parley on http://127.0.0.1:8123 (Ctrl-C stops it).\n"
    assert served == {"host": "127.0.0.1", "port": 8123, "threads": 2, "ident": "parley"}
