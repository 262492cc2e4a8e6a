"""``flask users ...``: creating, listing, changing and disabling users."""

from __future__ import annotations

from sqlalchemy import select

from tests.conftest import login
from webapp.auth import LOGIN_FAILED
from webapp.cli.users import ensure_admin
from webapp.db import db
from webapp.models import Role
from webapp.models import User


def user_named(app, name: str) -> User | None:
    with app.app_context():
        return db.session.scalar(select(User).where(User.username == name))


def test_create_reads_the_password_from_stdin(app, client, runner):
    args = ["users", "create", "ed", "--role", "editor"]
    result = runner.invoke(args=args, input="s3cret pass\n")
    assert result.exit_code == 0, result.output
    assert "Created editor ed." in result.output
    user = user_named(app, "ed")
    assert user.role == Role.EDITOR
    assert user.active
    assert user.check_password("s3cret pass")
    assert login(client, "ed", "s3cret pass").status_code == 302


def test_create_defaults_to_viewer(app, runner):
    assert runner.invoke(args=["users", "create", "vi"], input="long enough\n").exit_code == 0
    assert user_named(app, "vi").role == Role.VIEWER


def test_create_refuses_a_duplicate_name(app, runner, users):
    result = runner.invoke(args=["users", "create", "eddie"], input="other\n")
    assert result.exit_code == 1
    assert "User 'eddie' already exists." in result.output
    assert user_named(app, "eddie").check_password("eddie-password")


def test_create_refuses_an_empty_password(app, runner):
    for stdin in ("\n", ""):
        result = runner.invoke(args=["users", "create", "ed"], input=stdin)
        assert result.exit_code == 1
        assert "The password is empty" in result.output
    assert user_named(app, "ed") is None


def test_create_refuses_an_unknown_role_and_a_bad_name(runner):
    assert runner.invoke(args=["users", "create", "ed", "--role", "owner"], input="pw\n").exit_code
    result = runner.invoke(args=["users", "create", "two words"], input="pw\n")
    assert result.exit_code == 2
    assert "without spaces" in result.output


def test_list(client, runner, users):
    login(client, "ada")
    runner.invoke(args=["users", "disable", "vera"])
    lines = runner.invoke(args=["users", "list"]).output.splitlines()
    assert lines[0].split() == ["NAME", "ROLE", "ACTIVE", "LAST", "LOGIN"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:]}
    assert rows["ada"][:2] == ["admin", "yes"] and rows["ada"][2][:2] == "20"
    assert rows["eddie"] == ["editor", "yes", "never"]
    assert rows["vera"] == ["viewer", "no", "never"]


def test_set_password_then_login_works(client, runner, users):
    result = runner.invoke(args=["users", "set-password", "eddie"], input="new-password\n")
    assert result.exit_code == 0, result.output
    assert LOGIN_FAILED in login(client, "eddie").get_data(as_text=True)
    assert login(client, "eddie", "new-password").status_code == 302


def test_set_password_of_an_unknown_user(runner, users):
    result = runner.invoke(args=["users", "set-password", "nobody"], input="pw\n")
    assert result.exit_code == 1
    assert "There is no user 'nobody'." in result.output


def test_disable_then_login_fails_and_enable_restores(app, client, runner, users):
    assert runner.invoke(args=["users", "disable", "eddie"]).exit_code == 0
    assert not user_named(app, "eddie").active
    assert LOGIN_FAILED in login(client, "eddie").get_data(as_text=True)
    assert runner.invoke(args=["users", "enable", "eddie"]).exit_code == 0
    assert login(client, "eddie").status_code == 302


def test_ensure_admin_prints_once_and_never_again(app, client, runner):
    first = runner.invoke(args=["users", "ensure-admin"])
    assert first.exit_code == 0
    prefix = "Created user admin with password: "
    assert first.output.startswith(prefix)
    password = first.output.removeprefix(prefix).strip()
    assert len(password) >= 16
    assert user_named(app, "admin").role == Role.ADMIN
    assert login(client, "admin", password).status_code == 302
    again = runner.invoke(args=["users", "ensure-admin"])
    assert again.exit_code == 0
    assert again.output == ""


def test_ensure_admin_does_nothing_when_users_exist(app, users):
    assert ensure_admin(app) is None
    assert user_named(app, "admin") is None


def test_commands_explain_an_unmigrated_database(tmp_path):
    from tests.conftest import make_app

    app = make_app(f"sqlite:///{tmp_path / 'empty.db'}")
    result = app.test_cli_runner().invoke(args=["users", "list"])
    assert result.exit_code == 1
    assert "db upgrade" in result.output
    with app.app_context():
        db.engine.dispose()


def test_every_command_has_help(runner):
    for command in ("create", "list", "set-password", "disable", "enable", "ensure-admin"):
        result = runner.invoke(args=["users", command, "--help"])
        assert result.exit_code == 0
        assert len(result.output.split("\n\n")[1].strip()) > 20, command
    assert "viewers read" in runner.invoke(args=["users", "--help"]).output


def test_create_refuses_a_short_password(app, runner):
    result = runner.invoke(args=["users", "create", "vi"], input="short\n")
    assert result.exit_code == 1
    assert "shorter than 8 characters" in result.output
    assert user_named(app, "vi") is None


def test_the_last_admin_cannot_be_disabled(app, runner):
    runner.invoke(args=["users", "create", "boss", "--role", "admin"], input="long enough\n")
    result = runner.invoke(args=["users", "disable", "boss"])
    assert result.exit_code == 1
    assert "at least one active admin" in result.output
    assert user_named(app, "boss").active
