"""Statements: quote marks, speakers, reported speech, transcript turns."""

from __future__ import annotations

import pytest

from tests.scaling import assert_linear
from webapp.ingest.people.registry import Registry
from webapp.ingest.pipeline import extract_text
from webapp.ingest.records import StatementKind
from webapp.ingest.speech.quotes import find_quotes
from webapp.ingest.text import paragraphs

DIRECT = StatementKind.DIRECT
INDIRECT = StatementKind.INDIRECT
TRANSCRIPT = StatementKind.TRANSCRIPT


def said(body: str, registry: Registry, day: str = "2024-03-04") -> list[tuple[str, str, str]]:
    """(kind, speaker, words) of every statement of a body under a date header."""
    extraction = extract_text("t.txt", f" date {day} {body}", registry)
    text = extraction.document.text
    return [(s.kind.value, s.speaker, text[s.start : s.end]) for s in extraction.statements]


def test_pronoun_speaker_follows_the_subject_and_switches(registry: Registry) -> None:
    body = (
        "Mikhail Mishustin met Olzhas Bektenov in Moscow.\n\n"
        '"We are ready to work together," he said.\n\n'
        "For his part, Bektenov expressed his confidence that the governments will cooperate.\n\n"
        '"We have something to discuss," he added.'
    )
    quotes = [(speaker, words) for kind, speaker, words in said(body, registry) if kind == "direct"]
    assert quotes == [
        ("Mikhail Mishustin", "We are ready to work together,"),
        ("Olzhas Bektenov", "We have something to discuss,"),
    ]


def test_missing_opening_mark_starts_at_the_paragraph(registry: Registry) -> None:
    body = (
        "Kassym-Jomart Tokayev met Mikhail Mishustin.\n\n"
        'There is a lot of work to be done. We talked on all issues," Kassym-Jomart Tokayev said.'
    )
    assert (
        "direct",
        "Kassym-Jomart Tokayev",
        "There is a lot of work to be done. We talked on all issues,",
    ) in said(body, registry, "2022-02-10")


def test_fragment_inside_reported_speech_is_direct(registry: Registry) -> None:
    body = 'Mikhail Mishustin spoke.\n\nHe reiterated that relations "are based on mutual respect."'
    statements = said(body, registry)
    assert ("direct", "Mikhail Mishustin", "are based on mutual respect.") in statements
    assert not [s for s in statements if s[0] == "indirect"]


def test_scare_quotes_without_a_cue_are_not_speech(registry: Registry) -> None:
    body = 'The so-called "digital corridor" was discussed at length by the experts.'
    assert said(body, registry) == []


def test_short_fragment_with_a_cue_is_speech(registry: Registry) -> None:
    body = 'Mikhail Mishustin on Monday said that his country values "good neighborly" relations.'
    statements = said(body, registry)
    assert ("direct", "Mikhail Mishustin", "good neighborly") in statements
    assert any(
        kind == "indirect" and "his country values" in words for kind, _, words in statements
    )


def test_guillemets_and_typographic_marks(registry: Registry) -> None:
    body = (
        "«Our parliaments work well,» Valentina Matviyenko said. "
        "“Thank you,” Maulen Ashimbayev said."
    )
    statements = said(body, registry, "2023-09-20")
    assert ("direct", "Valentina Matviyenko", "Our parliaments work well,") in statements
    assert ("direct", "Maulen Ashimbayev", "Thank you,") in statements


def test_quote_over_two_paragraphs_is_one_statement(registry: Registry) -> None:
    body = (
        "Mikhail Mishustin met Olzhas Bektenov.\n\n"
        "“Transport is the priority,” Mishustin said. “We want one system.\n\n"
        "“We also expect an agreement.”"
    )
    direct = [words for kind, _, words in said(body, registry) if kind == "direct"]
    assert direct[-1] == "We want one system.\n\n“We also expect an agreement."


def test_transcript_turns_run_over_many_paragraphs(registry: Registry) -> None:
    body = (
        "The talks took place in Almaty.\n\n"
        "Alihan Smailov: Mr Mishustin, colleagues.\n\n"
        "We are pleased to welcome you.\n\n"
        "Thank you.\n\n"
        "Mikhail Mishustin: Once again, I greet you.\n\n"
        "Note: this line names no one, so it is part of the turn.\n\n"
        "Let us begin.\n\n"
        "Previous news Next news"
    )
    turns = [
        (speaker, words)
        for kind, speaker, words in said(body, registry, "2024-02-01")
        if kind == "transcript"
    ]
    assert turns == [
        (
            "Alikhan Smailov",
            "Mr Mishustin, colleagues.\n\nWe are pleased to welcome you.\n\nThank you.",
        ),
        (
            "Mikhail Mishustin",
            "Once again, I greet you.\n\nNote: this line names no one, so it is part of the turn."
            "\n\nLet us begin.",
        ),
    ]


def test_a_label_with_the_speakers_card_flattened_into_it_opens_a_turn(
    registry: Registry,
) -> None:
    body = (
        "The talks took place in Sochi.\n\n"
        "President of Russia Vladimir Putin: Mr Lukashenko, welcome.\n\n"
        "President of Belarus Alexander Lukashenko Lukashenko Alexander Lukashenko "
        "AlexanderPresident of Belarus : Thank you for the invitation.\n\n"
        "The President of Russia and the President of Belarus : a caption that names two."
    )
    turns = [
        (speaker, words)
        for kind, speaker, words in said(body, registry, "2024-02-01")
        if kind == "transcript"
    ]
    assert turns == [
        ("Vladimir Putin", "Mr Lukashenko, welcome."),
        (
            "Alexander Lukashenko",
            "Thank you for the invitation.\n\n"
            "The President of Russia and the President of Belarus : a caption that names two.",
        ),
    ]


def test_according_to_him_and_reporting_clause_after_content(registry: Registry) -> None:
    body = (
        "Trade is growing fast, Russian Prime Minister Mikhail Mishustin said on Monday.\n\n"
        "According to him, the two countries will build new roads."
    )
    statements = said(body, registry)
    assert ("indirect", "Mikhail Mishustin", "Trade is growing fast") in statements
    assert ("indirect", "Mikhail Mishustin", "the two countries will build new roads") in statements


def test_according_to_an_organisation_is_not_a_statement(registry: Registry) -> None:
    assert said("Trade grew by 10%, according to Kazakh customs data.", registry) == []


def test_role_noun_speaker(registry: Registry) -> None:
    body = '"We stand for integration," the head of the Russian government stressed.'
    assert said(body, registry) == [("direct", "Mikhail Mishustin", "We stand for integration,")]


@pytest.mark.parametrize("mark", ['"', "“", "”", "«", "»", ":", '," he said.'])
def test_many_marks_stay_fast(mark: str) -> None:
    def find(text: str) -> None:
        find_quotes(text, paragraphs(text))

    assert_linear(find, ("a" + mark + " ") * 10_000, ("a" + mark + " ") * 100_000)


def test_many_colons_and_marks_through_the_pipeline(registry: Registry) -> None:
    def extract(text: str) -> None:
        extract_text("big.txt", " date 2024-03-04 " + text, registry)

    text = 'Mishustin: "a," he said: b. '
    assert_linear(extract, text * 2_000, text * 20_000)


def test_a_paragraph_of_thousands_of_nested_quotes_costs_in_proportion(
    registry: Registry,
) -> None:
    """A hostile file: every quote and every cue in one paragraph, found once each."""

    def extract(text: str) -> None:
        extract_text("nested.txt", text, registry)

    opening = '"He said \u201cshe said \u00abthey said '
    tail = " Mikhail Mishustin met Olzhas Bektenov."
    assert_linear(extract, " date 2024-03-04 " + opening * 150 + tail,
                  " date 2024-03-04 " + opening * 1500 + tail)  # fmt: skip
