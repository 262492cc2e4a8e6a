"""The article screens: the list, and reading an article beside what was extracted from it."""

from __future__ import annotations

from webapp.admin.base import SecureModelView
from webapp.db import db
from webapp.models import Article


class ArticleView(SecureModelView):
    column_list = ("id", "title", "source", "published", "file", "review_status")
    column_sortable_list = ("id", "published", "review_status")
    column_default_sort = ("published", True)
    column_filters = ("source.name", "published", "review_status")
    column_searchable_list = ("title",)
    search_table = "articles"
    form_columns = (
        "title",
        "subtitle",
        "published",
        "source",
        "dateline_place",
        "notes",
        "review_status",
    )
    form_ajax_refs = {"source": {"fields": ("name",), "page_size": 10}}
    column_details_exclude_list = ("raw_text",)


def add_views(admin) -> None:
    admin.add_view(ArticleView(Article, db, name="Articles", endpoint="article"))
