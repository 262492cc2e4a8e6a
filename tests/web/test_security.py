"""The security suite: logins on every route, the role matrix, CSRF, lost updates, XSS, cookies.

The route walks read ``app.url_map``, so a route added later is checked
without anyone listing it here.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from markupsafe import escape
from werkzeug.routing import IntegerConverter
from werkzeug.routing import Rule

from tests.conftest import USERS
from tests.conftest import csrf_token
from tests.conftest import login
from tests.factories import add
from tests.factories import add_records
from tests.factories import talks_form
from tests.factories import user
from webapp.admin.base import STALE_MESSAGE
from webapp.db import db
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models import Role
from webapp.models import Statement

#: routes anyone may use: logging in, the health check
PUBLIC = {"/login", "/health"}
#: logging out needs no login; without a token it is refused before anything happens
REFUSED_WITHOUT_TOKEN = {"/logout": 400}
#: URL variables that are not ids
VALUES = {"export_type": "csv", "show": "statements", "filename": "x", "table": "statements"}
#: (role needed to read, role needed to write) by view or by endpoint, as the README's
#: roles say; every other view is read by viewers and written by editors
ROLES = {
    "user": (Role.ADMIN, Role.ADMIN),
    "sql": (Role.EDITOR, Role.EDITOR),
    "person.merge_view": (Role.EDITOR, Role.EDITOR),
    "article_review": (Role.EDITOR, Role.EDITOR),
}
#: views that answer the reading page's script in JSON: 401 rather than the login page
JSON_VIEWS = {"article_review"}
#: views whose list and details pages (of row 1, which exists) must show, not redirect
READ_SCREENS = {"admin", "statement", "meeting", "person", "article", "review", "user"}
DEFAULT_ROLES = (Role.VIEWER, Role.EDITOR)
RANK = {None: -1, Role.VIEWER: 0, Role.EDITOR: 1, Role.ADMIN: 2}
SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def ids(app, users) -> dict[str, int]:
    return add_records(app)


def protected_rules(app) -> list[Rule]:
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.rule not in PUBLIC and rule.endpoint.split(".")[-1] != "static"
    ]


def path_of(rule: Rule) -> str:
    """The rule's URL with every id variable set to 1 (a row that exists) and others named."""
    values = {
        name: 1 if isinstance(rule._converters[name], IntegerConverter) else VALUES.get(name, "1")
        for name in rule.arguments
    }
    return rule.build(values, append_unknown=False)[1]


def methods_of(rule: Rule) -> list[str]:
    return [method for method in ("GET", "POST") if method in rule.methods]


def is_login_redirect(response) -> bool:
    location = response.headers.get("Location", "")
    return response.status_code in (301, 302, 303) and urlsplit(location).path == "/login"


def request(client, method: str, path: str):
    return client.open(path, method=method, query_string={"id": "1"})


def refuses_anonymous(client, method: str, path: str, hops: int = 3) -> bool:
    """A login redirect or 401/403; another redirect inside the site is followed and judged."""
    response = request(client, method, path)
    if is_login_redirect(response) or response.status_code in (401, 403):
        return True
    location = response.headers.get("Location")
    if response.status_code in (301, 302, 303) and location and hops:
        target = urlsplit(location)
        return not target.netloc and refuses_anonymous(client, "GET", target.path, hops - 1)
    return False


def test_every_route_refuses_anonymous_users(app, client, ids):
    rules = protected_rules(app)
    assert len(rules) > 40
    open_routes = []
    for rule in rules:
        path = path_of(rule)
        for method in methods_of(rule):
            if rule.rule in REFUSED_WITHOUT_TOKEN:
                status = request(client, method, path).status_code
                if status != REFUSED_WITHOUT_TOKEN[rule.rule]:
                    open_routes.append((method, path, status))
            elif not refuses_anonymous(client, method, path):
                open_routes.append((method, path, request(client, method, path).status_code))
    assert open_routes == []


def roles_of(rule: Rule) -> tuple[Role, Role]:
    return ROLES.get(rule.endpoint) or ROLES.get(rule.endpoint.split(".")[0], DEFAULT_ROLES)


def must_show(rule: Rule, method: str) -> bool:
    view, _, function = rule.endpoint.partition(".")
    return (
        method == "GET"
        and view in READ_SCREENS
        and function in ("index", "index_view", "details_view")
    )


def admin_rules(app) -> list[Rule]:
    return [rule for rule in protected_rules(app) if rule.rule.startswith("/admin")]


def test_role_matrix(app, ids):
    """Anonymous, viewer, editor and admin against every admin route, GET and POST.

    Allowed requests may still redirect (an edit form a viewer may not use
    sends them back to the list) or fail validation (these POSTs carry no
    token); what matters is that they are not refused, and refused ones are.
    """
    clients = {None: app.test_client()}
    for name, (role, _password) in USERS.items():
        clients[Role(role)] = app.test_client()
        login(clients[Role(role)], name)
    wrong = []
    for rule in admin_rules(app):
        read_role, write_role = roles_of(rule)
        path = path_of(rule)
        for method in methods_of(rule):
            needed = read_role if method == "GET" else write_role
            for role, client in clients.items():
                response = request(client, method, path)
                if role is None:
                    ok = is_login_redirect(response) or (
                        rule.endpoint.split(".")[0] in JSON_VIEWS and response.status_code == 401
                    )
                elif RANK[role] < RANK[needed]:
                    ok = response.status_code == 403
                else:
                    ok = response.status_code not in (401, 403) and not is_login_redirect(response)
                    if must_show(rule, method):
                        ok = response.status_code == 200
                if not ok:
                    wrong.append((method, path, role and role.value, response.status_code))
    assert wrong == [], "\n".join(map(str, wrong))


@pytest.mark.parametrize(
    ("path", "role", "status"),
    [
        ("/admin/statement/", "vera", 200),
        ("/admin/review/", "vera", 200),
        ("/admin/user/", "vera", 403),
        ("/admin/user/", "eddie", 403),
        ("/admin/user/", "ada", 200),
    ],
)
def test_role_matrix_spot_checks(client, ids, path, role, status):
    login(client, role)
    assert client.get(path).status_code == status


def test_sql_page_is_for_editors_and_admins(app, ids):
    if "sql.index" not in app.view_functions:
        pytest.skip("no SQL page in this build")
    for name, expected in (("vera", 403), ("eddie", 200), ("ada", 200)):
        client = app.test_client()
        login(client, name)
        assert client.get("/admin/sql/").status_code == expected


# -- CSRF: the same requests without a token change nothing ------------------------------


def text_of(app, statement_id: int) -> tuple[str, ReviewStatus, int]:
    with app.app_context():
        row = db.session.get(Statement, statement_id)
        return row.text, row.review_status, row.version_id


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_edit_without_token_changes_nothing(app, client, ids):
    login(client, "eddie")
    path = f"/admin/statement/edit/?id={ids['talks']}"
    client.post(path, data=talks_form(ids, text="forged"))
    assert text_of(app, ids["talks"]) == ("the talks went well", ReviewStatus.UNREVIEWED, 1)
    # the text must stay the article's words: "the talks" are characters 45 to 54
    real = talks_form(ids, text="the talks", start_char="45", end_char="54")
    data = {**real, "csrf_token": csrf_token(client, path)}
    assert client.post(path, data=data).status_code == 302
    assert text_of(app, ids["talks"])[0] == "the talks"


def test_create_without_token_creates_nothing(app, client, ids):
    login(client, "eddie")
    data = {"place": "Astana", "confidence": "1", "review_status": "unreviewed"}
    client.post("/admin/meeting/new/", data=data)
    assert count(app, Meeting) == 1
    token = csrf_token(client, "/admin/meeting/new/")
    assert client.post("/admin/meeting/new/", data={**data, "csrf_token": token}).status_code == 302
    assert count(app, Meeting) == 2


def test_delete_without_token_deletes_nothing(app, client, ids):
    login(client, "eddie")
    client.post("/admin/statement/delete/", data={"id": str(ids["welcome"])})
    assert count(app, Statement) == 4
    token = csrf_token(client, "/admin/statement/")
    client.post("/admin/statement/delete/", data={"id": str(ids["welcome"]), "csrf_token": token})
    assert count(app, Statement) == 3


def test_bulk_action_without_token_changes_nothing(app, client, ids):
    login(client, "eddie")
    data = {"action": "confirm", "rowid": [str(ids["talks"])]}
    client.post("/admin/statement/action/", data=data)
    assert text_of(app, ids["talks"])[1] == ReviewStatus.UNREVIEWED
    data["csrf_token"] = csrf_token(client, "/admin/statement/")
    client.post("/admin/statement/action/", data=data)
    assert text_of(app, ids["talks"])[1] == ReviewStatus.REVIEWED


def test_logout_without_token_keeps_the_session(client, ids):
    login(client, "eddie")
    assert client.post("/logout").status_code == 400
    assert client.get("/admin/statement/").status_code == 200


# -- lost updates --------------------------------------------------------------------------


def test_the_second_of_two_editors_is_refused_and_nothing_is_overwritten(app, ids):
    add(app, user("edna", Role.EDITOR, "edna-password"))
    path = f"/admin/statement/edit/?id={ids['talks']}"
    first, second = app.test_client(), app.test_client()
    login(first, "eddie")
    login(second, "vera", "edna-password", username="edna")
    forms = {}
    for client in (first, second):
        page = client.get(path).get_data(as_text=True)
        assert 'name="version_id" type="hidden" value="1"' in page
        forms[client] = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
    # two different spans of the same sentence: "the talks" (45-54), "talks went well" (49-64)
    data = talks_form(ids, text="the talks", start_char="45", end_char="54")
    assert first.post(path, data={**data, "csrf_token": forms[first]}).status_code == 302
    data = talks_form(ids, text="talks went well", start_char="49", end_char="64")
    response = second.post(path, data={**data, "csrf_token": forms[second]})
    assert response.status_code == 200
    assert str(escape(STALE_MESSAGE)) in response.get_data(as_text=True)
    assert text_of(app, ids["talks"]) == ("the talks", ReviewStatus.EDITED, 2)


# -- XSS -----------------------------------------------------------------------------------


def test_hostile_names_and_text_render_escaped(app, client, ids):
    with app.app_context():
        db.session.get(Person, ids["boris"]).name = SCRIPT
        db.session.get(Person, ids["boris"]).review_status = ReviewStatus.UNREVIEWED
        db.session.get(Statement, ids["talks"]).text = IMAGE
        db.session.commit()
    login(client, "eddie")
    pages = {
        "/admin/statement/": True,
        f"/admin/statement/details/?id={ids['talks']}": True,
        f"/admin/statement/edit/?id={ids['talks']}": True,
        "/admin/person/": True,
        f"/admin/person/details/?id={ids['boris']}": True,
        f"/admin/person/edit/?id={ids['boris']}": True,
        f"/admin/meeting/details/?id={ids['meeting']}": True,
        "/admin/meeting/": True,
        "/admin/review/": True,
        "/admin/review/?show=meetings": True,
        "/admin/review/?show=people": True,
    }
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        assert SCRIPT not in page, path
        assert IMAGE not in page, path
        assert "onerror=alert(1)>" not in page, path
        assert str(escape(SCRIPT)) in page or str(escape(IMAGE)) in page, path


# -- cookies -------------------------------------------------------------------------------


def test_session_cookie_is_http_only_and_same_site_lax(client, users):
    response = login(client, "eddie")
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert len(cookies) == 1
    flags = [part.strip().lower() for part in cookies[0].split(";")]
    assert "httponly" in flags
    assert "samesite=lax" in flags
