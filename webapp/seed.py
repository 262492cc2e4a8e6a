"""Reconcile extracted records with the database: the one place seeding writes.

Rules:

* an article is identified by the SHA-256 of its bytes, so seeding twice changes nothing;
* a row an editor has edited, confirmed or rejected is never changed or deleted;
* each article is written in one transaction by the caller, so a failure leaves none of it;
* every article seeded leaves one revision listing what it created.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from dataclasses import field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from webapp.ingest.records import Document
from webapp.ingest.records import Extraction
from webapp.ingest.records import How
from webapp.ingest.registry import Registry
from webapp.ingest.registry import normalise
from webapp.models import Action
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import MeetingReport
from webapp.models import Mention
from webapp.models import Person
from webapp.models import PersonAlias
from webapp.models import Position
from webapp.models import ReviewStatus
from webapp.models import Revision
from webapp.models import Source
from webapp.models import Statement
from webapp.models import meeting_participants
from webapp.models.common import utcnow

ACTOR = "seed"


@dataclass
class Outcome:
    """What seeding one article did."""

    article_id: int
    reextracted: bool = False
    people: list[int] = field(default_factory=list)
    meetings: list[int] = field(default_factory=list)
    reported: list[int] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)
    mentions: int = 0


class SeedCache:
    """What seeding knows of the database, loaded once and kept current during a run.

    People by name and alias, sources by name, and the hashes of the articles
    already loaded. What was added since the last ``commit`` is forgotten by
    ``rollback``, so the cache never points at a row whose transaction failed.
    """

    def __init__(self, session: Session) -> None:
        self.ids: dict[str, int] = {}
        self.pending: list[str] = []
        self.sources: dict[str, int] = {}
        self.loaded: set[str] = set(session.scalars(sa.select(Article.sha256)))
        self.pending_articles: list[str] = []
        rows = session.execute(sa.select(Person.name, Person.id)).all()
        rows += session.execute(sa.select(PersonAlias.alias, PersonAlias.person_id)).all()
        for name, person_id in rows:
            self.ids.setdefault(normalise(name), person_id)

    def find(self, name: str) -> int | None:
        return self.ids.get(normalise(name))

    def add(self, name: str, person_id: int) -> None:
        key = normalise(name)
        if key not in self.ids:
            self.ids[key] = person_id
            self.pending.append(key)

    def add_article(self, sha256: str) -> None:
        self.loaded.add(sha256)
        self.pending_articles.append(sha256)

    def commit(self) -> None:
        self.pending.clear()
        self.pending_articles.clear()

    def rollback(self) -> None:
        for key in self.pending:
            del self.ids[key]
        self.loaded.difference_update(self.pending_articles)
        self.pending.clear()
        self.pending_articles.clear()
        self.sources.clear()


def apply_dictionary(session: Session, registry: Registry) -> list[int]:
    """Add the dictionary's people, aliases and positions that the database lacks.

    The dictionary is curated, so its people start out reviewed. It only adds:
    a person an editor has changed or merged keeps every field, and a
    dictionary name that is now an alias of a merged person finds that person.
    """
    index = SeedCache(session)
    created = []
    known_aliases = set(session.execute(sa.select(PersonAlias.person_id, PersonAlias.alias)))
    known_positions = set(
        session.execute(
            sa.select(Position.person_id, Position.title, Position.country, Position.started_on)
        )
    )
    for entry in registry.people:
        person_id = index.find(entry.name) or next(
            (found for alias in entry.aliases if (found := index.find(alias))), None
        )
        if person_id is None:
            person = Person(
                name=entry.name, country=entry.country, review_status=ReviewStatus.REVIEWED
            )
            session.add(person)
            session.flush()
            person_id = person.id
            created.append(person_id)
            index.add(entry.name, person_id)
        for alias in {entry.name, *entry.aliases}:
            if (person_id, alias) not in known_aliases and alias != entry.name:
                session.add(PersonAlias(person_id=person_id, alias=alias))
                known_aliases.add((person_id, alias))
        for position in entry.positions:
            key = (person_id, position.title, position.country, position.start)
            if key in known_positions:
                continue
            known_positions.add(key)
            session.add(
                Position(
                    person_id=person_id,
                    title=position.title,
                    country=position.country,
                    started_on=position.start,
                    ended_on=position.end,
                    acting=position.acting,
                    confirmed=position.confirmed,
                    source_url=position.source,
                )
            )
    session.flush()
    return created


def insert(session: Session, table: sa.Table, rows: list[dict]) -> list[int]:
    """Insert rows with one Core statement and return their ids, in order.

    Seeding writes tens of rows per article; going through the unit of work
    for each would cost more than the extraction itself.
    """
    if not rows:
        return []
    connection = session.connection()
    if "id" not in table.c:
        connection.execute(_insert(table), rows)
        return []
    return list(connection.execute(_insert(table, returning=True), rows).scalars())


@functools.cache
def _insert(table: sa.Table, returning: bool = False) -> sa.Insert:
    statement = table.insert()
    return statement.returning(table.c.id, sort_by_parameter_order=True) if returning else statement


def source_id(session: Session, name: str | None, cache: dict[str, int]) -> int | None:
    if not name:
        return None
    if name not in cache:
        found = session.scalar(sa.select(Source.id).where(Source.name == name))
        cache[name] = found or insert(session, Source.__table__, [{"name": name}])[0]
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
        article_id = insert(session, Article.__table__, [{"sha256": document.sha256, **values}])[0]
        cache.add_article(document.sha256)
    else:
        article_id = article.id
        unreported = clear_machine_rows(session, article)
        if article.review_status == ReviewStatus.UNREVIEWED:
            for name, value in values.items():
                setattr(article, name, value)
            session.flush()

    outcome = Outcome(article_id=article_id, reextracted=article is not None)
    person_ids = resolve_people(session, extraction, cache, outcome)
    meeting_ids = write_meetings(
        session, extraction, article_id, person_ids, outcome, reusable=unreported
    )
    write_statements(session, extraction, article_id, person_ids, meeting_ids, outcome)
    write_mentions(session, extraction, article_id, person_ids, outcome)
    drop_unreported_meetings(session, unreported)
    verb = "re-extracted" if outcome.reextracted else "seeded"
    revision = {
        "at": utcnow(),
        "actor": ACTOR,
        "action": Action.SEED,
        "table_name": "articles",
        "row_id": article_id,
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
            f"{verb} {document.file}: {len(outcome.statements)} statements, "
            f"{len(outcome.meetings)} new meetings, {len(outcome.people)} new people"
        ),
    }
    insert(session, Revision.__table__, [revision])
    return outcome


def clear_machine_rows(session: Session, article: Article) -> set[int]:
    """Remove what extraction wrote for an article, keeping every row an editor touched.

    The machine meetings it reported lose this article's report but stay, so
    that the new extraction finds and reuses them (keeping their ids); the
    ids are returned for ``drop_unreported_meetings`` to finish the job.
    """
    session.execute(sa.delete(Mention).where(Mention.article_id == article.id))
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


def drop_unreported_meetings(session: Session, meeting_ids: set[int]) -> None:
    """Delete those machine meetings that no article reports and no statement refers to."""
    if not meeting_ids:
        return
    session.execute(
        sa.delete(Meeting).where(
            Meeting.id.in_(meeting_ids),
            Meeting.review_status == ReviewStatus.UNREVIEWED,
            ~sa.exists().where(MeetingReport.meeting_id == Meeting.id),
            ~sa.exists().where(Statement.meeting_id == Meeting.id),
        )
    )


def resolve_people(
    session: Session, extraction: Extraction, people: SeedCache, outcome: Outcome
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
            person_id = insert(session, Person.__table__, [row])[0]
            people.add(name, person_id)
            outcome.people.append(person_id)
        ids[name] = person_id
    return ids


def write_meetings(
    session: Session,
    extraction: Extraction,
    article_id: int,
    person_ids: dict[str, int],
    outcome: Outcome,
    reusable: set[int] = frozenset(),
) -> list[int]:
    """One id per extracted meeting: an existing meeting it matches, or a new one.

    ``reusable`` are the machine meetings this article reported before a
    re-extraction: one with the same day and people is taken back as it is.
    """
    previous = meetings_by_people(session, reusable)
    kept_reports = session.execute(
        sa.select(MeetingReport.meeting_id, MeetingReport.start_char, MeetingReport.end_char).where(
            MeetingReport.article_id == article_id
        )
    ).all()
    reported = {meeting_id for meeting_id, _start, _end in kept_reports}
    ids = []
    for meeting in extraction.meetings:
        participants = {person_ids[name] for name in meeting.participants}
        meeting_id = (
            next(
                (
                    m
                    for m, start, end in kept_reports
                    if meeting.start < end and start < meeting.end
                ),
                None,
            )
            or previous.get((meeting.date, frozenset(participants)))
            or matching_meeting(session, meeting.date, participants)
        )
        if meeting_id is None:
            row = {
                "held_on": meeting.date,
                "place": meeting.place,
                "occasion": meeting.occasion,
                "confidence": meeting.confidence,
            }
            meeting_id = insert(session, Meeting.__table__, [row])[0]
            insert(
                session,
                meeting_participants,
                [{"meeting_id": meeting_id, "person_id": p} for p in sorted(participants)],
            )
            outcome.meetings.append(meeting_id)
        if meeting_id not in reported:
            reported.add(meeting_id)
            report = {
                "meeting_id": meeting_id,
                "article_id": article_id,
                "start_char": meeting.start,
                "end_char": meeting.end,
            }
            insert(session, MeetingReport.__table__, [report])
            if meeting_id not in outcome.meetings:
                outcome.reported.append(meeting_id)
        ids.append(meeting_id)
    return ids


def meetings_by_people(
    session: Session, meeting_ids: set[int]
) -> dict[tuple[date | None, frozenset[int]], int]:
    if not meeting_ids:
        return {}
    rows = session.execute(
        sa.select(Meeting.id, Meeting.held_on, meeting_participants.c.person_id)
        .outerjoin(meeting_participants)
        .where(Meeting.id.in_(meeting_ids))
    ).all()
    people: dict[int, set[int]] = {}
    days: dict[int, date | None] = {}
    for meeting_id, held_on, person_id in rows:
        days[meeting_id] = held_on
        people.setdefault(meeting_id, set())
        if person_id is not None:
            people[meeting_id].add(person_id)
    return {(days[m], frozenset(p)): m for m, p in people.items()}


def matching_meeting(session: Session, held_on: date | None, participants: set[int]) -> int | None:
    """A stored meeting on the same day whose participants are the same people.

    Two reports of one meeting may name one side differently ("his Kazakh
    counterpart"), so two shared participants are enough when both lists have two or more.
    """
    if held_on is None or not participants:
        return None
    rows = session.execute(
        sa.select(meeting_participants.c.meeting_id, meeting_participants.c.person_id)
        .join(Meeting, Meeting.id == meeting_participants.c.meeting_id)
        .where(Meeting.held_on == held_on, Meeting.review_status != ReviewStatus.REJECTED)
        .order_by(meeting_participants.c.meeting_id)
    ).all()
    stored: dict[int, set[int]] = {}
    for meeting_id, person_id in rows:
        stored.setdefault(meeting_id, set()).add(person_id)
    for meeting_id, people in stored.items():
        shared = people & participants
        if people == participants or len(shared) >= 2:
            return meeting_id
    return None


def write_statements(
    session: Session,
    extraction: Extraction,
    article_id: int,
    person_ids: dict[str, int],
    meeting_ids: list[int],
    outcome: Outcome,
) -> None:
    kept = session.execute(
        sa.select(Statement.start_char, Statement.end_char).where(
            Statement.article_id == article_id
        )
    ).all()
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
                "cue": statement.cue[:50] if statement.cue else None,
                "confidence": statement.confidence,
            }
        )
    outcome.statements.extend(insert(session, Statement.__table__, rows))


def write_mentions(
    session: Session,
    extraction: Extraction,
    article_id: int,
    person_ids: dict[str, int],
    outcome: Outcome,
) -> None:
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
    ]
    insert(session, Mention.__table__, rows)
    outcome.mentions = len(rows)
