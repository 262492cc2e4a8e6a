"""A seeding run: files in, one transaction each, a summary out.

This is seeding as a library: the ``seed`` command is a thin shell over
:func:`seed_paths`, and tests and benchmarks call it directly. The rules:

* the people dictionary is applied first;
* an article already loaded (same SHA-256) is left alone unless re-extracted;
* each article is read and extracted, here or in worker processes, and
  written here, in the order of the files, in its own transaction, tried
  again when the database is busy;
* a file that fails is named in the summary with its reason, and the run goes on;
* a dry run keeps one transaction open, so that each article sees what the ones
  before it would have written, and rolls it back at the end.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from webapp.ingest import Registry
from webapp.seed import reconcile
from webapp.seed.dictionary import apply_dictionary
from webapp.seed.manifest import manifests
from webapp.seed.prepare import Prepared
from webapp.seed.prepare import prepared_files
from webapp.seed.rows import Outcome
from webapp.seed.rows import SeedCache
from webapp.words import plural

#: how often one article's transaction is tried when the database is busy
WRITE_ATTEMPTS = 3
#: PostgreSQL's serialization failure and deadlock: safe to try again
BUSY_SQLSTATES = ("40001", "40P01")


class DryRunStopped(RuntimeError):
    """A write failed during a dry run, whose one transaction cannot go on."""


@dataclass
class Summary:
    """What a run did, or would do."""

    dry_run: bool = False
    #: people the dictionary added
    dictionary_people: int = 0
    added: int = 0
    unchanged: int = 0
    reextracted: int = 0
    #: one line per file that failed: the file and the reason
    failed: list[str] = field(default_factory=list)
    people: int = 0
    meetings: int = 0
    statements: int = 0

    def record(self, outcome: Outcome) -> None:
        self.people += len(outcome.people)
        self.meetings += len(outcome.meetings)
        self.statements += len(outcome.statements)
        if outcome.reextracted:
            self.reextracted += 1
        else:
            self.added += 1

    def lines(self) -> list[str]:
        verb = "Would add" if self.dry_run else "Added"
        return [
            f"{verb} {plural(self.added, 'article')}; {self.unchanged} unchanged, "
            f"{self.reextracted} re-extracted, {len(self.failed)} failed.",
            f"{'Would create' if self.dry_run else 'Created'} {plural(self.meetings, 'meeting')}, "
            f"{plural(self.statements, 'statement')} and "
            f"{plural(self.people, 'person', 'people')} not in the dictionary.",
        ]


def article_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the *.txt files under the folders named, in a stable order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file() or p.is_symlink()))
        else:
            files.append(path)
    return files


def seed_paths(
    session: Session,
    files: Iterable[Path],
    registry: Registry,
    *,
    reextract: bool = False,
    dry_run: bool = False,
    jobs: int = 1,
    on_dictionary: Callable[[int], None] | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> Summary:
    """Apply the dictionary, then seed each file.

    ``jobs`` processes read and extract the files (``prepare``); this one
    writes them, in order, one transaction each, so the result does not
    depend on ``jobs``. ``on_dictionary`` is told how many people the
    dictionary added, once they are in; ``on_file`` is told after each file.

    Commits after the dictionary and after each article, except in a dry run,
    which rolls everything back before it returns. Raises ``ManifestError``,
    before anything is written, for a bad manifest beside the files, and
    ``DryRunStopped`` when a write fails during a dry run.
    """
    files = list(files)
    rows = manifests(files)
    summary = Summary(dry_run=dry_run)
    try:
        summary.dictionary_people = len(apply_dictionary(session, registry))
        if not dry_run:
            session.commit()
        if on_dictionary is not None:
            on_dictionary(summary.dictionary_people)
        cache = SeedCache(session)
        loaded = frozenset() if reextract else cache.loaded
        prepared = prepared_files(files, rows, registry, loaded, jobs)
        for path, ready in zip(files, prepared, strict=True):
            seed_prepared(session, path, ready, cache, summary, reextract=reextract)
            if on_file is not None:
                on_file(path)
    finally:
        if dry_run:
            session.rollback()
    return summary


def seed_prepared(
    session: Session,
    path: Path,
    ready: Prepared,
    cache: SeedCache,
    summary: Summary,
    *,
    reextract: bool = False,
) -> None:
    """Write one prepared file in its own transaction, and count what happened."""
    if ready.document is None:
        summary.failed.append(ready.failure)
        return
    if not reextract and ready.document.sha256 in cache.loaded:
        summary.unchanged += 1
        return
    if ready.extraction is None:
        summary.failed.append(ready.failure)
        return
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            outcome = reconcile.seed_article(session, ready.extraction, cache, reextract=reextract)
            if not summary.dry_run:
                session.commit()
            break
        except Exception as error:  # one bad article must not stop the run
            session.rollback()
            cache.rollback()
            if summary.dry_run:
                raise DryRunStopped(f"dry run stopped at {path}: {error}") from error
            if attempt < WRITE_ATTEMPTS and is_busy(error):
                time.sleep(0.2 * attempt)
                continue
            summary.failed.append(f"{path}: {type(error).__name__}: {error}")
            return
    cache.commit()
    if outcome is None:
        summary.unchanged += 1
    else:
        summary.record(outcome)


def is_busy(error: Exception) -> bool:
    """A write that lost a race for the database and may simply be tried again."""
    if not isinstance(error, sa.exc.OperationalError):
        return False
    return (
        "database is locked" in str(error.orig)
        or getattr(error.orig, "sqlstate", None) in BUSY_SQLSTATES
    )
