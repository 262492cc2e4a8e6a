"""Meetings: cues, participants, dates, places, occasions, merging."""

from __future__ import annotations

from datetime import date

import pytest

from webapp.ingest.people.mentions import scan
from webapp.ingest.people.registry import Registry
from webapp.ingest.people.years import infer_year
from webapp.ingest.pipeline import extract_text
from webapp.ingest.records import Extraction


def run(body: str, registry: Registry, day: str = "2024-03-14") -> Extraction:
    return extract_text("m.txt", f" date {day} {body}", registry)


def summary(extraction: Extraction) -> list[tuple[frozenset[str], date | None, str | None]]:
    return [(frozenset(m.participants), m.date, m.place) for m in extraction.meetings]


def test_phone_call_is_not_a_meeting(registry: Registry) -> None:
    body = (
        "President of Kazakhstan Kassym-Jomart Tokayev had a telephone conversation with "
        "President of Russia Vladimir Putin. The leaders agreed to meet in Astana in July."
    )
    assert run(body, registry).meetings == ()


def test_relative_day_counts_back_from_publication(registry: Registry) -> None:
    body = "Russian Deputy Prime Minister Alexei Overchuk and Kazakh Deputy Energy Minister Nurlan Bekov met in Astana on Tuesday."  # noqa: E501
    assert summary(run(body, registry)) == [
        (frozenset({"Alexey Overchuk", "Nurlan Bekov"}), date(2024, 3, 12), "Astana")
    ]


def test_yesterday_and_capital(registry: Registry) -> None:
    body = "Yesterday Mikhail Mishustin held talks with Olzhas Bektenov in the capital Moscow."
    assert summary(run(body, registry)) == [
        (frozenset({"Mikhail Mishustin", "Olzhas Bektenov"}), date(2024, 3, 13), "Moscow")
    ]


def test_planned_visit_is_not_a_meeting(registry: Registry) -> None:
    body = "Vladimir Putin invited Kassym-Jomart Tokayev to visit Russia next year."
    assert run(body, registry).meetings == ()


def test_two_reports_of_one_meeting_merge_and_take_the_occasion(registry: Registry) -> None:
    body = (
        "Mikhail Mishustin said on the sidelines of a meeting of the EAEU Intergovernmental "
        "Council that trade is growing.\n\n"
        '"Trade is growing," Mishustin said at a meeting with Kazakh Prime Minister '
        "Alikhan Smailov.\n\n"
        "Mishustin held talks with Smailov for an hour."
    )
    extraction = run(body, registry, "2023-02-03")
    [meeting] = extraction.meetings
    assert set(meeting.participants) == {"Mikhail Mishustin", "Alikhan Smailov"}
    assert meeting.occasion == "EAEU Intergovernmental Council"
    assert all(statement.meeting == 0 for statement in extraction.statements)


def test_mentioned_meeting_with_patronymic(registry: Registry) -> None:
    body = (
        "Head of State Kassym-Jomart Tokayev met with Prime Minister of Russia "
        "Mikhail Mishustin.\n\n"
        'I just had very intensive negotiations with Vladimir Vladimirovich," Kassym-Jomart Tokayev said.'  # noqa: E501
    )
    meetings = summary(run(body, registry, "2022-02-10"))
    assert (
        frozenset({"Kassym-Jomart Tokayev", "Mikhail Mishustin"}),
        date(2022, 2, 10),
        None,
    ) in meetings
    assert (
        frozenset({"Kassym-Jomart Tokayev", "Vladimir Putin"}),
        date(2022, 2, 10),
        None,
    ) in meetings


def test_visit_gives_the_place_and_a_past_visit_has_no_date(registry: Registry) -> None:
    body = (
        "Mikhail Mishustin met Olzhas Bektenov during the visit of Olzhas Bektenov to Moscow.\n\n"
        "Bektenov recalled the official visit of Vladimir Putin to Kazakhstan last year."
    )
    meetings = summary(run(body, registry))
    assert (
        frozenset({"Mikhail Mishustin", "Olzhas Bektenov"}),
        date(2024, 3, 14),
        "Moscow",
    ) in meetings
    assert (frozenset({"Vladimir Putin", "Kassym-Jomart Tokayev"}), None, None) in meetings


def test_dateline_city_is_the_fallback_place(registry: Registry) -> None:
    text = (
        "Talks in Moscow\n\nMOSCOW, March 4, 2024. Mikhail Mishustin held talks with "
        "Olzhas Bektenov on Monday."
    )
    extraction = extract_text("d.txt", text, registry)
    assert summary(extraction) == [
        (frozenset({"Mikhail Mishustin", "Olzhas Bektenov"}), date(2024, 3, 4), "Moscow")
    ]


def test_year_is_inferred_from_a_new_office_holder(registry: Registry) -> None:
    text = "the new Prime Minister of Kazakhstan Olzhas Bektenov and Russian Prime Minister Mikhail Mishustin"  # noqa: E501
    year, note = infer_year((3, 4), scan(text, registry), registry)
    assert (year, note) == (2024, "year inferred from positions")


def test_year_is_left_open_when_several_years_fit(registry: Registry) -> None:
    text = "Russian President Vladimir Putin"
    year, note = infer_year((3, 4), scan(text, registry), registry)
    assert year is None
    assert "several years" in note


def test_meetings_held_earlier_have_no_day_but_the_summits_place(registry: Registry) -> None:
    body = (
        "Mikhail Mishustin met with Olzhas Bektenov in Samarkand on Friday.\n\n"
        "On the sidelines of the summit, Mishustin earlier held talks with Vladimir Putin."
    )
    assert summary(run(body, registry, "2024-03-16")) == [
        (frozenset({"Mikhail Mishustin", "Olzhas Bektenov"}), date(2024, 3, 15), "Samarkand"),
        (frozenset({"Mikhail Mishustin", "Vladimir Putin"}), None, "Samarkand"),
    ]


def test_a_meeting_reported_earlier_keeps_its_day(registry: Registry) -> None:
    body = "Mikhail Mishustin met with Olzhas Bektenov on Friday, as reported earlier."
    assert summary(run(body, registry, "2024-03-16")) == [
        (frozenset({"Mikhail Mishustin", "Olzhas Bektenov"}), date(2024, 3, 15), None),
    ]


def test_earlier_today_is_today(registry: Registry) -> None:
    body = "Earlier today Mikhail Mishustin met with Olzhas Bektenov."
    assert summary(run(body, registry, "2024-03-16")) == [
        (frozenset({"Mikhail Mishustin", "Olzhas Bektenov"}), date(2024, 3, 16), None),
    ]


def test_talks_a_matter_required_are_no_meeting(registry: Registry) -> None:
    body = (
        "According to Mikhail Mishustin, the agenda with Olzhas Bektenov was so broad that it "
        "required detailed negotiations."
    )
    assert run(body, registry).meetings == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "Olzhas Bektenov was received by Mikhail Mishustin in Moscow.",
        "Olzhas Bektenov paid a visit to Moscow, where he was welcomed by Mikhail Mishustin.",
        "Olzhas Bektenov conferred with Mikhail Mishustin in Moscow.",
        "Olzhas Bektenov had an audience with Mikhail Mishustin in Moscow.",
    ],
)
def test_passive_hosts_and_more_meeting_verbs(registry: Registry, sentence: str) -> None:
    assert summary(run(sentence, registry)) == [
        (frozenset({"Mikhail Mishustin", "Olzhas Bektenov"}), date(2024, 3, 14), "Moscow")
    ]


def test_a_decision_welcomed_by_someone_is_no_meeting(registry: Registry) -> None:
    body = "The decision of Olzhas Bektenov was welcomed by Mikhail Mishustin."
    assert run(body, registry).meetings == ()
