"""Server benchmark (DESIGN.md §5): 10 tables x 2 remote players, 24 quarters, loopback.

    python bench/bench_server.py [--tables N] [--quarters N] [--facilitators N] [--runs N]
                                 [--profile FILE]

A `compute-race serve` subprocess hosts the tables; this process runs every seat. Each
quarter both seats of a table first ask for their bot's orders, then submit at once; the
round trip is from the first submit to both seats holding the next quarter's update (both
orders in, the quarter resolved and written to disk, both views pushed). Afterwards every
record is read back: each quarter must hold exactly the orders sent. Measured, never
asserted in tests. Target: p99 ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from game.net.client import SeatClient, connect
from game.records import read_record

SIDES = ("us", "china")


async def wait_turn(client: SeatClient, turn: int) -> None:
    while client.table is None or (client.table.turn < turn and not client.table.over):
        await client.wait_change()


async def play_table(seats: dict[str, SeatClient], quarters: int,
                     sent: dict[tuple[int, str], Any], trips: list[float]) -> None:
    for turn in range(quarters):
        orders = {side: (await seats[side].request("suggest")).detail["orders"]
                  for side in SIDES}
        started = time.perf_counter()
        await asyncio.gather(*(seats[side].request("submit", turn=turn, orders=orders[side],
                                                   player="bot:balanced")
                               for side in SIDES))
        await asyncio.gather(*(wait_turn(seats[side], turn + 1) for side in SIDES))
        trips.append(time.perf_counter() - started)
        for side in SIDES:
            sent[(turn, side)] = orders[side]


async def bench(tables: int, quarters: int, data: Path,
                profile: str | None = None, facilitators: int = 0) -> dict[str, Any]:
    profiler = ["-m", "cProfile", "-o", profile] if profile else []
    proc = subprocess.Popen(
        [sys.executable, *profiler, "-m", "game", "serve", "baseline-2025", "--tables", str(tables),
         "--port", "0", "--data", str(data), "--seed", "1", "--format", "json"],
        stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    start = json.loads(proc.stdout.readline())
    trips: list[float] = []
    sent: list[dict[tuple[int, str], Any]] = [{} for _ in range(tables)]
    try:
        async with AsyncExitStack() as stack:
            seats = [{side: await stack.enter_async_context(
                         connect(start["url"], row["seats"][side])) for side in SIDES}
                     for row in start["tables"]]
            for row in start["tables"][:facilitators]:  # each also gets every overview
                await stack.enter_async_context(connect(start["url"],
                                                        row["seats"]["facilitator"]))
            began, server_cpu, client_cpu = (time.perf_counter(), cpu_seconds(proc.pid),
                                             time.process_time())
            await asyncio.gather(*(play_table(seats[k], quarters, sent[k], trips)
                                   for k in range(tables)))
            wall = time.perf_counter() - began
            server_cpu = cpu_seconds(proc.pid) - server_cpu
            client_cpu = time.process_time() - client_cpu
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    problems = 0
    for k, row in enumerate(start["tables"]):
        record = read_record(row["record"])
        problems += abs(len(record.turns) - quarters)
        for turn, entry in enumerate(record.turns):
            for side in SIDES:
                if getattr(entry.orders, side).model_dump(mode="json") != sent[k][(turn, side)]:
                    problems += 1
    trips.sort()
    return {"tables": tables, "quarters": quarters, "round_trips": len(trips),
            "facilitators": facilitators,
            "p50_ms": 1000 * statistics.median(trips),
            "p99_ms": 1000 * trips[min(len(trips) - 1, int(0.99 * len(trips)))],
            "max_ms": 1000 * trips[-1], "wall_s": wall, "order_problems": problems,
            "server_cpu_ms_per_quarter": 1000 * server_cpu / len(trips),
            "client_cpu_ms_per_quarter": 1000 * client_cpu / len(trips),
            "load": os.getloadavg()[0]}


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (Linux /proc): the machine is shared, so the
    CPU a quarter costs says more than its wall time."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=10)
    parser.add_argument("--quarters", type=int, default=24)
    parser.add_argument("--dir", default=None, help="where the data directory goes (default: the system temp dir)")
    parser.add_argument("--facilitators", type=int, default=0, metavar="N",
                        help="also connect the facilitators of the first N tables (each is "
                             "sent its table's console and the overview of all tables)")
    parser.add_argument("--profile", default=None, metavar="FILE",
                        help="run the server under cProfile, its stats written to FILE "
                             "(python -m pstats FILE): wall-clock time of the event loop's "
                             "thread, so the writes' threads are not in it")
    parser.add_argument("--runs", type=int, default=1, metavar="N",
                        help="repeat the whole benchmark N times (a shared machine is noisy) "
                             "and end with the median of each figure")
    args = parser.parse_args()
    results = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(dir=args.dir) as data:
            results.append(asyncio.run(bench(args.tables, args.quarters, Path(data),
                                             args.profile, args.facilitators)))
        report(results[-1])
    if len(results) > 1:
        print(f"median of {len(results)} runs: " + ", ".join(
            f"{key} {statistics.median(r[key] for r in results):.1f}"
            for key in ("p50_ms", "p99_ms", "server_cpu_ms_per_quarter", "load"))
            + f"; lost or duplicated orders in all: {sum(r['order_problems'] for r in results)}")


def report(result: dict[str, Any]) -> None:
    watching = f" + {result['facilitators']} facilitators" if result["facilitators"] else ""
    print(f"{result['tables']} tables x 2 players x {result['quarters']} quarters{watching}: "
          f"{result['round_trips']} round trips, p50 {result['p50_ms']:.0f} ms, "
          f"p99 {result['p99_ms']:.0f} ms, max {result['max_ms']:.0f} ms "
          f"(target p99 <= 200 ms); wall {result['wall_s']:.1f} s; "
          f"lost or duplicated orders: {result['order_problems']}")
    print(f"CPU per quarter (one table): server {result['server_cpu_ms_per_quarter']:.1f} ms, "
          f"clients {result['client_cpu_ms_per_quarter']:.1f} ms; load average during the "
          f"run {result['load']:.1f} on {os.cpu_count()} cores", flush=True)


if __name__ == "__main__":
    main()
