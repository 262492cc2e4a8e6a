"""The plain records passed between the ingest stages.

Text goes in, these come out: no database, no Flask. Every offset is a
character index into ``Document.text`` (the clean text), so that
``document.text[start:end]`` is exactly the evidence for a record.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date

from webapp.vocabulary import How
from webapp.vocabulary import StatementKind

__all__ = [
    "Document",
    "Extraction",
    "How",
    "Meeting",
    "Mention",
    "NewPerson",
    "Statement",
    "StatementKind",
    "pickled_by_fields",
]


def pickled_by_fields(cls):
    """Pickle a frozen, slotted dataclass as its class and its fields' values, in order.

    Seeding's worker processes send every record to the writer; unpickled
    through the class itself, a record costs a fifth of what the
    dataclass's own state functions take, which read the fields anew for
    every record.
    """
    values = operator.attrgetter(*cls.__slots__)

    def __reduce__(self):
        found = values(self)
        return type(self), found if isinstance(found, tuple) else (found,)

    cls.__reduce__ = __reduce__
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Document:
    """One article after reading: clean text and what the reader recognised."""

    file: str
    sha256: str
    raw_text: str
    text: str
    title: str | None = None
    subtitle: str | None = None
    published: date | None = None
    #: where ``published`` came from: "given", "header", "byline", "dateline", "inferred"
    date_from: str | None = None
    #: a dateline date without a year, as (month, day), left for the pipeline
    dateline_month_day: tuple[int, int] | None = None
    dateline_place: str | None = None
    source: str | None = None
    #: the page's address, when the operator gave it
    url: str | None = None
    #: things an editor should know: "dateline has no year", ...
    notes: tuple[str, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    person: str  # canonical name, or the name as written for a new person
    how: How
    confidence: float


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Meeting:
    start: int  # the sentence that is the evidence for the meeting
    end: int
    participants: tuple[str, ...]  # canonical names
    date: date | None
    place: str | None
    occasion: str | None
    confidence: float
    #: where the date came from: "sentence", "related" (a sentence about one participant's
    #: meetings: "Xi held three meetings on Thursday"), "dateline", "published", or None
    date_from: str | None = None
    #: where the place came from: "sentence", "visit", "related", "article", "dateline" or None
    place_from: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Statement:
    start: int  # the words said, without quote marks
    end: int
    kind: StatementKind
    speaker: str | None  # canonical name
    cue: str | None  # the cue verb ("said", "stressed"), ":" for a turn
    confidence: float
    meeting: int | None = None  # index into Extraction.meetings


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class NewPerson:
    """A person named in the text but absent from the dictionary."""

    name: str
    country: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Extraction:
    document: Document
    mentions: tuple[Mention, ...] = ()
    statements: tuple[Statement, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    new_people: tuple[NewPerson, ...] = ()
