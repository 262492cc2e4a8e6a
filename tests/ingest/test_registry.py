"""The actor dictionary: loading seed_data/people.yaml and answering the extractor's questions."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.ingest.dictionary_files import names
from webapp.ingest.gazetteer import country_of
from webapp.ingest.people.normal_forms import skeleton
from webapp.ingest.people.normal_forms import surname_of
from webapp.ingest.people.normal_forms import title_key
from webapp.ingest.people.registry import Person
from webapp.ingest.people.registry import Registry
from webapp.ingest.records import How
from webapp.ingest.text import normalise

# -- the real file ---------------------------------------------------------------


def test_real_file_loads(registry: Registry) -> None:
    assert len(registry.people) == 170
    assert sum(len(person.positions) for person in registry.people) == 240
    assert sum(person.unsure for person in registry.people) == 51
    assert all(position.start for person in registry.people for position in person.positions)


@pytest.mark.parametrize(
    ("title", "country", "on", "expected"),
    [
        ("Prime Minister", "Russia", "2024-03-04", ["Mikhail Mishustin"]),
        ("Prime Minister", "Kazakhstan", "2024-03-04", ["Olzhas Bektenov"]),
        ("Prime Minister", "Kazakhstan", "2023-02-03", ["Alikhan Smailov"]),
        ("Prime Minister", "Kazakhstan", "2024-02-01", ["Alikhan Smailov"]),
        # Smailov -> Sklyar (acting) on 02-05 -> Bektenov on 02-06: the incoming one wins.
        ("Prime Minister", "Kazakhstan", "2024-02-05", ["Roman Sklyar"]),
        ("Prime Minister", "Kazakhstan", "2024-02-06", ["Olzhas Bektenov"]),
        ("President", "Russia", "2022-02-13", ["Vladimir Putin"]),
        # Belousov was acting PM 30 Apr - 19 May 2020 while Mishustin stayed PM.
        ("Prime Minister", "Russia", "2020-05-05", ["Mikhail Mishustin"]),
        # Zubkov acted for a day when Putin left the office for the presidency.
        ("Prime Minister", "Russia", "2012-05-07", ["Viktor Zubkov"]),
        ("First Deputy Prime Minister", "Russia", "2010-01-01", ["Viktor Zubkov", "Igor Shuvalov"]),
        # Kyrgyzstan April-December 2010: no prime minister; Otunbayeva headed the
        # interim government.
        ("Prime Minister", "Kyrgyzstan", "2010-06-15", []),
        ("Head of Government", "Kyrgyzstan", "2010-06-15", ["Roza Otunbayeva"]),
        ("President", "Kazakhstan", "2019-03-20", ["Kassym-Jomart Tokayev"]),
        ("President", "Kazakhstan", "2019-03-19", ["Nursultan Nazarbayev"]),
        ("Foreign Minister", "Tajikistan", "2016-06-01", ["Sirojiddin Muhriddin"]),
        ("Foreign Minister", "Tajikistan", "2020-06-01", ["Sirojiddin Muhriddin"]),
        ("Prime Minister", "Tajikistan", "2022-06-01", ["Kokhir Rasulzoda"]),
        ("Premier", "China", "2024-03-04", ["Li Qiang"]),
        ("Prime Minister", "PRC", "2024-03-04", ["Li Qiang"]),
        ("Premier", "Chinese", "2020-01-01", ["Li Keqiang"]),
        ("Chairman of the Government", "Russian Federation", "2024-03-04", ["Mikhail Mishustin"]),
        ("minister of foreign affairs", "Kazakh", "2024-03-04", ["Murat Nurtleu"]),
        ("Foreign Minister", "Republic of Kazakhstan", "2023-04-03", ["Murat Nurtleu"]),
        ("Foreign Minister", "Kazakhstan", "2025-09-26", ["Yermek Kosherbayev"]),
        # Azerbaijan 2003: Aliyev PM while Rasizade acted; the regular holder wins.
        ("Prime Minister", "Azerbaijan", "2003-09-01", ["Ilham Aliyev"]),
        ("President", "Belarusian", "2022-02-13", ["Alexander Lukashenko"]),
        ("Head of State", "Uzbek", "2016-09-05", ["Nigmatilla Yuldashev"]),
        ("Chairwoman of the Federation Council", "Russia", "2024-03-04", ["Valentina Matviyenko"]),
        ("President", "Russia", "1990-01-01", []),
        ("Emperor", "Russia", "2024-03-04", []),
    ],
)
def test_holders(registry: Registry, title: str, country: str, on: str, expected: list) -> None:
    assert names(registry.holders(title, country, date.fromisoformat(on))) == expected


def test_titles_on(registry: Registry) -> None:
    belousov = registry.get("Andrey Belousov")
    assert belousov is not None
    titles = {(p.title, p.acting) for p in registry.titles_on(belousov, date(2020, 5, 5))}
    assert titles == {("Prime Minister", True), ("First Deputy Prime Minister", False)}

    smailov = registry.get("Alikhan Smailov")
    assert smailov is not None
    assert [p.title for p in registry.titles_on(smailov, date(2024, 2, 4))] == ["Prime Minister"]
    assert registry.titles_on(smailov, date(2024, 2, 5)) == ()  # handed over that day

    tokayev = registry.get("Kassym-Jomart Tokayev")
    assert tokayev is not None
    on_handover = registry.titles_on(tokayev, date(2019, 3, 20))
    assert [(p.title, p.acting) for p in on_handover] == [("President", True)]


def test_precision_is_kept_for_partial_dates(registry: Registry) -> None:
    wang = registry.get("Wang Yi")
    assert wang is not None
    first = wang.positions[0]
    assert (first.start, first.end, first.precision) == (
        date(2013, 1, 1),
        date(2022, 12, 31),
        "year",
    )
    assert {p.precision for p in registry.people[0].positions} == {"day"}


# -- names -----------------------------------------------------------------------


def test_get_ignores_case_whitespace_and_diacritics(registry: Registry) -> None:
    smailov = registry.get("Alikhan Smailov")
    assert smailov is not None
    assert registry.get("  ALIKHAN   smailov ") is smailov
    assert registry.get("Älihan Smaiylov") is smailov
    assert registry.get("Alihan Smaiylov") is smailov
    assert registry.get("Kärim Mäsimov") is registry.get("karim masimov") is not None
    assert registry.get("Qasym-Jomart Toqayev") is registry.get("Kassym-Jomart Tokayev")
    assert registry.get("Tokaev") is None  # a bare surname is not a name
    assert registry.get("Nobody Atall") is None


@pytest.mark.parametrize(
    ("text", "expected", "how"),
    [
        ("Alikhan Smailov", "Alikhan Smailov", How.NAME),
        ("Alihan Smailov", "Alikhan Smailov", How.ALIAS),
        ("Vladimir Vladimirovich", "Vladimir Putin", How.ALIAS),
        ("Vladimir Vladimirovich Putin", "Vladimir Putin", How.ALIAS),
        ("Kassym-Zhomart Tokayev", "Kassym-Jomart Tokayev", How.ALIAS),
        ("Sirojiddin Aslov", "Sirojiddin Muhriddin", How.ALIAS),
        ("Qohir Rasulzoda", "Kokhir Rasulzoda", How.ALIAS),
        ("Elbasy", "Nursultan Nazarbayev", How.ALIAS),
        ("习近平", "Xi Jinping", How.ALIAS),
        ("Alihan Smaylov", "Alikhan Smailov", How.FUZZY),
        ("Kasym-Jomart Tokayev", "Kassym-Jomart Tokayev", How.FUZZY),
        ("Sergey Lavrov", "Sergey Lavrov", How.NAME),
        ("Sergej Lavrov", "Sergey Lavrov", How.FUZZY),
        ("Mishustin", "Mikhail Mishustin", How.SURNAME),
        ("Tokaev", "Kassym-Jomart Tokayev", How.SURNAME),  # "Kassym-Jomart Tokaev" is an alias
        ("Xi", "Xi Jinping", How.SURNAME),
    ],
)
def test_match(registry: Registry, text: str, expected: str, how: How) -> None:
    found = registry.match(text)
    assert found is not None
    assert (found[0].name, found[1]) == (expected, how)


@pytest.mark.parametrize(
    "text",
    ["Ivanov", "Sargsyan", "Li", "Aliyev", "Japarov", "Vladimir", "Armen Sargsian Jr", "", "  "],
)
def test_match_refuses_ambiguous_or_unknown(registry: Registry, text: str) -> None:
    assert registry.match(text) is None


def test_fuzzy_matching_without_the_aliases() -> None:
    registry = Registry.from_data(
        [
            {"name": "Alikhan Smailov", "country": "Kazakhstan"},
            {"name": "Kassym-Jomart Tokayev", "country": "Kazakhstan"},
            {"name": "Nursultan Nazarbayev", "country": "Kazakhstan"},
            {"name": "Dariga Nazarbayeva", "country": "Kazakhstan"},
            {"name": "Li Keqiang", "country": "China"},
        ]
    )
    expected = {
        "Alihan Smailov": "Alikhan Smailov",
        "Alikhan Smaiylov": "Alikhan Smailov",
        "Kassym-Zhomart Tokayev": "Kassym-Jomart Tokayev",
        "Kassym-Jomart Tokaev": "Kassym-Jomart Tokayev",
        "Tokaev": "Kassym-Jomart Tokayev",
        "Nazarbaev": "Nursultan Nazarbayev",
    }
    for text, name in expected.items():
        assert registry.get(text) is None
        found = registry.match(text)
        assert found is not None, text
        assert (found[0].name, found[1]) == (name, How.FUZZY)
    found = registry.match("Nazarbayeva")
    assert found is not None and found[0].name == "Dariga Nazarbayeva"
    assert registry.match("Li Qiang") is None
    assert registry.match("Nazarbayevna") is None


def test_no_fuzzy_match_lands_on_another_person(registry: Registry) -> None:
    """Every name, alias and surname of each person, matched against everyone else."""

    def surnames(person: Person) -> dict[str, str]:
        forms = [f for f in (person.name, *person.aliases) if len(f.split()) > 1]
        return {skeleton(normalise(surname_of(f, person.country))): f for f in forms}

    for person in registry.people:
        others = Registry(p for p in registry.people if p is not person)
        taken = {key for other in others.people for key in surnames(other)}
        own = [surname_of(f, person.country) for k, f in surnames(person).items() if k not in taken]
        for text in {person.name, *person.aliases, *own}:
            found = others.match(text)
            assert found is None, f"{text!r} ({person.name}) matched {found}"


def test_surnames(registry: Registry) -> None:
    assert registry.get("Kassym-Jomart Tokayev").surname == "Tokayev"  # type: ignore[union-attr]
    assert registry.get("Xi Jinping").surname == "Xi"  # type: ignore[union-attr]
    assert Person("Li Qiang", "China").surname == "Li"
    assert names(registry.by_surname("aslov")) == ["Sirojiddin Muhriddin"]
    assert set(names(registry.by_surname("Ivanov"))) == {"Igor Ivanov", "Sergei Ivanov"}
    assert "Armen Sarkissian" in names(registry.by_surname("Sargsyan"))
    assert registry.by_surname("Vladimirovich") == ()  # a patronymic, not a surname


def test_surface_forms(registry: Registry) -> None:
    forms = registry.surface_forms()
    assert len(forms) == sum(1 + len(p.aliases) for p in registry.people)
    lengths = [len(text) for text, _, _ in forms]
    assert lengths == sorted(lengths, reverse=True)
    by_text = {text: (person.name, how) for text, person, how in forms}
    assert by_text["Vladimir Vladimirovich"] == ("Vladimir Putin", How.ALIAS)
    assert by_text["Alikhan Smailov"] == ("Alikhan Smailov", How.NAME)
    assert "Putin" not in by_text


@given(data=st.data())
def test_get_is_insensitive_to_case_and_spacing(registry: Registry, data: st.DataObject) -> None:
    text, person, _ = data.draw(st.sampled_from(registry.surface_forms()))
    flips = data.draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    varied = "".join(
        ch.upper() if flip else ch.lower() for ch, flip in zip(text, flips, strict=True)
    )
    padded = "  " + varied.replace(" ", data.draw(st.sampled_from([" ", "  ", "\t"]))) + " "
    assert registry.get(padded) is person


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Russian Federation", "Russia"),
        ("the Russian", "Russia"),
        ("Russia's", "Russia"),
        ("Republic of Kazakhstan", "Kazakhstan"),
        ("Kazakh", "Kazakhstan"),
        ("Kazakhstani", "Kazakhstan"),
        ("PRC", "China"),
        ("Chinese", "China"),
        ("Belarusian", "Belarus"),
        ("Armenian", "Armenia"),
        ("Azerbaijani", "Azerbaijan"),
        ("Kyrgyz", "Kyrgyzstan"),
        ("Tajik", "Tajikistan"),
        ("Uzbek", "Uzbekistan"),
        ("Turkmen", "Turkmenistan"),
        ("French", "France"),
        ("Türkiye", "Turkey"),
        ("Parliament", None),
        ("", None),
    ],
)
def test_country_of(word: str, expected: str | None) -> None:
    assert country_of(word) == expected


def test_title_key() -> None:
    assert title_key("Premier") == title_key("Prime Minister") == "prime minister"
    assert title_key("Chairman of the Government of the Russian Federation") == "prime minister"
    assert title_key("Minister of Foreign Affairs") == "foreign minister"
    assert title_key("Head of Government (interim government)") == "head of government"
