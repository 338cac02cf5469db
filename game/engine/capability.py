"""Phase 8: capability is log10 of the best effective training run so far.

Effective training compute = compute in service x active share x training share (plus
compute China rents abroad while cloud access is open) x utilization x algorithmic
efficiency; the largest run takes a share of a quarter of it.
"""

from __future__ import annotations

import numpy as np

from game.engine.deployment import active_share
from game.engine.orders import P_EXPORT
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import per_side, shared
from game.engine.types import CHINA, US, FloatArray

CLOUD_CLOSED_LEVEL = 4


def training_compute(s: WorldState, training: FloatArray, p: Params) -> FloatArray:
    """(B, 2) M H100e training this quarter."""
    own = s.compute * active_share(s) * training
    rented = np.where(s.policy[:, US, P_EXPORT] < CLOUD_CLOSED_LEVEL,
                      shared(p.cloud_rental) * training[:, CHINA], 0.0)
    own[:, CHINA] += rented
    return own


def best_run_log10(s: WorldState, training: FloatArray, p: Params) -> FloatArray:
    flop = (training_compute(s, training, p) * 1e6
            * shared(p.flop_per_h100e_quarter)[..., None]
            * shared(p.utilization)[..., None]
            * per_side(p.largest_run_share, s.batch) * s.algo_eff)
    return np.log10(np.maximum(flop, 1.0))


def advance_capability(s: WorldState, training: FloatArray, p: Params) -> WorldState:
    return s.evolve(capability=np.maximum(s.capability, best_run_log10(s, training, p)))
