"""Phase 1: policies take effect and tension moves.

Raising a policy adds its tension cost at once (lowering one takes half of it back);
policies in force hold tension up, and tension relaxes toward that sustained level.
The side whose move raised tension most is remembered as the last escalator: a crisis
is blamed on it.
"""

from __future__ import annotations

import numpy as np

from game.engine.log import TurnLog
from game.engine.orders import SCALE_ARRAY
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import clamp, shared
from game.engine.types import FloatArray

DEESCALATION_REFUND = 0.5


def apply_policies(
    s: WorldState, new_policy: FloatArray, p: Params, log: TurnLog
) -> WorldState:
    levels_old = s.policy / SCALE_ARRAY
    levels_new = new_policy / SCALE_ARRAY
    delta = levels_new - levels_old  # (B, 2, 5)
    cost = p.tension_cost  # (2, 5) or (B, 2, 5)
    jump_by_side = (cost * (np.maximum(delta, 0.0) - DEESCALATION_REFUND
                            * np.maximum(-delta, 0.0))).sum(axis=-1)  # (B, 2)
    sustained = shared(p.tension_base) + (p.tension_standing * levels_new).sum(axis=(-1, -2))
    after_jump = s.tension + jump_by_side.sum(axis=1)
    relax = shared(p.tension_relax) * (sustained - after_jump)
    raw = after_jump + relax
    tension = clamp(raw, 0.0, 100.0)

    log.add("tension", "us moves", jump_by_side[:, 0])
    log.add("tension", "china moves", jump_by_side[:, 1])
    log.add("tension", "relaxation", relax)
    log.add("tension", "bounds", tension - raw)

    escalated = jump_by_side.max(axis=1) > 0
    who = np.argmax(jump_by_side, axis=1)
    last = np.where(escalated, who, s.last_escalator)
    return s.evolve(policy=new_policy, tension=tension, last_escalator=last)
