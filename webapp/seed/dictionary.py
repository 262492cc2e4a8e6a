"""Applying the people dictionary: add what the database lacks, change nothing."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from webapp.ingest import Registry
from webapp.models import Person
from webapp.models import PersonAlias
from webapp.models import Position
from webapp.models import ReviewStatus
from webapp.seed.rows import SeedCache


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
        for alias in dict.fromkeys(entry.aliases):  # in the dictionary's order: stable ids
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
