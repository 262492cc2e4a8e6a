"""Person mentions: names, spellings, surnames, role nouns by date, new people."""

from __future__ import annotations

from datetime import date

import pytest

from tests.scaling import assert_linear
from webapp.ingest.people.mentions import resolve
from webapp.ingest.people.mentions import scan
from webapp.ingest.people.names import matcher_for
from webapp.ingest.people.registry import Registry
from webapp.ingest.pipeline import extract_text
from webapp.ingest.records import How
from webapp.ingest.records import Mention


def mentions(text: str, registry: Registry, on: date | None = date(2023, 10, 26)) -> list[Mention]:
    return resolve(scan(text, registry), registry, on).mentions


def found(text: str, registry: Registry, on: date | None = date(2023, 10, 26)) -> dict[str, str]:
    """Words as written -> person meant."""
    return {text[m.start : m.end]: m.person for m in mentions(text, registry, on)}


def test_one_man_spelled_two_ways(registry: Registry) -> None:
    text = "Alihan Smailov met Mikhail Mishustin. Later Alikhan Smailov spoke to reporters."
    people = found(text, registry)
    assert people["Alihan Smailov"] == "Alikhan Smailov"
    assert people["Alikhan Smailov"] == "Alikhan Smailov"


def test_spelling_variant_absent_from_the_dictionary_is_fuzzy(registry: Registry) -> None:
    text = "Prime Minister Mikhail Mishoustin arrived in Astana."
    [mention] = mentions(text, registry)
    assert (mention.person, mention.how) == ("Mikhail Mishustin", How.FUZZY)
    assert text[mention.start : mention.end] == "Mikhail Mishoustin"


def test_name_and_patronymic(registry: Registry) -> None:
    text = "I just had very intensive negotiations with Vladimir Vladimirovich."
    assert found(text, registry) == {"Vladimir Vladimirovich": "Vladimir Putin"}


def test_surname_after_a_full_name_and_possessive(registry: Registry) -> None:
    text = "Olzhas Bektenov arrived. Bektenov's visit was his first. Mishustin welcomed him."
    people = found(text, registry, date(2024, 3, 4))
    assert people["Bektenov"] == "Olzhas Bektenov"
    assert people["Mishustin"] == "Mikhail Mishustin"


def test_role_noun_is_resolved_by_date(registry: Registry) -> None:
    text = "The Kazakh Prime Minister arrived."
    assert found(text, registry, date(2023, 10, 26)) == {
        "The Kazakh Prime Minister": "Alikhan Smailov"
    }
    assert found(text, registry, date(2024, 3, 4)) == {
        "The Kazakh Prime Minister": "Olzhas Bektenov"
    }


@pytest.mark.parametrize(
    ("phrase", "person"),
    [
        ("the Chinese Premier", "Li Qiang"),
        ("Russian PM", "Mikhail Mishustin"),
        ("the Prime Minister of the Russian Federation", "Mikhail Mishustin"),
        ("the head of the Russian government", "Mikhail Mishustin"),
        ("the President of Kazakhstan", "Kassym-Jomart Tokayev"),
        ("the Speaker of the Kazakh Senate", "Maulen Ashimbayev"),
        ("the Russian leader", "Vladimir Putin"),
    ],
)
def test_role_noun_forms(registry: Registry, phrase: str, person: str) -> None:
    text = f"Yesterday {phrase} spoke."
    assert found(text, registry) == {phrase: person}


def test_bare_title_takes_the_country_of_the_last_holder_named(registry: Registry) -> None:
    text = "Head of State Kassym-Jomart Tokayev met Mikhail Mishustin. The head of state noted it."
    assert found(text, registry, date(2022, 2, 10))["The head of state"] == "Kassym-Jomart Tokayev"


def test_counterpart_holds_the_same_office(registry: Registry) -> None:
    text = "Russian Prime Minister Mikhail Mishustin held talks with his Kazakh counterpart."
    people = found(text, registry, date(2023, 1, 5))
    assert people["his Kazakh counterpart"] == "Alikhan Smailov"


def test_the_kazakh_side_is_not_a_person(registry: Registry) -> None:
    assert found("Mishustin thanked the Kazakh side.", registry) == {
        "Mishustin": "Mikhail Mishustin"
    }


def test_titled_name_absent_from_the_dictionary_is_a_new_person(registry: Registry) -> None:
    text = "Kazakh Ambassador Aidar Nurov attended. Nurov said little."
    extraction = extract_text("new.txt", " date 2024-03-04 " + text, registry)
    [person] = extraction.new_people
    assert (person.name, person.country) == ("Aidar Nurov", "Kazakhstan")
    hows = {extraction.document.text[m.start : m.end]: m.how for m in extraction.mentions}
    assert hows["Aidar Nurov"] is How.NEW
    assert hows["Nurov"] is How.SURNAME


def test_untitled_unknown_name_is_not_invented(registry: Registry) -> None:
    assert found("Digital Almaty opened on Monday.", registry) == {}


def test_matcher_is_built_once_per_registry(registry: Registry) -> None:
    assert matcher_for(registry) is matcher_for(registry)


def test_name_scan_stays_fast_on_long_text(registry: Registry) -> None:
    def scan_names(text: str) -> None:
        assert len(mentions(text, registry, date(2024, 3, 4))) == 2 * text.count("Moscow")

    text = "Mikhail Mishustin met Olzhas Bektenov in Moscow. "
    assert_linear(scan_names, text * 200, text * 2000)


def test_particles_do_not_count_towards_the_length_of_a_name(registry: Registry) -> None:
    text = "UAE President Sheikh Mohamed bin Zayed Al Nahyan arrived. Sheikh Mohamed said little."
    extraction = extract_text("uae.txt", " date 2024-03-04 " + text, registry)
    assert [person.name for person in extraction.new_people] == ["Mohamed bin Zayed Al Nahyan"]
    clean = extraction.document.text
    [later] = [m for m in extraction.mentions if clean[m.start : m.end + 5] == "Mohamed said"]
    assert later.person == "Mohamed bin Zayed Al Nahyan"


def test_an_honorific_in_initials_is_not_part_of_the_name(registry: Registry) -> None:
    text = "The talks were attended by H.H. Suroor bin Mohammed Al Nahyan and others."
    extraction = extract_text("uae.txt", " date 2024-03-04 " + text, registry)
    assert [person.name for person in extraction.new_people] == ["Suroor bin Mohammed Al Nahyan"]


def test_five_words_without_particles_are_not_one_name(registry: Registry) -> None:
    text = "Minister Aidar Bolat Serik Nurlan Kanat spoke."
    extraction = extract_text("long.txt", " date 2024-03-04 " + text, registry)
    assert extraction.new_people == ()


def test_a_surname_misspelt_by_one_letter_is_the_person_named_in_full(
    registry: Registry,
) -> None:
    text = "German Chancellor Olaf Scholz arrived in Astana. Scholtz thanked his hosts."
    extraction = extract_text("de.txt", " date 2024-09-16 " + text, registry)
    clean = extraction.document.text
    spelled = {clean[m.start : m.end]: (m.person, m.how) for m in extraction.mentions}
    assert spelled["Scholtz"] == ("Olaf Scholz", How.SURNAME)


def test_a_word_one_letter_from_two_surnames_names_neither(registry: Registry) -> None:
    text = "Minister Aidar Baran met Minister Nurlan Bakan. Later Barin spoke to reporters."
    extraction = extract_text("two.txt", " date 2024-09-16 " + text, registry)
    clean = extraction.document.text
    assert "Barin" not in {clean[m.start : m.end] for m in extraction.mentions}


def test_a_title_with_its_abbreviation_and_an_honorific_before_a_name(
    registry: Registry,
) -> None:
    text = "External Affairs Minister (EAM) Dr. S Jaishankar spoke. Jaishankar left."
    extraction = extract_text("in.txt", " date 2022-07-30 " + text, registry)
    assert [person.name for person in extraction.new_people] == ["S Jaishankar"]


@pytest.mark.parametrize(
    ("text", "new"),
    [
        ("According to Dmitry Peskov, the press secretary for the Kremlin, talks went well.",
         ["Dmitry Peskov"]),
        ("Yury Ushakov, Putin's aide on foreign policy, told journalists little.",
         ["Yury Ushakov"]),
        # the title of the next name, and the subject of the next clause, are not appositions
        ("Talks began in Xi'an, Shaanxi Province, with Chinese President Aidar Nurov.",
         ["Aidar Nurov"]),
        ("On the Caspian Pipeline Consortium, the Kazakh minister said little.", []),
    ],
)  # fmt: skip
def test_a_title_after_a_name_makes_a_new_person(
    registry: Registry, text: str, new: list[str]
) -> None:
    extraction = extract_text("after.txt", " date 2024-10-01 " + text, registry)
    assert [person.name for person in extraction.new_people] == new


def test_people_of_a_closing_list_of_other_headlines_are_not_the_articles(
    registry: Registry,
) -> None:
    text = (
        "Tokayev meets Putin\n\nKassym-Jomart Tokayev met Vladimir Putin in Astana.\n\n"
        "Woman Jailed Over False Claim -\n\nKing Charles' Decision Labelled 'long Overdue' -\n\n"
        "Minister Aidar Nurov Opens New Bridge -\n\nColumbia University Sacks Staff"
    )
    extraction = extract_text("links.txt", " date 2024-03-04 " + text, registry)
    assert {m.person for m in extraction.mentions} == {"Kassym-Jomart Tokayev", "Vladimir Putin"}
    assert extraction.new_people == ()


def test_short_closing_turns_of_a_transcript_keep_their_speakers(registry: Registry) -> None:
    text = (
        "Talks in Astana\n\nKassym-Jomart Tokayev met Vladimir Putin in Astana.\n\n"
        "Vladimir Putin: Thank you\n\nKassym-Jomart Tokayev: Thank you\n\n"
        "Vladimir Putin: Goodbye"
    )
    extraction = extract_text("turns.txt", " date 2024-03-04 " + text, registry)
    assert len(extraction.mentions) == 5


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the country's name of two words before the name is not part of it
        (
            "Tokayev met the Crown Prince of Saudi Arabia Mohammed bin Salman.",
            "Mohammed bin Salman",
        ),
        ("Tokayev met the President of South Korea Yoon Suk Yeol.", "Yoon Suk Yeol"),
        ("Tokayev met Saudi Crown Prince Mohammed bin Salman.", "Mohammed bin Salman"),
    ],
)
def test_a_new_person_after_a_country_of_two_words(
    text: str, name: str, registry: Registry
) -> None:
    assert [m.person for m in mentions(text, registry) if m.how is How.NEW] == [name]


def test_the_head_of_state_of_an_undated_page_is_the_one_president_named(
    registry: Registry,
) -> None:
    # no date and no country of the site: the only person named who was ever a president
    text = (
        "In Minsk, he held talks with President of Belarus Alexander Lukashenko. "
        '"We are always ready to cooperate," the head of state said.'
    )
    extraction = extract_text("u.txt", text, registry)
    (statement,) = extraction.statements
    assert statement.speaker == "Alexander Lukashenko"
    # with two presidents named, the head of state is neither
    text = (
        "Alexander Lukashenko held talks with Vladimir Putin. "
        '"We are always ready to cooperate," the head of state said.'
    )
    assert "the head of state" not in [
        text[m.start : m.end] for m in extract_text("u.txt", text, registry).mentions
    ]
