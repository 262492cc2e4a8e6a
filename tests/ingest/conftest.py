"""The actor dictionary, loaded once for every ingest test that needs it."""

from __future__ import annotations

import pytest

from tests.ingest.dictionary_files import PEOPLE
from webapp.ingest import Registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.load(PEOPLE)
