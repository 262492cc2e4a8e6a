"""Reasons to doubt that people about to be merged are one person.

Two people who took part in the same meeting, who are both quoted in one
article, or who held offices of different countries at the same time are
most likely two people: the merge page lists these reasons and asks the
editor to confirm before merging anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import combinations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from webapp.ingest.people.normal_forms import country_key
from webapp.models import Article
from webapp.models import Meeting
from webapp.models import Person
from webapp.models import Position
from webapp.models import Statement
from webapp.models import meeting_participants

#: meetings or articles named in one warning; the rest are counted
SHOWN = 3


def listed(items: Sequence[str], separator: str = ", ") -> str:
    shown = separator.join(items[:SHOWN])
    hidden = len(items) - SHOWN
    return f"{shown} and {hidden} more" if hidden > 0 else shown


def together(rows: Sequence[tuple[int, int]]) -> dict[tuple[int, int], list[int]]:
    """{(person, person): [place, ...]} from (place, person) rows, for each pair in one place."""
    present: dict[int, set[int]] = {}
    for place, person in rows:
        present.setdefault(place, set()).add(person)
    pairs: dict[tuple[int, int], list[int]] = {}
    for place, people in sorted(present.items()):
        for pair in combinations(sorted(people), 2):
            pairs.setdefault(pair, []).append(place)
    return pairs


def meeting_label(held_on: date | None, place: str | None) -> str:
    when = held_on.isoformat() if held_on else "an undated meeting"
    return f"{when} in {place}" if place else when


def in_meetings(session: Session, ids: Sequence[int], names: dict[int, str]) -> list[str]:
    table = meeting_participants
    rows = session.execute(
        sa.select(table.c.meeting_id, table.c.person_id).where(table.c.person_id.in_(ids))
    ).all()
    found = together(rows)
    wanted = {meeting_id for places in found.values() for meeting_id in places}
    labels = {
        row.id: meeting_label(row.held_on, row.place)
        for row in session.execute(
            sa.select(Meeting.id, Meeting.held_on, Meeting.place).where(Meeting.id.in_(wanted))
        )
    }
    return [
        f"{names[a]} and {names[b]} took part in the same "
        f"{'meeting' if len(places) == 1 else 'meetings'}: "
        f"{listed([labels[m] for m in places], '; ')}."
        for (a, b), places in found.items()
    ]


def in_articles(session: Session, ids: Sequence[int], names: dict[int, str]) -> list[str]:
    rows = session.execute(
        sa.select(Statement.article_id, Statement.speaker_id)
        .where(Statement.speaker_id.in_(ids))
        .distinct()
    ).all()
    found = together(rows)
    wanted = {article_id for places in found.values() for article_id in places}
    titles = {
        row.id: f"“{row.title or row.file}”"
        for row in session.execute(
            sa.select(Article.id, Article.title, Article.file).where(Article.id.in_(wanted))
        )
    }
    return [
        f"{names[a]} and {names[b]} are both quoted in {listed([titles[i] for i in places])}."
        for (a, b), places in found.items()
    ]


def overlap(first: Position, second: Position) -> bool:
    """Whether two tenures share a day; an unknown start or end is open."""
    return (first.started_on or date.min) <= (second.ended_on or date.max) and (
        second.started_on or date.min
    ) <= (first.ended_on or date.max)


def tenure(position: Position) -> str:
    start = position.started_on.isoformat() if position.started_on else "?"
    end = position.ended_on.isoformat() if position.ended_on else "now"
    return f"{position.title}, {position.country} ({start} – {end})"


def in_offices(session: Session, ids: Sequence[int], names: dict[int, str]) -> list[str]:
    positions = session.scalars(
        sa.select(Position).where(Position.person_id.in_(ids)).order_by(Position.started_on)
    ).all()
    clashes: dict[tuple[int, int], tuple[list[str], list[str]]] = {}
    for first, second in combinations(positions, 2):
        if first.person_id == second.person_id or not overlap(first, second):
            continue
        if country_key(first.country) == country_key(second.country):
            continue
        a, b = sorted((first, second), key=lambda p: p.person_id)
        mine, theirs = clashes.setdefault((a.person_id, b.person_id), ([], []))
        mine.extend([tenure(a)] if tenure(a) not in mine else [])
        theirs.extend([tenure(b)] if tenure(b) not in theirs else [])
    return [
        f"{names[a]} and {names[b]} held offices of different countries at the same time: "
        f"{names[a]} was {listed(mine, '; ')}, {names[b]} was {listed(theirs, '; ')}."
        for (a, b), (mine, theirs) in sorted(clashes.items())
    ]


def merge_warnings(session: Session, ids: Sequence[int]) -> list[str]:
    """What speaks against ``ids`` being one person, one sentence per reason; [] if nothing."""
    names = dict(session.execute(sa.select(Person.id, Person.name).where(Person.id.in_(ids))).all())
    ids = sorted(names)
    return [
        *in_meetings(session, ids, names),
        *in_articles(session, ids, names),
        *in_offices(session, ids, names),
    ]
