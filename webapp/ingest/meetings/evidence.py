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
from webapp.ingest.meetings.circumstances import VISIT_SPAN
from webapp.ingest.meetings.circumstances import Evidence
from webapp.ingest.meetings.circumstances import article_place
from webapp.ingest.meetings.circumstances import at_the_event_told
from webapp.ingest.meetings.circumstances import at_told_event
from webapp.ingest.meetings.circumstances import circumstances
from webapp.ingest.meetings.circumstances import meeting
from webapp.ingest.meetings.circumstances import merge
from webapp.ingest.meetings.circumstances import occasion_in
from webapp.ingest.meetings.circumstances import unique
from webapp.ingest.meetings.cues import CUE_WORDS
from webapp.ingest.meetings.cues import MEETING_CUE
from webapp.ingest.meetings.cues import cue_counts
from webapp.ingest.meetings.participants import PASSIVE_BY
from webapp.ingest.meetings.participants import addressee
from webapp.ingest.meetings.participants import first_named
from webapp.ingest.meetings.participants import object_follows
from webapp.ingest.meetings.participants import pair_before
from webapp.ingest.meetings.participants import passive_guest
from webapp.ingest.meetings.participants import reported_clause
from webapp.ingest.meetings.participants import reporter_after
from webapp.ingest.meetings.participants import subject_of
from webapp.ingest.meetings.places import visit_place
from webapp.ingest.meetings.visits import first_person
from webapp.ingest.meetings.visits import visits
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
from webapp.ingest.text import lead_without_stop

_RELATIVE = re.compile(r",\s+(?:who|which|whose)\b[^,.;]{0,200},")
#: where a cue's objects end: a new clause, or the reporter told after the news ("…
#: in St. Petersburg, said Hikmet Hajiyev, an aide": the aide is no participant)
_OBJECT_STOP = re.compile(
    r";|,\s+(?:and|but|which|who|where|while)\b|\bto\s+[a-z]+\b|\bafter\b"
    r"|,\s+(?:said|says|told|stated|noted|added|reported)\s"
)
_AT_MEETING = re.compile(
    r"(?i:\b(?:at|during|after)\s+(?:a|the|his|her|their)\s+(?:meeting|talks))"
)
#: a line in the body that ends without a full stop and is this short is a headline:
#: a subhead, or a link to another story, whose meetings are not this article's
_HEADLINE_WORDS = 25
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
#: a second cue coordinated with the first shares its subject
_COORDINATED_CUE = re.compile(
    r",?\s+and\s+(?:(?:an?|the|also|then|[a-z]+ly|extensive|separate|bilateral|brief|private)\s+){0,3}"
)
_SEPARATE = re.compile(r"(?i:\b(?:separate|bilateral|individual|one-on-one)\b[^.;]{0,30}$)")
#: "at the meeting with …": a meeting already told of
_DEFINITE = re.compile(r"\b(?:the|this|that)\s+$")
#: "meeting between the two leaders", "the last personal meeting between the leaders"
_BETWEEN_PAIR = re.compile(
    r"\s+(?:the\s+two|both|the)\s+(?:presidents|leaders|heads\s+of\s+(?:state|government)"
    r"|prime\s+ministers|premiers|(?:foreign\s+)?ministers|speakers|sides)\b"
)
_RELATIVE_WORDS = ("wh",)
#: a day and a place between a host verb and its object: "received on Tuesday in Tashkent …"
_HOST_ADVERBS = re.compile(
    rf"(?:\s+(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today"
    rf"|yesterday|in\s+[{UPPER}][\w'’-]+|at\s+the\s+[{UPPER}][\w'’-]+)){{1,3}}(?=\s)"
)
#: a pronoun as the subject of a meeting verb, with no name between: "Today, he held
#: discussions with", "He was met by"
_PRONOUN = re.compile(
    r"(?:^|[,;]\s+|\b(?:[Tt]hen|[Tt]here|[Aa]nd|[Ll]ater)\s+)(?:[Hh]e|[Ss]he)\s+(?:[a-z]+\s+){0,4}$"
)


def find_meetings(
    text: str,
    people: MentionIndex,
    speech: Speech,
    registry: Registry,
    published: date | None,
    dateline_place: str | None,
    title_people: list[str] | None = None,
    dateline_day: date | None = None,
    headline_place: str | None = None,
) -> list[Meeting]:
    marks = Spans([(quote.start, quote.end) for quote in speech.quotes])
    folded = fold(text)
    found: list[Evidence] = []
    calls: list[int] = []  # where cues told of phone or video calls
    antecedent: str | None = None  # whom "he" or "she" opening a sentence stands for
    for number, unit in enumerate(speech.units):
        if _is_headline(text, unit):
            continue
        speaker = speech.unit_speakers.get(number)
        found.extend(
            _unit_evidence(text, unit, people, marks, speaker, published, calls, antecedent)
        )
        antecedent = first_named(text, unit, people, marks) or antecedent
    for statement in speech.statements:
        if statement.kind is not StatementKind.INDIRECT:
            found.extend(first_person(text, statement, people, published))
    for span in [*speech.quotes, *speech.turns]:
        found.extend(visits(text, span.start, span.end, people, registry, published, False))
    for unit in speech.units:
        found.extend(visits(text, unit[0], unit[1], people, registry, published, True))
    speakers = list(dict.fromkeys(turn.speaker for turn in speech.turns))
    if len(speakers) == 1:
        # "Mikhail Mishustin’s meeting with President … Tokayev" over one speaker's turns
        others = [name for name in title_people or [] if name != speakers[0]]
        if title_people and speakers[0] in title_people and len(others) == 1:
            speakers.extend(others)
        else:
            speakers.extend(addressee(text, speech.turns[0], people))
    for item in found:
        if not item.participants and item.narrative and len(speakers) >= 2:
            item.participants = speakers
        elif (
            not item.participants
            and item.narrative
            and item.confidence != confidence.OCCASION_ONLY  # a place or occasion, no cue
            and title_people
            and len(title_people) >= 2
        ):
            item.participants = list(title_people)
        elif _told_before(item, title_people):
            item.participants = list(title_people)  # "During the talks, Putin highlighted"
    if len(speakers) >= 2 and not any(
        len(item.participants) >= 2 and set(speakers) <= set(item.participants) for item in found
    ):
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
    place = article_place(text, folded, speech, published) or headline_place
    visit_city = visit_place(text, 0, len(text))
    span = _visit_over_days(text, speech)
    meetings = []
    for draft in drafts:
        meetings.append(
            meeting(draft, found, place, published, dateline_place, dateline_day, visit_city, span)
        )
    return at_the_event_told(meetings, drafts)


def _visit_over_days(text: str, speech: Speech) -> bool:
    """Whether a sentence tells of a visit over a span of days ("on June 29-30")."""
    if "visit" not in text.lower():  # lower() maps each character alone: no sentence has it
        return False
    return any(
        "visit" in text[unit[0] : unit[1]].lower() and VISIT_SPAN.search(text, *unit) is not None
        for unit in speech.units
    )


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
    calls: list[int],
    antecedent: str | None = None,
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
    found = list(MEETING_CUE.finditer(text, *unit)) if contains_any(text, *unit, CUE_WORDS) else []
    shared: tuple[list[str], int] | None = None  # the last cue's subject and where its objects end
    for number, cue in enumerate(found):
        kind = cue.lastgroup or "talks"
        told_whole = False
        if not cue_counts(text, unit, cue, kind, marks, calls):
            continue
        if kind == "noun" or (kind == "talks" and _AT_MEETING.search(
            text, max(unit[0], cue.start() - 12), cue.end()
        )):  # fmt: skip
            kind = "with" if _followed_by_with(text, cue.end(), unit[1]) else "talks"
        before = [m for m in mentions if m.end <= cue.start()]
        after = [m for m in mentions if m.start >= cue.end()]
        stop = _OBJECT_STOP.search(text, cue.end(), unit[1])
        limit = stop.start() if stop is not None else unit[1]
        if number + 1 < len(found):  # "a meeting with A and talks with B": A is this cue's
            limit = min(limit, found[number + 1].start())
        if kind == "between":
            pair = _BETWEEN_PAIR.match(text, cue.end(), unit[1])
            participants = (
                pair_before(text, unit[0], unit[0], people, every=True)
                if pair is not None
                else [m.person for m in after if m.start < limit]
            )
        elif kind in ("talks", "held"):
            reported = reported_clause(text, unit, cue.start(), people)
            reporter = reporter_after(text, unit, cue.end())
            participants = [
                m.person for m in mentions if m.start >= reported and m.start not in reporter
            ]
        else:
            if kind == "told":
                if not object_follows(text, cue.end(), after, people):
                    continue  # "told reporters", "told TASS": no one met
                kind = "met"
            object_at = cue.end()
            if kind == "received" and (adverbs := _HOST_ADVERBS.match(text, cue.end(), limit)):
                object_at = adverbs.end()  # "received on Tuesday in Tashkent the heads of …"
            if kind == "received" and not object_follows(text, object_at, after, people):
                continue  # "welcomed the decision", not a visitor
            subject = subject_of(text, before)
            if kind == "received" and PASSIVE_BY.match(text, cue.end()):
                if not passive_guest(text, before, cue.start(), people):
                    continue  # "the decision of X was welcomed by Y": X is not the guest
            if not subject and antecedent and _PRONOUN.search(text[unit[0] : cue.start()]):
                subject = [antecedent]  # "Then he also had a meeting with Lukashenko."
            if shared is not None and _COORDINATED_CUE.fullmatch(text, shared[1], cue.start()):
                subject = shared[0]  # "a meeting with A and extensive talks with B"
            objects = unique([m.person for m in after if m.start < limit])
            ends = [m.end for m in after if m.start < limit]
            if kind == "received" and subject and _one_group(after, limit, len(objects)):
                # "received the heads of government of Tajikistan, Kazakhstan and Belarus":
                # guests told together, met one by one in what follows; the sentence gives
                # the host's day and place
                result.append(_evidence(text, unit, published, cue, list(subject), calls))
                continue
            shared = (subject, ends[-1]) if subject and ends else None
            if not subject and not objects:
                subject = pair_before(text, unit[0], cue.start(), people)
            if subject and len(objects) > 1 and _separate(text, unit[0], cue):
                # "held bilateral meetings with A, B and C": one meeting each
                for person in objects:
                    result.append(_evidence(text, unit, published, cue, [*subject, person], calls))
                continue
            participants = subject + objects[:3]
            # "Aliyev has had a conversation with Pashinyan …, said Hajiyev": the cue names
            # both sides, so the one who reports it is not a third
            told_whole = bool(subject) and bool(objects)
        said_at = None
        if speaker is not None and (kind != "talks" or not participants) and not told_whole:
            said_at = speaker if speaker not in participants else None
            participants.insert(0, speaker)
        verb = kind in ("with", "met", "received", "held", "between")
        level = confidence.MEETING_VERB if verb else confidence.MEETING_TALKS
        item = _evidence(
            text, unit, published, cue, participants, calls, level=level, said_at=said_at
        )
        item.loose = kind in ("talks", "held")
        result.append(item)
        if kind not in ("with", "received", "met"):
            break  # the whole sentence's people took part; later cues tell the same meeting
    occasion = occasion_in(text, unit) if not result else None
    if occasion is not None:
        when, place, _, own_date = circumstances(text, unit, published)
        result.append(
            Evidence(
                unit[0],
                unit[1],
                unique([m.person for m in mentions][:1]),
                when,
                place,
                occasion,
                confidence=confidence.OCCASION_ONLY,
                own_date=own_date,
            )
        )
    return result


def _one_group(after: list[Mention], limit: int, count: int) -> bool:
    """Whether a host verb's objects are one plural phrase ("the heads of government of A, B
    and C"), several people found at one span."""
    spans = {(m.start, m.end) for m in after if m.start < limit}
    return count > 1 and len(spans) == 1


def _told_before(item: Evidence, title_people: list[str] | None) -> bool:
    """ "The talks" with one of the headline's two people: the talks of the headline."""
    return (
        item.definite
        and item.narrative
        and len(item.participants) == 1
        and title_people is not None
        and len(title_people) == 2
        and item.participants[0] in title_people
    )


def _evidence(
    text: str,
    unit: tuple[int, int],
    published: date | None,
    cue: re.Match[str],
    participants: list[str],
    calls: list[int],
    *,
    level: float = confidence.MEETING_VERB,
    said_at: str | None = None,
) -> Evidence:
    when, place, occasion, own_date = circumstances(text, unit, published, cue.start())
    definite = _DEFINITE.search(text, max(unit[0], cue.start() - 8), cue.start()) is not None
    return Evidence(
        unit[0], unit[1], unique(participants), when, place, occasion, confidence=level,
        said_at=said_at, own_date=own_date, definite=definite, after_call=bool(calls),
        at_told_event=at_told_event(text, unit),
    )  # fmt: skip


def _separate(text: str, start: int, cue: re.Match[str]) -> bool:
    """ "separate meetings with", "bilateral meetings with": one meeting per person named."""
    return (
        cue.group().startswith("meetings")
        or _SEPARATE.search(text, max(start, cue.start() - 40), cue.start()) is not None
    )


def _is_headline(text: str, unit: tuple[int, int]) -> bool:
    """A whole line without sentence punctuation at its end: "X meets Y in Z, will hold talks"."""
    line_start = text.rfind("\n", 0, unit[0]) + 1
    line_end = text.find("\n", unit[1])
    whole_line = line_start == unit[0] and (line_end == -1 or not text[unit[1] : line_end].strip())
    return (
        whole_line
        and not _SENTENCE_END.search(text, unit[0], unit[1])
        and len(text[unit[0] : unit[1]].split()) <= _HEADLINE_WORDS
        and not lead_without_stop(text[unit[0] : unit[1]])
    )


def _followed_by_with(text: str, end: int, stop: int) -> bool:
    return re.match(r"\s+with\b", text[end:stop]) is not None
