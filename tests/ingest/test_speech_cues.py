"""Reported speech and quotes: doubled single marks, "In his words", "…, he said, noting …"."""

from __future__ import annotations

import pytest

from webapp.ingest.people.registry import Registry
from webapp.ingest.pipeline import extract_text
from webapp.ingest.speech.quotes import find_quotes
from webapp.ingest.text import paragraphs


def said(body: str, registry: Registry, day: str = "2020-07-17") -> list[tuple[str, str, str]]:
    """(kind, speaker, words) of every statement of a body under a date header."""
    extraction = extract_text("t.txt", f" date {day} {body}", registry)
    text = extraction.document.text
    return [(s.kind.value, s.speaker, text[s.start : s.end]) for s in extraction.statements]


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text, paragraphs(text))]


def test_two_single_marks_stand_for_one_double_mark() -> None:
    # Armenian sites write ‘’…’’ for “…”; a quote left open at its paragraph's end, with
    # no mark at the start of the next, ends there
    text = (
        "The President said: ‘’We have many problems. There is much to be done’’, he said.\n\n"
        "PM Pashinyan mentioned, ‘’I am very glad to see you.\n\n"
        "During today’s session we listened to the report."
    )
    assert quoted(text) == [
        "We have many problems. There is much to be done",
        "I am very glad to see you.",
    ]


def test_a_doubled_mark_reopens_a_quote_over_two_paragraphs() -> None:
    text = "‘’Frankly speaking, there are problems.\n\n‘’There was an exchange’’, he said."
    assert quoted(text) == ["Frankly speaking, there are problems.\n\n‘’There was an exchange"]


def test_an_apostrophe_is_no_quote_mark() -> None:
    assert quoted("The President’s visit and the ministers’ talks went well.") == []


def test_mentioned_before_a_quote_names_its_speaker(registry: Registry) -> None:
    body = (
        "Nikol Pashinyan met Alexander Lukashenko in Minsk.\n\n"
        "Thanking for the warm reception, PM Pashinyan mentioned, ‘’I am very glad to see you."
    )
    assert ("direct", "Nikol Pashinyan", "I am very glad to see you.") in said(body, registry)


def test_mentioned_with_a_noun_object_is_no_reported_speech(registry: Registry) -> None:
    body = "Nikol Pashinyan mentioned the importance of the union's decisions."
    assert said(body, registry) == []


def test_in_his_words_reports_the_speaker_like_according_to(registry: Registry) -> None:
    body = (
        "Alexander Lukashenko met Dmitry Medvedev.\n\n"
        "In his words, this is attested by the fact that Medvedev will go to the G8 summit."
    )
    statements = said(body, registry, "2012-05-15")
    assert statements == [
        (
            "indirect",
            "Alexander Lukashenko",
            "this is attested by the fact that Medvedev will go to the G8 summit",
        )
    ]


def test_a_cue_after_the_content_may_go_on_with_a_participle(registry: Registry) -> None:
    body = (
        "Shavkat Mirziyoyev met Qin Gang in Tashkent.\n\n"
        "Uzbekistan is sincerely pleased to see China's achievements, he said, noting that"
        " relations are at a high level."
    )
    statements = said(body, registry, "2023-04-12")
    assert (
        "indirect",
        "Shavkat Mirziyoyev",
        "Uzbekistan is sincerely pleased to see China's achievements",
    ) in statements


def test_he_in_a_clause_of_a_sentence_opened_by_he_is_the_same_man(
    registry: Registry,
) -> None:
    body = (
        "Olzhas Bektenov acknowledged Russia as a partner, revealing that trade was growing.\n\n"
        "He underscored the role of the relations, referencing the state visit of Vladimir"
        " Putin to Astana in 2023, which he believes acted as a catalyst for the ties."
    )
    statements = said(body, registry, "2025-04-22")
    assert ("indirect", "Olzhas Bektenov", "acted as a catalyst for the ties") in statements
    assert all(speaker != "Vladimir Putin" for _, speaker, _ in statements)


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Kassym-Jomart Tokayev highlighted that trade had grown by a fifth.",
         "trade had grown by a fifth"),
        ("Kassym-Jomart Tokayev informed that the government is preparing new projects.",
         "the government is preparing new projects"),
        ("Kassym-Jomart Tokayev reaffirmed that Kazakhstan remains a reliable partner.",
         "Kazakhstan remains a reliable partner"),
        ("Kassym-Jomart Tokayev voiced confidence that the visit would give impetus to ties.",
         "the visit would give impetus to ties"),
        ("Kassym-Jomart Tokayev expressed satisfaction that trade is growing steadily.",
         "trade is growing steadily"),
        ("Kassym-Jomart Tokayev expressed his firm confidence that trade will grow.",
         "trade will grow"),
        # the cue before the clause, the speaker after the cue, or the cue fronted
        ("Trade between the countries will grow, said Kassym-Jomart Tokayev.",
         "Trade between the countries will grow"),
        ("As Kassym-Jomart Tokayev noted, trade between the countries is growing.",
         "trade between the countries is growing"),
        ("In the words of Kassym-Jomart Tokayev, trade between the countries will grow.",
         "trade between the countries will grow"),
    ],
)  # fmt: skip
def test_reporting_verbs_with_a_content_clause(
    sentence: str, words: str, registry: Registry
) -> None:
    assert said(sentence, registry, "2023-07-09") == [("indirect", "Kassym-Jomart Tokayev", words)]


@pytest.mark.parametrize(
    "sentence",
    [
        # a noun object is no clause, and what stands before the subject is not reported
        "As for the proposal of the speakers, Speaker Ara Babloyan reaffirmed the readiness"
        " of the Armenian side to hold it.",
        "Kassym-Jomart Tokayev highlighted the importance of trade.",
        "Kassym-Jomart Tokayev informed Vladimir Putin about the preparations.",
    ],
)
def test_reporting_verbs_with_a_noun_object_report_nothing(
    sentence: str, registry: Registry
) -> None:
    assert said(sentence, registry, "2019-07-09") == []


def test_a_quote_left_open_goes_on_to_the_closing_mark_of_the_next_paragraph() -> None:
    # the opening mark is not repeated, but the next paragraph closes the quote
    text = (
        '"We had an insightful phone conversation with Hakan Fidan.\n\n'
        'Our conversation spanned various areas," Saidov wrote on X.'
    )
    assert quoted(text) == [
        "We had an insightful phone conversation with Hakan Fidan.\n\n"
        "Our conversation spanned various areas,"
    ]


def test_a_quote_left_open_before_a_paragraph_without_marks_ends_there() -> None:
    text = '"We had an insightful conversation.\n\nThe ministers then left for the airport.'
    assert quoted(text) == ["We had an insightful conversation."]


def test_wrote_on_a_network_names_the_quotes_speaker(registry: Registry) -> None:
    body = (
        "Kassym-Jomart Tokayev met Vladimir Putin.\n\n"
        'Kassym-Jomart Tokayev wrote on X: "We are partners."'
    )
    assert ("direct", "Kassym-Jomart Tokayev", "We are partners.") in said(
        body, registry, "2023-07-09"
    )


def test_reassured_that_is_a_cue(registry: Registry) -> None:
    body = "In turn, Sergey Lavrov reassured that the agenda of the visit is being elaborated."
    assert said(body, registry, "2024-11-24") == [
        ("indirect", "Sergey Lavrov", "the agenda of the visit is being elaborated")
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Earlier it was reported Sergey Lavrov arrived in Astana on a two-day working visit.",
        "It has been reported that Sergey Lavrov arrived in Astana.",
        # the writer's aside, not a speaker's words
        "It is worth noting that Sergey Lavrov arrived in Astana yesterday.",
        "It should be noted that Sergey Lavrov arrived in Astana yesterday.",
    ],
)
def test_it_was_reported_names_no_speaker(body: str, registry: Registry) -> None:
    assert said(body, registry, "2024-11-24") == []


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # the participle closes the "when" clause, whose subject is named first in it
        (
            "Vladimir Putin and Ilham Aliyev met in March, when Aliyev condemned the attack,"
            " stressing that Azerbaijan was mourning with the Russian people.",
            "Ilham Aliyev",
        ),
        # without such a clause, the sentence's subject
        (
            "Vladimir Putin met Ilham Aliyev in March, stressing that Russia was ready to help.",
            "Vladimir Putin",
        ),
    ],
)
def test_a_participle_speaks_for_the_subject_of_its_clause(
    body: str, speaker: str, registry: Registry
) -> None:
    assert [(kind, who) for kind, who, _ in said(body, registry, "2024-07-25")] == [
        ("indirect", speaker)
    ]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        # a turn printed with dashes: the words up to the dash before the cue, with their comma
        (
            "Vladimir Putin met Kassym-Jomart Tokayev.\n\n— We are glad to see you, — Putin said.",
            ["We are glad to see you,"],
        ),
        # the words resume after the cue with a dash: a second quote
        (
            "Vladimir Putin met Kassym-Jomart Tokayev.\n\n"
            "— We are glad to see you, — Putin said. — Welcome to Moscow.",
            ["We are glad to see you,", "Welcome to Moscow."],
        ),
        # a dash inside a sentence is no turn
        ("Vladimir Putin met Kassym-Jomart Tokayev.\n\n— Trade grew — by a third.", []),
    ],
)
def test_a_dash_turn_is_a_quote_of_its_cues_speaker(
    body: str, words: list[str], registry: Registry
) -> None:
    assert said(body, registry, "2024-03-04") == [
        ("direct", "Vladimir Putin", quote) for quote in words
    ]


@pytest.mark.parametrize(
    ("body", "kind", "words"),
    [
        # a spokesman named after his title, which is written in small letters
        (
            'According to Kremlin spokesman Dmitry Peskov, "the talks were constructive."',
            "direct",
            "the talks were constructive.",
        ),
        (
            "According to Kremlin spokesman Dmitry Peskov, the talks were constructive.",
            "indirect",
            "the talks were constructive",
        ),
        (
            "The talks were constructive, said Kremlin spokesman Dmitry Peskov.",
            "indirect",
            "The talks were constructive",
        ),
    ],
)
def test_a_spokesman_after_his_title_speaks(
    body: str, kind: str, words: str, registry: Registry
) -> None:
    assert said(body, registry, "2024-03-04") == [(kind, "Dmitry Peskov", words)]


@pytest.mark.parametrize(
    ("body", "speaker", "words"),
    [
        # the one addressed stands between the speaker and the cue
        (
            'Kassym-Jomart Tokayev, addressing Vladimir Putin, said: "We are glad to see you."',
            "Kassym-Jomart Tokayev",
            "We are glad to see you.",
        ),
        (
            'Vladimir Putin, speaking to Kassym-Jomart Tokayev, said, "Welcome to Moscow."',
            "Vladimir Putin",
            "Welcome to Moscow.",
        ),
    ],
)
def test_a_quote_between_two_names_is_the_subjects(
    body: str, speaker: str, words: str, registry: Registry
) -> None:
    assert said(body, registry, "2024-03-04") == [("direct", speaker, words)]
