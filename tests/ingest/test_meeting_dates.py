"""A meeting's day from what its sentence says, counted from the publication date.

The page is dated Thursday 2024-07-11 throughout.
"""

from __future__ import annotations

from datetime import date

import pytest

from webapp.ingest.people.registry import Registry
from webapp.ingest.pipeline import extract_text


def day_of(when: str, registry: Registry) -> date | None:
    text = (
        f" date 2024-07-11 Leaders meet\n\nVladimir Putin met Alexander Lukashenko in Minsk {when}."
    )
    (meeting,) = extract_text("d.txt", text, registry).meetings
    return meeting.date


@pytest.mark.parametrize(
    ("when", "day"),
    [
        ("two days ago", date(2024, 7, 9)),
        ("3 days ago", date(2024, 7, 8)),
        ("on the eve", date(2024, 7, 10)),
        ("on 5th July", date(2024, 7, 5)),
        ("on the 5th of July", date(2024, 7, 5)),
        ("on 10.07.2024", date(2024, 7, 10)),
        # no single day
        ("earlier this week", None),
        ("a week ago", None),
        ("last October", None),
        # a month with no day: "in May" (after "in", May is the month, not the verb)
        ("in May", None),
        ("in June", None),
    ],
)
def test_relative_and_written_days(when: str, day: date | None, registry: Registry) -> None:
    assert day_of(when, registry) == day


def test_a_call_told_in_the_first_person_is_no_meeting(registry: Registry) -> None:
    text = (
        " date 2024-07-11 Saidov on the call\n\n"
        '"We had an insightful phone conversation with Hakan Fidan, the Foreign Minister of'
        ' Türkiye," Bakhtiyor Saidov wrote on X.'
    )
    assert extract_text("c.txt", text, registry).meetings == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Minister Shehbaz Sharif held a telephonic conversation with Kassym-Jomart Tokayev.",
        "Kassym-Jomart Tokayev phoned Vladimir Putin on Saturday.",
        "The leaders spoke telephonically: Kassym-Jomart Tokayev and Vladimir Putin had talks.",
    ],
)
def test_telephonic_talks_are_calls(sentence: str, registry: Registry) -> None:
    assert extract_text("t.txt", f" date 2023-06-10 {sentence}", registry).meetings == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "The meeting between Vladimir Putin and Nikol Pashinyan did not take place.",
        "The meeting between Vladimir Putin and Nikol Pashinyan was postponed.",
        "Talks between Vladimir Putin and Nikol Pashinyan were called off.",
        "A meeting between Vladimir Putin and Nikol Pashinyan is not on the agenda.",
    ],
)
def test_a_meeting_denied_after_its_cue_is_none(sentence: str, registry: Registry) -> None:
    assert extract_text("n.txt", f" date 2024-07-11 {sentence}", registry).meetings == ()


def test_a_meeting_then_a_denial_of_something_else_stays(registry: Registry) -> None:
    text = " date 2024-07-11 Vladimir Putin met Nikol Pashinyan. The summit was postponed."
    assert len(extract_text("n.txt", text, registry).meetings) == 1


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        # the guest "arrived ... the day before" (2024-07-10); the talks are news of 2024-07-11
        (
            "Shavkat Mirziyoyev held talks in Tashkent with Alexander Lukashenko, who arrived"
            " in the country on an official visit the day before.",
            date(2024, 7, 11),
        ),
        # a day of the talks' own stays theirs: Tuesday before Thursday 2024-07-11
        (
            "Shavkat Mirziyoyev held talks on Tuesday with Alexander Lukashenko, who arrived"
            " in the country the day before.",
            date(2024, 7, 9),
        ),
        # "the day before" of the talks themselves, with no guest's arrival
        (
            "Shavkat Mirziyoyev held talks with Alexander Lukashenko the day before.",
            date(2024, 7, 10),
        ),
    ],
)
def test_the_day_of_a_guests_arrival_is_not_the_talks_day(
    sentence: str, day: date, registry: Registry
) -> None:
    (meeting,) = extract_text("a.txt", f" date 2024-07-11 Talks\n\n{sentence}", registry).meetings
    assert meeting.date == day


def test_a_lead_without_its_full_stop_tells_of_a_meeting(registry: Registry) -> None:
    text = (
        "Show news feed\n\nArmenian Prime Minister Nikol Pashinyan on Wednesday received a"
        " delegation led by Iranian Foreign Minister Hossein Amir-Abdollahian, the PM’s office"
        " informs\n\nThe premier welcomed the delegation's visit to Armenia."
    )
    (meeting,) = extract_text("l.txt", text, registry).meetings
    # no publication date to count "on Wednesday" from, and only a country
    assert (set(meeting.participants), meeting.date, meeting.place) == (
        {"Nikol Pashinyan", "Hossein Amir-Abdollahian"},
        None,
        None,
    )


def test_guests_received_together_give_the_day_of_their_bilateral_meetings(
    registry: Registry,
) -> None:
    text = (
        " date 2017-11-03 Heads of government in Tashkent\n\n"
        "The President of Uzbekistan received on Tuesday in Tashkent the heads of government of"
        " Tajikistan, Kazakhstan and Belarus.\n\n"
        "Shavkat Mirziyoyev held bilateral meetings with the Prime Ministers of Tajikistan Kokhir"
        " Rasulzoda, Kazakhstan Bakytzhan Sagintayev and Belarus Andrei Kobyakov."
    )
    found = {
        (frozenset(m.participants), m.date, m.place)
        for m in extract_text("g.txt", text, registry).meetings
    }
    # Friday 2017-11-03 back to Tuesday 2017-10-31; one meeting with each guest
    tuesday = date(2017, 10, 31)
    assert found == {
        (frozenset({"Shavkat Mirziyoyev", guest}), tuesday, "Tashkent")
        for guest in ("Kokhir Rasulzoda", "Bakhytzhan Sagintayev", "Andrei Kobyakov")
    }
