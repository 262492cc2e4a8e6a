"""Who took part in a meeting a sentence tells of: its subject, its object, its pair.

The cue ("met with", "received", "held talks") is found in
:mod:`webapp.ingest.meetings.evidence`; here are the rules for the people
around it: the subject before the verb (with anyone joined by "and"), a
host verb's object after it (across a title or "a delegation of China led
by"), the guest of a host verb in the passive, "the two presidents" meaning the
pair named before, and the reporter of a sentence who is no participant ("X
said that A met B"; "A met B …, said X", where A and B are named both sides).
"""

from __future__ import annotations

import re

from webapp.ingest.records import Mention
from webapp.ingest.spans import MentionIndex
from webapp.ingest.spans import Spans
from webapp.ingest.speech.cues import cues as speech_cues
from webapp.ingest.speech.turns import Turn
from webapp.ingest.text import UPPER

#: how far after a host verb its object may start: "hosted German Chancellor Olaf Scholz"
_OBJECT_GAP = 2
#: lower-case words of a long title: "co-chairman of Uzbekistan-China intergovernmental
#: committee on cooperation"
_LOWER_TITLE = r"(?:co-)?chair(?:man|woman|person)|deputy|member|intergovernmental|committee"
#: a title between a host verb and its object: capitalised words, "of", "the", dashes; a
#: possessive may be typed with a backtick ("the Russian Federation`s Republic of Tatarstan")
_TITLE_GAP = re.compile(
    rf"\s+(?:the\s+)?(?:(?:[{UPPER}][\w'’`.-]*|of|the|and|for|[-–—,]|{_LOWER_TITLE})[\s,]+){{1,28}}"
    # an envoy's remit: "Special Representative … for the normalization of … relations"
    r"(?:(?:for|on)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,6}?"
    r"(?:relations|affairs|issues|settlement|cooperation|questions|matters)\s+)?"
)
#: a speaker's greeting names the other side within this many characters of the turn
_GREETING = 80
#: a plural subject that means the two people of the story: "The two presidents last met"
_PAIR = re.compile(
    r"(?i:\b(?:the\s+two|both)\s+(?:presidents|leaders|heads\s+of\s+(?:state|government)"
    r"|prime\s+ministers|premiers|(?:foreign\s+)?ministers|speakers)\s+(?:\w+\s+)?)$"
)
_AND = re.compile(r"\s+and\s+(?:[\w-]+\s+){0,5}")
#: a host verb's object named through the delegation it leads
_DELEGATION = re.compile(
    # "a delegation of the People’s Republic of China led by": the country between
    r"\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?delegation\s+(?:[\w'’-]+\s+){0,8}?(?:led|headed)\s+by"
    r"|\s+by(?=\s)"  # the passive: "was received by Vladimir Putin"
)
#: a host verb in the passive, its guest the subject: "X was received by Y"
PASSIVE_BY = re.compile(r"\s+by\s")
_PASSIVE_AUX = r"(?:was|were|is|are|has\s+been|had\s+been|have\s+been)\s+"
_PASSIVE_GAP = re.compile(
    rf"\s+{_PASSIVE_AUX}"  # "X was received by"
    rf"|[^.;]{{0,120}}[,;]\s+(?:where|when|and)\s+(?:he|she)\s+{_PASSIVE_AUX}"  # ", where he was …"
)
#: a name in a phrase that is not the subject: "the decision of X"
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|by|to|for|with|from|on|about)\s+(?:the\s+)?$")
#: a phrase before the subject: "During his meeting with X, ", "In a meeting with X, "
_OPENING_PHRASE = re.compile(
    r"(?:During|In|At|After|Following|Before|On|With|Speaking|Addressing|Meeting)\b[^,.;]{0,150},"
)


def first_named(text: str, unit: tuple[int, int], people: MentionIndex, marks: Spans) -> str | None:
    """The first person a sentence names outside quotes, after an opening phrase: its subject.

    "During his meeting with Muhriddin, Jaishankar said …": Jaishankar.
    """
    opening = _OPENING_PHRASE.match(text, *unit)
    start = opening.end() if opening is not None else unit[0]
    for mention in people.within(start, unit[1]):
        if marks.covering(mention.start) is None:
            return mention.person
    return None


def addressee(text: str, turn: Turn, people: MentionIndex) -> list[str]:
    """The person a lone transcript speaker greets first: "Greetings, Mr Kasymaliev." """
    opening = people.within(turn.start, min(turn.end, turn.start + _GREETING))
    return [m.person for m in opening if m.person != turn.speaker][:1]


def passive_guest(text: str, before: list[Mention], cue: int, people: MentionIndex) -> bool:
    """Whether the person before "was received by" is the subject, and so the guest."""
    if not before:
        return False
    guest = before[-1]
    start = people.phrase_start(guest)
    return (
        _PASSIVE_GAP.fullmatch(text, guest.end, cue) is not None
        and _PREPOSITION_BEFORE.search(text, max(0, start - 12), start) is None
    )


def object_follows(text: str, end: int, after: list[Mention], people: MentionIndex) -> bool:
    """A host verb's object is a person right after it, or after a title.

    "hosted German Chancellor Olaf Scholz", "received the Deputy Chairman of the
    Cabinet of Ministers - Minister of Foreign Affairs of Turkmenistan Rashid Meredov";
    not "welcomed the decision of X".
    """
    if not after:
        return False
    start = people.phrase_start(after[0])
    led = _DELEGATION.match(text, end, start)
    if led is not None:
        end = led.end()  # "received a delegation led by Editor-in-Chief of Xinhua He Ping"
    return start - end <= _OBJECT_GAP or _TITLE_GAP.fullmatch(text, end, start) is not None


def reported_clause(text: str, unit: tuple[int, int], cue: int, people: MentionIndex) -> int:
    """Where the clause that reports the talks starts: after "X said that", "saying that".

    The reporter of the sentence ("Peskov … saying that the presidents talked")
    is not a participant.
    """
    start = unit[0]
    for found in speech_cues(text, unit[0], cue, Spans([])):
        if found.kind in ("say", "participle"):
            start = found.end
    return start


#: the reporter named after the news: "…, Ding said, noting …", "…, said Hikmet Hajiyev"
_REPORTER_AFTER = re.compile(
    rf",\s+(?:(?:[{UPPER}][\w'’-]+\s+){{1,3}}(?:said|noted|added|stressed|told)"
    rf"|(?:said|noted|added|told)\s+(?:[{UPPER}][\w'’-]+\s*){{1,3}})\b"
)


def reporter_after(text: str, unit: tuple[int, int], after: int) -> range:
    """Where the reporter named after a meeting's news stands: no participant.

    "During their meeting in Astana in July, Xi and Aliyev announced …, Ding said":
    Xi and Aliyev met; Ding tells of it.
    """
    found = _REPORTER_AFTER.search(text, after, unit[1])
    return range(found.start(), found.end()) if found is not None else range(0)


def subject_of(text: str, before: list[Mention]) -> list[str]:
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


def pair_before(
    text: str, start: int, cue: int, people: MentionIndex, every: bool = False
) -> list[str]:
    """ "The two presidents met": the two people named last before the sentence.

    With ``every``, the pair is sought whatever precedes the cue ("talks between the
    two leaders").
    """
    if not every and not _PAIR.search(text, start, cue):
        return []
    pair: list[str] = []
    for mention in reversed(people.within(0, start)):
        if mention.person not in pair:
            pair.append(mention.person)
            if len(pair) == 2:
                return pair[::-1]
    return []
