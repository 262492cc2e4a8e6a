"""A manifest beside the article files: what the operator knows of each file.

``manifest.csv`` (a header row, then one row per file) or ``manifest.json`` (a
list of objects) in a folder of articles, with the fields ``file`` and any of
``url``, ``published``, ``source``, ``title``. What a row gives is used instead of
what the reader infers. Every manifest is read and checked before anything is
written, so that a bad row stops the run with the file, the row and the field
named, and nothing half done.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from webapp.ingest import Given
from webapp.ingest import GivenError
from webapp.ingest import given

NAMES = ("manifest.csv", "manifest.json")
#: a manifest larger than this is refused rather than read into memory
MAX_BYTES = 20 * 1024 * 1024


class ManifestError(ValueError):
    """A manifest that cannot be used; the message names the file, row and field."""


def manifests(files: Iterable[Path]) -> dict[Path, Given]:
    """Each file's row from the manifest of its folder, for the folders of ``files``."""
    rows: dict[Path, Given] = {}
    for folder in dict.fromkeys(path.parent for path in files):
        for name in NAMES:
            path = folder / name
            if path.is_file():
                rows.update({folder / file: meta for file, meta in load(path).items()})
    return rows


def load(path: Path) -> dict[str, Given]:
    """The rows of one manifest, by file name."""
    if path.stat().st_size > MAX_BYTES:
        raise ManifestError(f"{path}: larger than {MAX_BYTES} bytes")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ManifestError(f"{path}: cannot read: {error}") from None
    records = _json_rows(path, text) if path.suffix == ".json" else _csv_rows(path, text)
    found: dict[str, Given] = {}
    for where, record in records:
        name = str(record.pop("file", "") or "").strip()
        if not name:
            raise ManifestError(f"{path}: {where}: file is missing")
        if name in found:
            raise ManifestError(f"{path}: {where}: {name} is listed twice")
        if Path(name).name != name:
            raise ManifestError(
                f"{path}: {where}: file must be a name in this folder, got {name!r}"
            )
        try:
            found[name] = given(record)
        except GivenError as error:
            raise ManifestError(f"{path}: {where} ({name}): {error}") from None
    return found


def _csv_rows(path: Path, text: str) -> list[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames is None or "file" not in reader.fieldnames:
        raise ManifestError(f"{path}: the header row must name a 'file' column")
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise ManifestError(f"{path}: row {number}: more values than columns")
        rows.append((f"row {number}", dict(row)))
    return rows


def _json_rows(path: Path, text: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ManifestError(f"{path}: not valid JSON: {error}") from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ManifestError(f"{path}: expected a list of objects, one per file")
    return [(f"item {index}", dict(item)) for index, item in enumerate(data)]
