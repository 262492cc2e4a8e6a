"""Properties of extraction on arbitrary text: no crash, valid and trimmed spans."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from webapp.ingest.people.registry import Registry
from webapp.ingest.pipeline import extract
from webapp.ingest.records import Document

ROOT = Path(__file__).resolve().parents[2]
QUOTE_MARKS = '"“”«»„'
REGISTRY = Registry.load(ROOT / "seed_data" / "people.yaml")

WORDS = [
    "Mikhail Mishustin", "Mishustin", "Olzhas Bektenov", "he", "He", "said", "stressed",
    "that", "according to him", "the Russian Prime Minister", "the President", "met with",
    "held talks", "on Monday", "in Moscow", "Alihan Smailov:", "Mr", "Vladimir Vladimirovich",
    "his Kazakh counterpart", "telephone", "visit of", "to", "Almaty", ",", ".", ":", "\n\n",
    "\n", '"', "“", "”", "«", "»", "'s", " ", "the head of state", "Kazakh Ambassador Aidar Nurov",
    "on the sidelines of the Eurasian Intergovernmental Council", "yesterday", "25 December",
]  # fmt: skip
pieces = st.one_of(st.sampled_from(WORDS), st.text(max_size=6))
texts = st.lists(pieces, max_size=60).map(" ".join)


def document(text: str) -> Document:
    return Document(file="p.txt", sha256="0", raw_text=text, text=text, published=date(2024, 3, 4))


def check(text: str) -> None:
    extraction = extract(document(text), REGISTRY)
    for mention in extraction.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        words = text[mention.start : mention.end]
        assert words == words.strip()
        assert 0 < mention.confidence <= 1
    for statement in extraction.statements:
        assert 0 <= statement.start < statement.end <= len(text)
        words = text[statement.start : statement.end]
        assert words[0] not in QUOTE_MARKS and words[-1] not in QUOTE_MARKS
        assert not words[0].isspace() and not words[-1].isspace()
        if statement.meeting is not None:
            assert 0 <= statement.meeting < len(extraction.meetings)
    for meeting in extraction.meetings:
        assert 0 <= meeting.start < meeting.end <= len(text)
        assert len(set(meeting.participants)) == len(meeting.participants) >= 2


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extract_never_crashes_and_spans_are_valid(text: str) -> None:
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text(text: str) -> None:
    check(text)


@pytest.mark.parametrize(
    "text",
    ['"', '""', "“”", "«", ' " ', 'a," b said.', '\n\n"\n\n"', "X: ", ":", "Mr: a", '"" he said'],
)
def test_degenerate_marks(text: str) -> None:
    check(text)
