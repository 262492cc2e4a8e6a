"""Browser tests: Playwright drives Debian's Chromium against the app served on 127.0.0.1.

Playwright's own browser download does not work here, so the tests launch the
system Chromium (``PARLEY_CHROMIUM``, default ``/usr/bin/chromium``). Without
it they skip and say why, unless ``PARLEY_REQUIRE_BROWSER=1`` (as in CI).
A failing test leaves a screenshot under ``test-artifacts/browser/``.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import make_app
from tests.conftest import migrate
from tests.factories import add
from tests.factories import person
from tests.factories import user
from webapp.db import db
from webapp.models import Role

CHROMIUM = os.environ.get("PARLEY_CHROMIUM", "/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("PARLEY_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
EDITOR = ("erin", "erin-browser-password")
#: a second record of Alikhan Smailov, as an editor might find one, for the merge test
DUPLICATE = "Alikhan Smaylov"


def pytest_configure(config):
    """A failing browser test leaves a screenshot (pytest-playwright's options)."""
    config.option.screenshot = "only-on-failure"
    config.option.output = "test-artifacts/browser"


def pytest_collection_modifyitems(items):
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return
    reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    browser_tests = [item for item in items if "tests/browser/" in str(item.fspath)]
    if browser_tests and REQUIRE_BROWSER:
        raise pytest.UsageError(reason + "; PARLEY_REQUIRE_BROWSER=1 forbids skipping")
    for item in browser_tests:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def live_server(tmp_path):
    """The app on a seeded temporary database, served on a free port of 127.0.0.1."""
    app = make_app(f"sqlite:///{tmp_path / 'browser.db'}")
    migrate(app)
    assert app.test_cli_runner().invoke(args=["seed"]).exit_code == 0
    add(app, user(EDITOR[0], Role.EDITOR, EDITOR[1]), person(DUPLICATE, country="Kazakhstan"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def logged_in(page, live_server):
    page.goto(live_server + "/login")
    page.fill("input[name=username]", EDITOR[0])
    page.fill("input[name=password]", EDITOR[1])
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_url(live_server + "/admin/**")
    return page
