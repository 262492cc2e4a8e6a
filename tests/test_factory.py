"""The application factory reads its configuration in the documented order."""

import pytest
from flask import request

from tests.conftest import make_app
from webapp import create_app
from webapp import normalise_database_url


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("DATABASE_URL", "SECRET_KEY", "FLASK_DEBUG", "PARLEY_INSTANCE_PATH"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_default_database_is_sqlite_in_the_instance_folder(clean_env, tmp_path):
    clean_env.setenv("PARLEY_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"TESTING": True})
    assert app.instance_path == str(tmp_path / "instance")
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{app.instance_path}/parley.db"


def test_database_url_from_the_environment(clean_env, tmp_path):
    clean_env.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/env.db"


def test_instance_config_is_read_and_the_environment_wins(clean_env, tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        "SECRET_KEY = 'from-instance'\nSQLALCHEMY_DATABASE_URI = 'sqlite:///instance.db'\n"
    )
    clean_env.setenv("PARLEY_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app()
    assert app.instance_path == str(instance)
    assert app.config["SECRET_KEY"] == "from-instance"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///instance.db"
    clean_env.setenv("DATABASE_URL", "sqlite:///env.db")
    clean_env.setenv("SECRET_KEY", "from-env")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///env.db"
    assert app.config["SECRET_KEY"] == "from-env"


def test_refuses_to_start_without_a_secret_key(clean_env, tmp_path):
    clean_env.setenv("PARLEY_INSTANCE_PATH", str(tmp_path / "instance"))
    with pytest.raises(RuntimeError, match="SECRET_KEY is not set"):
        create_app()


def test_testing_uses_the_development_key(clean_env, tmp_path):
    clean_env.setenv("PARLEY_INSTANCE_PATH", str(tmp_path / "instance"))
    assert create_app({"TESTING": True}).secret_key == "dev-only-not-secret"


def test_debug_uses_a_random_key_never_a_known_one(clean_env, tmp_path):
    clean_env.setenv("PARLEY_INSTANCE_PATH", str(tmp_path / "instance"))
    clean_env.setenv("FLASK_DEBUG", "1")
    first, second = create_app().secret_key, create_app().secret_key
    assert first != second
    assert "dev-only-not-secret" not in (first, second)


@pytest.mark.parametrize(
    "url, expected",
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_postgres_urls_use_psycopg_3(url, expected):
    assert normalise_database_url(url) == expected


def test_health_check(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_proxy_headers_are_ignored_unless_configured(app):
    app.add_url_rule("/whoami", "whoami", lambda: request.remote_addr)
    response = app.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.9"})
    assert response.get_data(as_text=True) == "127.0.0.1"


def test_proxy_headers_are_trusted_when_configured(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'x.db'}", PROXY_COUNT=1)
    app.add_url_rule("/whoami", "whoami", lambda: request.remote_addr)
    response = app.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.9"})
    assert response.get_data(as_text=True) == "203.0.113.9"
