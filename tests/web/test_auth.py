"""Logging in and out: sessions, CSRF, safe redirects, disabled users and roles."""

from __future__ import annotations

import pytest
from flask import render_template_string
from sqlalchemy import select

from tests.conftest import csrf_token
from tests.conftest import login
from webapp.auth import LOGIN_FAILED
from webapp.auth import role_required
from webapp.auth import safe_next
from webapp.db import db
from webapp.models import Role
from webapp.models import User


@pytest.fixture
def pages(app):
    """A page per role, and one that renders the logout form, added before any request."""
    for role in Role:
        app.add_url_rule(
            f"/only/{role}",
            f"only_{role}",
            role_required(role)(lambda role=role: f"{role} page"),
        )
    app.add_url_rule(
        "/logout-form",
        "logout_form",
        lambda: render_template_string("{{ logout_form().csrf_token }}"),
    )
    return app


def user_named(app, name: str) -> User:
    with app.app_context():
        return db.session.scalar(select(User).where(User.username == name))


def logout(client):
    return client.post("/logout", data={"csrf_token": csrf_token(client, "/logout-form")})


def test_login_page_escapes_next(client):
    page = client.get('/login?next="><script>x</script>').get_data(as_text=True)
    assert "<script>x" not in page
    assert "&#34;&gt;&lt;script&gt;" in page
    assert 'type="password"' in page


def test_login_sets_session_and_last_login(app, client, users, pages):
    assert user_named(app, "eddie").last_login_at is None
    response = login(client, "eddie")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/only/editor").get_data(as_text=True) == "editor page"
    assert user_named(app, "eddie").last_login_at is not None


def test_wrong_password_and_unknown_user_get_the_same_message(client, users, pages):
    wrong = login(client, "eddie", "not-the-password")
    unknown = login(client, "nobody", "eddie-password")
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert LOGIN_FAILED in response.get_data(as_text=True)
    assert client.get("/only/viewer").status_code == 302


def test_login_without_csrf_token_is_refused(client, users, pages):
    response = client.post("/login", data={"username": "eddie", "password": "eddie-password"})
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)
    assert client.get("/only/viewer").status_code == 302


def test_login_with_another_sessions_token_is_refused(app, client, users):
    token = csrf_token(app.test_client())
    data = {"csrf_token": token, "username": "eddie", "password": "eddie-password"}
    assert client.post("/login", data=data).status_code == 400


def test_logout_needs_post_and_csrf(client, users, pages):
    login(client, "vera")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.get("/only/viewer").status_code == 200
    response = logout(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert client.get("/only/viewer").status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "\\\\evil.example",
        "/\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "http://evil.example/",
        "https://localhost/admin/",
        "evil.example",
        "",
    ],
)
def test_unsafe_next_goes_home(client, users, target):
    response = login(client, "vera", next=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/admin/", "/admin/statement/?page=2&sort=1", "/only/viewer"])
def test_safe_next_is_followed(client, users, target):
    response = login(client, "vera", next=target)
    assert response.headers["Location"] == target


def test_safe_next_accepts_only_local_paths():
    assert safe_next("/a/b?c=d#e") == "/a/b?c=d#e"
    assert safe_next("/%2F%2Fevil.example") == "/%2F%2Fevil.example"
    for target in (None, "//x", "/\\x", "\\x", "/x\ny", "JavaScript:alert(1)", "data:,x"):
        assert safe_next(target) is None


@pytest.mark.parametrize(
    "page, location",
    [
        ("/admin/", "/login?next=/admin/"),
        ("/admin/statement/?page=2", "/login?next=/admin/statement/?page%3D2"),
    ],
)
def test_an_admin_page_sends_anonymous_users_to_login_without_a_stray_question_mark(
    client, page, location
):
    assert client.get(page).headers["Location"] == location


def test_protected_page_sends_anonymous_users_to_login_and_back(client, users, pages):
    response = client.get("/only/viewer?x=1")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    form_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="/only/viewer?x=1"' in form_page
    assert login(client, "vera", next="/only/viewer?x=1").headers["Location"] == "/only/viewer?x=1"


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("vera", {Role.VIEWER}),
        ("eddie", {Role.VIEWER, Role.EDITOR}),
        ("ada", {Role.VIEWER, Role.EDITOR, Role.ADMIN}),
    ],
)
def test_role_required(client, users, pages, name, allowed):
    login(client, name)
    for role in Role:
        response = client.get(f"/only/{role}")
        if role in allowed:
            assert response.get_data(as_text=True) == f"{role} page"
        else:
            assert response.status_code == 403


def test_disabled_user_cannot_log_in(app, client, users, pages):
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "eddie")).active = False
        db.session.commit()
    response = login(client, "eddie")
    assert response.status_code == 200
    assert LOGIN_FAILED in response.get_data(as_text=True)
    assert client.get("/only/viewer").status_code == 302


def test_session_stops_working_when_the_user_is_disabled(app, client, users, pages):
    login(client, "eddie")
    assert client.get("/only/editor").status_code == 200
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "eddie")).active = False
        db.session.commit()
    assert client.get("/only/editor").status_code == 302


def test_logged_in_user_visiting_login_is_sent_on(client, users):
    login(client, "vera")
    response = client.get("/login?next=/admin/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def test_session_cookie_flags(client, users):
    login(client, "vera")
    cookie = client.get_cookie("session")
    assert cookie.http_only
    assert cookie.same_site == "Lax"


def test_passwords_are_stored_as_scrypt_hashes(app, users):
    user = user_named(app, "eddie")
    assert "eddie-password" not in user.password_hash
    assert user.password_hash.startswith("scrypt:")
    assert user.check_password("eddie-password")
    assert not user.check_password("eddie-password ")
    assert not user.check_password("")
    other = User(username="x")
    other.set_password("eddie-password")
    assert other.password_hash != user.password_hash
    with pytest.raises(ValueError):
        other.set_password("")


def test_can_orders_the_roles():
    viewer = User(username="v", role=Role.VIEWER)
    editor = User(username="e", role=Role.EDITOR)
    admin = User(username="a", role=Role.ADMIN)
    assert viewer.can("viewer") and not viewer.can(Role.EDITOR) and not viewer.can(Role.ADMIN)
    assert editor.can(Role.VIEWER) and editor.can(Role.EDITOR) and not editor.can(Role.ADMIN)
    assert all(admin.can(role) for role in Role)


def test_is_active_follows_the_column():
    user = User(username="v", role=Role.VIEWER, active=True)
    assert user.is_active and user.is_authenticated and not user.is_anonymous
    user.active = False
    assert not user.is_active
