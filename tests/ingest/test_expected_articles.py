"""Read and extract every article that has an expected YAML, and compare.

The rules of comparison are those of ``tests/ingest/expected/README.md``:
every statement, meeting and person extracted must be expected or optional.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.ingest.expected_records import article_path
from tests.ingest.expected_records import expected_files
from tests.ingest.expected_records import load
from tests.ingest.expected_records import meeting_matches
from tests.ingest.expected_records import normal
from tests.ingest.expected_records import people_of
from tests.ingest.expected_records import statement_matches
from tests.ingest.expected_records import title_matches
from webapp.ingest import Extraction
from webapp.ingest import Registry
from webapp.ingest import extract
from webapp.ingest import read_path

EXPECTED = expected_files("seeds")


@pytest.fixture(scope="module")
def extractions(registry: Registry) -> dict[str, Extraction]:
    cache: dict[str, Extraction] = {}
    for path in EXPECTED:
        expected = load(path)
        cache[path.stem] = extract(read_path(article_path("seeds", expected["file"])), registry)
    return cache


ids = [path.stem for path in EXPECTED]


@pytest.mark.parametrize("path", EXPECTED, ids=ids)
def test_document(path: Path, extractions: dict[str, Extraction]) -> None:
    expected = load(path)
    document = extractions[path.stem].document
    assert title_matches(document.title, document.notes, document.text, expected["title"])
    assert document.published == expected["published"]
    assert document.source == expected["source"]
    if expected.get("subtitle") is not None:
        assert normal(document.subtitle) == normal(expected["subtitle"])


@pytest.mark.parametrize("path", EXPECTED, ids=ids)
def test_people(path: Path, extractions: dict[str, Extraction]) -> None:
    expected = load(path)
    extraction = extractions[path.stem]
    found = {mention.person for mention in extraction.mentions}
    found |= {person.name for person in extraction.new_people}
    wanted = people_of(expected["people"])
    optional = set(expected.get("optional_people") or ())
    assert wanted <= found, f"missing: {sorted(wanted - found)}"
    assert found <= wanted | optional, f"extra: {sorted(found - wanted - optional)}"
    new = {person.name: person for person in extraction.new_people}
    for entry in expected["people"]:
        if isinstance(entry, dict) and entry.get("new"):
            assert entry["name"] in new
            if entry.get("country"):
                assert new[entry["name"]].country == entry["country"]


@pytest.mark.parametrize("path", EXPECTED, ids=ids)
def test_meetings(path: Path, extractions: dict[str, Extraction]) -> None:
    expected = load(path)
    meetings = extractions[path.stem].meetings
    wanted = expected.get("meetings") or []
    optional = expected.get("optional_meetings") or []
    missing = [w for w in wanted if not any(meeting_matches(m, w) for m in meetings)]
    assert not missing, f"missing {missing}; extracted {meetings}"
    extra = [m for m in meetings if not any(meeting_matches(m, w) for w in [*wanted, *optional])]
    assert not extra, f"false positives {extra}"


@pytest.mark.parametrize("path", EXPECTED, ids=ids)
def test_statements(path: Path, extractions: dict[str, Extraction]) -> None:
    expected = load(path)
    extraction = extractions[path.stem]
    text = extraction.document.text
    found = [
        (text[s.start : s.end], s.speaker, s.kind.value, s.kind) for s in extraction.statements
    ]
    wanted = expected.get("statements") or []
    optional = expected.get("optional_statements") or []
    missing = [
        w for w in wanted if not any(statement_matches(t, sp, k, w) for t, sp, k, _ in found)
    ]
    assert not missing, f"missing {missing}"
    extra = [
        (k, sp, t)
        for t, sp, k, kind in found
        if not any(statement_matches(t, sp, k, w) for w in [*wanted, *optional])
    ]
    assert not extra, f"false positives {extra}"


def test_every_article_has_been_compared() -> None:
    assert len(EXPECTED) >= 5
    assert all(isinstance(load(path)["published"], date | None) for path in EXPECTED)
