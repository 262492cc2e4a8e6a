"""The actor dictionary, loaded once for every ingest test that needs it."""

from __future__ import annotations

import pytest

from webapp import PROJECT_ROOT
from webapp.ingest import Registry

PEOPLE = PROJECT_ROOT / "seed_data" / "people.yaml"


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.load(PEOPLE)
