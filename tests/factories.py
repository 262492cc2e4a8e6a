"""Rows for tests, with every required field filled in, and the hand-built datasets.

The builders return unsaved rows: add them to a session, or save them with
``add``. Fields a test does not name get plain, fixed values, so that a test
names only what it checks. A statement or a mention is placed where its text
stands in its article's clean text.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask import Flask

from webapp.db import db
from webapp.models import Article
from webapp.models import How
from webapp.models import Meeting
from webapp.models import MeetingReport
from webapp.models import Mention
from webapp.models import Person
from webapp.models import PersonAlias
from webapp.models import Position
from webapp.models import Role
from webapp.models import Statement
from webapp.models import StatementKind
from webapp.models import User
from webapp.models import meeting_participants

#: The users that the ``users`` fixture creates: name -> (role, password).
USERS = {
    "vera": ("viewer", "vera-password"),
    "eddie": ("editor", "eddie-password"),
    "ada": ("admin", "ada-password"),
}


def add(app: Flask, *rows) -> list[int]:
    """Save ``rows``, and the rows they refer to, in one commit; their ids, in order."""
    with app.app_context():
        db.session.add_all(rows)
        db.session.commit()
        return [row.id for row in rows]


def user(name: str, role: Role | str | None = None, password: str | None = None) -> User:
    """A user who can log in: for a name in ``USERS`` its role and password, else a viewer
    whose password is ``<name>-password``."""
    known_role, known_password = USERS.get(name, (Role.VIEWER, f"{name}-password"))
    made = User(username=name, role=Role(role or known_role))
    made.set_password(password or known_password)
    return made


def article(n: int = 1, text: str = "x", **fields) -> Article:
    """An article whose file and SHA-256 follow from ``n``; ``text`` is its raw and clean text."""
    values = {"file": f"{n:03}.txt", "sha256": f"{n:064x}", "raw_text": text, "clean_text": text}
    return Article(**(values | fields))


def span(article: Article | None, text: str) -> dict[str, int]:
    """Where ``text`` stands in the article's clean text; from 0 when it is not there."""
    clean = article.clean_text if article is not None else None
    start = max(clean.find(text), 0) if clean else 0
    return {"start_char": start, "end_char": start + len(text)}


def statement(article: Article | None = None, text: str = "x", **fields) -> Statement:
    """A direct statement of ``text`` in ``article`` (or in ``article_id=``)."""
    values = {"kind": StatementKind.DIRECT, "text": text, **span(article, text)}
    if article is not None:
        values["article"] = article
    return Statement(**(values | fields))


def mention(
    article: Article | None = None, person: Person | None = None, text: str = "x", **fields
) -> Mention:
    """A mention by name of ``person`` where ``text`` stands in ``article``."""
    values = {"how": How.NAME, **span(article, text)}
    if article is not None:
        values["article"] = article
    if person is not None:
        values["person"] = person
    return Mention(**(values | fields))


def person(name: str, *aliases: str, positions: Iterable[Position] = (), **fields) -> Person:
    """A person also known as ``aliases``, who held ``positions``."""
    return Person(
        name=name,
        aliases=[PersonAlias(alias=alias) for alias in aliases],
        positions=list(positions),
        **fields,
    )


def position(title: str, country: str = "Kazakhstan", **fields) -> Position:
    return Position(title=title, country=country, **fields)


def meeting(*participants: Person, **fields) -> Meeting:
    return Meeting(participants=list(participants), **fields)


def add_attendee(name: str, meeting_ids: Iterable[int] = (), **fields) -> Person:
    """A new person, flushed in the current session, who took part in ``meeting_ids``.

    The participant rows are inserted directly: the meetings themselves are
    not updated, and keep their versions.
    """
    attendee = Person(name=name, **fields)
    db.session.add(attendee)
    db.session.flush()
    for meeting_id in meeting_ids:
        db.session.execute(
            meeting_participants.insert().values(meeting_id=meeting_id, person_id=attendee.id)
        )
    return attendee


# -- the records dataset: three people, two articles, one meeting, four statements ------------

SPRING_TEXT = "Arbatova said trade is growing. Beketov said the talks went well."
WINTER_TEXT = "Arbatova said the border is calm. Speaker: Welcome, colleagues."


def add_records(app: Flask) -> dict[str, int]:
    """Three people, two articles, one meeting and four statements, all with known values.

    Built by hand rather than by seeding, so that the values the tests expect
    do not move when the extractor improves. Confidences: growing 0.9, talks
    0.4, border 0.6, welcome 0.5.
    """
    anna = person("Anna Arbatova", country="Russia")
    boris = person("Boris Beketov", country="Kazakhstan")
    carl = person("Carl Chokin", country="Kazakhstan")
    spring = article(1, SPRING_TEXT, title="Talks in Moscow", published=date(2024, 3, 4))
    winter = article(2, WINTER_TEXT, title="Talks in Almaty", published=date(2023, 2, 3))
    report = MeetingReport(article=spring, **span(spring, "Arbatova said trade is growing."))
    moscow = meeting(
        anna, boris, held_on=date(2024, 3, 4), place="Moscow", confidence=0.9, reports=[report]
    )
    said = {"kind": StatementKind.INDIRECT, "cue": "said"}
    rows = {
        "anna": anna,
        "boris": boris,
        "carl": carl,
        "spring": spring,
        "winter": winter,
        "meeting": moscow,
        "growing": statement(
            spring, "trade is growing", speaker=anna, meeting=moscow, confidence=0.9, **said
        ),
        "talks": statement(
            spring, "the talks went well", speaker=boris, meeting=moscow, confidence=0.4, **said
        ),
        "border": statement(winter, "the border is calm", speaker=anna, confidence=0.6, **said),
        "welcome": statement(
            winter, "Welcome, colleagues.", kind=StatementKind.TRANSCRIPT, cue=":", confidence=0.5
        ),
    }
    return dict(zip(rows, add(app, *rows.values()), strict=True))


def talks_form(ids: dict[str, int], **changes: str) -> dict[str, str]:
    """The fields the edit form of the ``talks`` statement posts as it stands, with ``changes``."""
    return {
        "version_id": "1",
        "speaker": str(ids["boris"]),
        "kind": "indirect",
        "text": "the talks went well",
        "meeting": str(ids["meeting"]),
        "confidence": "0.4",
        "review_status": "unreviewed",
        **changes,
    }
