"""The crisis hazard as a player reads it: where the risk starts, where it peaks, and the
chance this quarter at a given tension, all from the engine's crisis rule (never
re-derived here)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.crisis import hazard
from game.engine.params import Params
from game.engine.tables import shared
from game.present.numbers import percent


@dataclass(frozen=True)
class CrisisRisk:
    onset: float  # tension above which each quarter carries a chance of crisis
    threshold: float  # tension at which that chance peaks
    chance: float  # the chance of a crisis breaking out this quarter, 0-1
    possible: bool = True  # False: the scenario's rules carry no crisis at any tension

    @property
    def text(self) -> str:
        """`risk from 60: 18%/q` (a quarter, as in $B/q); below the onset, `risk from 60:
        none yet`; `no crisis in this scenario` where the hazard is nil (the tutorial).
        Short: the meter's whole line fits 80 columns."""
        if not self.possible:
            return "no crisis in this scenario"
        now = percent(self.chance, 0) + "/q" if self.chance > 0 else "none yet"
        return f"risk from {self.onset:g}: {now}"


def _one(values: np.ndarray) -> float:
    return float(np.ravel(values)[0])


def crisis_risk(params: Params, tension: float) -> CrisisRisk:
    """The hazard at `tension` under `params` (a single game's rules)."""
    return CrisisRisk(onset=_one(shared(params.crisis_onset)),
                      threshold=_one(shared(params.crisis_threshold)),
                      chance=_one(hazard(np.array([tension]), params)),
                      possible=_one(hazard(np.array([100.0]), params)) > 0)
