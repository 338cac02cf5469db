"""Benchmarks for the balance audit, lookahead at batch speed and Dask (issue 11; DESIGN.md
section 5). Prints each figure next to its target; never a test assertion.

    python bench/bench_balance.py            # all of it (the full audit takes minutes)
    python bench/bench_balance.py --skip-full

- `balance baseline-2025 --quick` and a full audit, whole process, 2 workers;
- 200 games with a lookahead side (one sweep process) against one whole `run` process
  with the lookahead bot;
- a sweep on a local Dask cluster of 2 workers against `--workers 1`: the same JSON?
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

SCENARIO = "baseline-2025"
CLI = [sys.executable, "-m", "game"]


def whole(args: list[str]) -> tuple[float, str]:
    """Seconds for one whole `compute-race` process, and its standard output."""
    start = time.perf_counter()
    done = subprocess.run([*CLI, *args], check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout


def best_whole(args: list[str], repeats: int) -> float:
    return min(whole(args)[0] for _ in range(repeats))


def dask_equal(runs: int) -> tuple[bool, float]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        seconds, remote = whole(["sweep", SCENARIO, "--runs", str(runs), "--format", "json",
                                 "--scheduler", cluster.scheduler_address])
    _, local = whole(["sweep", SCENARIO, "--runs", str(runs), "--format", "json",
                      "--workers", "1"])
    return json.loads(remote) == json.loads(local), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-full", action="store_true", help="skip the full audit")
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []

    one_run = best_whole(["run", SCENARIO, "--us", "bot:lookahead", "--format", "json"], 3)
    rows.append(("whole process `run --us bot:lookahead`", f"{one_run:.2f} s", ""))
    sweep = best_whole(["sweep", SCENARIO, "--runs", "200", "--us", "bot:lookahead",
                        "--format", "json", "--workers", "2"], 1)
    rows.append(("200 games with a lookahead side (`sweep`, 2 workers)",
                 f"{sweep:.1f} s = {sweep / one_run:.0f}x one run", "<= 20x one run"))

    quick = best_whole(["balance", SCENARIO, "--quick", "--workers", "2", "--format",
                        "json"], 1)
    rows.append(("`balance baseline-2025 --quick` (2 workers)", f"{quick:.0f} s", "<= 180 s"))
    if not args.skip_full:
        full = best_whole(["balance", SCENARIO, "--workers", "2", "--format", "json"], 1)
        rows.append(("`balance baseline-2025` full audit (2 workers)", f"{full:.0f} s",
                     "<= 900 s"))

    same, seconds = dask_equal(2000)
    rows.append(("sweep --runs 2000 on a LocalCluster of 2 workers = --workers 1",
                 f"{'same JSON' if same else 'DIFFERENT'} ({seconds:.1f} s)", "same JSON"))

    width = max(len(r[0]) for r in rows)
    for name, measured, target in rows:
        print(f"{name:<{width}}  {measured:>28}  {target}")


if __name__ == "__main__":
    main()
