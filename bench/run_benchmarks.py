"""Benchmarks for DESIGN.md section 5 (issues 2 and 6). Prints each figure next to its
target. Run from the repository: `python bench/run_benchmarks.py [--quick]`.

Timings are the best of a few repeats (the least disturbed by other load); whole-process
figures start a fresh interpreter, as a user's shell does. These are measurements, never
test assertions: the machine decides them.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np

from game.analysis.par import rules_with_par
from game.bots import make_bot
from game.bots.observation import observe
from game.engine.orders import repeat_orders
from game.engine.rng import derive_seeds
from game.engine.step import step
from game.model.compile import opening_state
from game.model.loader import load_scenario
from game.model.orders import Orders
from game.session import Game

SCENARIO = "baseline-2025"


def best_of(fn: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def engine_game_turns(batch: int, turns: int = 24, bots: bool = False) -> float:
    """Seconds for `turns` turns of `batch` games: the engine alone with fixed orders, or
    with the balanced bot deciding both sides."""
    scenario = load_scenario(SCENARIO)
    rules = rules_with_par(scenario)
    start_state = opening_state(scenario, derive_seeds(1, batch), rules)
    us = repeat_orders(Orders.default("us").to_arrays(), batch)
    china = repeat_orders(Orders.default("china").to_arrays(), batch)
    bot = make_bot("balanced")

    def play() -> None:
        state = start_state
        for turn in range(turns):
            if bots:
                a = bot.decide(observe(state, rules, turn, turns, 0))
                b = bot.decide(observe(state, rules, turn, turns, 1))
            else:
                a, b = us, china
            state, _ = step(state, a, b, rules, turn)

    return best_of(play, 5 if batch <= 1000 else (2 if batch <= 10_000 else 1))


def process_seconds(argv: list[str], repeats: int = 3) -> float:
    cmd = [sys.executable, "-m", "game", *argv]
    return best_of(lambda: subprocess.run(cmd, check=True, capture_output=True), repeats)


def peak_memory_mb(batch: int) -> float:
    """Peak resident memory of a fresh process playing `batch` games with bots."""
    code = (
        "import resource, numpy as np\n"
        "from game.analysis.batch import run_batch\n"
        "from game.engine.rng import derive_seeds\n"
        "from game.model.loader import load_scenario\n"
        f"run_batch(load_scenario('{SCENARIO}'), derive_seeds(1, {batch}), collect=False)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout
    return int(out.strip().splitlines()[-1]) / 1024  # Linux reports KiB


def advisor_seconds() -> float:
    game = Game.new(load_scenario(SCENARIO), seed=7)
    orders = game.suggested_orders("us")
    game.forecast("us", orders, futures=1000)  # warm: par and caches
    return best_of(lambda: game.forecast("us", orders, futures=1000), 5)


def lookahead_seconds() -> float:
    scenario = load_scenario(SCENARIO)
    rules = rules_with_par(scenario)
    state = opening_state(scenario, derive_seeds(3, 1), rules)
    bot = make_bot("lookahead")
    obs = observe(state, rules, 0, scenario.clock.turns, 0, opening=state)
    bot.decide(obs)
    return best_of(lambda: bot.decide(obs), 5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip batch 100,000 and memory")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    rows: list[tuple[str, str, str]] = []

    def row(name: str, value: str, target: str) -> None:
        rows.append((name, value, target))
        if not args.json:
            print(f"{name:<48} {value:>16}   {target}", flush=True)

    if not args.json:
        print(f"# {platform.processor() or platform.machine()}, {platform.python_version()}, "
              f"numpy {np.__version__}")
    one = engine_game_turns(1)
    row("one 24-turn game, engine only", f"{one * 1000:.1f} ms", "<= 20 ms")
    row("one 24-turn game, engine + balanced bots", f"{engine_game_turns(1, bots=True) * 1000:.1f} ms",
        "")
    batches = (1, 100, 10_000) if args.quick else (1, 100, 10_000, 100_000)
    for b in batches:
        rate = b * 24 / engine_game_turns(b)
        row(f"game-turns/s at batch {b:,}, engine, one core", f"{rate:,.0f}",
            ">= 500,000 at 10,000" if b == 10_000 else "")
    rate = 10_000 * 24 / engine_game_turns(10_000, bots=True)
    row("game-turns/s at batch 10,000, engine + bots", f"{rate:,.0f}", "")
    row("whole process: run baseline-2025 --format json",
        f"{process_seconds(['run', SCENARIO, '--format', 'json']):.2f} s", "<= 1 s")
    row("whole process: sweep --runs 10000 --format json",
        f"{process_seconds(['sweep', SCENARIO, '--runs', '10000', '--format', 'json'], 2):.2f} s",
        "<= 2 s on 2 cores")
    row("advisor forecast (1,000 futures x 8 turns)", f"{advisor_seconds() * 1000:.0f} ms",
        "<= 150 ms")
    row("lookahead bot decision (16 plans x 64 x 4)", f"{lookahead_seconds() * 1000:.0f} ms",
        "<= 250 ms")
    if not args.quick:
        row("peak memory, batch 100,000 with bots", f"{peak_memory_mb(100_000):,.0f} MB",
            "<= 1 GB")
    if args.json:
        print(json.dumps([{"figure": n, "measured": v, "target": t} for n, v, t in rows],
                         indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
