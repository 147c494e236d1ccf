"""Timing shared by the benchmark scripts (run as `python scripts/bench_*.py`, which puts this
folder on the import path): each task's median wall and CPU time, against its target."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def measure(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm-up: caches are part of normal operation, first-call costs are not
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def report(tasks: dict[str, Callable[[], object]], runs: int,
           targets: dict[str, float]) -> int:
    """Time each task, print its medians and whether its wall time meets its target (in
    seconds); 1 if any target is missed, else 0 (the script's exit status)."""
    width = max(map(len, tasks))
    failed = False
    for name, fn in tasks.items():
        wall, cpu = measure(fn, runs)
        target = targets.get(name)
        verdict = ""
        if target is not None:
            ok = wall <= target
            failed |= not ok
            verdict = f"  target <= {target:.2f} s: {'ok' if ok else 'MISSED'}"
        print(f"{name:{width}s} median {wall * 1000:8.1f} ms wall, {cpu * 1000:8.1f} ms CPU"
              f"{verdict}")
    return 1 if failed else 0


def page_fetch(client: object, path: str) -> Callable[[], object]:
    """A task that gets ``path`` with a Flask test ``client``, which must answer 200."""
    def get() -> object:
        response = client.get(path)  # type: ignore[attr-defined]
        assert response.status_code == 200, response.status_code
        return response
    return get
