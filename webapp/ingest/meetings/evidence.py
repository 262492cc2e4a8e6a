"""Meetings that took place: who met whom, when, where, on what occasion.

Evidence is collected sentence by sentence ("met with", "held talks",
"received", "today's negotiations", "the visit of X to Moscow", "I just had
negotiations with ..."), then merged: evidence with the same date and at least
two shared participants is one meeting. Evidence naming fewer than two people
("on the sidelines of ...", "in Almaty") only adds a place or an occasion. A
phone call is never a meeting, nor is one that is still to come.
"""

from __future__ import annotations

import re
from datetime import date

from webapp.ingest import confidence
from webapp.ingest.dates import date_in
from webapp.ingest.gazetteer import city_name
from webapp.ingest.gazetteer import country_of_place
from webapp.ingest.meetings.circumstances import Evidence
from webapp.ingest.meetings.circumstances import article_place
from webapp.ingest.meetings.circumstances import circumstances
from webapp.ingest.meetings.circumstances import meeting
from webapp.ingest.meetings.circumstances import merge
from webapp.ingest.meetings.circumstances import occasion_in
from webapp.ingest.meetings.circumstances import unique
from webapp.ingest.people.mentions import held_titles
from webapp.ingest.people.mentions import holders
from webapp.ingest.people.registry import Registry
from webapp.ingest.records import Meeting
from webapp.ingest.records import Mention
from webapp.ingest.records import Statement
from webapp.ingest.records import StatementKind
from webapp.ingest.spans import MentionIndex
from webapp.ingest.spans import Spans
from webapp.ingest.speech.quotes import Speech
from webapp.ingest.text import UPPER
from webapp.ingest.text import contains_any
from webapp.ingest.text import fold
from webapp.ingest.text import sentences

_CUE = re.compile(
    r"\b(?:(?P<with>(?:met|meets|meet|meeting|meetings|talks|negotiations|conversation"
    r"|consultations)\s+with)|(?P<met>met|meets)(?!\s+with)|(?P<received>received|receives)"
    r"|(?P<held>(?:held|holds|hold)\s+(?:talks|negotiations|a\s+meeting)|took\s+place"
    r"|(?:was|were)\s+held)"
    r"|(?P<talks>talks|negotiations))\b"
)
_PHONE = re.compile(r"(?i:\b(?:tele)?phone\b|\bvideo\s*(?:call|link|conference)|\bvideoconference)")
_FUTURE = re.compile(
    r"(?i:\b(?:will|would|shall|agreed\s+to|plans?\s+to|planning\s+to|expected\s+to|going\s+to"
    r"|intends?\s+to|invited\s+\w+\s+to|next|upcoming|to)\s+(?:\w+\s+)?"
    r"|\bpreparations?\s+for\s+(?:\w+\s+){0,3})$"
)
_RELATIVE = re.compile(r",\s+(?:who|which|whose)\b[^,.;]{0,200},")
_OBJECT_STOP = re.compile(r";|,\s+(?:and|but|which|who|where|while)\b|\bto\s+[a-z]+\b|\bafter\b")
_VISIT = re.compile(
    rf"\b(?:visit|trip|arrival)\s+(?:of|by)\s+(?P<between>[^.;]{{1,120}}?)\s+to\s+(?:the\s+)?"
    rf"(?P<place>[{UPPER}][\w-]*(?:\s+[{UPPER}][\w-]*)?)"
    rf"|['’]s\s+(?:[a-z]+\s+){{0,2}}(?:visit|trip|arrival)\s+to\s+(?:the\s+)?"
    rf"(?P<place2>[{UPPER}][\w-]*(?:\s+[{UPPER}][\w-]*)?)"
)
_FIRST_PERSON = re.compile(
    r"\b(?:I|[Ww]e)\b[^.!?]{0,60}?\b(?:negotiations|talks|meeting|met|conversation)\s+with\b"
)
_AT_MEETING = re.compile(
    r"(?i:\b(?:at|during|after)\s+(?:a|the|his|her|their)\s+(?:meeting|talks))"
)
#: a plural subject that means the two people of the story: "The two presidents last met"
_PAIR = re.compile(
    r"(?i:\b(?:the\s+two|both)\s+(?:presidents|leaders|heads\s+of\s+(?:state|government)"
    r"|prime\s+ministers|premiers|(?:foreign\s+)?ministers|speakers)\s+(?:\w+\s+)?)$"
)
_AND = re.compile(r"\s+and\s+(?:[\w-]+\s+){0,5}")
# Words every match of a pattern contains: where none is present the pattern is
# not run. Those of the case-insensitive patterns are looked up in folded text.
_CUE_WORDS = (
    "met", "meet", "talks", "negotiations", "conversation", "consultations", "receive", "hold",
    "held", "took",
)  # fmt: skip
_PHONE_WORDS = ("phone", "video")
_RELATIVE_WORDS = ("wh",)
_VISIT_WORDS = ("visit", "trip", "arrival")
_FIRST_PERSON_WORDS = ("with",)


def find_meetings(
    text: str,
    people: MentionIndex,
    speech: Speech,
    registry: Registry,
    published: date | None,
    dateline_place: str | None,
    title_people: list[str] | None = None,
) -> list[Meeting]:
    marks = Spans([(quote.start, quote.end) for quote in speech.quotes])
    folded = fold(text)
    found: list[Evidence] = []
    for number, unit in enumerate(speech.units):
        if contains_any(folded, *unit, _PHONE_WORDS) and _PHONE.search(text, *unit):
            continue
        speaker = speech.unit_speakers.get(number)
        found.extend(_unit_evidence(text, unit, people, marks, speaker, published))
    for statement in speech.statements:
        if statement.kind is not StatementKind.INDIRECT:
            found.extend(_first_person(text, statement, people, published))
    for span in [*speech.quotes, *speech.turns]:
        found.extend(_visits(text, span.start, span.end, people, registry, published, False))
    for unit in speech.units:
        found.extend(_visits(text, unit[0], unit[1], people, registry, published, True))
    speakers = list(dict.fromkeys(turn.speaker for turn in speech.turns))
    for item in found:
        if not item.participants and item.narrative and len(speakers) >= 2:
            item.participants = speakers
        elif not item.participants and item.narrative and title_people and len(title_people) >= 2:
            item.participants = list(title_people)
    if len(speakers) >= 2 and not any(len(item.participants) >= 2 for item in found):
        first = speech.turns[0]
        found.append(
            Evidence(
                first.start,
                first.end,
                speakers,
                published,
                confidence=confidence.MEETING_TRANSCRIPT,
            )
        )
    drafts = merge(found)
    place = article_place(text, folded, speech)
    meetings = []
    for draft in drafts:
        meetings.append(meeting(draft, found, place, published, dateline_place))
    return meetings


def assign(
    statements: list[Statement], meetings: list[Meeting], main: int | None
) -> list[Statement]:
    """Each statement gets the meeting its speaker took part in, the main one first."""
    result = []
    for statement in statements:
        index = None
        if main is not None and statement.speaker in meetings[main].participants:
            index = main
        else:
            own = [
                i for i, meeting in enumerate(meetings) if statement.speaker in meeting.participants
            ]
            index = own[0] if len(own) == 1 else None
        result.append(_with_meeting(statement, index))
    return result


def main_meeting(meetings: list[Meeting]) -> int | None:
    dated = [(meeting.confidence, -index) for index, meeting in enumerate(meetings)]
    if not dated:
        return None
    return -max(dated)[1]


def _with_meeting(statement: Statement, index: int | None) -> Statement:
    return Statement(
        statement.start, statement.end, statement.kind, statement.speaker, statement.cue,
        statement.confidence, index,
    )  # fmt: skip


def _unit_evidence(
    text: str,
    unit: tuple[int, int],
    people: MentionIndex,
    marks: Spans,
    speaker: str | None,
    published: date | None,
) -> list[Evidence]:
    relative = Spans(
        [m.span() for m in _RELATIVE.finditer(text, *unit)]
        if contains_any(text, *unit, _RELATIVE_WORDS)
        else []
    )
    mentions = [
        mention
        for mention in people.within(*unit)
        if marks.covering(mention.start) is None and relative.covering(mention.start) is None
    ]
    result = []
    cues = _CUE.finditer(text, *unit) if contains_any(text, *unit, _CUE_WORDS) else ()
    for cue in cues:
        if marks.covering(cue.start()) is not None or _FUTURE.search(
            text, max(unit[0], cue.start() - 30), cue.start()
        ):
            continue
        kind = cue.lastgroup or "talks"
        if kind == "talks" and _AT_MEETING.search(text, max(unit[0], cue.start() - 12), cue.end()):
            kind = "with"
        before = [m for m in mentions if m.end <= cue.start()]
        after = [m for m in mentions if m.start >= cue.end()]
        if kind in ("talks", "held"):
            participants = [m.person for m in mentions]
        else:
            stop = _OBJECT_STOP.search(text, cue.end(), unit[1])
            limit = stop.start() if stop is not None else unit[1]
            subject = _subject(text, before)
            objects = [m.person for m in after if m.start < limit][:3]
            if not subject and not objects:
                subject = _pair_before(text, unit[0], cue.start(), people)
            participants = subject + objects
        said_at = None
        if speaker is not None and (kind != "talks" or not participants):
            said_at = speaker if speaker not in participants else None
            participants.insert(0, speaker)
        verb = kind in ("with", "met", "received", "held")
        level = confidence.MEETING_VERB if verb else confidence.MEETING_TALKS
        when, place, occasion = circumstances(text, unit, published)
        result.append(
            Evidence(
                unit[0], unit[1], unique(participants), when, place, occasion, confidence=level,
                said_at=said_at,
            )
        )  # fmt: skip
        break
    occasion = occasion_in(text, unit) if not result else None
    if occasion is not None:
        when, place, _ = circumstances(text, unit, published)
        result.append(
            Evidence(
                unit[0],
                unit[1],
                unique([m.person for m in mentions][:1]),
                when,
                place,
                occasion,
                confidence=confidence.OCCASION_ONLY,
            )
        )
    return result


def _subject(text: str, before: list[Mention]) -> list[str]:
    """The person before a meeting verb, with anyone joined to it by "and"."""
    if not before:
        return []
    last = before[-1]
    subject = [last.person]
    for mention in reversed(before[:-1]):
        if not _AND.fullmatch(text, mention.end, last.start):
            break
        subject.insert(0, mention.person)
        last = mention
    return subject


def _pair_before(text: str, start: int, cue: int, people: MentionIndex) -> list[str]:
    """ "The two presidents met": the two people named last before the sentence."""
    if not _PAIR.search(text, start, cue):
        return []
    pair: list[str] = []
    for mention in reversed(people.within(0, start)):
        if mention.person not in pair:
            pair.append(mention.person)
            if len(pair) == 2:
                return pair[::-1]
    return []


def _first_person(
    text: str, statement: Statement, people: MentionIndex, published: date | None
) -> list[Evidence]:
    result = []
    if not contains_any(text, statement.start, statement.end, _FIRST_PERSON_WORDS):
        return result
    for match in _FIRST_PERSON.finditer(text, statement.start, statement.end):
        end = len(text)
        for sentence in sentences(text, match.start(), statement.end):
            end = sentence[1]
            break
        others = [m.person for m in people.within(match.end(), end)]
        if not others or statement.speaker is None:
            continue
        has_date, when = date_in(text, match.start(), end, published)
        result.append(
            Evidence(
                match.start(), end, unique([statement.speaker, *others]),
                when if has_date else published, narrative=False,
                confidence=confidence.MEETING_FIRST_PERSON,
            )
        )  # fmt: skip
    return result


def _visits(
    text: str,
    start: int,
    end: int,
    people: MentionIndex,
    registry: Registry,
    published: date | None,
    narrative: bool,
) -> list[Evidence]:
    result: list[Evidence] = []
    if not contains_any(text, start, end, _VISIT_WORDS):
        return result
    for match in _VISIT.finditer(text, start, end):
        if _FUTURE.search(text, max(start, match.start() - 30), match.start()):
            continue
        place = match.group("place") or match.group("place2")
        if match.group("between") is not None:
            visitors = people.within(match.start("between"), match.end("between"))
        else:
            visitors = [
                m
                for m in people.within(max(start, match.start() - 60), match.start())
                if m.end == match.start()
            ]
        if not visitors:
            continue
        visitor = visitors[-1].person
        host_country = country_of_place(place)
        hosts = _hosts(registry, visitor, host_country, published)
        sentence_end = text.find(".", match.end(), end)
        has_date, when = date_in(
            text, match.start(), sentence_end if sentence_end > 0 else end, published
        )
        city = city_name(place)
        result.append(
            Evidence(
                match.start(), match.end(), unique([visitor, *hosts[:1]]),
                when if has_date else published, city, None, narrative=narrative,
                confidence=confidence.MEETING_VISIT, visitor=visitor,
            )
        )  # fmt: skip
    return result


def _hosts(registry: Registry, visitor: str, country: str | None, on: date | None) -> list[str]:
    if country is None or on is None:
        return []
    for title, home in held_titles(registry, visitor, on):
        if home == country:
            return []
        found = holders(registry, title, country, on)
        if found:
            return list(found)
    return []
