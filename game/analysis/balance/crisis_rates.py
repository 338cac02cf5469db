"""How often games end in a crisis: any crisis (an incident at sea, a sanctions spiral, a
blockade or open conflict) and a game-ending one, for a pairing over many seeds. The
figures README quotes and the crisis tests check."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.analysis.balance.players import AllOut
from game.analysis.batch import PlayerLike, run_batch
from game.analysis.par import rules_with_par
from game.engine.crisis import CONFLICT, NONE
from game.model.scenario import Scenario

# The pairings README quotes: label -> (US player, China player).
PAIRINGS: dict[str, tuple[PlayerLike, PlayerLike]] = {
    "escalating everything": (AllOut(), AllOut()),
    "balanced v balanced": ("bot:balanced", "bot:balanced"),
    "hawk v hawk": ("bot:hawk", "bot:hawk"),
}


@dataclass(frozen=True)
class CrisisRates:
    """Shares of games: with any crisis, ending in open conflict, won by each side; and
    the median of each game's peak tension; each side's mean final score."""

    any: float
    ending: float
    us_win: float
    china_win: float
    peak_tension: float
    us_score: float
    china_score: float


def crisis_rates(scenario: Scenario, us: PlayerLike, china: PlayerLike,
                 seeds: np.ndarray) -> CrisisRates:
    batch = run_batch(scenario, seeds, us, china)
    assert batch.crisis_grade is not None
    grades = batch.crisis_grade
    winners = batch.winners(rules_with_par(scenario))
    return CrisisRates(
        any=float(np.mean((grades != NONE).any(axis=0))),
        ending=float(np.mean((grades == CONFLICT).any(axis=0))),
        us_win=float(np.mean(winners == 0)),
        china_win=float(np.mean(winners == 1)),
        peak_tension=float(np.median(batch.tension.max(axis=0))),
        us_score=float(np.mean(batch.final.score[:, 0])),
        china_score=float(np.mean(batch.final.score[:, 1])),
    )
