"""Time the pure ingest stages, read and extract, per article, and print medians in µs.

    python -m tests.benchmarks.bench_extract                    # 2,000 generated articles
    python -m tests.benchmarks.bench_extract --count 500 --repeat 3
    python -m tests.benchmarks.bench_extract --corpus /tmp/corpus --profile 30

The generated corpus is written to a temporary folder unless --corpus names an
existing one. The five seed articles in seed_data/articles are timed as a second
group. The registry is loaded once, outside the timings; every article is timed
--repeat times and its fastest run kept, so that the figures show the cost of
the code rather than the noise of the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar

from tests.benchmarks.make_corpus import make_corpus
from webapp import PROJECT_ROOT
from webapp.ingest import Registry
from webapp.ingest import extract
from webapp.ingest import read_bytes

SEEDS = PROJECT_ROOT / "seed_data" / "articles"
PEOPLE = PROJECT_ROOT / "seed_data" / "people.yaml"

T = TypeVar("T")


def fastest(run: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The shortest of ``repeat`` runs, in µs, and the result."""
    best = float("inf")
    for _ in range(max(repeat, 1)):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best * 1e6, result


def time_group(
    label: str, files: Sequence[tuple[str, bytes]], registry: Registry, repeat: int
) -> None:
    reads: list[float] = []
    extracts: list[float] = []
    for name, data in files:
        read_us, document = fastest(partial(read_bytes, name, data), repeat)
        extract_us, _ = fastest(partial(extract, document, registry), repeat)
        reads.append(read_us)
        extracts.append(extract_us)
    print(f"{label} ({len(files)} articles, best of {repeat})")
    print(f"  {'stage':<10}{'median µs':>12}{'mean µs':>12}{'p95 µs':>12}{'max µs':>12}")
    for stage, times in (("read", reads), ("extract", extracts)):
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        print(
            f"  {stage:<10}{statistics.median(times):>12.1f}{statistics.fmean(times):>12.1f}"
            f"{p95:>12.1f}{max(times):>12.1f}"
        )
    total = sum(reads) + sum(extracts)
    print(f"  read + extract: {len(files) / total * 1e6:,.0f} articles/s")


def profile(files: Sequence[tuple[str, bytes]], registry: Registry, lines: int) -> None:
    documents = [read_bytes(name, data) for name, data in files]
    profiler = cProfile.Profile()
    profiler.enable()
    for document in documents:
        extract(document, registry)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(lines)


def load(folder: Path) -> list[tuple[str, bytes]]:
    return [(path.name, path.read_bytes()) for path in sorted(folder.glob("*.txt"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="generated articles (2000)")
    parser.add_argument("--corpus", type=Path, help="use the .txt files of this folder instead")
    parser.add_argument("--repeat", type=int, default=5, help="runs per article (default 5)")
    parser.add_argument(
        "--profile", type=int, metavar="LINES", help="also print a cProfile of extract"
    )
    args = parser.parse_args()

    registry = Registry.load(PEOPLE)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.corpus
        if folder is None:
            folder = Path(tmp) / "corpus"
            make_corpus(args.count, folder)
        corpus = load(folder)
    seeds = load(SEEDS)
    time_group("generated corpus", corpus, registry, args.repeat)
    time_group("seed articles", seeds, registry, max(args.repeat, 20))
    if args.profile:
        profile([*corpus, *seeds], registry, args.profile)


if __name__ == "__main__":
    main()
