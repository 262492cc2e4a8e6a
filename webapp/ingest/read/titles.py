"""A title made from an article's first sentence, for articles without a title line."""

from __future__ import annotations

import re

#: a title taken from the first sentence is cut at a word boundary before this
TITLE_MAX = 100
SENTENCE_SCAN = 600

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen col lt sgt prof jr sr no vs etc inc ltd co u.s u.k u.n"
    " e.g i.e jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_DANGLING = frozenset("a an the and or of to in on at by for with from that as".split())
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]{0,3}(?=\s|$)")


def first_sentence(paragraph: str) -> str:
    """The first sentence, not cut after an abbreviation, an initial or a number."""
    window = paragraph[:SENTENCE_SCAN]
    for end in _SENTENCE_END.finditer(window):
        before = window[: end.start()].rsplit(None, 1)
        word = before[-1].lower() if before else ""
        following = window[end.end() :].lstrip()[:1]
        initial = len(word) == 1 and word.isalpha()
        if initial or word in _ABBREVIATIONS or following.islower():
            continue
        return window[: end.end()]
    return window


def trim_title(sentence: str) -> str:
    """Drop the final full stop; cut a long sentence at a comma or a word boundary."""
    title = sentence.strip()
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1]
    if len(title) <= TITLE_MAX:
        return title
    cut = title.rfind(", ", 0, TITLE_MAX)
    if cut < TITLE_MAX // 2:
        cut = title.rfind(" ", 0, TITLE_MAX)
    if cut <= 0:
        cut = TITLE_MAX
    words = title[:cut].rstrip(" ,;:-—–").split(" ")
    while len(words) > 3 and words[-1].lower() in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(" ,;:-—–") + "…"
