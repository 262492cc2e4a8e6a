"""Flask-Admin's stylesheets and scripts are linked by URLs built once per application root."""

from __future__ import annotations

import re

from tests.conftest import login

ADMIN_STATIC = re.compile(r'(?:href|src)="([^"]*/admin/static/[^"]+)"')


def linked(client, path: str, **environ) -> list[str]:
    page = client.get(path, environ_overrides=environ).get_data(as_text=True)
    return ADMIN_STATIC.findall(page)


def test_the_links_are_those_url_for_builds(app, client, users):
    login(client, "eddie")
    first = linked(client, "/admin/person/")
    again = linked(client, "/admin/statement/")
    assert first and first == again
    assert any("bootstrap" in url and url.startswith("/admin/static/") for url in first)
    for url in first:
        response = client.get(url.replace("&amp;", "&"))
        response.close()
        assert response.status_code == 200, url


def test_an_application_mounted_elsewhere_links_its_own_urls(app, client, users):
    login(client, "eddie")
    at_root = linked(client, "/admin/person/")
    mounted = linked(client, "/admin/person/", SCRIPT_NAME="/parley")
    assert len(mounted) == len(at_root)
    assert all(url.startswith("/parley/admin/static/") for url in mounted)
    assert linked(client, "/admin/person/") == at_root
