"""Small text helpers shared by the extraction stages: paragraphs, sentences, letters, keys."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from collections.abc import Sequence
from functools import lru_cache

#: every upper-case letter of the Latin, Greek and Cyrillic blocks, for a character class
UPPER = "".join(
    re.escape(ch) for ch in map(chr, range(0x41, 0x530)) if ch.isupper() and ch.isalpha()
)
#: a host name as pages print it: "UzDaily.com", "www.gazeta.uz", "Caliber.Az"
HOST_NAME = r"(?:www\.)?[\w-]{2,40}(?:\.[\w-]{2,40}){0,2}\.[A-Za-z]{2,6}"

_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(rf"[.!?…]+[\"”»’]?[)\]]?(?=\s+[\"“«(]?[{UPPER}\d])")
_LAST_WORD = re.compile(r"(\w+)\.?$")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen col lt prof jr sr no vs etc inc ltd co jan feb mar apr jun jul aug"
    " sep sept oct nov dec e.g i.e".split()
)
#: the letters that ``re.IGNORECASE`` takes for "i" and "s" but ``str.lower`` does not
_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s"}
_FOLD_LETTERS = tuple(map(chr, _FOLD))
_TRIM = " \t\r\n\u00a0,;:\"“”«»„‘’'"
_TRIM_END = _TRIM + "."


def fold(text: str) -> str:
    """Lower case with the same length and offsets as ``text``.

    A word that a case-insensitive pattern matches in ``text`` is a plain
    substring of the folded text, so that ``contains_any`` on it can tell when
    such a pattern cannot match at all.
    """
    if any(letter in text for letter in _FOLD_LETTERS):
        text = text.translate(_FOLD)
    return text.lower()


# Apostrophe-like marks are dropped ("Nigʻmatilla" = "Nig'matilla" = "Nigmatilla")
# and dash-like marks become a hyphen.
_TRANSLATE = {**dict.fromkeys(map(ord, "'`ʻʼ’‘"), None), **dict.fromkeys(map(ord, "‐‑‒–—"), "-")}

#: longer texts are normalised afresh: the cache is for names and titles
_CACHED_LENGTH = 200


def normalise(text: str) -> str:
    """Key for exact lookups: case, whitespace and diacritics do not count."""
    if len(text) <= _CACHED_LENGTH:
        return _normalise_short(text)
    return _normalise(text)


@lru_cache(maxsize=8192)
def _normalise_short(text: str) -> str:
    return _normalise(text)


def _normalise(text: str) -> str:
    text = text.translate(_TRANSLATE)
    if not text.isascii():  # ASCII has nothing to decompose: most text takes no detour
        text = unicodedata.normalize("NFKD", text)
        marks = [ch for ch in set(text) if unicodedata.combining(ch)]
        if marks:
            text = text.translate(dict.fromkeys(map(ord, marks)))
    return " ".join(text.casefold().split())


def contains_any(text: str, start: int, end: int, words: Iterable[str]) -> bool:
    """Whether ``text[start:end]`` contains one of the words."""
    find = text.find
    for word in words:  # a loop, not any() over a generator: it is asked thousands of times a page
        if find(word, start, end) >= 0:
            return True
    return False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines, without their outer whitespace."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        start, end = trim(text, match.start(), match.end(), " \t\r\u00a0")
        if start < end:
            spans.append((start, end))
    return spans


def trim(text: str, start: int, end: int, chars: str = _TRIM) -> tuple[int, int]:
    """The span without ``chars`` or any other whitespace at either end."""
    while start < end and (text[start] in chars or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in chars or text[end - 1].isspace()):
        end -= 1
    return start, end


def trim_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """A reported clause without outer punctuation, quote marks or a final full stop."""
    return trim(text, start, end, _TRIM_END)


def sentences(
    text: str, start: int, end: int, protected: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph; no break falls strictly inside a protected span.

    ``protected`` must be sorted by start and must not overlap.
    """
    starts = [span[0] for span in protected]
    spans = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        cut = match.end()
        if _is_abbreviation(text, begin, match.start()):
            continue
        index = bisect_right(starts, cut) - 1
        if index >= 0 and protected[index][0] < cut < protected[index][1]:
            continue
        spans.append((begin, cut))
        begin = cut
        while begin < end and text[begin].isspace():
            begin += 1
    if begin < end:
        spans.append((begin, end))
    return spans


def _is_abbreviation(text: str, begin: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    match = _LAST_WORD.search(text, max(begin, dot - 12), dot + 1)
    if match is None:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():
        return True
    return word.lower() in _ABBREVIATIONS
