"""Crisis rates over many seeds: any crisis and a game-ending one, for the pairings the
README quotes (both sides escalating everything, balanced against balanced, hawk against
hawk, and the US bloc's tool controls forced to the top against the balanced bot), in the
baseline and strait-crisis, with the win rates and each side's mean final score.

    python scripts/measure_crisis.py [SEEDS] [SCENARIO,...]
"""

from __future__ import annotations

import sys

from game.analysis.balance.crisis_rates import PAIRINGS, crisis_rates
from game.analysis.balance.players import Forced
from game.engine.rng import derive_seeds
from game.model import load_scenario

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200
SCENARIOS = sys.argv[2].split(",") if len(sys.argv) > 2 else ["baseline-2025", "strait-crisis"]


def main() -> None:
    seeds = derive_seeds(11, N)
    for name in SCENARIOS:
        scenario = load_scenario(name)
        pairings = {**PAIRINGS, "US tools at 3 v balanced": (
            Forced("bot:balanced", "equipment_controls", 3), "bot:balanced")}
        for label, (us, china) in pairings.items():
            r = crisis_rates(scenario, us, china, seeds)
            print(f"{name:14s} {label:26s} any {r.any:6.1%}  ending {r.ending:6.1%}  "
                  f"us win {r.us_win:6.1%}  china win {r.china_win:6.1%}  "
                  f"peak tension p50 {r.peak_tension:5.1f}  "
                  f"mean score us {r.us_score:5.1f} china {r.china_score:5.1f}", flush=True)


if __name__ == "__main__":
    main()
