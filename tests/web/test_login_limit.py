"""Failed logins are limited per client address and per username; successful ones are not."""

from __future__ import annotations

from tests.conftest import USERS
from tests.conftest import csrf_token
from webapp.auth import LOGIN_FAILED
from webapp.config import LOGIN_FAILURE_LIMIT

LIMIT = int(LOGIN_FAILURE_LIMIT.split()[0])


def attempt(client, name: str, password: str, address: str = "127.0.0.1"):
    environ = {"REMOTE_ADDR": address}
    token = csrf_token(client)
    data = {"csrf_token": token, "username": name, "password": password}
    return client.post("/login", data=data, environ_base=environ)


def logout(client) -> None:
    with client.session_transaction() as session:
        session.clear()


def test_the_attempt_after_the_limit_gets_429(client, users):
    for number in range(LIMIT):
        response = attempt(client, f"someone{number}", "wrong")
        assert response.status_code == 200, number
        assert LOGIN_FAILED in response.get_data(as_text=True)
    response = attempt(client, "eddie", USERS["eddie"][1])
    assert response.status_code == 429
    assert "Too many failed logins" in response.get_data(as_text=True)
    assert int(response.headers["Retry-After"]) > 0
    assert attempt(client, "eddie", USERS["eddie"][1], "10.0.0.2").status_code == 302


def test_failures_are_counted_per_username_across_addresses(client, users):
    for number in range(LIMIT):
        assert attempt(client, "eddie", "wrong", f"10.0.1.{number}").status_code == 200
    assert attempt(client, "eddie", USERS["eddie"][1], "10.0.2.1").status_code == 429
    assert attempt(client, "EDDIE", "wrong", "10.0.2.2").status_code == 429
    assert attempt(client, "vera", USERS["vera"][1], "10.0.2.3").status_code == 302


def test_successful_logins_do_not_count(client, users):
    for _ in range(LIMIT + 2):
        assert attempt(client, "vera", USERS["vera"][1]).status_code == 302
        logout(client)
    for number in range(LIMIT - 1):
        assert attempt(client, "vera", "wrong").status_code == 200, number
    assert attempt(client, "vera", USERS["vera"][1]).status_code == 302
    logout(client)
    assert attempt(client, "vera", "wrong").status_code == 200
    assert attempt(client, "vera", USERS["vera"][1]).status_code == 429


def test_the_login_page_itself_is_not_limited(client, users):
    for number in range(LIMIT):
        attempt(client, f"someone{number}", "wrong")
    for _ in range(LIMIT + 1):
        assert client.get("/login").status_code == 200


def test_requests_without_a_valid_token_are_not_counted(client, users):
    data = {"username": "eddie", "password": "wrong"}
    for _ in range(LIMIT + 1):
        assert client.post("/login", data=data).status_code == 400
    assert attempt(client, "eddie", USERS["eddie"][1]).status_code == 302


def test_the_limit_is_configurable(app, client):
    app.config["LOGIN_FAILURE_LIMIT"] = "1 per hour"
    assert attempt(client, "nobody", "wrong").status_code == 200
    assert attempt(client, "nobody", "wrong").status_code == 429
