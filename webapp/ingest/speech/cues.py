"""Who said it: reporting verbs and the speaker phrase next to them.

A sentence (a unit: quote-aware, so a quote of several sentences and its
reporting clause are one unit) is searched, outside its quotes, for a cue verb
("said", "stressed", "went on to say", "according to") and for the person
phrase before or after it: a name, a surname, a role noun or a pronoun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from webapp.ingest import confidence
from webapp.ingest.records import How
from webapp.ingest.records import Mention
from webapp.ingest.spans import MentionIndex
from webapp.ingest.spans import Spans
from webapp.ingest.text import UPPER

_SAY = (
    r"said|says|stated|stressed|stresses|noted|notes|added|adds|assured|assures|reassured"
    r"|reassures|told|tells"
    r"|emphasi[sz]ed|emphasi[sz]es|underlined|underscored|reiterated|recalled|pointed\s+out"
    r"|remarked|declared|announced|explained|confirmed|continued|concluded|believes|insisted"
    r"|warned|urged|replied|answered|commented|observed|went\s+on\s+to\s+say|further\s+said"
    r"|revealed|promised|demanded|admitted|acknowledged|suggested|predicted|argued|claimed"
    r"|asserted|disclosed|conceded|hoped|hopes|reported|called|described|termed|dubbed|mentioned"
    r"|highlighted|highlights|informed|affirmed|reaffirmed|shared|wrote|writes|posted|tweeted"
)
_EXPRESSED = (
    r"(?:expressed|voiced)\s+(?:(?:his|her)\s+)?(?:firm\s+|strong\s+|deep\s+)?"
    r"(?:confidence|hope|conviction|belief|satisfaction)"
)
#: cue verbs that also take a noun as object ("noted the importance of …"): a reported
#: clause after them needs "that"
NEEDS_THAT = re.compile(
    r"(?:noted|notes|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|underscored"
    r"|reiterated|recalled|pointed out|remarked|declared|observed|commented|continued"
    r"|concluded|urged|expressed.*|demanded|suggested|hoped|hopes|acknowledged|promised"
    r"|called|described|termed|dubbed|mentioned|highlighted|highlights|informed|affirmed"
    r"|reaffirmed|shared|voiced.*|wrote|writes|posted|tweeted)"
)
_PARTICIPLE = (
    r"adding|noting|stressing|saying|recalling|emphasi[sz]ing|underlining|indicating"
    r"|expressing|pointing\s+out|stating|explaining|revealing|promising|demanding|warning"
    r"|arguing|claiming|asserting|suggesting"
)


def _by_first_letter(alternatives: str) -> str:
    """The same alternation with its words grouped by first letter, in order within a letter.

    Each word starts with a letter written as itself, so two words with different first
    letters never match at one place, and within a letter the order is kept: the pattern
    matches just what the plain alternation does. The engine tries the words one by one
    at the start of every word of the text; grouped, it tries a third as many.
    """
    groups: dict[str, list[str]] = {}
    for word in alternatives.split("|"):
        if not word[:1].isalpha():
            raise ValueError(f"an alternative that does not start with a letter: {word!r}")
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())


CUE = re.compile(
    rf"\b(?:(?P<say>{_by_first_letter(_SAY)}|{_EXPRESSED})"
    rf"|(?P<participle>{_by_first_letter(_PARTICIPLE)})|(?P<thanked>thanked)"
    r"|(?P<according>(?i:according)\s+to|(?i:in)(?=\s+(?:his|her)\s+words\s*,)"
    r"|(?i:in\s+the\s+words\s+of))|(?P<quoted>quoted))\b"
)
#: "In his words, …": the possessive stands for the speaker, as "according to him" does
_HIS_WORDS = re.compile(r"\s*(?:his|her)\s+words\b")
_PRONOUN = re.compile(r"\b(?:(?P<subject>[Hh]e|[Ss]he)|(?P<object>him|her))\b")
#: a sentence whose subject is a pronoun: "He underscored …"
_OPENS_WITH_PRONOUN = re.compile(r"\s*(?:He|She)\s+[a-z]")
_FILLER = re.compile(
    r"(?:[\s,]|also|further|then|again|once|later|earlier|has|had|have|repeatedly|today"
    r"|yesterday|on|in|turn|however|personally|himself|herself|[A-Z][a-z]+day"
    r"|for\s+(?:his|her|their|its)\s+part)*"
)
_THAT = re.compile(r"\s+that\b\s*")
#: "told reporters that", "told Nurtleu, also deputy prime minister, that": the listener
_TOLD_THAT = re.compile(r"\s+(?:[\w'’-]+,?\s+){1,8}?that\b\s*")
#: "said at the meeting with X in Almaty that", "said in a statement that"
_PHRASE_THAT = re.compile(
    r"\s+(?:at|in|on|during|after|before|following|while|when|to|with|via|through)\b"
    r"(?:\s+[\w'’-]+,?){1,10}?\s+that\b\s*"
)
_OBJECT_CLAUSE = re.compile(
    r"\s+(?!(?i:at|during|on|in|after|before|while|when|as|to|from|with|following|earlier"
    r"|later|today|yesterday|this|last|reporters|journalists|him|her|them|us|me|why|how|what"
    r"|where|whether|which|who|whom|the\s+need|the\s+importance)\b)"
    r"(?=[a-z]|[A-Z][a-z])"
)
#: a clause without "that" has a subject and a finite verb in its first words
_FINITE = re.compile(
    r"(?i:\b(?:is|are|was|were|will|would|can|could|should|must|shall|may|might|has|have|had"
    r"|does|do|did|remains?|[a-z]{3,}ed)\b)"
)
_SUBJECT_VERB = re.compile(rf"(?:he|she|it|[{UPPER}][\w-]+)\s+[a-z]{{3,}}s\b")
_CLAUSE_HEAD = 80
#: a title before a speaker named after the cue: "said Federal Chancellor Scholz", "according
#: to Kremlin spokesman Dmitry Peskov", "said presidential press secretary Sherzod Asadov"
_TITLE_RUN = re.compile(
    rf"(?:the\s+)?(?:(?:[{UPPER}][\w'’.-]*|spokes(?:man|woman|person)|press\s+secretary"
    r"|presidential|official|representative|aide|adviser|advisor)\s+){1,6}"
)
_SUBJECT_BLOCKERS = re.compile(r"(?:\b(?:to|with|from|by|of|for|on|at|and)|['’]s?)\s*$")
_COORDINATED = re.compile(r"\band\s+(?:also\s+|then\s+)?$")
#: how far before a cue "and also" may begin
_COORDINATED_REACH = 24
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
#: an aside naming whom the speaker addressed, between the speaker and the cue: "Tokayev,
#: addressing Vladimir Putin, said"
_ASIDE = re.compile(
    r",\s+(?:addressing|speaking\s+to|turning\s+to|welcoming|greeting|replying\s+to)"
    r"\s+(?:the\s+)?$"
)
#: a cue with "it" as its subject names no speaker: "it was reported", "it should be noted
#: that", "It is worth noting that" are the writer's words; a name after them is the reported
#: clause's subject
_IMPERSONAL = re.compile(
    r"\b[Ii]t\s+(?:was|is|has\s+been|had\s+been|should\s+be|must\s+be|can\s+be"
    r"|is\s+worth|was\s+worth)\s+$"
)


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    word: str
    kind: str  # "say", "participle", "thanked", "according" or "quoted" (the speaker after it)


@dataclass(frozen=True, slots=True)
class Speaker:
    person: str
    start: int  # the speaker phrase, role noun included
    end: int
    how: How
    confidence: float


def cues(text: str, start: int, end: int, quotes: Spans) -> list[Cue]:
    found = []
    for match in CUE.finditer(text, start, end):
        if _IMPERSONAL.search(text, max(start, match.start() - 20), match.start()):
            continue  # "Earlier it was reported …", "It is worth noting that …": the writer's
        if quotes.covering(match.start()) is None:
            kind = match.lastgroup or "say"
            found.append(Cue(match.start(), match.end(), _collapse(match.group()), kind))
    return found


def speaker_of(
    cue: Cue,
    unit: tuple[int, int],
    people: MentionIndex,
    quotes: Spans,
    salient: str | None,
) -> Speaker | None:
    """The person phrase that a cue attributes to: before it, after it, or a pronoun."""
    text = people.text
    if cue.kind == "according" and (words := _HIS_WORDS.match(text, cue.end, unit[1])):
        if salient is None:
            return None
        start = words.start() + len(words.group()) - len(words.group().lstrip())
        return Speaker(salient, start, words.end(), How.PRONOUN, confidence.PRONOUN)
    if cue.kind in ("according", "quoted"):
        return _phrase_at(text, cue.end, unit, people, salient)
    if cue.kind == "participle":
        return None
    before = _phrase_before(text, cue.start, unit, people, quotes, salient)
    if before is not None:
        return before
    after = _phrase_at(text, cue.end, unit, people, salient)
    if after is not None or not _COORDINATED.search(
        text, max(unit[0], cue.start - _COORDINATED_REACH), cue.start
    ):
        return after
    subject = subject_of(unit, people, quotes)
    if subject is None or subject.start > cue.start:
        return None
    return Speaker(
        subject.person,
        people.phrase_start(subject),
        subject.end,
        subject.how,
        confidence.SPEAKER_SUBJECT,
    )


def subject_of(unit: tuple[int, int], people: MentionIndex, quotes: Spans) -> Mention | None:
    """The first person named in a sentence outside quotes, not after a preposition."""
    text = people.text
    for mention in people.within(*unit):
        if quotes.covering(mention.start) is not None:
            continue
        start = people.phrase_start(mention)
        if _SUBJECT_BLOCKERS.search(text, max(unit[0], start - 6), start):
            continue
        if _POSSESSIVE_AFTER.match(text, mention.end):
            continue
        return mention
    return None


def clause_after(text: str, cue: Cue, unit_end: int) -> int | None:
    """Where a reported clause starts after a cue verb ("said that ...", "said they ...")."""
    if cue.kind not in ("say", "participle"):
        return None
    that = _THAT.match(text, cue.end, unit_end)
    if that is None and cue.word.startswith(("told", "tells", "assured", "reassured", "urged")):
        that = _TOLD_THAT.match(text, cue.end, unit_end)
    if that is None:
        that = _PHRASE_THAT.match(text, cue.end, unit_end)
    if that is not None:
        return that.end()
    if cue.kind != "say" or cue.word.startswith("told") or NEEDS_THAT.fullmatch(cue.word):
        return None
    direct = _OBJECT_CLAUSE.match(text, cue.end, unit_end)
    if direct is None:
        return None
    head = text[direct.end() : min(unit_end, direct.end() + _CLAUSE_HEAD)]
    if _FINITE.search(head) or _SUBJECT_VERB.match(head):
        return direct.end()
    return None


def _phrase_before(
    text: str,
    position: int,
    unit: tuple[int, int],
    people: MentionIndex,
    quotes: Spans,
    salient: str | None,
) -> Speaker | None:
    mention = people.ending_before(position, unit[0])
    pronoun = _pronoun_before(text, position, unit)
    if pronoun is not None and (mention is None or pronoun[0] >= mention.end):
        if quotes.covering(pronoun[0]) is not None:
            return None
        subject = subject_of((unit[0], pronoun[0]), people, quotes)
        person = subject.person if subject is not None else salient  # "X told Y that he …"
        if salient is not None and _OPENS_WITH_PRONOUN.match(text, unit[0], pronoun[0]):
            # "He underscored … the visit of Vladimir Putin, which he believes …": the
            # sentence's own subject, not a name inside its object
            person = salient
        if person is None:
            return None
        return Speaker(person, pronoun[0], pronoun[1], How.PRONOUN, confidence.PRONOUN)
    if mention is None or quotes.covering(mention.start) is not None:
        return None
    if not _FILLER.fullmatch(text, mention.end, position):
        return None
    aside = _ASIDE.search(text, unit[0], people.phrase_start(mention))
    if aside is not None:
        # "Tokayev, addressing Putin, said": the one addressed is not the speaker
        subject = people.ending_before(aside.start(), unit[0])
        if subject is None or not _FILLER.fullmatch(text, subject.end, aside.start()):
            return None
        mention = subject
    return Speaker(
        mention.person, people.phrase_start(mention), mention.end, mention.how, mention.confidence
    )


def _pronoun_before(text: str, position: int, unit: tuple[int, int]) -> tuple[int, int] | None:
    window = max(unit[0], position - 40)
    last = None
    for match in _PRONOUN.finditer(text, window, position):
        if match.group("subject") is not None:
            last = match
    if last is None or not _FILLER.fullmatch(text, last.end(), position):
        return None
    return last.start(), last.end()


def _phrase_at(
    text: str,
    position: int,
    unit: tuple[int, int],
    people: MentionIndex,
    salient: str | None,
) -> Speaker | None:
    start = position
    while start < unit[1] and text[start] in " \t\u00a0":
        start += 1
    for mention in people.within(start, min(unit[1], start + 120)):
        phrase = people.phrase_start(mention)
        if phrase <= start <= mention.start + 4 or _TITLE_RUN.fullmatch(text, start, phrase):
            return Speaker(mention.person, start, mention.end, mention.how, mention.confidence)
        break
    pronoun = _PRONOUN.match(text, start, unit[1])
    if pronoun is not None and salient is not None:
        return Speaker(salient, pronoun.start(), pronoun.end(), How.PRONOUN, confidence.PRONOUN)
    return None


def _collapse(words: str) -> str:
    return " ".join(words.split()).lower()
