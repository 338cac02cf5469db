"""Phase 7: algorithmic efficiency, separate from hardware price-performance.

Growth per quarter = algo_growth x (research spend / reference)^elasticity: diminishing
returns. A side with less compute than its rival gets more from each research dollar
(constraint-driven innovation, the DeepSeek lesson). A side that releases open weights
lets the other close part of the efficiency gap each quarter.
"""

from __future__ import annotations

import numpy as np

from game.engine.log import TurnLog
from game.engine.orders import A_RESEARCH, OPEN_WEIGHTS_COLUMN
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import clamp, pair, per_side, shared
from game.engine.types import CHINA, US, FloatArray


def compute_shortfall(compute: FloatArray) -> FloatArray:
    """(B, 2) how far each side is behind the other in compute, 0 (not behind) to 1."""
    other = compute[:, ::-1]
    return clamp(1.0 - compute / np.maximum(other, 1e-12), 0.0, 1.0)


def research(s: WorldState, spend: FloatArray, p: Params, log: TurnLog) -> WorldState:
    ratio = spend[:, :, A_RESEARCH] / per_side(p.research_ref, s.batch)
    base = per_side(p.algo_growth, s.batch) * np.power(
        np.maximum(ratio, 0.0), shared(p.research_elasticity)[..., None])
    bonus = base * shared(p.constraint_bonus)[..., None] * compute_shortfall(s.compute)
    grown = s.algo_eff * (1.0 + base + bonus)

    open_by = pair(s.policy[:, US, OPEN_WEIGHTS_COLUMN[US]],
                   s.policy[:, CHINA, OPEN_WEIGHTS_COLUMN[CHINA]]) > 0.5
    # Each side learns from the other's open weights: the gap it may close.
    other_eff = grown[:, ::-1]
    other_open = open_by[:, ::-1]
    gap = np.maximum(other_eff - grown, 0.0)
    diffusion = np.where(other_open, shared(p.diffusion_rate)[..., None] * gap, 0.0)

    log.add("algo_eff", "research", s.algo_eff * base)
    log.add("algo_eff", "constraint-driven", s.algo_eff * bonus)
    log.add("algo_eff", "open-weight diffusion", diffusion)
    return s.evolve(algo_eff=grown + diffusion)
