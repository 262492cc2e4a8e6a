"""The circumstances of a meeting: its date, place and occasion; evidence merged into meetings.

Evidence (a sentence naming a meeting, a visit, a first-person "we met") comes
from :mod:`webapp.ingest.meetings.evidence`; here pieces with the same date and at least
two shared participants become one meeting, which takes its place and occasion
from its own evidence, then from related evidence, then from the article. A piece
with no day ("Earlier, …") joins a dated meeting of the same two people in the same
city.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from datetime import date

from webapp.ingest.dates import MONTH
from webapp.ingest.dates import date_in
from webapp.ingest.gazetteer import city_name
from webapp.ingest.meetings.places import place_in
from webapp.ingest.meetings.places import visit_place
from webapp.ingest.records import Meeting
from webapp.ingest.speech.quotes import Speech
from webapp.ingest.text import UPPER
from webapp.ingest.text import contains_any
from webapp.ingest.text import sentences

_OCCASION = rf"(?P<occasion>[{UPPER}][\w-]*(?:\s+(?:of\s+(?:the\s+)?)?[{UPPER}][\w-]*)*)"
_ORDINAL = r"(?:\d{1,3}(?:st|nd|rd|th)\s+)?"
_SIDELINES = re.compile(
    rf"\bon\s+the\s+sidelines\s+of\s+(?:an?\s+|the\s+)?{_ORDINAL}"
    rf"(?:(?:meeting|session)\s+of\s+(?:the\s+)?)?{_OCCASION}"
)
#: "The 26th meeting of the Intergovernmental Commission ... was held": the meeting is
#: the session of that body
_SESSION = re.compile(
    rf"\b(?:meeting|session|sitting)\s+of\s+(?:the\s+)?{_OCCASION}"
    r"(?=[^.;]{0,160}?\s(?:was|were)\s+held\b)"
)
#: an event named as one the reader knows: "on the sidelines of the summit"
_TOLD_EVENT = re.compile(
    r"\b(?i:on\s+the\s+sidelines\s+of|on\s+the\s+margins\s+of|during)\s+the\s+"
    r"(?:summit|forum|session|conference|congress|games|ceremony|celebrations)\b"
)
_TOLD_EVENT_WORDS = ("sidelines", "margins", "during")
_ARTICLE_PLACE = re.compile(
    r"(?i:\b(?:forum|council|summit|visit(?:ed|ing|s)?|talks|meeting|welcome)\b)"
)
#: a visit of several days: a meeting told as of a day before the report, within it,
#: took place in the visit's city ("the second day of a three-day visit to Moscow ... an
#: initial meeting a day earlier with Putin")
VISIT_DAYS = 3
#: a visit over a span of days: "paid on June 29-30 an official visit", "a visit on 2-3 March"
VISIT_SPAN = re.compile(
    rf"\b(?:{MONTH}\.?\s\d{{1,2}}\s?[-–]\s?\d{{1,2}}|\d{{1,2}}\s?[-–]\s?\d{{1,2}}\s{MONTH})\b"
)
#: a sentence about another time, or an event still to come ("is scheduled for July 29 in
#: Tashkent"), does not give the place of the article's meetings
_NOT_NOW = re.compile(
    r"(?i:\blast\s+year\b|\bwill\b|\bnext\b|\bwas\s+held\b|\bwere\s+held\b|\bscheduled\b"
    r"|\bto\s+be\s+held\b|\bupcoming\b|\bforthcoming\b)"
)
#: a guest's arrival told in a relative clause with a day before the report's: "X, who
#: arrived in the country on an official visit the day before" dates the arrival, not the talks
_ARRIVED_BEFORE = re.compile(
    r",\s+who\s+(?:had\s+)?(?:arrived|came)\b[^,.;]{0,120}?\b(?i:the\s+day\s+before"
    r"|the\s+previous\s+(?:day|evening)|a\s+day\s+earlier|yesterday|on\s+the\s+eve(?!\s+of))\b"
)
#: a sentence dated to a year: "founded at a summit in Shanghai in 2001"
_IN_YEAR = re.compile(r"\b(?i:in|since)\s+(?P<year>(?:19|20)\d\d)(?!\d)")
_SIDELINES_WORDS = ("sidelines",)
_SESSION_WORDS = ("held",)
_ARTICLE_PLACE_WORDS = ("forum", "council", "summit", "visit", "talks", "meeting", "welcome")


@dataclass(slots=True)
class Evidence:
    start: int
    end: int
    participants: list[str]
    date: date | None
    place: str | None = None
    occasion: str | None = None
    confidence: float = field(kw_only=True)
    narrative: bool = True  # outside quotes and transcript turns
    #: the speaker of the sentence took part ("he said at a meeting with X")
    said_at: str | None = None
    visitor: str | None = None
    #: whether the sentence gave the date, rather than the publication date standing in
    own_date: bool = False
    #: told as a meeting already mentioned: "at the meeting with …"
    definite: bool = False
    #: a cue earlier in the text was a phone or video call
    after_call: bool = False
    #: every person of the sentence was taken ("talks", "took place"), not a subject and objects
    loose: bool = False
    #: "on the sidelines of the summit": at an event the article has told of, in its place
    at_told_event: bool = False


@dataclass(slots=True)
class Draft:
    evidence: list[Evidence] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)


def circumstances(
    text: str, unit: tuple[int, int], published: date | None, near: int | None = None
) -> tuple[date | None, str | None, str | None, bool]:
    """Date, place and occasion a sentence gives, and whether it gave a date of its own.

    With ``near`` (where the cue stands), the date nearest the cue is taken: the
    first after it, else the last before it.
    """
    has_date, when = date_in(text, unit[0], unit[1], published, near=near)
    if has_date and near is not None and (arrival := _ARRIVED_BEFORE.search(text, near, unit[1])):
        # "held talks with X, who arrived … the day before": the day is the guest's arrival
        has_date, when = date_in(text, unit[0], arrival.start(), published, near=near)
        if not has_date:
            has_date, when = date_in(text, arrival.end(), unit[1], published, near=near)
    place = place_in(text, unit[0], unit[1], published, near=near)
    return (when if has_date else published), place, occasion_in(text, unit), has_date


def at_told_event(text: str, unit: tuple[int, int]) -> bool:
    """Whether a sentence places its meeting at an event told before: "during the summit"."""
    return contains_any(text, *unit, _TOLD_EVENT_WORDS) and bool(_TOLD_EVENT.search(text, *unit))


def occasion_in(text: str, unit: tuple[int, int]) -> str | None:
    """ "On the sidelines of X" or "The meeting of X was held": X, the occasion."""
    match = None
    if contains_any(text, *unit, _SIDELINES_WORDS):
        match = _SIDELINES.search(text, *unit)
    if match is None and contains_any(text, *unit, _SESSION_WORDS):
        match = _SESSION.search(text, *unit)
    if match is None:
        return None
    words = match.group("occasion").split()
    while words and words[-1] in ("of", "the", "and", "Meeting", "Summit"):
        if words[-1] in ("Meeting",):
            break
        words.pop()
    return " ".join(words) or None


def same_meeting(
    day: date | None, people: Iterable[object], other_day: date | None, other: Iterable[object]
) -> bool:
    """Whether two accounts tell of one meeting: the same day, and the same people or two shared.

    Two reports of one meeting may name one side differently ("his Kazakh
    counterpart" beside a third participant), so two shared people are enough.
    People are names in an extraction and ids in the database.
    """
    people, other = set(people), set(other)
    return day == other_day and (people == other or len(people & other) >= 2)


def _earlier_same_visit(item: Evidence, first: Evidence, participants: list[str]) -> bool:
    """ "Earlier, the two leaders held talks in Beijing": no day of its own, the same two
    people and the same city as a meeting dated: that day's meeting, told again."""
    return (
        item.own_date
        and item.date is None
        and first.date is not None
        and item.place is not None
        and item.place == first.place
        and set(item.participants) == set(participants)
    )


def merge(found: list[Evidence]) -> list[Draft]:
    drafts: list[Draft] = []
    for item in found:
        if len(item.participants) < 2:
            continue
        for draft in drafts:
            first = draft.evidence[0]
            # a sentence with no date of its own tells of the meeting already dated:
            # "… took place yesterday in Ankara. He was met by Erdogan."
            undated_again = not item.own_date and set(item.participants) <= set(draft.participants)
            day = (
                first.date if (item.definite or undated_again) and not item.own_date else item.date
            )
            if same_meeting(first.date, draft.participants, day, item.participants) or (
                _earlier_same_visit(item, first, draft.participants)
            ):
                draft.evidence.append(item)
                if not item.loose or all(other.loose for other in draft.evidence):
                    draft.participants = unique(draft.participants + item.participants)
                break
        else:
            if item.definite and not item.own_date:
                if item.after_call:
                    continue  # "during the meeting" after "held a virtual meeting": the call
                if drafts:  # "Present at the meeting were …": attendees of the one told
                    drafts[-1].evidence.append(item)
                    continue
            drafts.append(Draft([item], list(item.participants)))
    drafts.sort(
        key=lambda draft: (
            not any(e.narrative for e in draft.evidence),
            min(e.start for e in draft.evidence),
        )
    )
    return drafts


def meeting(
    draft: Draft,
    found: list[Evidence],
    article_place: str | None,
    published: date | None,
    dateline_place: str | None,
    dateline_day: date | None = None,
    visit_city: str | None = None,
    visit_span: bool = False,
) -> Meeting:
    """The meeting a draft tells of, its date and place from the best evidence there is.

    The date: from the sentences that tell of it; else the dateline's day, for a
    report filed that day; else the publication date. The place: from those
    sentences, a visit, a related sentence, the article's own place, the dateline.
    """
    first = min(draft.evidence, key=lambda item: item.start)
    when = first.date
    own_date = "sentence" if any(item.own_date for item in draft.evidence) else None
    if own_date is None and (day := _related_day(draft, found)) is not None:
        when, own_date = day, "related"  # "Xi held three meetings on Thursday … his meeting with X"
    related = [
        item
        for item in found
        if item.date == when
        and item not in draft.evidence
        and len(item.participants) < 2
        and (not item.participants or item.participants[0] in draft.participants)
    ]
    visits = [item for item in found if item.visitor in draft.participants and item.date == when]
    place, place_from = next(
        (
            (item.place, source)
            for source, items in (
                ("sentence", draft.evidence),
                ("visit", visits),
                ("related", related),
            )
            for item in items
            if item.place
        ),
        (None, None),
    )
    if place is None and (when == published or (when is not None and when == dateline_day)):
        # told as of the day of the report, or of the day the dateline gives
        if article_place is not None:
            place, place_from = article_place, "article"
        elif city_name(dateline_place or ""):
            place, place_from = dateline_place, "dateline"
    if place is None and visit_city is not None and _within_visit(when, published):
        place, place_from = visit_city, "visit"
    if own_date is not None:
        date_from = own_date
    elif when is not None and dateline_day is not None:
        when, date_from = dateline_day, "dateline"
    elif visit_span:
        # talks "as part of the official visit" paid "on June 29-30": one of those days,
        # which the report does not say; its own date would be a guess
        when, date_from = None, None
    else:
        date_from = "published" if when is not None else None
    occasion = next((item.occasion for item in [*draft.evidence, *related] if item.occasion), None)
    confidence = max(item.confidence for item in draft.evidence)
    return Meeting(
        first.start, first.end, tuple(draft.participants), when, place, occasion, confidence,
        date_from, place_from,
    )  # fmt: skip


def _within_visit(when: date | None, published: date | None) -> bool:
    return when is not None and published is not None and 0 < (published - when).days < VISIT_DAYS


def at_the_event_told(meetings: list[Meeting], drafts: list[Draft]) -> list[Meeting]:
    """A meeting "on the sidelines of the summit" is where the article's first placed one is."""
    placed = next((m for m in meetings if m.place is not None and m.place_from == "sentence"), None)
    if placed is None:
        return meetings
    return [
        dataclasses.replace(m, place=placed.place, place_from="related")
        if m.place is None and any(item.at_told_event for item in draft.evidence)
        else m
        for m, draft in zip(meetings, drafts, strict=True)
    ]


def _related_day(draft: Draft, found: list[Evidence]) -> date | None:
    """The one day that sentences about one participant's meetings give, if they agree."""
    days = {
        item.date
        for item in found
        if item.own_date
        and item.date is not None
        and item not in draft.evidence
        and len(item.participants) == 1
        and item.participants[0] in draft.participants
    }
    return days.pop() if len(days) == 1 else None


def article_place(
    text: str, folded: str, speech: Speech, published: date | None = None
) -> str | None:
    """The city the article's events are in, from the first sentence of visits or talks.

    A sentence about another year ("The SCO was founded at a summit in Shanghai in
    2001") tells of a past event, not of where the article's meetings are.
    """
    whole = (0, len(text))
    city = visit_place(text, *whole)
    if city is not None:
        return city
    for unit in speech.units:
        if _place_context(text, folded, unit) and not _another_year(text, unit, published):
            city = place_in(text, unit[0], unit[1], None)
            if city is not None:
                return city
    for turn in speech.turns:
        for sentence in sentences(text, turn.start, turn.end):
            if _place_context(text, folded, sentence):
                city = place_in(text, sentence[0], sentence[1], None)
                if city is not None:
                    return city
    return None


def _another_year(text: str, span: tuple[int, int], published: date | None) -> bool:
    """Whether a sentence dates what it tells to a year not the publication's: "in 2001"."""
    if published is None:
        return False
    return any(int(m["year"]) != published.year for m in _IN_YEAR.finditer(text, *span))


def _place_context(text: str, folded: str, span: tuple[int, int]) -> bool:
    return (
        contains_any(folded, *span, _ARTICLE_PLACE_WORDS)
        and _ARTICLE_PLACE.search(text, *span) is not None
        and not _NOT_NOW.search(text, *span)
    )


def unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(name for name in names if name))
