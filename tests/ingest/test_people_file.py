"""The dictionary file: how it is validated, and that it is what the reference says."""

from __future__ import annotations

import calendar
import importlib.util
import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.ingest.dictionary_files import BUILDER
from tests.ingest.dictionary_files import PEOPLE
from tests.ingest.dictionary_files import REFERENCE
from tests.ingest.dictionary_files import load_yaml
from webapp.ingest.people.registry import Registry
from webapp.ingest.people.registry import RegistryError

# -- validation ------------------------------------------------------------------

GOOD = """\
- name: Mikhail Mishustin
  country: Russia
  positions:
  - {title: Prime Minister, country: Russia, from: 2020-01-16, to: null}
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            GOOD + "- name: Olzhas Bektenov\n  positions:\n  - {title: PM, from: 2024-13-01}\n",
            "people.yaml entry 1 (Olzhas Bektenov): positions[0].from: '2024-13-01' is not a date",
        ),
        (
            GOOD + "- name: Olzhas Bektenov\n  positions:\n  - {title: PM, from: '2024-13-01'}\n",
            "people.yaml entry 1 (Olzhas Bektenov): positions[0].from: '2024-13-01' is not a date",
        ),
        (
            "- name: X\n  positions:\n  - {title: PM, from: 2024-02-01}\n",
            "people.yaml entry 0 (X): positions[0].country: missing",
        ),
        (
            "- name: X\n  country: Kazakhstan\n  positions:\n  - {title: PM, to: 2024-02}\n",
            "people.yaml entry 0 (X): positions[0].to: '2024-02' is not a date",
        ),
        (
            "- name: X\n  positions:\n  - {title: PM, country: K, from: '2024-02'}\n",
            "people.yaml entry 0 (X): positions[0].from: '2024-02' is not a date",
        ),
        ("- name: X\n  nickname: Y\n", "people.yaml entry 0 (X): nickname: unknown key"),
        (
            "- name: X\n  positions:\n  - {title: PM, country: K, until: 2024-01-01}\n",
            "people.yaml entry 0 (X): positions[0].until: unknown key",
        ),
        ("- country: Russia\n", "people.yaml entry 0: name: missing"),
        ("- name: '  '\n", "people.yaml entry 0: name: '  ' is not text"),
        (
            "- name: X\n  positions:\n"
            "  - {title: PM, country: K, from: 2024-03-01, to: 2024-02-01}\n",
            "people.yaml entry 0 (X): positions[0]: from 2024-03-01 is after to 2024-02-01",
        ),
        (
            GOOD + "- name: mikhail  MISHUSTIN\n",
            "people.yaml entry 1 (mikhail  MISHUSTIN): name: 'mikhail MISHUSTIN' also names"
            " entry 0 (Mikhail Mishustin)",
        ),
        (
            GOOD + "- name: Sergei Ivanov\n  aliases: [Sergey Ivanov]\n"
            "- name: Igor Ivanov\n  aliases: [Igor Sergeyevich Ivanov, Sergey Ivanov]\n",
            "people.yaml entry 2 (Igor Ivanov): aliases[1]: 'Sergey Ivanov' also names"
            " entry 1 (Sergei Ivanov)",
        ),
        (
            "- name: X\n  positions:\n"
            "  - {title: PM, country: K, from: 2020-01-01, to: 2022-01-01}\n"
            "  - {title: Premier, country: K, from: 2021-01-01}\n",
            "people.yaml entry 0 (X): positions[1]: overlaps positions[0] (PM)",
        ),
        ("- name: X\n  acting: true\n", "people.yaml entry 0 (X): acting: unknown key"),
        (
            "- name: X\n  positions:\n  - {title: PM, country: K, acting: 'yes'}\n",
            "people.yaml entry 0 (X): positions[0].acting: 'yes' is not true or false",
        ),
        (
            "- name: X\n  positions:\n  - {title: PM, country: K, precision: week}\n",
            "people.yaml entry 0 (X): positions[0].precision: 'week' is not one of",
        ),
        ("- name: X\n  aliases: Y\n", "people.yaml entry 0 (X): aliases: expected a list, got str"),
        ("- just a string\n", "people.yaml entry 0: entry: expected a mapping, got str"),
        ("name: X\n", "people.yaml: expected a list of people, got dict"),
        ("", "people.yaml: expected a list of people, got NoneType"),
        ("- name: [unclosed\n", "people.yaml: not valid YAML"),
    ],
)
def test_validation_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(RegistryError) as caught:
        load_yaml(tmp_path, text)
    assert str(caught.value).startswith(message)


def test_touching_and_acting_overlaps_are_allowed(tmp_path: Path) -> None:
    registry = load_yaml(
        tmp_path,
        """\
        - name: Mikhail Mishustin
          positions:
          - {title: Prime Minister, country: Russia, from: 2020-01-16, to: 2024-05-07}
          - {title: Prime Minister, country: Russia, from: 2024-05-07}
          - {title: Prime Minister, country: Russia, from: 2020-04-30, to: 2020-05-19, acting: true}
        """,
    )
    (mishustin,) = registry.people
    assert len(mishustin.positions) == 3
    assert [p.precision for p in mishustin.positions] == ["day"] * 3


def test_unsure_follows_unsourced_positions(tmp_path: Path) -> None:
    registry = load_yaml(
        tmp_path,
        """\
        - name: A
          positions: [{title: PM, country: K, source: 'https://x', confirmed: false}]
        - name: B
          positions: [{title: PM, country: L, from: 2020-01-01, source: null}]
        - name: C
          positions: [{title: PM, country: M, from: 2020-01-01, source: 'https://x'}]
        """,
    )
    assert [p.unsure for p in registry.people] == [True, True, False]


def test_python_tags_are_refused(tmp_path: Path) -> None:
    text = "- name: X\n  country: !!python/object/apply:os.system ['echo hacked']\n"
    with pytest.raises(RegistryError, match="not valid YAML"):
        load_yaml(tmp_path, text)
    with pytest.raises(RegistryError, match="not valid YAML"):
        load_yaml(tmp_path, "- !!python/object:webapp.ingest.registry.Person {name: X}\n")


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_bytes(b"- name: \xff\xfe\n")
    with pytest.raises(RegistryError, match="people.yaml: cannot read"):
        Registry.load(path)
    with pytest.raises(RegistryError, match="cannot read"):
        Registry.load(tmp_path / "missing.yaml")


# -- the dictionary against the reference ------------------------------------------


def _expand(value: str | None, *, end: bool) -> tuple[date | None, str]:
    if value is None:
        return None, "day"
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return date(*parts), "day"
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], last if end else 1), "month"
    return (date(parts[0], 12, 31) if end else date(parts[0], 1, 1)), "year"


def test_people_yaml_matches_the_reference(registry: Registry) -> None:
    rows = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert {row["person"] for row in rows} == {person.name for person in registry.people}
    rank = {"day": 0, "month": 1, "year": 2}
    unmatched = {person.name: list(person.positions) for person in registry.people}
    for row in rows:
        person = registry.get(row["person"])
        assert person is not None and person.name == row["person"]
        assert person.country == row["country"]
        assert set(row["aliases"]) - {person.name} <= set(person.aliases)
        start, start_precision = _expand(row["from"], end=False)
        end, end_precision = _expand(row["to"], end=True)
        wanted = (
            row["title"],
            row["country"],
            start,
            end,
            row["acting"],
            row["confirmed"],
            max(start_precision, end_precision, key=rank.__getitem__),
            row["source"],
        )
        found = [
            p
            for p in unmatched[person.name]
            if (p.title, p.country, p.start, p.end, p.acting, p.confirmed, p.precision, p.source)
            == wanted
        ]
        assert found, f"no position in people.yaml for {row}"
        unmatched[person.name].remove(found[0])
        if not row["confirmed"] or row["source"] is None:
            assert person.unsure, person.name
    assert not any(unmatched.values()), "people.yaml has positions the reference lacks"
    assert {p.name for p in registry.people if p.unsure} == {
        row["person"] for row in rows if not row["confirmed"] or row["source"] is None
    }


def test_people_yaml_is_what_the_builder_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("build_people", BUILDER)
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    written: list[bytes] = []
    monkeypatch.setattr("sys.stdout", SimpleNamespace(buffer=SimpleNamespace(write=written.append)))
    assert builder.main(["build_people.py", str(REFERENCE)]) == 0
    assert b"".join(written) == PEOPLE.read_bytes(), "regenerate seed_data/people.yaml"
