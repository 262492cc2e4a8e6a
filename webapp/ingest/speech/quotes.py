"""Statements: direct quotes, reported speech and transcript turns.

The quotes come from the marks paired in ``marks``; each is given its speaker
from the cues of its sentence, and reported speech its clause.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from dataclasses import field

from webapp.ingest import confidence
from webapp.ingest.records import How
from webapp.ingest.records import Mention
from webapp.ingest.records import Statement
from webapp.ingest.records import StatementKind
from webapp.ingest.spans import MentionIndex
from webapp.ingest.spans import Spans
from webapp.ingest.speech.cues import NEEDS_THAT
from webapp.ingest.speech.cues import Cue
from webapp.ingest.speech.cues import Speaker
from webapp.ingest.speech.cues import clause_after
from webapp.ingest.speech.cues import cues
from webapp.ingest.speech.cues import speaker_of
from webapp.ingest.speech.cues import subject_of
from webapp.ingest.speech.doubts import with_doubts
from webapp.ingest.speech.marks import Quote
from webapp.ingest.speech.marks import find_quotes as find_quotes
from webapp.ingest.speech.turns import Turn
from webapp.ingest.speech.turns import find_turns
from webapp.ingest.text import paragraphs
from webapp.ingest.text import sentences
from webapp.ingest.text import trim
from webapp.ingest.text import trim_clause

_WORD = re.compile(r"\w+")
#: a clause of its own inside a sentence: "…, when Assad resolutely condemned …"
_CLAUSE_OPENER = re.compile(r",\s+(?:when|where|while|as|after)\s+")
_ACCORDING_LEAD = re.compile(r"\s*,\s*")
#: a cue verb's noun object: "reaffirmed the readiness of …" reports no clause before it
_NOUN_OBJECT = re.compile(r"\s+(?:the|a|an|his|her|its|their|this|these)\b")
#: "As Tokayev noted, …": the reported clause follows the cue's comma
_AS_NOTED = re.compile(r"\s*(?i:as)\s+")
_CLAUSE_STOP = re.compile(
    r";|,\s+(?=(?:adding|noting|stressing|saying|recalling|indicating|expressing|emphasi[sz]ing)\b)"
)
#: a cue that introduces a quote with a colon: ``said: "``
_COLON_QUOTE = re.compile(r"\s*:\s*[\"“«„]")
#: what may stand between the comma and the speaker of "…, X said": nothing, or a title
_SPEAKER_TITLE = re.compile(
    r"\s*(?:the\s+)?(?:(?:[A-Z][\w'’.-]*|spokes(?:man|woman|person)|press\s+secretary|aide|adviser"
    r"|minister|presidential|deputy|foreign|prime|of|the)\s+){0,6}"
)
#: "…, Xi said." / "…, he said at the briefing.": what may follow a cue that closes its
#: sentence; or a participle that goes on with more ("…, he said, noting that Xi …")
_CLOSES_SENTENCE = re.compile(
    r"(?!\s+that\b)(?:\s+(?!that\b|the\s+importance\b)(?:[\w'’-]+,?)){0,14}?"
    r"(?:\s*[.!?…]?[\"”»’]?\s*$|,\s+(?:adding|noting|stressing|saying|recalling|indicating"
    r"|expressing|emphasi[sz]ing)\b)"
)
#: a quoted name, not speech: capitalised words and the small words between them
_NAME_PHRASE = re.compile(
    r"(?:[A-Z0-9][\w'’.&+-]*|of|the|and|plus|for|on|in|de|la|\+)(?:\s+(?:[A-Z0-9][\w'’.&+-]*"
    r"|of|the|and|plus|for|on|in|de|la|\+)){0,7}"
)
#: a quote without a cue of its own continues the last speaker when it is this long
_CONTINUATION_WORDS = 4


@dataclass(slots=True)
class Speech:
    statements: list[Statement]
    #: pronouns and other phrases resolved only as speakers
    mentions: list[Mention] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    #: sentence units, quote-aware, in text order
    units: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    #: unit index -> speaker of the unit
    unit_speakers: dict[int, str] = field(default_factory=dict)


def units_of(text: str, spans: list[tuple[int, int]], quotes: list[Quote]) -> list[tuple[int, int]]:
    """Sentences that never split a quote; a quote over paragraphs makes one unit."""
    protected = [(quote.start, quote.end) for quote in quotes]
    units: list[tuple[int, int]] = []
    for start, end in spans:
        inside = [span for span in protected if span[0] < end and span[1] > start]
        units.extend(sentences(text, start, end, inside))
    merged: list[tuple[int, int]] = []
    long_quotes = Spans([span for span in protected if "\n" in text[span[0] : span[1]]])
    for unit in units:
        covering = long_quotes.covering(unit[0])
        if merged and covering is not None and covering[0] < unit[0]:
            merged[-1] = (merged[-1][0], unit[1])
        else:
            merged.append(unit)
    return merged


def find_statements(text: str, mentions: list[Mention], phrase_starts: dict[int, int]) -> Speech:
    spans = paragraphs(text)
    people = MentionIndex(text, mentions, phrase_starts)
    turns = find_turns(text, spans, people.mentions, phrase_starts)
    in_turns = {
        index for turn in turns for index in range(turn.paragraphs[0], turn.paragraphs[1] + 1)
    }
    narrative = [span for index, span in enumerate(spans) if index not in in_turns]
    quotes = find_quotes(text, narrative)
    units = units_of(text, narrative, quotes)
    speech = Speech([], turns=turns, units=units, quotes=quotes)
    for turn in turns:
        start, end = trim(text, turn.start, turn.end)
        if start < end:
            speech.statements.append(
                Statement(
                    start, end, StatementKind.TRANSCRIPT, turn.speaker, ":", confidence.TRANSCRIPT
                )
            )
    _attribute(text, units, quotes, people, speech)
    speech.statements.sort(key=lambda statement: (statement.start, statement.end))
    speech.statements = with_doubts(text, speech.statements)
    return speech


def _attribute(
    text: str,
    units: list[tuple[int, int]],
    quotes: list[Quote],
    people: MentionIndex,
    speech: Speech,
) -> None:
    marks = Spans([(quote.start, quote.end) for quote in quotes])
    by_unit: dict[int, list[Quote]] = {}
    unit_starts = Spans(units)
    for quote in quotes:
        unit = unit_starts.covering(quote.start)
        if unit is not None:
            by_unit.setdefault(unit[0], []).append(quote)
    salient: str | None = None
    last_speaker: str | None = None
    for number, unit in enumerate(units):
        found = cues(text, unit[0], unit[1], marks)
        speakers = {}
        for cue in found:
            speaker = speaker_of(cue, unit, people, marks, salient)
            if speaker is not None:
                speakers[cue] = speaker
                if speaker.how is How.PRONOUN:
                    speech.mentions.append(
                        Mention(
                            speaker.start,
                            speaker.end,
                            speaker.person,
                            How.PRONOUN,
                            confidence.PRONOUN,
                        )
                    )
        main = next(
            (speakers[cue] for cue in found if cue in speakers and cue.kind != "participle"), None
        )
        if main is None:
            main = next(iter(speakers.values()), None)
        subject = subject_of(unit, people, marks)
        if main is None and subject is not None and any(cue.kind == "participle" for cue in found):
            main_person: str | None = subject.person
        else:
            main_person = main.person if main is not None else None
        spoken = _SpokenCues([cue for cue in found if cue in speakers])
        for quote in by_unit.get(unit[0], ()):
            statement = _direct(text, quote, unit, spoken, speakers, main_person, last_speaker)
            if statement is not None:
                speech.statements.append(statement)
                last_speaker = statement.speaker
        for cue in found:
            doer = main_person
            if cue.kind == "participle" and cue not in speakers:
                doer = _clause_subject(text, unit, cue, people) or main_person
            statement = _indirect(text, cue, unit, speakers.get(cue), doer, marks, found)
            if statement is not None:
                speech.statements.append(statement)
                last_speaker = statement.speaker
        if main_person is not None:
            speech.unit_speakers[number] = main_person
            salient = main_person
        elif subject is not None:
            salient = subject.person


def _clause_subject(text: str, unit: tuple[int, int], cue: Cue, people: MentionIndex) -> str | None:
    """The subject of the clause a participle closes, when a "when" or "as" clause opens with
    a name: "Putin and Assad had a phone conversation, when Assad condemned the attack,
    stressing that …" is Assad's."""
    openers = list(_CLAUSE_OPENER.finditer(text, unit[0], cue.start))
    if not openers:
        return None
    at = openers[-1].end()
    for mention in people.within(at, cue.start):
        return mention.person if people.phrase_start(mention) == at else None
    return None


class _SpokenCues:
    """A sentence's cues that found a speaker, for the nearest one after or before a quote.

    Looked up by bisection, so that a paragraph of thousands of quotes and cues
    costs n log n, not n².
    """

    def __init__(self, cues: list[Cue]) -> None:
        self.by_start = sorted(cues, key=lambda cue: cue.start)
        self.starts = [cue.start for cue in self.by_start]
        self.by_end = sorted(cues, key=lambda cue: cue.end)
        self.ends = [cue.end for cue in self.by_end]

    def nearest(self, start: int, end: int) -> Cue | None:
        """The first cue after ``end``, else the last one before ``start``."""
        after = bisect.bisect_left(self.starts, end)
        if after < len(self.by_start):
            return self.by_start[after]
        before = bisect.bisect_right(self.ends, start)
        return self.by_end[before - 1] if before else None


def _direct(
    text: str,
    quote: Quote,
    unit: tuple[int, int],
    spoken: _SpokenCues,
    speakers: dict[Cue, Speaker],
    main_person: str | None,
    last_speaker: str | None,
) -> Statement | None:
    if not quote.complete or _NAME_PHRASE.fullmatch(text, quote.start, quote.end):
        return None  # cut off mid-sentence, or a name in quotes: "Central Asia plus Japan"
    factor = 1.0 if quote.opened else confidence.MISSING_MARK
    cue = spoken.nearest(quote.start, quote.end)
    if cue is not None:
        speaker = speakers[cue]
        return Statement(
            quote.start, quote.end, StatementKind.DIRECT, speaker.person, cue.word,
            round(min(confidence.DIRECT_CUED, speaker.confidence) * factor, 2),
        )  # fmt: skip
    if main_person is not None:
        return Statement(
            quote.start,
            quote.end,
            StatementKind.DIRECT,
            main_person,
            None,
            confidence.DIRECT_SENTENCE_SPEAKER * factor,
        )
    at_paragraph_start = quote.start <= unit[0] + 1
    if at_paragraph_start and last_speaker is not None:
        if len(_WORD.findall(text, quote.start, quote.end)) >= _CONTINUATION_WORDS:
            return Statement(
                quote.start,
                quote.end,
                StatementKind.DIRECT,
                last_speaker,
                None,
                confidence.DIRECT_CONTINUED * factor,
            )
    return None


def _indirect(
    text: str,
    cue: Cue,
    unit: tuple[int, int],
    speaker: Speaker | None,
    main_person: str | None,
    marks: Spans,
    found: list[Cue],
) -> Statement | None:
    person = speaker.person if speaker is not None else None
    if cue.kind == "participle":
        person = person or main_person
    if person is None:
        return None
    span = _clause(text, cue, unit, speaker, found)
    if span is None:
        return None
    start, end = trim_clause(text, *span)
    if _words_outside(text, start, end, marks) < 3:
        return None
    level = confidence.INDIRECT_CUED if speaker is not None else confidence.INDIRECT_PARTICIPLE
    return Statement(start, end, StatementKind.INDIRECT, person, cue.word, level)


def _clause(
    text: str, cue: Cue, unit: tuple[int, int], speaker: Speaker | None, found: list[Cue]
) -> tuple[int, int] | None:
    if cue.kind == "according" and speaker is not None:
        lead = _ACCORDING_LEAD.match(text, speaker.end)
        before = text[unit[0] : cue.start].strip()
        if lead is not None and not before:
            return lead.end(), unit[1]
        if before:
            return unit
        return None
    start = clause_after(text, cue, unit[1])
    if start is not None:
        stop = _CLAUSE_STOP.search(text, start, unit[1])
        end = stop.start() if stop is not None else unit[1]
        if cue.kind == "participle" and cue.start - unit[0] < 3:
            later = [other for other in found if other.start > start and other.kind == "say"]
            if later and speaker is None:
                comma = text.rfind(",", start, later[0].start)
                end = comma if comma > start else end
        return start, end
    if cue.kind == "say" and speaker is not None and not _in_quote_tail(text, unit, speaker):
        if _COLON_QUOTE.match(text, cue.end, unit[1]):
            return None  # "Opening the talks, Lavrov said: "...": the quote is what was said
        if _AS_NOTED.fullmatch(text, unit[0], people_start := speaker.start) and (
            lead := _ACCORDING_LEAD.match(text, cue.end)
        ):
            return lead.end(), unit[1]  # "As Tokayev noted, trade … is growing."
        if not _CLOSES_SENTENCE.match(text, cue.end, unit[1]) or (
            _NOUN_OBJECT.match(text, cue.end) and NEEDS_THAT.fullmatch(cue.word)
        ):
            return None  # "Welcoming him, X noted the importance of …": the cue opens the clause
        if speaker.start > cue.start:  # "…, said Kassym-Jomart Tokayev."
            comma = text.rfind(",", unit[0], cue.start)
            if comma > unit[0] and not text[comma + 1 : cue.start].strip():
                return unit[0], comma
        comma = text.rfind(",", unit[0], people_start)
        if comma > unit[0] and _SPEAKER_TITLE.fullmatch(text, comma + 1, speaker.start):
            return unit[0], comma  # "…, Kremlin spokesman Dmitry Peskov told TASS."
    return None


def _in_quote_tail(text: str, unit: tuple[int, int], speaker: Speaker) -> bool:
    head = text[unit[0] : speaker.start]
    return any(mark in head for mark in '"“”«»')


def _words_outside(text: str, start: int, end: int, marks: Spans) -> int:
    count = 0
    for match in _WORD.finditer(text, start, end):
        if marks.covering(match.start()) is None:
            count += 1
    return count
