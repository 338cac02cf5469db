"""What a sweep may ask of the machine (issue 15): a cap on worker processes and an
estimate of a sweep's memory, so `--workers 200` or `--runs 10000000` on a small machine
is refused with the figures instead of swapping it to a halt.

The memory figures were measured (peak RSS, baseline-2025, 24 turns): a worker process
holds about 60 MB before any game, a chunk in flight about 20 kB per game (2,500 games:
about 50 MB), and the results about 2 x 8 bytes per final figure per game (kept, then
concatenated).
"""

from __future__ import annotations

import os

from game.engine.metrics import METRIC_NAMES
from game.model.errors import InputError

WORKERS_PER_CORE = 4
"""`--workers` may ask for at most this many processes per core: beyond it a sweep only
waits longer for the same cores and multiplies its memory."""
WORKER_BYTES = 60 * 2**20
CHUNK_BYTES_PER_GAME = 20 * 2**10
USABLE_SHARE = 0.8  # of the memory available now: the rest is the system's and the user's


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def max_workers() -> int:
    return WORKERS_PER_CORE * cores()


def check_workers(workers: int) -> int:
    """`workers`, or an InputError naming the cap."""
    cap = max_workers()
    if workers > cap:
        raise InputError([f"--workers {workers}: over the limit of {cap} ({WORKERS_PER_CORE} "
                          f"per core, {cores()} cores here); more processes than that only "
                          "share the same cores and multiply the memory"])
    return workers


def result_bytes_per_game(settings: int) -> int:
    """Bytes a finished game's results take while a sweep is collected: every final
    figure for both sides, seed, tension, winner, crisis flag and the sampled settings,
    twice (the chunks and their concatenation)."""
    return 2 * (len(METRIC_NAMES) * 2 * 8 + 8 + 8 + 8 + 1 + 8 * settings)


def sweep_bytes(runs: int, workers: int, chunk_games: int, settings: int = 0) -> int:
    """Estimated peak memory of a sweep: the worker processes with a chunk each, plus the
    results the parent collects."""
    in_flight = min(runs, chunk_games)
    per_worker = WORKER_BYTES + in_flight * CHUNK_BYTES_PER_GAME
    return max(workers, 1) * per_worker + runs * result_bytes_per_game(settings)


def available_bytes() -> int | None:
    """Memory available to new work now (Linux MemAvailable; elsewhere free pages), or
    None when the platform does not say."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def check_sweep_fits(runs: int, workers: int, chunk_games: int, settings: int = 0,
                     available: int | None = None) -> None:
    """Raise InputError, with the figures, when a sweep will not fit in memory."""
    need = sweep_bytes(runs, workers, chunk_games, settings)
    have = available if available is not None else available_bytes()
    if have is None or need <= USABLE_SHARE * have:
        return
    raise InputError([f"--runs {runs:,} on {workers} worker(s): needs about "
                      f"{need / 2**30:.1f} GiB of memory, but {have / 2**30:.1f} GiB is "
                      f"available (the limit is {USABLE_SHARE:.0%} of it); use fewer runs "
                      "or workers, or a --scheduler cluster"])
