"""Read and extract every article that has an expected YAML, and compare.

The rules of comparison are those of ``tests/ingest/expected/README.md``:
every statement, meeting and person extracted must be expected or optional.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from webapp.ingest.people.registry import Registry
from webapp.ingest.pipeline import extract
from webapp.ingest.read.reader import read_path
from webapp.ingest.records import Extraction
from webapp.ingest.records import Meeting

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
EXPECTED = sorted((HERE / "expected").glob("*.yaml"))
ARTICLE_DIRS = (ROOT / "seed_data" / "articles", HERE / "articles")


def normal(text: str | None) -> str | None:
    if text is None:
        return None
    return " ".join(text.replace("\u00a0", " ").replace("\r\n", "\n").split())


def article_path(name: str) -> Path:
    for folder in ARTICLE_DIRS:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(name)


@pytest.fixture(scope="module")
def extractions(registry: Registry) -> dict[str, Extraction]:
    cache: dict[str, Extraction] = {}
    for path in EXPECTED:
        expected = yaml.safe_load(path.read_text(encoding="utf-8"))
        cache[path.stem] = extract(read_path(article_path(expected["file"])), registry)
    return cache


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


ids = [path.stem for path in EXPECTED]


@pytest.mark.parametrize("path", EXPECTED, ids=ids)
def test_document(path: Path, extractions: dict[str, Extraction]) -> None:
    expected = load(path)
    document = extractions[path.stem].document
    if expected["title"] is None and "title taken from the first sentence" in document.notes:
        title = normal(document.title).removesuffix("…")
        assert normal(document.text).startswith(title)
    else:
        assert normal(document.title) == normal(expected["title"])
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
    wanted = {entry if isinstance(entry, str) else entry["name"] for entry in expected["people"]}
    optional = set(expected.get("optional_people") or ())
    assert wanted <= found, f"missing: {sorted(wanted - found)}"
    assert found <= wanted | optional, f"extra: {sorted(found - wanted - optional)}"
    new = {person.name: person for person in extraction.new_people}
    for entry in expected["people"]:
        if isinstance(entry, dict) and entry.get("new"):
            assert entry["name"] in new
            if entry.get("country"):
                assert new[entry["name"]].country == entry["country"]


def meeting_matches(meeting: Meeting, wanted: dict[str, Any], strict: bool = True) -> bool:
    if set(meeting.participants) != set(wanted["participants"]):
        return False
    if meeting.date != wanted["date"]:
        return False
    if (meeting.place or "").lower() != (wanted["place"] or "").lower():
        return False
    occasion = wanted.get("occasion")
    if occasion is None:
        return not strict or meeting.occasion is None
    return meeting.occasion is not None and occasion in meeting.occasion


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


def statement_matches(words: str, speaker: str | None, kind: str, wanted: dict[str, Any]) -> bool:
    if speaker != wanted["speaker"] or kind != wanted["kind"]:
        return False
    words = normal(words) or ""
    if "text" in wanted:
        return words == normal(wanted["text"])
    if "contains" in wanted:
        return (normal(wanted["contains"]) or "") in words
    return words.startswith(normal(wanted["starts"]) or "") and words.endswith(
        normal(wanted["ends"]) or ""
    )


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
