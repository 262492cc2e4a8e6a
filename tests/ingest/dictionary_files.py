"""Where the dictionary's files are, and small helpers for tests that write their own."""

from __future__ import annotations

import textwrap
from pathlib import Path

from webapp import PROJECT_ROOT
from webapp.ingest.people.registry import Person
from webapp.ingest.people.registry import Registry

PEOPLE = PROJECT_ROOT / "seed_data" / "people.yaml"
BUILDER = PROJECT_ROOT / "seed_data" / "build_people.py"
REFERENCE = PROJECT_ROOT / "seed_data" / "reference" / "positions.json"


def load_yaml(tmp_path: Path, text: str) -> Registry:
    """A registry from a dictionary written for the test (indented text is dedented)."""
    path = tmp_path / "people.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return Registry.load(path)


def names(people: tuple[Person, ...]) -> list[str]:
    return [person.name for person in people]
