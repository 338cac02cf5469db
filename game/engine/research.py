"""Phase 7: algorithmic efficiency, separate from hardware price-performance.

Own research: growth per quarter = algo_growth x (research spend / reference)^elasticity,
with diminishing returns, at most MAX_GROWTH (efficiency at most doubles in a quarter). Constraint-driven gains (the DeepSeek lesson) are catch-up: a
side with less compute than its rival gets extra growth in proportion to its shortfall and
to how far it trails the efficiency frontier (the better of the two sides), never past it,
so the bonus fades as the gap closes and starving a side of compute does not make it the
lasting leader. Chip money that finds no chips partly goes to research instead. Open weights diffuse both ways with a lag: a side that releases lets the
other close `diffusion_rate` of the gap to its efficiency of `diffusion_lag` quarters ago,
and passes on `open_spillover` of its own research growth even to a leader (ideas travel
both ways).
"""

from __future__ import annotations

import numpy as np

from game.engine.log import TurnLog
from game.engine.market import open_weights
from game.engine.orders import A_CHIPS, A_RESEARCH
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import clamp, max_over, per_side, shared
from game.engine.types import FloatArray

# Own research at most doubles algorithmic efficiency in a quarter (observed: about 1.3x a
# quarter, 3x a year). It never binds in the shipped scenarios; without it a budget that
# compounds (a long clock, extreme parameters) made efficiency grow faster than
# exponentially and leave the finite numbers.
MAX_GROWTH = 1.0


def compute_shortfall(compute: FloatArray) -> FloatArray:
    """(B, 2) how far each side is behind the other in compute, 0 (not behind) to 1."""
    other = compute[:, ::-1]
    return clamp(1.0 - compute / np.maximum(other, 1e-12), 0.0, 1.0)


def redirect_unspent(spend: FloatArray, unspent: FloatArray, p: Params,
                     log: TurnLog) -> tuple[FloatArray, FloatArray]:
    """Chip money that finds no chips: labs turn `research_redirect` of it to efficiency
    research this quarter (the constraint-driven path). Returns the new spend and what is
    still unspent."""
    moved = unspent * shared(p.research_redirect)[..., None]
    spend = spend.copy()
    spend[:, :, A_CHIPS] -= moved
    spend[:, :, A_RESEARCH] += moved
    log.flows["chip_money_to_research"] = moved
    return spend, unspent - moved


def research(s: WorldState, spend: FloatArray, p: Params, log: TurnLog) -> WorldState:
    ratio = spend[:, :, A_RESEARCH] / per_side(p.research_ref, s.batch)
    base = np.minimum(per_side(p.algo_growth, s.batch) * np.power(
        np.maximum(ratio, 0.0), shared(p.research_elasticity)[..., None]), MAX_GROWTH)
    own = s.algo_eff * (1.0 + base)
    frontier = max_over(own, 1, keepdims=True)
    behind = clamp(1.0 - own / frontier, 0.0, 1.0)
    bonus = base * shared(p.constraint_bonus)[..., None] * compute_shortfall(s.compute) * behind
    caught_up = np.minimum(own * (1.0 + bonus), np.maximum(own, frontier))

    released = open_weights(s)[:, ::-1]  # 1 where the *other* side releases
    lag = shared(p.diffusion_lag)[..., None]
    as_released = caught_up[:, ::-1] / np.power(1.0 + base[:, ::-1], lag)
    gap = np.maximum(as_released - caught_up, 0.0)
    diffusion = released * (shared(p.diffusion_rate)[..., None] * gap
                            + shared(p.open_spillover)[..., None] * base[:, ::-1]
                            * s.algo_eff)

    log.add("algo_eff", "research", s.algo_eff * base)
    log.add("algo_eff", "constraint-driven", caught_up - own)
    log.add("algo_eff", "open-weight diffusion", diffusion)
    return s.evolve(algo_eff=caught_up + diffusion)
