"""UI benchmarks (DESIGN.md §5): first screen after launch, and a turn resolved and redrawn.

    python bench/bench_ui.py [--runs N]

Measured, never asserted in tests. Targets: first screen ≤ 1.5 s; turn ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time

# The child launches the app headless and says when the title screen is up.
FIRST_SCREEN = """
import asyncio
from game.tui.app import ComputeRaceApp
from game.tui.screens.title import TitleScreen

async def main():
    app = ComputeRaceApp(seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, TitleScreen):
            await pilot.pause()
        await pilot.pause()
        print("READY", flush=True)

asyncio.run(main())
"""


def first_screen_seconds() -> float:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", FIRST_SCREEN], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("READY"):
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError("the app never showed its first screen")
    proc.wait()
    return elapsed


async def turn_seconds(turns: int) -> list[float]:
    """End turn → engine in the worker → report on screen → dashboard redrawn."""
    from game.tui.app import ComputeRaceApp
    from game.tui.screens.report import ReportScreen
    from game.tui.setup import NewGame, start

    game, humans = start(NewGame("baseline-2025", "us", "bot:balanced", 7))
    app = ComputeRaceApp(game, humans)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        for _ in range(turns):
            started = time.perf_counter()
            await pilot.press("e")
            while not isinstance(app.screen, ReportScreen):
                await asyncio.sleep(0.001)
            await pilot.pause()
            times.append(time.perf_counter() - started)
            await pilot.press("enter")
            while app.screen is not app.dashboard:  # event dialogs, then the report
                await pilot.press("enter")
            await pilot.pause()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    launches = [first_screen_seconds() for _ in range(args.runs)]
    turns = asyncio.run(turn_seconds(12))
    print(f"first screen after launch: median {statistics.median(launches):.2f} s "
          f"(best {min(launches):.2f} s; target 1.5 s)")
    print(f"turn resolved and redrawn: median {statistics.median(turns) * 1000:.0f} ms "
          f"(worst {max(turns) * 1000:.0f} ms over {len(turns)} turns; target 200 ms)")


if __name__ == "__main__":
    main()
