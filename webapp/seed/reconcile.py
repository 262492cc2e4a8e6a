"""Reconcile one article's extracted records with what the database holds.

Rules:

* an article is identified by the SHA-256 of its bytes, so seeding twice changes nothing;
* a row an editor has edited, confirmed or rejected is never changed or deleted;
* each article is written in one transaction by the caller, so a failure leaves none of it;
* every article seeded leaves one revision listing what it created.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from webapp.ingest import Document
from webapp.ingest import Extraction
from webapp.models import Action
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import MeetingReport
from webapp.models import Mention
from webapp.models import Person
from webapp.models import ReviewStatus
from webapp.models import Revision
from webapp.models import Source
from webapp.models import Statement
from webapp.models.common import utcnow
from webapp.seed.meetings import drop_unreported_meetings
from webapp.seed.meetings import write_meetings
from webapp.seed.rows import Outcome
from webapp.seed.rows import SeedCache
from webapp.seed.rows import insert
from webapp.vocabulary import How
from webapp.words import plural

ACTOR = "seed"
CUE_LENGTH = Statement.__table__.c.cue.type.length


def source_id(session: Session, name: str | None, cache: dict[str, int]) -> int | None:
    if not name:
        return None
    if name not in cache:
        found = session.scalar(sa.select(Source.id).where(Source.name == name))
        cache[name] = found or insert(session.connection(), Source.__table__, [{"name": name}])[0]
    return cache[name]


def article_values(document: Document) -> dict:
    return {
        "file": document.file,
        "raw_text": document.raw_text,
        "clean_text": document.text,
        "title": document.title,
        "subtitle": document.subtitle,
        "published": document.published,
        "date_from": document.date_from,
        "dateline_place": document.dateline_place,
        "url": document.url,
        "notes": "\n".join(document.notes) or None,
    }


def seed_article(
    session: Session, extraction: Extraction, cache: SeedCache, *, reextract: bool = False
) -> Outcome | None:
    """Write one article's records. Returns None when it is already loaded and not re-extracted."""
    document = extraction.document
    article = None
    if document.sha256 in cache.loaded:
        if not reextract:
            return None
        article = session.scalar(sa.select(Article).where(Article.sha256 == document.sha256))
    unreported: set[int] = set()
    values = article_values(document)
    values["source_id"] = source_id(session, document.source, cache.sources)
    if article is None:
        article_id = insert(
            session.connection(), Article.__table__, [{"sha256": document.sha256, **values}]
        )[0]
        cache.add_article(document.sha256)
    else:
        article_id = article.id
        unreported = clear_machine_rows(session, article)
        if article.review_status == ReviewStatus.UNREVIEWED:
            for name, value in values.items():
                setattr(article, name, value)
            session.flush()

    outcome = Outcome(article_id=article_id, reextracted=article is not None)
    connection = session.connection()
    person_ids = resolve_people(connection, extraction, cache, outcome)
    meeting_ids = write_meetings(
        connection, extraction, article_id, person_ids, outcome, reusable=unreported
    )
    write_statements(connection, extraction, article_id, person_ids, meeting_ids, outcome)
    write_mentions(connection, extraction, article_id, person_ids, outcome)
    drop_unreported_meetings(session, unreported)
    write_revision(connection, document, outcome)
    return outcome


def write_revision(connection: Connection, document: Document, outcome: Outcome) -> None:
    """The audit trail's one revision for the article: what seeding created."""
    verb = "re-extracted" if outcome.reextracted else "seeded"
    revision = {
        "at": utcnow(),
        "actor": ACTOR,
        "action": Action.SEED,
        "table_name": "articles",
        "row_id": outcome.article_id,
        "changes": {
            "file": document.file,
            "reextract": outcome.reextracted,
            "people": outcome.people,
            "meetings": outcome.meetings,
            "reported_meetings": outcome.reported,
            "statements": outcome.statements,
            "mentions": outcome.mentions,
        },
        "summary": (
            f"{verb} {document.file}: {plural(len(outcome.statements), 'statement')}, "
            f"{plural(len(outcome.meetings), 'new meeting')}, "
            f"{plural(len(outcome.people), 'new person', 'new people')}"
        ),
    }
    insert(connection, Revision.__table__, [revision], ids=False)


def clear_machine_rows(session: Session, article: Article) -> set[int]:
    """Remove what extraction wrote for an article, keeping every row an editor touched
    (and the machine's mentions on the words of an editor's mention).

    The machine meetings it reported lose this article's report but stay, so
    that the new extraction finds and reuses them (keeping their ids); the
    ids are returned for ``drop_unreported_meetings`` to finish the job.
    """
    mentions = Mention.__table__
    editors = mentions.alias("editors")
    session.execute(
        sa.delete(mentions).where(
            mentions.c.article_id == article.id,
            mentions.c.review_status == ReviewStatus.UNREVIEWED,
            # a machine mention on an editor's words stays: they are the editor's now
            ~sa.exists().where(
                editors.c.article_id == article.id,
                editors.c.review_status != ReviewStatus.UNREVIEWED,
                editors.c.start_char < mentions.c.end_char,
                mentions.c.start_char < editors.c.end_char,
            ),
        )
    )
    session.execute(
        sa.delete(Statement).where(
            Statement.article_id == article.id,
            Statement.review_status == ReviewStatus.UNREVIEWED,
        )
    )
    reported = set(
        session.scalars(
            sa.select(MeetingReport.meeting_id)
            .join(Meeting)
            .where(
                MeetingReport.article_id == article.id,
                Meeting.review_status == ReviewStatus.UNREVIEWED,
            )
        )
    )
    session.execute(
        sa.delete(MeetingReport).where(
            MeetingReport.article_id == article.id, MeetingReport.meeting_id.in_(reported)
        )
    )
    session.expire(article)
    return reported


def resolve_people(
    connection: Connection, extraction: Extraction, people: SeedCache, outcome: Outcome
) -> dict[str, int]:
    """Canonical or new names used in the extraction, to person ids; new people are created."""
    countries = {new.name: new.country for new in extraction.new_people}
    names = {m.person for m in extraction.mentions}
    names |= {s.speaker for s in extraction.statements if s.speaker}
    names |= {p for m in extraction.meetings for p in m.participants}
    names |= set(countries)
    ids = {}
    for name in sorted(names):
        person_id = people.find(name)
        if person_id is None:
            row = {
                "name": name,
                "country": countries.get(name),
                "notes": f"Found in {extraction.document.file}; not in the dictionary.",
            }
            person_id = insert(connection, Person.__table__, [row])[0]
            people.add(name, person_id)
            outcome.people.append(person_id)
        ids[name] = person_id
    return ids


def write_statements(
    connection: Connection,
    extraction: Extraction,
    article_id: int,
    person_ids: dict[str, int],
    meeting_ids: list[int],
    outcome: Outcome,
) -> None:
    kept = (  # a new article has none: only a re-extraction may meet an editor's row
        connection.execute(
            sa.select(Statement.start_char, Statement.end_char).where(
                Statement.article_id == article_id
            )
        ).all()
        if outcome.reextracted
        else []
    )
    rows = []
    for statement in extraction.statements:
        if any(statement.start < end and start < statement.end for start, end in kept):
            continue  # an editor's row covers these words
        rows.append(
            {
                "article_id": article_id,
                "speaker_id": person_ids.get(statement.speaker) if statement.speaker else None,
                "meeting_id": None if statement.meeting is None else meeting_ids[statement.meeting],
                "kind": statement.kind,
                "text": extraction.document.text[statement.start : statement.end],
                "start_char": statement.start,
                "end_char": statement.end,
                "cue": statement.cue[:CUE_LENGTH] if statement.cue else None,
                "confidence": statement.confidence,
            }
        )
    outcome.statements.extend(insert(connection, Statement.__table__, rows))


def write_mentions(
    connection: Connection,
    extraction: Extraction,
    article_id: int,
    person_ids: dict[str, int],
    outcome: Outcome,
) -> None:
    """The extraction's mentions, but none on words an editor's mention covers.

    A confirmed, rejected or corrected mention is the editors'; finding one
    again there would undo a rejection or bring back the person a correction
    replaced. ``clear_machine_rows`` left exactly those words' mentions.
    """
    kept = (
        connection.execute(
            sa.select(Mention.start_char, Mention.end_char).where(Mention.article_id == article_id)
        ).all()
        if outcome.reextracted
        else []
    )
    rows = [
        {
            "article_id": article_id,
            "person_id": person_ids[mention.person],
            "start_char": mention.start,
            "end_char": mention.end,
            "how": How(mention.how),
            "confidence": mention.confidence,
        }
        for mention in extraction.mentions
        if not any(mention.start < end and start < mention.end for start, end in kept)
    ]
    insert(connection, Mention.__table__, rows, ids=False)
    outcome.mentions = len(rows)
