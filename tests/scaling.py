"""How cost grows with input: ten times the input must cost about ten times the time.

A limit in seconds fails whenever the machine is busy. Here a small and a ten
times larger input are timed side by side, in processor time (waiting for a
busy processor does not count) and without garbage collection, and only their
ratio is checked: a linear scan gives about 10, a quadratic one about 100, and
the limit of 30 lies well between them.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TypeVar

Input = TypeVar("Input")

GROWTH = 10
LIMIT = 30


def smaller(data: Input) -> Input:
    """``data`` (bytes or text) cut to a tenth of its length, keeping its last character."""
    return data[: len(data) // GROWTH - 1] + data[-1:]  # type: ignore[index,operator]


def assert_linear(
    run: Callable[[Input], object], small: Input, large: Input, repeats: int = 3
) -> None:
    """``run(large)`` costs under ``LIMIT`` times what ``run(small)`` costs.

    ``large`` should be about ``GROWTH`` times ``small``. Each side is timed
    ``repeats`` times, interleaved, and the fastest of each is compared: a
    pause of the machine makes one run slower, not the fastest.
    """
    run(small)  # compiled patterns, caches and imports are not the cost measured
    small_times, large_times = [], []
    for _ in range(repeats):
        small_times.append(seconds(run, small))
        large_times.append(seconds(run, large))
    ratio = min(large_times) / min(small_times)
    assert ratio < LIMIT, (
        f"{GROWTH}x the input took {ratio:.0f}x the time "
        f"({min(small_times):.4f} s, then {min(large_times):.4f} s)"
    )


def seconds(run: Callable[[Input], object], data: Input) -> float:
    """The processor time ``run(data)`` takes, without the garbage collector's pauses.

    A collection walks every live object, so collecting during a run that keeps
    many objects alive makes it look worse than linear when it is not.
    """
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        run(data)
        return time.process_time() - started
    finally:
        gc.enable()
