"""Reading and extracting the files of a run, in this process or in worker processes.

Reading and extraction are pure (``webapp.ingest``), so they can run in a pool
of processes while the one writer, the caller, writes each article in its own
transaction. Results come back in the order of the files, a few batches
ahead of the writer and no more, so that memory stays flat however long the
run. In one process each file is read and extracted only when the writer
asks for it.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Collection
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from webapp.ingest import Document
from webapp.ingest import Extraction
from webapp.ingest import Given
from webapp.ingest import ReadError
from webapp.ingest import Registry
from webapp.ingest import extract
from webapp.ingest import read_path
from webapp.ingest.records import pickled_by_fields

#: files per task sent to a worker: fewer, larger messages between the processes
BATCH = 16
#: batches in flight per worker: enough to keep the workers busy while the writer writes
AHEAD = 4
#: workers the command starts by default, at most: one writer cannot keep more busy
MAX_DEFAULT_JOBS = 4


def default_jobs() -> int:
    """The processors this process may use, up to ``MAX_DEFAULT_JOBS``."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, min(available, MAX_DEFAULT_JOBS))


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Prepared:
    """One file made ready for writing, or the reason it cannot be."""

    document: Document | None = None
    #: None when the file was not extracted: it failed, or its article is loaded
    extraction: Extraction | None = None
    failure: str | None = None


def prepare(
    path: Path, given: Given | None, registry: Registry, loaded: Collection[str]
) -> Prepared:
    """Read a file and extract it, unless its bytes are among ``loaded``."""
    try:
        document = read_path(path, given)
    except ReadError as error:
        return Prepared(failure=str(error))
    if document.sha256 in loaded:
        return Prepared(document)
    try:
        return Prepared(document, extract(document, registry))
    except Exception as error:  # noqa: BLE001 - one bad article must not stop the run
        return Prepared(
            document, failure=f"{path}: extraction failed: {type(error).__name__}: {error}"
        )


def prepared_files(
    files: list[Path],
    given: dict[Path, Given],
    registry: Registry,
    loaded: Collection[str],
    jobs: int = 1,
) -> Iterator[Prepared]:
    """Each file prepared, in order: in this process, or in ``jobs`` worker processes.

    ``loaded`` is read as the writer goes in one process; the workers get a
    copy taken at the start, so the writer must still check each document
    against what it has loaded since.
    """
    if jobs <= 1 or len(files) <= BATCH:
        for path in files:
            yield prepare(path, given.get(path), registry, loaded)
        return
    batches = [files[start : start + BATCH] for start in range(0, len(files), BATCH)]
    with ProcessPoolExecutor(
        max_workers=jobs,
        initializer=_start_worker,
        initargs=(registry, frozenset(loaded), os.getpid()),
    ) as pool:
        pending: deque[Future[list[Prepared]]] = deque()
        try:
            for batch in batches:
                pending.append(pool.submit(_prepare_batch, [(p, given.get(p)) for p in batch]))
                if len(pending) >= jobs * AHEAD:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


_worker: dict[str, object] = {}


def _start_worker(registry: Registry, loaded: frozenset[str], writer: int) -> None:
    _worker["registry"] = registry
    _worker["loaded"] = loaded
    threading.Thread(target=_exit_with, args=(writer,), daemon=True).start()


def _exit_with(writer: int) -> None:
    """End this worker once the writer is gone, killed without a chance to stop the pool."""
    while os.getppid() == writer:
        time.sleep(0.5)
    os._exit(1)


def _prepare_batch(batch: list[tuple[Path, Given | None]]) -> list[Prepared]:
    registry, loaded = _worker["registry"], _worker["loaded"]
    return [prepare(path, given, registry, loaded) for path, given in batch]
