"""The bot matrix: every US bot against every China bot over the same seeds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from game.analysis.balance.runner import Games, Runner
from game.analysis.balance.stats import Estimate, gap_percentiles, wilson
from game.analysis.sweep import GameResults


@dataclass(frozen=True)
class Pairing:
    """One cell: `us` (a bot name) against `china` over `runs` games."""

    us: str
    china: str
    games: GameResults

    @property
    def runs(self) -> int:
        return len(self.games.seeds)

    def rate(self, what: str) -> Estimate:
        """`us_win`, `china_win`, `draw` or `crisis`, with its Wilson interval."""
        w = self.games.winners
        hits = {"us_win": w == 0, "china_win": w == 1, "draw": w == -1,
                "crisis": self.games.crisis}[what]
        return wilson(int(np.sum(hits)), self.runs)

    def gap(self) -> tuple[float, float, float]:
        score = self.games.final["score"]
        return gap_percentiles(score[:, 0] - score[:, 1])

    def win_rate(self, side: str) -> float:
        return self.rate(f"{side}_win").value

    def as_json(self) -> dict[str, Any]:
        p10, p50, p90 = self.gap()
        row: dict[str, Any] = {"us": self.us, "china": self.china, "runs": self.runs}
        for what in ("us_win", "china_win", "draw", "crisis"):
            e = self.rate(what)
            row[what] = e.as_json()["value"]
            row[f"{what}_interval"] = [e.as_json()["low"], e.as_json()["high"]]
        row.update(gap_p10=round(p10, 3), gap_p50=round(p50, 3), gap_p90=round(p90, 3))
        return row


def bot_player(name: str) -> str:
    """The PLAYER string of a bot: `NAME` at its normal level, or `NAME:LEVEL`."""
    return f"bot:{name}" if ":" in name else f"bot:{name}:normal"


def play_matrix(runner: Runner, bots: tuple[str, ...], seeds: np.ndarray) -> list[Pairing]:
    cells = [(us, china) for us in bots for china in bots]
    groups = [Games(bot_player(us), bot_player(china), seeds) for us, china in cells]
    results = runner.run("bot matrix", groups)
    return [Pairing(us, china, games) for (us, china), games in zip(cells, results,
                                                                    strict=True)]
