"""Scare quotes and quotes inside another statement are kept, ranked as doubtful."""

from __future__ import annotations

from webapp.ingest import confidence
from webapp.ingest.pipeline import extract_text
from webapp.ingest.records import Statement
from webapp.ingest.records import StatementKind
from webapp.ingest.speech.doubts import is_scare_quote
from webapp.ingest.speech.doubts import nested
from webapp.ingest.speech.doubts import with_doubts

DIRECT = StatementKind.DIRECT


def test_a_direct_quote_under_four_words_is_a_scare_quote() -> None:
    assert is_scare_quote(DIRECT, "fruitfully")
    assert is_scare_quote("direct", "fruitfully and productively")
    assert not is_scare_quote(DIRECT, "we worked very well")
    assert not is_scare_quote(StatementKind.INDIRECT, "trade grows")


def test_nested_names_the_shortest_span_around() -> None:
    spans = [(0, 100), (10, 50), (20, 30), (20, 30), (60, 100)]
    # (20, 30) twice: an equal span is not around it; (60, 100) ends where (0, 100) does
    assert nested(spans) == {1: 0, 2: 1, 3: 1, 4: 0}


def test_with_doubts_lowers_only_the_doubtful() -> None:
    text = 'He said that the talks were "fruitful" and that trade would grow by a third.'
    around = Statement(13, 75, StatementKind.INDIRECT, "Anna", "said", 0.75)
    scare = Statement(29, 37, DIRECT, "Anna", None, 0.7)
    assert text[scare.start : scare.end] == "fruitful"
    alone = Statement(0, 2, StatementKind.INDIRECT, "Anna", "said", 0.75)
    result = with_doubts(text, [around, scare, alone])
    assert [s.confidence for s in result] == [0.75, confidence.SCARE_QUOTE, 0.75]


def test_a_long_quote_inside_reported_speech_is_nested() -> None:
    text = (
        "Tokayev said that the sides had agreed to build "
        '"a new corridor from the Caspian to the border" within three years.'
    )
    around = Statement(18, 115, StatementKind.INDIRECT, "Tokayev", "said", 0.75)
    quote = Statement(49, 94, DIRECT, "Tokayev", None, 0.7)
    assert text[quote.start : quote.end] == "a new corridor from the Caspian to the border"
    result = with_doubts(text, [around, quote])
    assert [s.confidence for s in result] == [0.75, confidence.NESTED_QUOTE]


def test_extraction_ranks_a_scare_quote_below_a_quote(registry) -> None:
    text = (
        'ASTANA, March 4. /TASS/. Kassym-Jomart Tokayev said the talks went "fruitfully" '
        "and trade grew.\n\n"
        'Tokayev said: "We are ready to work together with Russia on energy."\n'
    )
    extraction = extract_text("doubts.txt", text, registry)
    found = {extraction.document.text[s.start : s.end]: s.confidence for s in extraction.statements}
    assert found["fruitfully"] == confidence.SCARE_QUOTE
    assert found["We are ready to work together with Russia on energy."] > confidence.SCARE_QUOTE
