"""Quote marks paired, paragraph by paragraph, in one pass over the marks.

Straight, typographic and guillemet marks, and two single marks written for one
double mark (‘’…’’). English convention is followed for a quote over several
paragraphs: a paragraph that continues it opens with a mark and the previous one
has no closing mark. A paragraph whose first mark closes a quote after sentence
punctuation ('...situation," Tokayev said.') is a quote whose opening mark was
lost: it starts at the paragraph start, unless the paragraph before left a quote
open, which then runs on to that mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from webapp.ingest.text import trim

#: a quote mark; two single marks stand for one double mark on some sites (‘’…’’, ’’…’’)
_MARK = re.compile(r"‘’|’’|‘‘|[\"“”«»„]")
_OPENERS = "“«„"
#: what a doubled single mark counts as: one that opens with ‘ is an opening mark, and
#: ’’ is read like a straight mark, by the spaces around it
_DOUBLED_AS = {"‘’": "“", "‘‘": "“", "’’": '"'}
#: marks that may reopen a quote at the start of its next paragraph
_REOPENING = ('"', "“", "«", "„", "‘’", "‘‘", "’’")
_SPACE_BEFORE = " \t\u00a0([{—–-/\n"
_CLOSING_PUNCTUATION = ",.!?…"
#: a paragraph that ends a sentence; one that does not, inside a quote, was cut off
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’»)]*\s*$")


#: a turn printed with dashes, as Russian and Central Asian sites print speech: "— We are
#: glad to see you, — Putin said." (the words up to the dash before the cue, their closing
#: punctuation included), and the words after the cue when a dash resumes them
_DASH_TURN = re.compile(r"[—–]\s+(?P<words>[^—–\"“”«»„\n]+?[,.!?…])\s+[—–]\s+(?=\w)")
_DASH_RESUMED = re.compile(r"[.,]\s+[—–]\s+(?P<more>[^\W\d_][^—–\"“”«»„\n]*)$")


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # the words, without marks
    end: int
    opened: bool  # False when the opening mark is missing
    #: False when the text stops inside the quote, mid-sentence: a page cut off
    complete: bool = True


def find_quotes(text: str, spans: list[tuple[int, int]]) -> list[Quote]:
    found: list[Quote] = []
    carried: int | None = None
    left_open: int | None = None  # index in ``found`` of a quote left open at its paragraph's end
    for index, (start, end) in enumerate(spans):
        opened_at = carried
        carried = None
        closed_any = False
        still_open, left_open = left_open, None
        if opened_at is None and (turn := _dash_turn(text, start, end)):
            found.extend(turn)
            continue
        for match in _MARK.finditer(text, start, end):
            position = match.start()
            if opened_at is not None and position == start and match.group() in _REOPENING:
                continue  # the mark that reopens a quote continued from the paragraph before
            if _opens(text, match, start, end, opened_at is not None):
                if opened_at is None:
                    opened_at = match.end()
                continue
            if opened_at is not None:
                found.append(Quote(opened_at, position, True))
                opened_at = None
                closed_any = True
            elif not closed_any and position > start and text[position - 1] in _CLOSING_PUNCTUATION:
                if still_open is not None:
                    # the quote left open above goes on without its mark repeated and closes
                    # here: '"We had a call …¶Our talk spanned … matters," Saidov wrote.'
                    found[still_open] = Quote(found[still_open].start, position, True)
                else:
                    found.append(Quote(start, position, False))
                closed_any = True
            still_open = None
        if opened_at is None:
            continue
        following = spans[index + 1][0] if index + 1 < len(spans) else None
        if following is not None and text.startswith(_REOPENING, following):
            carried = opened_at
        else:
            left_open = len(found)
            found.append(
                Quote(
                    opened_at,
                    end,
                    True,
                    complete=_ENDS_SENTENCE.search(text, start, end) is not None,
                )
            )
    return [quote for quote in _trimmed(text, found) if quote.start < quote.end]


def _dash_turn(text: str, start: int, end: int) -> list[Quote]:
    """The words of a paragraph that opens with a dash and closes them with a dash and a cue:
    "— We are glad to see you, — Putin said. — Welcome." is two quotes."""
    if _MARK.search(text, start, end):
        return []
    turn = _DASH_TURN.match(text, start, end)
    if turn is None:
        return []
    quotes = [Quote(turn.start("words"), turn.end("words"), True)]
    resumed = _DASH_RESUMED.search(text, turn.end(), end)
    if resumed is not None:
        quotes.append(Quote(resumed.start("more"), resumed.end("more"), True))
    return quotes


def _opens(text: str, match: re.Match[str], start: int, end: int, inside: bool) -> bool:
    mark = _DOUBLED_AS.get(match.group(), match.group())
    if mark in _OPENERS:
        return not inside or mark == "„"
    if mark in "”»":
        return False
    position = match.start()
    before = text[position - 1] if position > start else " "
    after = text[match.end()] if match.end() < end else " "
    if before in _SPACE_BEFORE and not after.isspace():
        return not inside
    if not before.isspace() and (after.isspace() or after in ".,;:!?)—–-"):
        return False
    return not inside


def _trimmed(text: str, quotes: list[Quote]) -> list[Quote]:
    result = []
    for quote in quotes:
        start, end = trim(text, quote.start, quote.end, " \t\r\n\u00a0")
        result.append(Quote(start, end, quote.opened, quote.complete))
    return result
