"""Where a meeting took place when its own sentence does not say: headline, date line, visit."""

from __future__ import annotations

from datetime import date

import pytest

from webapp.ingest.meetings.places import place_in
from webapp.ingest.meetings.places import title_place
from webapp.ingest.meetings.places import visit_place
from webapp.ingest.people.registry import Registry
from webapp.ingest.pipeline import extract_text
from webapp.ingest.read.reader import read_bytes

DAY = date(2023, 3, 21)


def meetings(text: str, registry: Registry) -> list[tuple[frozenset[str], date | None, str | None]]:
    extraction = extract_text("p.txt", text, registry)
    return [(frozenset(m.participants), m.date, m.place) for m in extraction.meetings]


@pytest.mark.parametrize(
    ("title", "city"),
    [
        ("Chinese Leader Xi Holds Second Day Of Talks In Moscow", "Moscow"),
        ("The President of Kazakhstan has arrived in Tashkent", "Tashkent"),
        # a transcript's title ends with where and when
        ("Lavrov’s remarks following talks with Mirziyoyev, Tashkent, May 2, 2018", "Tashkent"),
        ("Remarks after the talks, Minsk, Belarus, 12 March 2024", "Minsk"),
        # what is still to come happened nowhere yet
        ("Putin to visit Tashkent next week", None),
        ("Tokayev will hold talks in Moscow", None),
        ("Kazakh, Russian Prime Ministers hold talks", None),
        (None, None),
    ],
)
def test_a_headline_gives_the_city_of_its_story(title: str | None, city: str | None) -> None:
    assert title_place(title, DAY) == city


def test_the_headline_city_places_a_meeting_the_body_does_not(registry: Registry) -> None:
    text = (
        "The President of Kazakhstan has arrived in Tashkent\n\n"
        "President of Uzbekistan Shavkat Mirziyoyev met Nursultan Nazarbayev at the airport."
    )
    assert meetings(text, registry) == [
        (frozenset({"Shavkat Mirziyoyev", "Nursultan Nazarbayev"}), None, "Tashkent")
    ]


def test_a_date_line_ending_with_city_and_country_gives_the_dateline_city() -> None:
    text = (
        "Joint Press Conference following Russian-Uzbekistani Talks\n\n"
        "January 23, 2009, Tashkent, Uzbekistan\n\n"
        "President of Uzbekistan Islam Karimov: Respected Dmitry Anatolyevich!"
    )
    document = read_bytes("d.txt", text.encode())
    assert (document.published, document.dateline_place) == (date(2009, 1, 23), "Tashkent")


def test_a_city_ending_a_sentence_is_still_the_city() -> None:
    text = "It was the second day of a three-day visit to Moscow. After talks, Xi left."
    assert visit_place(text, 0, len(text)) == "Moscow"
    text = "The leaders met in St. Petersburg on Monday."
    assert place_in(text, 0, len(text), DAY) == "St Petersburg"  # the name places.yaml stores


def test_a_meeting_days_into_a_visit_is_in_the_visits_city(registry: Registry) -> None:
    text = (
        " date 2023-03-21 Xi Jinping met with Mikhail Mishustin on March 21 during the second"
        " day of a three-day visit to Moscow.\n\n"
        "After an initial meeting a day earlier with Russian President Vladimir Putin, Xi"
        " described Beijing and Moscow as partners."
    )
    assert (frozenset({"Vladimir Putin", "Xi Jinping"}), date(2023, 3, 20), "Moscow") in (
        meetings(text, registry)
    )


def test_a_scheduled_event_gives_no_place_to_the_days_meeting(registry: Registry) -> None:
    text = (
        " date 2022-07-28 Mirziyoyev hosts Wang Yi\n\n"
        "On July 28, President Shavkat Mirziyoyev received Minister of Foreign Affairs Wang Yi,"
        " who arrived in Uzbekistan to participate in the meeting of the SCO Council.\n\n"
        "For information, the meeting of the SCO Council is scheduled for July 29 in Tashkent."
    )
    assert meetings(text, registry) == [
        (frozenset({"Shavkat Mirziyoyev", "Wang Yi"}), date(2022, 7, 28), None)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # a clause on the cue's noun that is still to come
        "Baku does not oppose the talks that Jeyhun Bayramov and Zohrab Mnatsakanyan will"
        " hold in Geneva on Thursday.",
        # an expectation, not an event
        "Ilham Aliyev expects the negotiations with Nikol Pashinyan to be meaningful.",
    ],
)
def test_talks_still_to_come_are_no_meeting(sentence: str, registry: Registry) -> None:
    assert meetings(f" date 2020-10-26 {sentence}", registry) == []


def test_talks_that_were_held_are_a_meeting(registry: Registry) -> None:
    sentence = "The talks that Jeyhun Bayramov and Zohrab Mnatsakanyan held in Geneva were long."
    assert [m[0] for m in meetings(f" date 2020-10-26 {sentence}", registry)] == [
        frozenset({"Jeyhun Bayramov", "Zohrab Mnatsakanyan"})
    ]


def test_a_lone_speakers_turns_meet_the_other_person_the_title_names(
    registry: Registry,
) -> None:
    # one speaker's turns under "X’s meeting with Y": the meeting of X and Y, though the
    # "Mr President" he greets is no name
    text = (
        " date 2022-11-28 Mikhail Mishustin’s meeting with President of the Republic of"
        " Kazakhstan Kassym-Jomart Tokayev\n\n"
        "Mikhail Mishustin: Good afternoon, Mr President. I am delighted to welcome you to the"
        " Government House.\n\n"
        "You have just had talks with President of the Russian Federation Vladimir Putin in"
        " the Kremlin."
    )
    found = {m[0] for m in meetings(text, registry)}
    assert frozenset({"Mikhail Mishustin", "Kassym-Jomart Tokayev"}) in found


def test_talks_during_a_visit_over_several_days_have_no_day(registry: Registry) -> None:
    text = (
        " date 2021-06-30 President of Kyrgyzstan Sadyr Zhaparov paid on June 29-30 an"
        " official visit to Tajikistan.\n\n"
        "As part of the official visit, Sadyr Zhaparov held talks with President of Tajikistan"
        " Emomali Rahmon."
    )
    assert meetings(text, registry) == [
        (frozenset({"Sadyr Japarov", "Emomali Rahmon"}), None, None)
    ]


def test_talks_dated_in_a_visit_over_several_days_keep_their_day(registry: Registry) -> None:
    text = (
        " date 2021-03-03 Sadyr Japarov paid a state visit to Kazakhstan on March 2-3.\n\n"
        "On March 2, Sadyr Japarov held talks with Kassym-Jomart Tokayev in Nur-Sultan."
    )
    assert meetings(text, registry) == [
        (frozenset({"Sadyr Japarov", "Kassym-Jomart Tokayev"}), date(2021, 3, 2), "Nur-Sultan")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Alexander Lukashenko and Vladimir Putin had breakfast together in Sochi.",
        "Vladimir Putin held a working dinner with Alexander Lukashenko in Sochi.",
        "Vladimir Putin and Alexander Lukashenko negotiated for five hours in Sochi.",
    ],
)
def test_a_meal_or_negotiations_together_are_a_meeting(sentence: str, registry: Registry) -> None:
    assert meetings(f" date 2024-07-09 {sentence}", registry) == [
        (frozenset({"Alexander Lukashenko", "Vladimir Putin"}), date(2024, 7, 9), "Sochi")
    ]


def test_speaking_on_the_sidelines_is_in_person_but_on_the_phone_is_not(
    registry: Registry,
) -> None:
    met = "Vladimir Putin and Alexander Lukashenko spoke on the sidelines of the forum."
    assert len(meetings(f" date 2024-07-09 {met}", registry)) == 1
    called = "Vladimir Putin and Alexander Lukashenko spoke on the phone."
    assert meetings(f" date 2024-07-09 {called}", registry) == []


def test_telling_a_person_face_to_face_is_meeting_him(registry: Registry) -> None:
    text = (
        " date 2023-11-02 Emmanuel Macron was in Uzbekistan.\n\n"
        '"Uzbekistan is transforming," French President Emmanuel Macron told Shavkat'
        " Mirziyoyev in Samarkand on Thursday."
    )
    assert (
        frozenset({"Emmanuel Macron", "Shavkat Mirziyoyev"}),
        date(2023, 11, 2),
        "Samarkand",
    ) in (meetings(text, registry))


@pytest.mark.parametrize(
    "sentence",
    [
        "Shavkat Mirziyoyev told reporters that the talks went well.",
        "Shavkat Mirziyoyev told TASS that the talks went well.",
        "Shavkat Mirziyoyev told Vladimir Putin by phone that the talks went well.",
    ],
)
def test_telling_reporters_an_agency_or_over_the_phone_is_no_meeting(
    sentence: str, registry: Registry
) -> None:
    assert meetings(f" date 2023-11-02 {sentence}", registry) == []


@pytest.mark.parametrize(
    ("sentence", "city"),
    [
        ("They met in the capital of Kazakhstan.", "Astana"),
        ("They met in the Kazakh city of Kostanay.", "Kostanay"),
        ("They met in the southern Russian resort of Sochi.", "Sochi"),
        ("They met at the Diaoyutai State Guesthouse.", "Beijing"),
        # a city's region is not the city
        ("They met in Almaty region.", None),
    ],
)
def test_a_city_named_by_its_kind_its_country_or_a_long_venue(
    sentence: str, city: str | None
) -> None:
    assert place_in(sentence, 0, len(sentence), date(2024, 7, 11)) == city


@pytest.mark.parametrize(
    ("on", "city"),
    [
        # the Akorda is in the capital: Nur-Sultan from 2019-03-23 until 2022-09-17
        (date(2022, 9, 14), "Nur-Sultan"),
        (date(2019, 3, 23), "Nur-Sultan"),
        (date(2022, 9, 17), "Astana"),
        (date(2018, 5, 1), "Astana"),
        (None, "Astana"),
    ],
)
def test_a_venue_names_its_city_as_it_was_called_that_day(on: date | None, city: str) -> None:
    sentence = "Kassym-Jomart Tokayev met Xi Jinping at the Akorda Presidential Palace."
    assert place_in(sentence, 0, len(sentence), on) == city


def test_a_city_written_out_keeps_its_name() -> None:
    sentence = "Kassym-Jomart Tokayev met Xi Jinping in Nur-Sultan."
    assert place_in(sentence, 0, len(sentence), date(2023, 5, 1)) == "Nur-Sultan"


def test_a_sentence_about_another_year_does_not_place_the_articles_meeting(
    registry: Registry,
) -> None:
    text = (
        " date 2022-09-16 Prime Minister Narendra Modi on Friday met President Shavkat Mirziyoyev"
        " on the sidelines of the summit.\n\nThe SCO was founded at a summit in Shanghai in 2001."
    )
    ((_, day, place),) = meetings(text, registry)
    assert (day, place) == (date(2022, 9, 16), None)


@pytest.mark.parametrize(
    "venue", ["the Kok Saray residence", "Kok Saray", "the Kuksaroy residence"]
)
def test_the_tashkent_residence_in_its_spellings(venue: str) -> None:
    sentence = f"Shavkat Mirziyoyev received Kassym-Jomart Tokayev at {venue}."
    assert place_in(sentence, 0, len(sentence), date(2024, 3, 4)) == "Tashkent"
