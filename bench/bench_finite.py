"""How often random valid scenarios reach the finiteness guard (issue 15): the longer
version of tests/test_finite.py's property. Draws N scenarios from anywhere in the
allowed ranges (tests/scenario_gen.py), plays each out with bots, and counts games that
played finite, games the guard stopped (exit 2 with the figure named) and anything else
(which would be a bug). Not a timed test.

    nice python bench/bench_finite.py [N] [MAX_TURNS]
"""

from __future__ import annotations

import sys
import warnings
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from scenario_gen import scenarios  # noqa: E402

from game.model.finite import NotFinite  # noqa: E402
from game.model.scenario import Scenario  # noqa: E402
from game.session import Game  # noqa: E402


def main(runs: int, max_turns: int) -> Counter[str]:
    tally: Counter[str] = Counter()

    @settings(max_examples=runs, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(scenarios(max_turns=max_turns), st.integers(0, 2**32))
    def one(data: dict[str, object], seed: int) -> None:
        try:
            scenario = Scenario.model_validate(data, strict=True)
        except ValueError:
            tally["invalid (refused by validate)"] += 1
            return
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                Game.new(scenario, seed=seed).play_out()
            tally["finite"] += 1
        except NotFinite as exc:
            tally["stopped by the guard"] += 1
            print(f"guard: {exc}"[:200], file=sys.stderr)
        except Exception as exc:  # a bug: report it, keep counting
            tally[f"error {type(exc).__name__}"] += 1

    one()
    return tally


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    turns = int(sys.argv[2]) if len(sys.argv) > 2 else 24
    for outcome, count in main(n, turns).most_common():
        print(f"{count:5d}  {outcome}")
