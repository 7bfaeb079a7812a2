"""Timing helpers the benchmarks share (not a benchmark itself)."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def median_s(fn: Callable[[], object], repeat: int) -> float:
    """The median of ``repeat`` timed calls, after one untimed call (imports, caches)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_median_s(ours: Callable[[], object], bare: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Medians of ours and of the bare library, timed in turn (ours, bare, ours, …) so that a change in the
    machine's load falls on both alike, each after a full collection so that neither pays for the other's garbage."""
    ours()
    bare()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for fn, out in ((ours, times[0]), (bare, times[1])):
            gc.collect()  # each starts clean: the collections a call's own garbage causes fall in its own time
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])
