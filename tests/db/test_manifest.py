"""A manifest beside the files: its rows win, and a bad one stops the run before any write."""

from __future__ import annotations

import json
from datetime import date

import sqlalchemy as sa

from webapp.db import db
from webapp.models import Article
from webapp.models import Source

PAGE = "Leaders meet\n\nPutin met Tokayev in the Kremlin on Monday.\n"


def articles(app) -> list[tuple[str, date | None, str | None, str | None]]:
    with app.app_context():
        return db.session.execute(
            sa.select(Article.file, Article.published, Article.url, Source.name)
            .outerjoin(Source)
            .order_by(Article.file)
        ).all()


def test_a_csv_row_gives_the_date_source_and_url(app, runner, tmp_path):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PAGE.replace("Monday", "Tuesday"), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,url,published,source,title\na.txt,https://tass.com/1,2024-03-04,TASS,\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["seed", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert articles(app) == [
        ("a.txt", date(2024, 3, 4), "https://tass.com/1", "TASS"),
        ("b.txt", None, None, None),  # not in the manifest: left to the reader
    ]


def test_a_json_manifest_is_read_too(app, runner, tmp_path):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    rows = [{"file": "a.txt", "url": "https://www.inform.kz/en/1"}]
    (tmp_path / "manifest.json").write_text(json.dumps(rows), encoding="utf-8")
    assert runner.invoke(args=["seed", str(tmp_path)]).exit_code == 0
    assert articles(app) == [("a.txt", None, "https://www.inform.kz/en/1", "Kazinform")]


def test_a_bad_row_stops_the_run_with_nothing_written(app, runner, tmp_path):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,published\na.txt,2024-03-04\nb.txt,March 2024\n", encoding="utf-8"
    )
    result = runner.invoke(args=["seed", str(tmp_path)])
    assert result.exit_code == 1
    assert "manifest.csv: row 3 (b.txt): published: expected a date as YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output
    assert articles(app) == []
