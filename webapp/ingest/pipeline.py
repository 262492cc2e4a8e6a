"""The stages in order: read, people, speech, meetings.

``extract`` is pure: a Document and the registry in, an Extraction out. The
people stage runs in two steps so that a dateline without a year can take
its year from the office holders the text names before mentions are
resolved on that date.
"""

from __future__ import annotations

from datetime import date

from webapp.ingest.dates import valid_date
from webapp.ingest.meetings import assign
from webapp.ingest.meetings import find_meetings
from webapp.ingest.meetings import main_meeting
from webapp.ingest.meetings.places import title_place
from webapp.ingest.people import Registry
from webapp.ingest.people import resolve
from webapp.ingest.people import scan
from webapp.ingest.people.names import find_names
from webapp.ingest.people.names import matcher_for
from webapp.ingest.people.years import with_year
from webapp.ingest.read import publisher_country
from webapp.ingest.read import read_bytes
from webapp.ingest.read.head import ends_sentence
from webapp.ingest.records import Document
from webapp.ingest.records import Extraction
from webapp.ingest.records import Mention
from webapp.ingest.spans import MentionIndex
from webapp.ingest.speech import find_statements
from webapp.ingest.text import paragraphs


def extract(document: Document, registry: Registry) -> Extraction:
    text = document.text
    found = scan(text, registry)
    document = with_year(document, found, registry)
    people = resolve(found, registry, document.published, home=publisher_country(document))
    speech = find_statements(text, people.mentions, people.phrase_starts)
    links = trailing_links(text)
    mentions = sorted(
        (m for m in [*people.mentions, *speech.mentions] if m.start < links),
        key=lambda m: (m.start, m.end),
    )
    new_people = [p for p in people.new_people if any(m.person == p.name for m in mentions)]
    title_people = _title_people(document.title, registry, mentions)
    meetings = find_meetings(
        text,
        MentionIndex(text, mentions, people.phrase_starts),
        speech,
        registry,
        document.published,
        document.dateline_place,
        title_people,
        dateline_day(document),
        title_place(document.title, document.published),
    )
    statements = assign(speech.statements, meetings, main_meeting(meetings))
    return Extraction(
        document=document,
        mentions=tuple(mentions),
        statements=tuple(statements),
        meetings=tuple(meetings),
        new_people=tuple(new_people),
    )


#: a list of links to other stories closing a page runs at least this many lines ...
LINK_LIST_LINES = 3
#: ... of at most this many words, none ending like a sentence
LINK_WORDS = 20


def trailing_links(text: str) -> int:
    """Where a closing list of other stories' headlines begins (the text's end if none).

    Pages end with "Woman Jailed Over False Claim -", "King Charles' Decision
    Labelled 'long Overdue' -", …: the people those headlines name are not the
    article's.
    """
    start = len(text)
    count = 0
    for first, last in reversed(paragraphs(text)):
        line = text[first:last]
        if len(line.split()) > LINK_WORDS or ends_sentence(line) or ": " in line:
            break  # a paragraph of prose, or a transcript's turn
        start, count = first, count + 1
    return start if count >= LINK_LIST_LINES else len(text)


def dateline_day(document: Document) -> date | None:
    """The day of a dateline without a year, in the year of the publication date.

    "BEIJING, Oct. 17 (Xinhua)" in a story dated 18 October is 17 October; a
    dateline of 31 December in a story of 2 January is of the year before.
    """
    if document.dateline_month_day is None or document.published is None:
        return None
    month, day = document.dateline_month_day
    published = document.published
    found = valid_date(published.year, month, day)
    if found is not None and found > published:
        found = valid_date(published.year - 1, month, day)
    return found


def extract_text(name: str, text_or_bytes: str | bytes, registry: Registry) -> Extraction:
    data = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
    return extract(read_bytes(name, data), registry)


def _title_people(title: str | None, registry: Registry, mentions: list[Mention]) -> list[str]:
    """The people a headline names: full names, and surnames of people the text names.

    "Putin thanks Mirziyoyev for his hospitality" names the Putin and the
    Mirziyoyev of the article.
    """
    if not title:
        return []
    named = list(dict.fromkeys(mention.person for mention in mentions))
    people = []
    for hit in find_names(title, matcher_for(registry)):
        if hit.kind == "name" and hit.person:
            people.append(hit.person)
        elif hit.kind == "surname":
            same = [p.name for p in registry.by_surname(hit.text) if p.name in named]
            people.extend(same if len(same) == 1 else [])
    return list(dict.fromkeys(people))
