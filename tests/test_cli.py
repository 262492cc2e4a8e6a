"""The seed and export commands, end to end on the seed corpus."""

import csv
import json
import shutil

import pytest
import sqlalchemy as sa

from tests.conftest import make_app
from webapp import PROJECT_ROOT
from webapp.db import db
from webapp.ingest import MAX_BYTES
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models import Revision
from webapp.models import Statement
from webapp.seed import reconcile

SEEDS = PROJECT_ROOT / "seed_data" / "articles"


def counts(app):
    with app.app_context():
        return {
            model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (Article, Person, Meeting, Statement, Revision)
        }


def test_seed_loads_the_corpus(app, runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert "Added 5 articles; 0 unchanged, 0 re-extracted, 0 failed." in result.output
    with app.app_context():
        files = db.session.scalars(sa.select(Article.file).order_by(Article.file)).all()
    assert files == sorted(path.name for path in SEEDS.glob("*.txt"))


def test_seeding_twice_changes_nothing(app, runner):
    runner.invoke(args=["seed"])
    before = counts(app)
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0
    assert "Added 0 articles; 5 unchanged" in result.output
    assert counts(app) == before


def test_one_meeting_reported_by_two_articles(app, runner):
    runner.invoke(args=["seed"])
    with app.app_context():
        meeting = db.session.scalars(
            sa.select(Meeting).where(Meeting.held_on == sa.func.date("2024-03-04"))
        ).one()
        assert sorted(a.file for a in meeting.articles) == [
            "000_bc75cffa8b8ea9a8.txt",
            "002_69f0ed8668c40976.txt",
        ]
        assert {p.name for p in meeting.participants} == {"Mikhail Mishustin", "Olzhas Bektenov"}


def test_dry_run_writes_nothing_and_reports_what_a_real_run_does(app, runner):
    before = counts(app)
    dry = runner.invoke(args=["seed", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Would add 5 articles" in dry.output
    assert counts(app) == before
    real = runner.invoke(args=["seed"])
    assert (
        dry.output.replace("Would add", "Added")
        .replace("Would create", "Created")
        .replace("would be added", "added")
        == real.output
    )


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
        ("latin1.txt", "Caf\xe9 talks in Astana.".encode("latin-1"), "not UTF-8"),
        ("huge.txt", b"a" * (MAX_BYTES + 1), "too large"),
        ("chrome.txt", "All news\n\nНовостИ партнёров\n".encode(), "no body"),
    ],
)
def test_a_bad_file_is_named_and_the_others_load(app, runner, tmp_path, name, data, reason):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    (folder / name).write_bytes(data)
    result = runner.invoke(args=["seed", str(folder)])
    assert result.exit_code == 1
    assert "Added 5 articles" in result.output
    failure = [line for line in result.output.splitlines() if line.startswith("failed:")]
    assert len(failure) == 1 and name in failure[0] and reason in failure[0], failure


def test_a_symlink_out_of_the_folder_is_not_followed(app, runner, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    outside = tmp_path / "secret.txt"
    shutil.copyfile(SEEDS / "000_bc75cffa8b8ea9a8.txt", outside)
    (folder / "link.txt").symlink_to(outside)
    result = runner.invoke(args=["seed", str(folder)])
    assert result.exit_code == 1
    assert "link.txt" in result.output
    assert counts(app)["Article"] == 0


def test_seed_without_a_schema_says_what_to_do(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'empty.db'}")
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 1
    assert "parley db upgrade" in result.output
    assert "Traceback" not in result.output


def test_an_edited_speaker_survives_seed_and_reextract(app, runner):
    runner.invoke(args=["seed"])
    with app.app_context():
        statement = db.session.scalars(sa.select(Statement).order_by(Statement.id)).first()
        nobody = Person(name="Test Editor Choice")
        statement.speaker = nobody
        statement.review_status = ReviewStatus.EDITED
        db.session.commit()
        statement_id = statement.id
    for args in (["seed"], ["seed", "--reextract"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
    assert "5 re-extracted" in result.output
    with app.app_context():
        statement = db.session.get(Statement, statement_id)
        assert statement.speaker.name == "Test Editor Choice"
        assert statement.review_status == ReviewStatus.EDITED


#: the documented fields of an exported statement, in JSON and in CSV alike
STATEMENT_FIELDS = {"id", "article", "speaker", "meeting", "kind", "text", "start", "end"}


def test_export_json_shape(app, runner, tmp_path):
    runner.invoke(args=["seed"])
    out = tmp_path / "export.json"
    result = runner.invoke(args=["export", "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert set(data) == {"articles", "people", "meetings", "statements"}
    assert set(data["articles"][0]) == {
        "id", "file", "source", "published", "title", "url", "people",
    }  # fmt: skip
    assert set(data["people"][0]) == {"id", "name", "aliases", "country"}
    assert set(data["meetings"][0]) == {
        "id",
        "date",
        "date_from",
        "place",
        "place_from",
        "occasion",
        "participants",
        "articles",
    }
    assert set(data["statements"][0]) == STATEMENT_FIELDS
    with app.app_context():
        texts = dict(db.session.execute(sa.select(Article.id, Article.clean_text)).all())
    for statement in data["statements"]:
        assert (
            statement["text"] == texts[statement["article"]][statement["start"] : statement["end"]]
        )
        assert statement["text"][0] not in '"“”«»' and statement["text"][-1] not in '"“”«»'
        assert statement["kind"] in {"direct", "indirect", "transcript"}


def test_export_json_to_standard_output(app, runner):
    result = runner.invoke(args=["export"])
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "articles": [],
        "people": [],
        "meetings": [],
        "statements": [],
    }


def test_export_csv_writes_one_file_per_table(app, runner, tmp_path):
    runner.invoke(args=["seed"])
    result = runner.invoke(args=["export", "--format", "csv", "-o", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    with (tmp_path / "csv" / "statements.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert rows and set(rows[0]) == STATEMENT_FIELDS
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "articles.csv",
        "meetings.csv",
        "people.csv",
        "statements.csv",
    ]


#: Parley's own commands (Flask-Limiter adds `limiter`, which Parley does not document)
COMMANDS = ["db", "seed", "export", "users", "backup", "check", "copy-to", "serve", "secret-key"]


def test_the_list_of_commands_is_complete(app):
    assert set(app.cli.commands) - {"limiter"} == set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(runner, command):
    result = runner.invoke(args=[command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) > 3
    assert f".venv/bin/parley {command}" in (PROJECT_ROOT / "README.md").read_text()


def test_a_busy_database_is_tried_again(app, runner, monkeypatch):
    """A write that finds the database locked is retried, and the article still loads."""

    real = reconcile.seed_article
    calls = []

    def locked_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise sa.exc.OperationalError("INSERT", {}, Exception("database is locked"))
        return real(*args, **kwargs)

    monkeypatch.setattr(reconcile, "seed_article", locked_once)
    result = runner.invoke(args=["seed", str(SEEDS / "000_bc75cffa8b8ea9a8.txt")])
    assert result.exit_code == 0, result.output
    assert "Added 1 article" in result.output
    assert len(calls) == 2


def test_export_leaves_out_rejected_statements(app, runner):
    runner.invoke(args=["seed"])
    with app.app_context():
        rejected = db.session.scalars(sa.select(Statement).order_by(Statement.id)).first()
        rejected.review_status = ReviewStatus.REJECTED
        db.session.commit()
        rejected_id = rejected.id
        total = db.session.scalar(sa.select(sa.func.count()).select_from(Statement))
    exported = json.loads(runner.invoke(args=["export"]).output)["statements"]
    assert len(exported) == total - 1
    assert rejected_id not in {statement["id"] for statement in exported}
