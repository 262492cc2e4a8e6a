"""Envoys and representatives: their long titles, and the office they serve, which is no person."""

from __future__ import annotations

from datetime import date

import pytest

from webapp.ingest.people.mentions import resolve
from webapp.ingest.people.mentions import scan
from webapp.ingest.people.registry import Registry
from webapp.ingest.pipeline import extract_text


def people(text: str, registry: Registry, on: date) -> dict[str, str]:
    """Words as written -> person meant."""
    found = resolve(scan(text, registry), registry, on).mentions
    return {text[m.start : m.end]: m.person for m in found}


def test_an_envoys_remit_is_part_of_the_title_before_the_name(registry: Registry) -> None:
    text = (
        "President Ilham Aliyev has received Special Representative of the Ministry of Foreign"
        " Affairs of the Russian Federation for the normalization of Azerbaijan-Armenia"
        " relations Igor Khovaev."
    )
    extraction = extract_text("e.txt", f" date 2023-09-05 {text}", registry)
    assert [p.name for p in extraction.new_people] == ["Igor Khovaev"]
    assert [set(m.participants) for m in extraction.meetings] == [{"Ilham Aliyev", "Igor Khovaev"}]


def test_a_co_chair_after_the_name_makes_a_new_person(registry: Registry) -> None:
    text = (
        "Ararat Mirzoyan received Igor Khovaev, the Russian Co-Chair of the OSCE Minsk Group,"
        " in Yerevan."
    )
    extraction = extract_text("e.txt", f" date 2022-09-13 {text}", registry)
    assert [p.name for p in extraction.new_people] == ["Igor Khovaev"]


def test_the_office_an_envoy_serves_is_not_a_mention(registry: Registry) -> None:
    # the representative of the Foreign Minister is not the Foreign Minister
    text = "Igor Khovaev, the Special Representative of Foreign Minister of Russia, arrived."
    assert "Sergey Lavrov" not in people(text, registry, date(2022, 9, 13)).values()
    # the Foreign Minister himself is
    text = "The Foreign Minister of Russia arrived in Yerevan."
    assert list(people(text, registry, date(2022, 9, 13)).values()) == ["Sergey Lavrov"]


def test_an_aide_to_the_president_is_not_the_president(registry: Registry) -> None:
    text = "Yuri Ushakov, aide to the President of Russia, told reporters the talks went well."
    assert "Vladimir Putin" not in people(text, registry, date(2024, 10, 20)).values()


def test_the_president_of_a_part_of_the_country_is_not_its_president(registry: Registry) -> None:
    # the possessive ties the office to the republic inside Russia: Tatarstan's president
    text = "President of the Russian Federation`s Republic of Tatarstan Rustam Minnikhanov came."
    assert "Vladimir Putin" not in people(text, registry, date(2015, 4, 14)).values()
    # without it, the office is Russia's own
    text = "President of the Russian Federation arrived in Baku."
    assert list(people(text, registry, date(2015, 4, 14)).values()) == ["Vladimir Putin"]


def test_the_head_of_a_republic_inside_a_country_is_not_the_countrys(registry: Registry) -> None:
    # "Republic of Tatarstan" is no country: the office is no role noun of Azerbaijan's
    # president (the house style's "President of the Republic")
    text = (
        "President of the Republic of Azerbaijan Ilham Aliyev met guests. President of the"
        " Republic of Tatarstan Rustam Minnikhanov thanked him."
    )
    words = people(text, registry, date(2015, 4, 14))
    assert "President of the Republic" not in words
    assert list(words.values()).count("Ilham Aliyev") == 1


def test_a_role_set_off_after_a_name_describes_that_person(registry: Registry) -> None:
    # in 2025 the president of Turkmenistan is Serdar Berdimuhamedow; the role nouns set
    # off after his father's name describe the father
    text = (
        "Vladimir Putin spoke with Gurbanguly Berdimuhamedov, the national leader of"
        " Turkmenistan. Putin and Berdimuhamedov, who was the president of Turkmenistan"
        " until 2022, have a good relationship."
    )
    assert set(people(text, registry, date(2025, 5, 16)).values()) == {
        "Vladimir Putin",
        "Gurbanguly Berdimuhamedow",
    }


def test_a_role_not_set_off_after_a_name_is_resolved_by_the_date(registry: Registry) -> None:
    text = "Vladimir Putin spoke with the president of Turkmenistan on Friday."
    assert set(people(text, registry, date(2025, 5, 16)).values()) == {
        "Vladimir Putin",
        "Serdar Berdimuhamedow",
    }


def test_a_place_named_after_a_person_is_no_mention_of_him(registry: Registry) -> None:
    text = "Abdulla Aripov met the guest at Islam Karimov Tashkent International Airport."
    assert set(people(text, registry, date(2021, 3, 11)).values()) == {"Abdulla Aripov"}
    text = "Islam Karimov met the guest at the airport."
    assert set(people(text, registry, date(2010, 3, 11)).values()) == {"Islam Karimov"}


def test_an_undated_head_of_state_is_the_home_president_the_article_names(
    registry: Registry,
) -> None:
    # Kazinform (Kazakhstan), no date: "Head of State" and "the President" are the Kazakh
    # president the article names, not the visiting prime minister
    text = (
        "NUR-SULTAN. KAZINFORM - Head of State received Prime Minister of Uzbekistan Abdulla"
        " Aripov. Kassym-Jomart Tokayev gave a positive assessment of the cooperation.\n\n"
        "According to the President, this is facilitated by an active dialogue."
    )
    extraction = extract_text("k.txt", f"President receives Prime Minister\n\n{text}", registry)
    assert extraction.document.published is None
    assert [set(m.participants) for m in extraction.meetings] == [
        {"Kassym-Jomart Tokayev", "Abdulla Aripov"}
    ]
    assert [(s.speaker, s.kind.value) for s in extraction.statements] == [
        ("Kassym-Jomart Tokayev", "indirect")
    ]


def test_an_honorific_between_title_and_name_is_neither(registry: Registry) -> None:
    text = "Kassym-Jomart Tokayev met Iranian Supreme Leader Ayatollah Ali Khamenei in Tehran."
    extraction = extract_text("h.txt", f" date 2023-07-09 {text}", registry)
    assert [p.name for p in extraction.new_people] == ["Ali Khamenei"]


def test_staff_ends_a_title_before_a_name(registry: Registry) -> None:
    text = "Vladimir Putin met the chief of the Belarusian General Staff Pavel Muraveiko."
    extraction = extract_text("s.txt", f" date 2023-07-09 {text}", registry)
    assert [p.name for p in extraction.new_people] == ["Pavel Muraveiko"]


def test_a_bare_role_later_names_the_new_person_titled_with_it(registry: Registry) -> None:
    # Shehbaz Sharif is not in the dictionary; "Prime minister" is he, not Kazakhstan's
    text = (
        " date 2023-06-10 Prime Minister Shehbaz Sharif held a telephonic conversation with"
        " President Kassym-Jomart Tokayev of Kazakhstan on Saturday. Prime minister"
        " underscored that Pakistan deeply valued its relations with Kazakhstan."
    )
    extraction = extract_text("p.txt", text, registry)
    assert {m.person for m in extraction.mentions} == {"Shehbaz Sharif", "Kassym-Jomart Tokayev"}
    assert [s.speaker for s in extraction.statements] == ["Shehbaz Sharif"]


@pytest.mark.parametrize(
    ("text", "new"),
    [
        # the press writes a foreign leader as his country's: a new person of that country
        ("Tokayev met Turkey's Recep Tayyip Erdogan in Astana.", "Recep Tayyip Erdogan"),
        ("Vladimir Putin met Mr. Ebrahim Raisi in Moscow.", "Ebrahim Raisi"),
        # a country's province, directorate or newspaper is no person
        ("Xi Jinping met Sadyr Japarov in China's Shaanxi Province.", None),
        ("Türkiye's Communications Directorate announced the call.", None),
        ("China's Global Times reported that Xi Jinping met Vladimir Putin.", None),
    ],
)  # fmt: skip
def test_a_countrys_possessive_or_an_honorific_before_a_name(
    text: str, new: str | None, registry: Registry
) -> None:
    extraction = extract_text("c.txt", f" date 2023-07-09 {text}", registry)
    assert [p.name for p in extraction.new_people] == ([new] if new else [])


def test_a_long_title_with_a_body_in_lower_case_titles_the_guest(registry: Registry) -> None:
    # the delegation's head has two titles, the second naming a committee in lower case
    text = (
        "On September 9, President Shavkat Mirziyoyev received the government delegation of"
        " the People’s Republic of China headed by the Secretary of the Political and Legal"
        " Affairs Commission of the Central Committee of the Communist Party of China,"
        " co-chairman of Uzbekistan-China intergovernmental committee on cooperation Meng"
        " Jianzhu."
    )
    extraction = extract_text("e.txt", f" date 2017-09-09 {text}", registry)
    assert [p.name for p in extraction.new_people] == ["Meng Jianzhu"]
    assert [set(m.participants) for m in extraction.meetings] == [
        {"Shavkat Mirziyoyev", "Meng Jianzhu"}
    ]
