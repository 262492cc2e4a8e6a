"""The article screens as tests read them: the list's rows, the reading page's highlights."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from html.parser import HTMLParser

import sqlalchemy as sa

from tests.conftest import csrf_token
from webapp.db import db
from webapp.models import Article

LIST = "/admin/article/"
#: the seed articles by file-name prefix
TRANSCRIPT = "004"  # Mishustin and Smailov in Almaty, two transcript turns


def article_id(app, prefix: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Article.id).where(Article.file.startswith(prefix)))


def ids_by_prefix(app) -> dict[str, int]:
    with app.app_context():
        rows = db.session.execute(sa.select(Article.file, Article.id)).all()
    return {file[:3]: id_ for file, id_ in rows}


def listed(client, query: str = "") -> dict[int, tuple[int, int]]:
    """Article id -> (statements, people) for each row of the list page."""
    response = client.get(LIST + query)
    assert response.status_code == 200
    rows = re.findall(
        r'href="/admin/article/read/(\d+)">.*?</a>.*?'
        r'col-statements">\s*(\d+)\s*</td>\s*<td class="col-people">\s*(\d+)',
        response.get_data(as_text=True),
        re.DOTALL,
    )
    return {int(id_): (int(statements), int(people)) for id_, statements, people in rows}


class ArticleText(HTMLParser):
    """The reading page's highlighted text: what each statement and person covers, and in
    which colour."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth: int | None = None
        self.done = False
        self.open: list[dict[str, str]] = []
        self.text = ""
        self.covered: dict[tuple[str, int], str] = defaultdict(str)
        self.colours: dict[tuple[str, int], set[str]] = defaultdict(set)
        self.links: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if self.depth is None:
            if not self.done and "article-text" in attributes.get("class", "").split():
                self.depth = 0
            return
        self.depth += 1
        self.open.append(attributes)
        if "href" in attributes:
            self.links.add(attributes["href"])

    def handle_endtag(self, tag):
        if self.depth is None:
            return
        if self.depth == 0:
            self.depth, self.done = None, True
            return
        self.depth -= 1
        self.open.pop()

    def handle_data(self, data):
        if self.depth is None:
            return
        self.text += data
        for attributes in self.open:
            # a statement by its id, a mention by the person it names
            for kind, attribute in (("statement", "data-statement"), ("mention", "data-person")):
                if attribute in attributes:
                    key = (kind, int(attributes[attribute]))
                    self.covered[key] += data
                    colour = next(c for c in attributes["class"].split() if c.startswith("pc-"))
                    self.colours[key].add(colour)


def read_page(client, article: int) -> tuple[str, ArticleText]:
    response = client.get(f"/admin/article/read/{article}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    parsed = ArticleText()
    parsed.feed(page)
    return page, parsed


def delete(client, article: int):
    token = csrf_token(client, LIST)
    return client.post(
        "/admin/article/delete/", data={"id": article, "url": LIST, "csrf_token": token}
    )


def page_data(client, article: int) -> dict:
    """What the reading page gives its script: the records, the URLs, the CSRF token."""
    page = client.get(f"/admin/article/read/{article}").get_data(as_text=True)
    found = re.search(r'<script type="application/json" id="reader-data">(.*?)</script>', page)
    return json.loads(found.group(1))
