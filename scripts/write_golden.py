"""Regenerate the golden playthrough files after a reviewed rule change:

    python scripts/write_golden.py && git diff tests/golden
"""

from __future__ import annotations

from pathlib import Path

from game.commands.playthrough import playthrough
from game.model.loader import load_scenario
from game.session import Game

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"
CASES = (("baseline-2025", 1),)


def golden_text(scenario: str, seed: int) -> str:
    game = Game.new(load_scenario(scenario), seed=seed)
    game.play_out()
    return playthrough(game)


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for scenario, seed in CASES:
        path = GOLDEN / f"{scenario}-seed{seed}.txt"
        path.write_text(golden_text(scenario, seed))
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
