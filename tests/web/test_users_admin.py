"""User management in the browser: admins only, hashed passwords, roles, disabling, last admin."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.conftest import csrf_token
from tests.conftest import login
from tests.factories import USERS
from tests.factories import add
from tests.factories import user as new_user
from webapp.admin.users import LAST_ADMIN
from webapp.db import db
from webapp.models import Role
from webapp.models import User


def user(app, name: str) -> User | None:
    with app.app_context():
        return db.session.scalar(sa.select(User).where(User.username == name))


def user_id(app, name: str) -> int:
    return user(app, name).id


def save(client, path: str, **fields):
    """Post to ``path`` with the CSRF token of its form (actions and deletes: the list's)."""
    form_page = "/admin/user/" if path.endswith(("/action/", "/delete/")) else path
    data = {"csrf_token": csrf_token(client, form_page), **fields}
    return client.post(path, data=data)


def edit(client, app, name: str, **fields):
    target = user(app, name)
    current = {"username": name, "role": target.role.value}
    if target.active:
        current["active"] = "y"
    return save(client, f"/admin/user/edit/?id={target.id}", **{**current, **fields})


def test_admin_lists_users_without_hashes(app, client, users):
    login(client, "ada")
    page = client.get("/admin/user/").get_data(as_text=True)
    for name in ("vera", "eddie", "ada"):
        assert f">{name}<" in page or f"{name}\n" in page
    assert "Last login" in page
    for path in ("/admin/user/", f"/admin/user/details/?id={user_id(app, 'eddie')}"):
        page = client.get(path).get_data(as_text=True)
        assert "scrypt:" not in page and "password_hash" not in page
    form = client.get(f"/admin/user/edit/?id={user_id(app, 'eddie')}").get_data(as_text=True)
    assert 'type="password"' in form and "scrypt:" not in form
    assert '<option selected value="editor">' in form


def test_create_a_user_with_a_hashed_password(app, client, users):
    login(client, "ada")
    response = save(
        client,
        "/admin/user/new/",
        username="nina",
        role="editor",
        active="y",
        password="nina-password",
    )
    assert response.status_code == 302
    nina = user(app, "nina")
    assert nina.role == Role.EDITOR and nina.active
    assert nina.password_hash.startswith("scrypt:") and "nina-password" not in nina.password_hash
    other = client.application.test_client()
    assert login(other, "vera", "nina-password", username="nina").status_code == 302
    assert other.get("/admin/statement/").status_code == 200


def test_a_new_user_needs_a_password(app, client, users):
    login(client, "ada")
    response = save(client, "/admin/user/new/", username="nopass", role="viewer", active="y")
    assert response.status_code == 200
    assert "A new user needs a password." in response.get_data(as_text=True)
    assert user(app, "nopass") is None


def test_change_role_keeps_the_password(app, client, users):
    login(client, "ada")
    before = user(app, "vera").password_hash
    assert edit(client, app, "vera", role="editor").status_code == 302
    vera = user(app, "vera")
    assert vera.role == Role.EDITOR and vera.password_hash == before


def test_set_a_new_password(app, client, users):
    login(client, "ada")
    assert edit(client, app, "vera", password="a-new-password").status_code == 302
    assert user(app, "vera").check_password("a-new-password")


def test_disable_logs_the_user_out_and_enable_restores(app, client, users):
    vera = client.application.test_client()
    login(vera, "vera")
    assert vera.get("/admin/statement/").status_code == 200
    login(client, "ada")
    data = {"action": "disable", "rowid": [str(user_id(app, "vera"))]}
    assert save(client, "/admin/user/action/", **data).status_code == 302
    assert not user(app, "vera").active
    assert vera.get("/admin/statement/").status_code == 302
    assert save(client, "/admin/user/action/", **{**data, "action": "enable"}).status_code == 302
    assert user(app, "vera").active


@pytest.mark.parametrize(
    "change",
    [
        {"role": "editor"},
        {"active": ""},
        {"action": "disable"},
        {"action": "delete"},
        {"delete": True},
    ],
    ids=["demote", "uncheck active", "disable action", "delete action", "delete"],
)
def test_the_last_active_admin_stays(app, client, users, change):
    login(client, "ada")
    ada = user_id(app, "ada")
    if "action" in change:
        response = save(client, "/admin/user/action/", action=change["action"], rowid=[str(ada)])
    elif "delete" in change:
        response = save(client, "/admin/user/delete/", id=str(ada))
    else:
        response = edit(client, app, "ada", **change)
    follow = client.get(response.headers.get("Location", "/admin/user/"))
    assert LAST_ADMIN in response.get_data(as_text=True) + follow.get_data(as_text=True)
    still = user(app, "ada")
    assert still is not None and still.role == Role.ADMIN and still.active


def test_an_admin_can_step_down_once_there_is_another(app, client, users):
    login(client, "ada")
    assert edit(client, app, "eddie", role="admin").status_code == 302
    assert edit(client, app, "ada", role="editor").status_code == 302
    assert user(app, "ada").role == Role.EDITOR


@pytest.mark.parametrize("name", ["vera", "eddie"])
def test_non_admins_are_refused(app, client, users, name):
    login(client, name)
    eddie = user_id(app, "eddie")
    for path in ("/admin/user/", "/admin/user/new/", f"/admin/user/edit/?id={eddie}"):
        assert client.get(path).status_code == 403
    data = {"csrf_token": "x", "username": name, "role": "admin", "active": "y"}
    assert client.post(f"/admin/user/edit/?id={user_id(app, name)}", data=data).status_code == 403
    assert user(app, name).role == Role(users[name][0])


def test_disable_and_enable_on_each_backend(any_app):
    """The checked rows' ids arrive as text, which PostgreSQL does not compare with integers."""
    add(any_app, *(new_user(name) for name in USERS))
    client = any_app.test_client()
    login(client, "ada")
    data = {"action": "disable", "rowid": [str(user_id(any_app, "vera"))]}
    assert save(client, "/admin/user/action/", **data).status_code == 302
    assert not user(any_app, "vera").active
    assert save(client, "/admin/user/action/", **{**data, "action": "enable"}).status_code == 302
    assert user(any_app, "vera").active
