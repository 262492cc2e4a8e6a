"""The cue verbs' pattern, its words grouped by first letter, finds what the plain list does."""

from __future__ import annotations

import re

import pytest

from webapp.ingest.speech.cues import _EXPRESSED
from webapp.ingest.speech.cues import _PARTICIPLE
from webapp.ingest.speech.cues import _SAY
from webapp.ingest.speech.cues import CUE
from webapp.ingest.speech.cues import _by_first_letter

#: the cue pattern as the plain alternation of its words
PLAIN = re.compile(
    rf"\b(?:(?P<say>{_SAY}|{_EXPRESSED})|(?P<participle>{_PARTICIPLE})|(?P<thanked>thanked)"
    r"|(?P<according>(?i:according)\s+to|(?i:in)(?=\s+(?:his|her)\s+words\s*,)"
    r"|(?i:in\s+the\s+words\s+of))|(?P<quoted>quoted))\b"
)

SENTENCES = [
    "Putin said, noting that he went on to say it, according to Peskov.",
    "She stressed the stresses; he stated, stating, as Tokayev hoped and hopes.",
    "In his words, the talks were long, the minister reassured, reassures and assured.",
    "Xi expressed his firm confidence, voiced hope, and thanked the host, quoted by TASS.",
    "The unsaid, restated and reported-on words: sayings, toldly, saidx.",
]


def cues(pattern: re.Pattern[str], text: str) -> list[tuple[str, str | None]]:
    return [(match.group(), match.lastgroup) for match in pattern.finditer(text)]


def test_words_are_grouped_by_first_letter_in_their_order() -> None:
    assert _by_first_letter("said|says|noted|stated") == "s(?:aid|ays|tated)|n(?:oted)"


def test_a_word_must_start_with_a_letter() -> None:
    with pytest.raises(ValueError, match="does not start with a letter"):
        _by_first_letter("said|[sz]aid")


def test_the_cues_of_a_sentence() -> None:
    assert cues(CUE, SENTENCES[0]) == [
        ("said", "say"),
        ("noting", "participle"),
        ("went on to say", "say"),
        ("according to", "according"),
    ]
    assert cues(CUE, SENTENCES[4]) == [("reported", "say")]


@pytest.mark.parametrize("text", SENTENCES)
def test_grouped_pattern_finds_what_the_plain_one_does(text: str) -> None:
    assert [m.span() for m in CUE.finditer(text)] == [m.span() for m in PLAIN.finditer(text)]
    assert cues(CUE, text) == cues(PLAIN, text)
