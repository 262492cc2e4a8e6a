"""The words that tell of a meeting, and those that say it did not take place (yet).

A meeting cue is a verb or noun of meeting ("met with", "held talks",
"received", "hosted", "talks between", "at Monday's meeting"; talks under way
that "continued" are a meeting too). A cue does not
count when a modal or plan stands before it ("will hold talks", "may meet",
"agreed to organise a visit") or a denial ("did not hold talks"), when what
follows it puts it in the future ("talks which should occur", "meetings … will
take place") or denies it ("… was postponed", "… did not take place"), or when
a phone or video call is told in the same clause ("spoke over the phone"; but
"spoke over the phone … after meeting in Almaty" tells of a meeting too).
"""

from __future__ import annotations

import re

from webapp.ingest.spans import Spans
from webapp.ingest.text import UPPER

MEETING_CUE = re.compile(
    r"\b(?:(?P<between>(?i:meeting|meetings|talks|negotiations|conversation|summit)\s+between)"
    r"|(?P<with>(?:met|meets|meet|meeting|meetings|talks|talked|negotiations|conversation"
    r"|discussions|consultations|sat\s+down|met\s+up|conferred|audience)\s+with"
    r"|(?:paid|pays|made|makes)\s+a\s+(?:courtesy\s+)?call\s+on)"
    r"|(?P<met>met|meets)(?!\s+with)"
    # speaking to a person face to face: "Macron told Mirziyoyev", "told President Putin"
    r"|(?P<told>told|tells)(?=\s+(?:his\s+|her\s+|the\s+)?[A-Z])"
    r"|(?P<received>received|receives|hosted|hosts|welcomed|welcomes|greeted|greets"
    r"|(?:receiving|hosting|welcoming|greeting)(?!\s+(?:remarks|speech|address|words)))"
    r"|(?P<held>(?:held|holds|hold|had|have|has)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:talks|negotiations|meeting|conversation|discussions|one-on-one|tete-a-tete)(?!\s+with)"
    r"|took\s+place"
    # a meeting under way goes on: "Putin and Xi continued their informal communication"
    r"|continued\s+(?:their|the)\s+(?:[\w-]+\s+){0,2}?(?:communication|talks|negotiations"
    r"|conversation|meeting|discussions|contacts)"
    r"|(?:was|were)\s+held"
    # a meal together is a meeting: "had breakfast together", "held a working dinner"
    r"|(?:had|held|gave)\s+(?:an?\s+)?(?:working\s+|informal\s+|private\s+|joint\s+)?"
    r"(?:breakfast|lunch|dinner)"
    # in person, not on the phone: "spoke on the sidelines of the forum"
    r"|spoke\s+(?:briefly\s+)?on\s+the\s+(?:sidelines|margins)"
    r"|negotiated)"
    r"|(?P<talks>talks|negotiations|talked)"
    r"|(?P<noun>meeting))\b"
)
#: words every match of ``MEETING_CUE`` contains: where none is present it is not run
CUE_WORDS = (
    "met", "meet", "talks", "negotiations", "conversation", "consultations", "receiv", "hold",
    "held", "took", "host", "welcom", "greet", "discussions", "sat down", "between", "call on",
    "conferred", "audience", "breakfast", "lunch", "dinner", "spoke on the", "negotiated", "told",
    "tells", "continued",
)  # fmt: skip
#: a bare "meeting" counts after these: "at Monday's meeting", "after meeting", "during the meeting"
NOUN_CONTEXT = re.compile(
    rf"(?i:\b(?:at|during|after|following|before|in|on)\s+"
    rf"(?:(?:an?|the|their|his|her|this|today['’]s|yesterday['’]s|[{UPPER}]\w+['’]s)\s+)?"
    r"(?:[\w-]+\s+)?)$"
)
#: a cue told as planned, possible or agreed, not done: what stands just before it
FUTURE_BEFORE = re.compile(
    r"(?i:\b(?:will|would|shall|may|might|could|can|agreed\s+to|plans?\s+to|planning\s+to"
    r"|expected\s+to|expects?|awaits?|anticipates?|looks?\s+forward\s+to"
    r"|going\s+to|set\s+to|due\s+to|intends?\s+to|invited\s+\w+\s+to|next"
    r"|upcoming|forthcoming|future|planned|proposed|require[sd]?|need(?:s|ed)?|call(?:s|ed)?"
    r"\s+for|urge[sd]?)\s+(?:[\w-]+\s+){0,4}"
    r"|\bto\s+(?:[\w-]+\s+)?|\bpreparations?\s+for\s+(?:\w+\s+){0,3})$"
)
#: a cue denied: "did not hold bilateral talks with", "never met", "refused to meet"
NEGATED_BEFORE = re.compile(
    r"(?i:\b(?:did\s+not|didn['’]t|does\s+not|doesn['’]t|has\s+not|hasn['’]t|have\s+not"
    r"|haven['’]t|had\s+not|hadn['’]t|never|no|refused\s+to|declined\s+to|without)"
    r"\s+(?:[\w-]+\s+){0,2})$"
)
#: what follows a cue and puts it in the future: "talks which should occur", "… will take place"
FUTURE_AFTER = re.compile(
    # a clause on the cue's noun that is still to come: "the talks that the foreign
    # ministers will hold in Geneva on Thursday"
    r"(?i:\s+(?:that|which)\s+(?:[\w'’-]+\s+){0,6}?(?:will|would|shall|are\s+to|is\s+to)"
    r"\s+(?:hold|have|conduct)\b)"
    r"|(?i:[^.;:]{0,160}?\b(?:(?:will|would|should|shall|is|are|to)\s+(?:also\s+)?"
    r"(?:take\s+place|be\s+held|occur|happen|be\s+scheduled)|(?:is|are)\s+(?:scheduled|planned"
    r"|expected|due)|scheduled\s+(?:for|to|during)|later\s+this\s+(?:week|month|year)))"
)
#: what follows a cue and says it did not happen: "… did not take place", "… was postponed"
NEGATED_AFTER = re.compile(
    r"(?i:[^.;:]{0,120}?\b(?:did\s+not|didn['’]t|never|(?:was|were|is|are)\s+not|has\s+not"
    r"|have\s+not)\s+(?:take\s+place|happen|occur|be(?:en)?\s+held|held|planned|on\s+the\s+agenda)"
    r"|[^.;:]{0,120}?\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:cancell?ed|postponed"
    r"|called\s+off|put\s+off|delayed|scrapped))"
)
PHONE = re.compile(
    r"(?i:\b(?:tele)?phon(?:e|ed|ic|ically)\b|\bvideo\s*(?:call|link|conference|channel)?|\bvideoconference"
    r"|\bvirtual(?:ly)?\b|\bonline\b)"
)
PHONE_WORDS = ("phone", "video", "virtual", "online")
#: how far from a cue a phone word shares its clause
PHONE_REACH = 90
#: words that put a phone call and a meeting in different events: "called … after meeting"
_SEPARATE = re.compile(r"(?i:\b(?:after|before|following|earlier|previously|then|later)\b)")


def phone_near(text: str, unit: tuple[int, int], start: int, end: int) -> bool:
    """A phone or video call told in the same clause as the cue at ``start:end``."""
    low = max(unit[0], start - PHONE_REACH)
    high = min(unit[1], end + PHONE_REACH // 2)
    for match in PHONE.finditer(text, low, high):
        between = (match.end(), start) if match.start() < start else (end, match.start())
        if not _SEPARATE.search(text, *between):
            return True
    return False


def cue_counts(
    text: str, unit: tuple[int, int], cue: re.Match[str], kind: str, marks: Spans, calls: list[int]
) -> bool:
    """Whether a cue tells of a meeting that took place, as far as its own clause says.

    A cue that tells of a phone or video call is noted in ``calls``.
    """
    start, end = cue.span()
    if marks.covering(start) is not None:
        return False
    if kind == "noun" and not NOUN_CONTEXT.search(text, max(unit[0], start - 40), start):
        return False
    if FUTURE_BEFORE.search(text, max(unit[0], start - 40), start):
        return False
    if NEGATED_BEFORE.search(text, max(unit[0], start - 40), start):
        return False
    if FUTURE_AFTER.match(text, end, unit[1]) or NEGATED_AFTER.match(text, end, unit[1]):
        return False
    if kind == "with" and cue.group().startswith("conversation"):
        paragraph = (text.rfind("\n", 0, start) + 1, text.find("\n", end) % (len(text) + 1))
        if PHONE.search(text, *paragraph):
            calls.append(start)
            return False  # "a conversation with" where the paragraph is about phone calls
    if phone_near(text, unit, start, end):
        calls.append(start)
        return False
    return True
