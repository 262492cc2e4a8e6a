"""The shipped tables of outlets and places: they load, and a bad entry is named."""

from __future__ import annotations

from datetime import date

import pytest

from webapp.ingest import gazetteer
from webapp.ingest.read import outlets as outlet_table

OUTLET = {"name": "Example News", "kind": "agency", "spellings": ["EXN"], "domains": ["ex.kz"]}


def test_the_outlets_table_loads_and_answers() -> None:
    table = outlet_table.outlets()
    assert len(table.outlets) >= 60
    assert table.named("(AA)").name == "Anadolu Agency"
    assert table.named("KAZINFORM").name == "Kazinform"
    assert table.named("ТАСС").name == "TASS"
    assert table.site("Official website of the President of Russia").name == "Kremlin"
    assert table.domain("www.tass.com").name == "TASS"
    assert table.domain("en.kremlin.ru").name == "Kremlin"
    assert table.named("Nobody Gazette") is None


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({**OUTLET, "kind": "blog"}, "entry 1 (Example News): kind must be one of"),
        ({**OUTLET, "spellings": "EXN"}, "entry 1 (Example News): spellings must be a list"),
        ({**OUTLET, "name": ""}, "entry 1: name must be a non-empty string"),
        ({**OUTLET, "colour": "red"}, "entry 1: unknown field 'colour'"),
        ({**OUTLET, "spellings": ["TASS"]}, "spellings 'TASS' also names TASS"),
        ({**OUTLET, "domains": ["tass.com"]}, "domains 'tass.com' also names TASS"),
    ],
)
def test_a_bad_outlet_is_named(entry: dict, message: str) -> None:
    tass = {"name": "TASS", "kind": "agency", "domains": ["tass.com"]}
    with pytest.raises(outlet_table.OutletError, match="outlets.yaml: ") as raised:
        outlet_table.parse([tass, entry])
    assert message in str(raised.value)


def test_the_places_table_loads_and_answers() -> None:
    assert gazetteer.city_name("St. Petersburg") == "St Petersburg"
    assert gazetteer.city_name("Alma-Ata") == "Almaty"
    assert gazetteer.city_name("the Kremlin") == "Moscow"
    assert gazetteer.city_name("Akorda") == "Astana"
    assert gazetteer.city_name("Nur-Sultan") == "Nur-Sultan"  # a former name is kept as written
    assert gazetteer.city_name("Moscow-based") == "Moscow"
    assert gazetteer.city_name("Narnia") is None
    assert gazetteer.country_of("Kyrgyz Republic") == "Kyrgyzstan"
    assert gazetteer.country_of_place("Xi'an") == "China"


@pytest.mark.parametrize(
    ("on", "capital"),
    [(date(1995, 6, 1), "Almaty"), (date(2021, 6, 1), "Nur-Sultan"), (date(2023, 6, 1), "Astana")],
)
def test_a_capital_is_named_as_it_was_on_the_day(on: date, capital: str) -> None:
    assert gazetteer.capital_of("Kazakhstan", on) == capital


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"countries": []}, "expected the two lists"),
        (
            {
                "countries": [{"name": "Kazakhstan"}],
                "cities": [{"name": "Oz", "country": "Emerald"}],
            },
            "cities[0] (Oz): unknown country 'Emerald'",
        ),
        (
            {
                "countries": [{"name": "Kazakhstan"}],
                "cities": [
                    {"name": "Astana", "country": "Kazakhstan"},
                    {"name": "Almaty", "country": "Kazakhstan", "spellings": ["Astana"]},
                ],
            },
            "cities[1] (Almaty): 'Astana' also names Astana",
        ),
        (
            {
                "countries": [{"name": "Kazakhstan"}],
                "cities": [
                    {"name": "A", "country": "Kazakhstan", "former": [{"name": "B", "to": "x"}]}
                ],
            },
            "cities[0].former[0]: to must be a date",
        ),
    ],
)
def test_a_bad_place_is_named(data: dict, message: str) -> None:
    with pytest.raises(gazetteer.PlacesError) as raised:
        gazetteer.parse(data)
    assert message in str(raised.value)
