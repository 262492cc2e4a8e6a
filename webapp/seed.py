"""Reconcile extracted records with the database: the one place seeding writes.

Rules (DESIGN.md, "Seeding rules"):

* an article is identified by the SHA-256 of its bytes, so seeding twice changes nothing;
* a row an editor has edited, confirmed or rejected is never changed or deleted;
* each article is written in one transaction by the caller, so a failure leaves none of it;
* every article seeded leaves one revision listing what it created.
"""

from __future__ import annotations

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


class PeopleIndex:
    """Names and aliases to person ids, loaded once and kept current during a run.

    Names added since the last ``commit`` are dropped again by ``rollback``, so
    that the index never points at a person whose transaction failed.
    """

    def __init__(self, session: Session) -> None:
        self.ids: dict[str, int] = {}
        self.pending: list[str] = []
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

    def commit(self) -> None:
        self.pending.clear()

    def rollback(self) -> None:
        for key in self.pending:
            del self.ids[key]
        self.pending.clear()


def apply_dictionary(session: Session, registry: Registry) -> list[int]:
    """Add the dictionary's people, aliases and positions that the database lacks.

    Only adds: a person an editor has changed or merged keeps every field, and
    a dictionary name that is now an alias of a merged person finds that person.
    """
    index = PeopleIndex(session)
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
            person = Person(name=entry.name, country=entry.country)
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


def source_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    found = session.scalar(sa.select(Source.id).where(Source.name == name))
    if found is None:
        source = Source(name=name)
        session.add(source)
        session.flush()
        found = source.id
    return found


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


def is_loaded(session: Session, sha256: str) -> bool:
    return session.scalar(sa.select(Article.id).where(Article.sha256 == sha256)) is not None


def seed_article(
    session: Session, extraction: Extraction, people: PeopleIndex, *, reextract: bool = False
) -> Outcome | None:
    """Write one article's records. Returns None when it is already loaded and not re-extracted."""
    document = extraction.document
    article = session.scalar(sa.select(Article).where(Article.sha256 == document.sha256))
    if article is not None and not reextract:
        return None
    existed = article is not None
    if article is None:
        article = Article(sha256=document.sha256, **article_values(document))
        article.source_id = source_id(session, document.source)
        session.add(article)
        session.flush()
    else:
        clear_machine_rows(session, article)
        if article.review_status == ReviewStatus.UNREVIEWED:
            for name, value in article_values(document).items():
                setattr(article, name, value)
            article.source_id = source_id(session, document.source)
            session.flush()

    outcome = Outcome(article_id=article.id, reextracted=existed)
    person_ids = resolve_people(session, extraction, people, outcome)
    meeting_ids = write_meetings(session, extraction, article, person_ids, outcome)
    write_statements(session, extraction, article, person_ids, meeting_ids, outcome)
    write_mentions(session, extraction, article, person_ids, outcome)
    session.add(
        Revision(
            actor=ACTOR,
            action=Action.SEED,
            table_name="articles",
            row_id=article.id,
            changes={
                "file": document.file,
                "reextract": existed,
                "people": outcome.people,
                "meetings": outcome.meetings,
                "reported_meetings": outcome.reported,
                "statements": outcome.statements,
                "mentions": outcome.mentions,
            },
            summary=(
                f"{'re-extracted' if existed else 'seeded'} {document.file}: "
                f"{len(outcome.statements)} statements, {len(outcome.meetings)} new meetings, "
                f"{len(outcome.people)} new people"
            ),
        )
    )
    session.flush()
    return outcome


def clear_machine_rows(session: Session, article: Article) -> None:
    """Remove what extraction wrote for an article, keeping every row an editor touched."""
    session.execute(sa.delete(Mention).where(Mention.article_id == article.id))
    session.execute(
        sa.delete(Statement).where(
            Statement.article_id == article.id,
            Statement.review_status == ReviewStatus.UNREVIEWED,
        )
    )
    machine_meetings = sa.select(Meeting.id).where(Meeting.review_status == ReviewStatus.UNREVIEWED)
    session.execute(
        sa.delete(MeetingReport).where(
            MeetingReport.article_id == article.id,
            MeetingReport.meeting_id.in_(machine_meetings),
        )
    )
    session.execute(
        sa.delete(Meeting).where(
            Meeting.review_status == ReviewStatus.UNREVIEWED,
            ~sa.exists().where(MeetingReport.meeting_id == Meeting.id),
        )
    )
    session.expire(article)


def resolve_people(
    session: Session, extraction: Extraction, people: PeopleIndex, outcome: Outcome
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
            person = Person(
                name=name,
                country=countries.get(name),
                notes=f"Found in {extraction.document.file}; not in the dictionary.",
            )
            session.add(person)
            session.flush()
            person_id = person.id
            people.add(name, person_id)
            outcome.people.append(person_id)
        ids[name] = person_id
    return ids


def write_meetings(
    session: Session,
    extraction: Extraction,
    article: Article,
    person_ids: dict[str, int],
    outcome: Outcome,
) -> list[int]:
    """One id per extracted meeting: an existing meeting it matches, or a new one."""
    kept_reports = session.execute(
        sa.select(MeetingReport.meeting_id, MeetingReport.start_char, MeetingReport.end_char).where(
            MeetingReport.article_id == article.id
        )
    ).all()
    ids = []
    for meeting in extraction.meetings:
        participants = {person_ids[name] for name in meeting.participants}
        meeting_id = next(
            (m for m, start, end in kept_reports if meeting.start < end and start < meeting.end),
            None,
        ) or matching_meeting(session, meeting.date, participants)
        if meeting_id is None:
            row = Meeting(
                held_on=meeting.date,
                place=meeting.place,
                occasion=meeting.occasion,
                confidence=meeting.confidence,
            )
            session.add(row)
            session.flush()
            meeting_id = row.id
            if participants:
                session.execute(
                    sa.insert(meeting_participants),
                    [{"meeting_id": meeting_id, "person_id": p} for p in sorted(participants)],
                )
            outcome.meetings.append(meeting_id)
        already = session.get(MeetingReport, (meeting_id, article.id))
        if already is None:
            session.add(
                MeetingReport(
                    meeting_id=meeting_id,
                    article_id=article.id,
                    start_char=meeting.start,
                    end_char=meeting.end,
                )
            )
            if meeting_id not in outcome.meetings:
                outcome.reported.append(meeting_id)
        ids.append(meeting_id)
    session.flush()
    return ids


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
    article: Article,
    person_ids: dict[str, int],
    meeting_ids: list[int],
    outcome: Outcome,
) -> None:
    kept = session.execute(
        sa.select(Statement.start_char, Statement.end_char).where(
            Statement.article_id == article.id
        )
    ).all()
    rows = []
    for statement in extraction.statements:
        if any(statement.start < end and start < statement.end for start, end in kept):
            continue  # an editor's row covers these words
        rows.append(
            {
                "article_id": article.id,
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
    if rows:
        inserted = session.scalars(
            sa.insert(Statement).returning(Statement.id, sort_by_parameter_order=True), rows
        )
        outcome.statements.extend(inserted)


def write_mentions(
    session: Session,
    extraction: Extraction,
    article: Article,
    person_ids: dict[str, int],
    outcome: Outcome,
) -> None:
    rows = [
        {
            "article_id": article.id,
            "person_id": person_ids[mention.person],
            "start_char": mention.start,
            "end_char": mention.end,
            "how": How(mention.how),
            "confidence": mention.confidence,
        }
        for mention in extraction.mentions
    ]
    if rows:
        session.execute(sa.insert(Mention), rows)
    outcome.mentions = len(rows)
