"""Phase 1: policies take effect and tension moves.

Raising a policy adds its tension cost at once (lowering one takes half of it back);
policies in force hold tension up, and tension relaxes toward that sustained level.
The side whose move raised tension most is remembered as the last escalator; blame for
tension weighs each side's escalation over recent quarters and the policies it keeps in
force (crisis.py).
"""

from __future__ import annotations

import numpy as np

from game.engine import crisis
from game.engine.log import TurnLog
from game.engine.orders import SCALE_ARRAY
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import clamp, max_over, shared, sum_over
from game.engine.types import FloatArray

DEESCALATION_REFUND = 0.5


def policy_jump(old_policy: FloatArray, new_policy: FloatArray, p: Params) -> FloatArray:
    """(..., 2, 5) the tension each policy change adds at once: raising a policy costs its
    full tension cost per level, lowering one takes DEESCALATION_REFUND of it back. The
    tension phase and the orders screen's preview both read this."""
    delta = new_policy / SCALE_ARRAY - old_policy / SCALE_ARRAY
    cost = p.tension_cost  # (2, 5) or (B, 2, 5)
    return cost * (np.maximum(delta, 0.0) - DEESCALATION_REFUND * np.maximum(-delta, 0.0))


def apply_policies(
    s: WorldState, new_policy: FloatArray, p: Params, log: TurnLog
) -> WorldState:
    jump_by_side = sum_over(policy_jump(s.policy, new_policy, p), -1)  # (B, 2)
    sustained = (shared(p.tension_base)
                 + (p.tension_standing * (new_policy / SCALE_ARRAY)).sum(axis=(-1, -2)))
    after_jump = s.tension + sum_over(jump_by_side, 1)
    drift = shared(p.tension_relax) * (sustained - after_jump)
    raw = after_jump + drift
    tension = clamp(raw, 0.0, 100.0)

    log.add("tension", "us moves", jump_by_side[:, 0])
    log.add("tension", "china moves", jump_by_side[:, 1])
    # Tension drifts toward the level the policies in force sustain: down is relaxation,
    # up (tension below that level, e.g. after an event lowered it) is standing pressure.
    log.add("tension", "relaxation", np.minimum(drift, 0.0))
    log.add("tension", "standing policies", np.maximum(drift, 0.0))
    log.add("tension", "bounds", tension - raw)

    escalated = max_over(jump_by_side, 1) > 0
    who = np.argmax(jump_by_side, axis=1)
    last = np.where(escalated, who, s.last_escalator)
    recent = crisis.escalation(s.escalation, jump_by_side, p)
    return s.evolve(policy=new_policy, tension=tension, last_escalator=last,
                    escalation=recent, blame=crisis.blame(recent, new_policy, p))
