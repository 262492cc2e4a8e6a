"""Transcript turns: "Alihan Smailov: Mr Mishustin, colleagues." at the start of a paragraph.

A turn runs over every following paragraph up to the next turn. A line that
does not end like a sentence (a photo caption, "Previous news Next news") is
not speech and is left out of the turn's span when it ends the turn. A label
that names nobody ("Moderator: ", "Question: ") ends the turn before it and
opens no turn of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from webapp.ingest.records import Mention

_TURN = re.compile(r"([^\W\d_][^:\n]{1,80}?):[ \t\u00a0]+(?=\S)")
_BEFORE_NAME = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Madam|Mister)\.?\s+)?"
    r"(?:[A-Z][\w-]*\s+){0,6}?"
)
_UNNAMED = re.compile(
    r"(?:Moderator|Presenter|Host|Chair|Question|Answer|Remark|Reply|Journalist|Correspondent"
    r"|Interpreter|Announcer|Participant|Audience|Voice)(?:\s[^\W\d_][\w-]{0,20}){0,3}"
    r"(?:\s\([^()\n]{1,40}\))?:[ \t\u00a0]+(?=\S)"
)
#: a label whose speaker's card was flattened into it: "President of Belarus Alexander
#: Lukashenko Lukashenko Alexander AlexanderPresident of Belarus : Do …"
_CARD_WORD = r"(?:[A-Z][\w’'-]*|of|the)"
_CARD_LABEL = re.compile(
    rf"({_CARD_WORD}(?:[ \u00a0]+{_CARD_WORD}){{3,24}})[ \u00a0]?:[ \t\u00a0]+(?=\S)"
)
_SPEECH_END = re.compile(r"[.!?…:;)\"”»’]$")


@dataclass(frozen=True, slots=True)
class Turn:
    start: int  # the words, after "Name: "
    end: int
    speaker: str
    #: paragraphs the turn covers (first, last), as indexes into the paragraph list
    paragraphs: tuple[int, int]


def find_turns(
    text: str,
    paragraphs: list[tuple[int, int]],
    mentions: list[Mention],
    phrase_starts: dict[int, int],
) -> list[Turn]:
    ends = {mention.end: mention for mention in mentions}
    heads: list[tuple[int, int, str | None]] = []
    for index, (start, end) in enumerate(paragraphs):
        match = _TURN.match(text, start, end)
        speaker = _speaker(text, start, match.end(1), ends, phrase_starts) if match else None
        if speaker is None and (label := _CARD_LABEL.match(text, start, end)) is not None:
            if (speaker := _card_speaker(label, mentions)) is not None:
                match = label
        if match is None:
            continue
        if speaker is not None:
            heads.append((index, match.end(), speaker))
        elif heads and _UNNAMED.match(text, start, end):
            heads.append((index, match.end(), None))
    turns = []
    for number, (index, start, speaker) in enumerate(heads):
        if speaker is None:
            continue
        stop = heads[number + 1][0] if number + 1 < len(heads) else len(paragraphs)
        last = index
        for later in range(index + 1, stop):
            if is_speech(text, *paragraphs[later]) or _cut_off(text, paragraphs, later):
                last = later
        turns.append(Turn(start, paragraphs[last][1], speaker, (index, stop - 1)))
    return turns


def _card_speaker(label: re.Match[str], mentions: list[Mention]) -> str | None:
    """The one person a card-like label names, however often."""
    named = {m.person for m in mentions if label.start(1) <= m.start and m.end <= label.end(1)}
    return named.pop() if len(named) == 1 else None


def _cut_off(text: str, paragraphs: list[tuple[int, int]], index: int) -> bool:
    """The text's last paragraph, ending in the middle of a word: the page was cut there."""
    start, end = paragraphs[index]
    words = text[start:end].split()
    prose = sum(word[:1].islower() for word in words) >= 2  # not a site name: "MIL OSI Europe News"
    return index == len(paragraphs) - 1 and end > start and text[end - 1].islower() and prose


def is_speech(text: str, start: int, end: int) -> bool:
    """A paragraph of a turn: it ends like speech, or is too long for a caption.

    A page cut off in mid-sentence keeps its last paragraph in the turn.
    """
    if end <= start:
        return False
    return _SPEECH_END.search(text, start, end) is not None or text.count(" ", start, end) >= 20


def _speaker(
    text: str,
    start: int,
    colon: int,
    ends: dict[int, Mention],
    phrase_starts: dict[int, int],
) -> str | None:
    mention = ends.get(colon)
    if mention is None:
        return None
    if mention.start == start or phrase_starts.get(mention.start) == start:
        return mention.person
    prefix = _BEFORE_NAME.fullmatch(text, start, mention.start)
    return mention.person if prefix is not None else None
