"""Export the records as JSON (one document) or CSV (one file per table)."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from webapp.models import Article
from webapp.models import Meeting
from webapp.models import MeetingReport
from webapp.models import Mention
from webapp.models import Person
from webapp.models import PersonAlias
from webapp.models import ReviewStatus
from webapp.models import Source
from webapp.models import Statement
from webapp.models import meeting_participants


def _grouped(session: Session, statement: sa.Select) -> dict[int, list[Any]]:
    groups: dict[int, list[Any]] = defaultdict(list)
    for key, value in session.execute(statement):
        groups[key].append(value)
    return groups


def _iso(value) -> str | None:
    return None if value is None else value.isoformat()


def export_records(session: Session) -> dict[str, list[dict[str, Any]]]:
    """Every article, person, meeting and statement, in the documented JSON shape.

    Meetings, statements and mentions an editor rejected are left out: they are
    kept in the database only so that seeding does not bring them back.
    """
    mentioned = _grouped(
        session,
        sa.select(Mention.article_id, Mention.person_id)
        .where(Mention.review_status != ReviewStatus.REJECTED)
        .distinct()
        .order_by(Mention.article_id, Mention.person_id),
    )
    aliases = _grouped(
        session,
        sa.select(PersonAlias.person_id, PersonAlias.alias).order_by(
            PersonAlias.person_id, PersonAlias.alias
        ),
    )
    participants = _grouped(
        session,
        sa.select(meeting_participants.c.meeting_id, meeting_participants.c.person_id).order_by(
            meeting_participants.c.meeting_id, meeting_participants.c.person_id
        ),
    )
    reports = _grouped(
        session,
        sa.select(MeetingReport.meeting_id, MeetingReport.article_id).order_by(
            MeetingReport.meeting_id, MeetingReport.article_id
        ),
    )
    articles = session.execute(
        sa.select(
            Article.id, Article.file, Source.name, Article.published, Article.title, Article.url
        )
        .outerjoin(Source)
        .order_by(Article.id)
    )
    people = session.execute(sa.select(Person.id, Person.name, Person.country).order_by(Person.id))
    meetings = session.execute(
        sa.select(
            Meeting.id,
            Meeting.held_on,
            Meeting.date_from,
            Meeting.place,
            Meeting.place_from,
            Meeting.occasion,
        )
        .where(Meeting.review_status != ReviewStatus.REJECTED)
        .order_by(Meeting.id)
    )
    statements = session.execute(
        sa.select(
            Statement.id,
            Statement.article_id,
            Statement.speaker_id,
            Statement.meeting_id,
            Statement.kind,
            Statement.text,
            Statement.start_char,
            Statement.end_char,
        )
        .where(Statement.review_status != ReviewStatus.REJECTED)
        .order_by(Statement.id)
    )
    return {
        "articles": [
            {
                "id": id_,
                "file": file,
                "source": source,
                "published": _iso(published),
                "title": title,
                "url": url,
                "people": mentioned.get(id_, []),
            }
            for id_, file, source, published, title, url in articles
        ],
        "people": [
            {"id": id_, "name": name, "aliases": aliases.get(id_, []), "country": country}
            for id_, name, country in people
        ],
        "meetings": [
            {
                "id": id_,
                "date": _iso(held_on),
                "date_from": date_from,
                "place": place,
                "place_from": place_from,
                "occasion": occasion,
                "participants": participants.get(id_, []),
                "articles": reports.get(id_, []),
            }
            for id_, held_on, date_from, place, place_from, occasion in meetings
        ],
        "statements": [
            {
                "id": id_,
                "article": article,
                "speaker": speaker,
                "meeting": meeting,
                "kind": str(kind),
                "text": text,
                "start": start,
                "end": end,
            }
            for id_, article, speaker, meeting, kind, text, start, end in statements
        ],
    }


def write_json(records: dict[str, list[dict[str, Any]]], out) -> None:
    json.dump(records, out, ensure_ascii=False, indent=2)
    out.write("\n")


FIELDS = {
    "articles": ("id", "file", "source", "published", "title", "url", "people"),
    "people": ("id", "name", "aliases", "country"),
    "meetings": (
        "id",
        "date",
        "date_from",
        "place",
        "place_from",
        "occasion",
        "participants",
        "articles",
    ),  # fmt: skip
    "statements": ("id", "article", "speaker", "meeting", "kind", "text", "start", "end"),
}


def write_csv(records: dict[str, list[dict[str, Any]]], folder: Path) -> list[Path]:
    """One CSV per table; list-valued fields are joined with ``;``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table, rows in records.items():
        path = folder / f"{table}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS[table])
            writer.writeheader()
            for row in rows:
                writer.writerow(
                    {
                        key: ";".join(map(str, value)) if isinstance(value, list) else value
                        for key, value in row.items()
                    }
                )
        written.append(path)
    return written
