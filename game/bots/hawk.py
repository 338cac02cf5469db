"""`hawk`: controls and security first.

US bloc: ratchets chip export controls, tool controls and enforcement up a step a quarter
(to the top once China's capability closes in), requires part of new capacity onshore,
keeps its weights closed and spends more on intelligence. China: answers controls with
mineral controls, a high localization mandate and a smuggling effort, and keeps its
weights closed. Either side weighs crisis risk by what it stands to lose, not by the bare
hazard: it keeps escalating while a move leaves its expected loss to open conflict (the
hazard, the share of crises that are conflict, the cost at its share of the blame) under
0.3 points a quarter, and steps back one move at a time only once that loss passes a
point; a hawk that carries little of the blame holds its ground.
"""

from __future__ import annotations

import numpy as np

from game.bots.balanced import plan_infrastructure
from game.bots.base import Bot, register
from game.bots.observation import Observation
from game.bots.tactics import cost_stance, ratchet, step_back, training_share
from game.engine.orders import (
    P_CN_OPEN,
    P_DOMESTIC_BUILD,
    P_ENFORCEMENT,
    P_EQUIPMENT,
    P_EXPORT,
    P_LOCALIZATION,
    P_MINERALS,
    P_SMUGGLING,
    P_SUBSIDY,
    P_US_OPEN,
    SideOrders,
)
from game.engine.types import US

# More on intelligence (knowing the other side is security) and a little on fabs.
ALLOCATION = np.array([0.50, 0.05, 0.23, 0.07, 0.08, 0.07])
# Expected points a quarter lost to open conflict: the hawk raises controls while a move
# keeps that under ESCALATE_COST and lowers one a quarter above STEP_BACK_COST.
ESCALATE_COST = 0.3
STEP_BACK_COST = 1.0
CLOSE_GAP = 0.6  # log10 FLOP: "closing in"


@register("hawk", "Controls and security first: ratchets export, tool and mineral controls "
                  "a step a quarter, localizes, spends on intelligence; steps back only "
                  "near the brink.")
class Hawk(Bot):
    def policy(self, obs: Observation) -> SideOrders:
        b = obs.batch
        alloc = plan_infrastructure(obs, np.repeat(ALLOCATION[None, :], b, axis=0))
        training = training_share(obs, 0.45)
        current = obs.own_policy
        calm, hot = cost_stance(obs, ESCALATE_COST, STEP_BACK_COST)
        target = current.copy()
        if obs.side == US:
            closing = obs.theirs("capability") - obs.mine("capability") > -CLOSE_GAP
            target[:, P_EXPORT] = np.where(closing, 4, 3)
            target[:, P_EQUIPMENT] = np.where(closing, 3, 2)
            target[:, P_ENFORCEMENT] = 3
            target[:, P_DOMESTIC_BUILD] = 30
            target[:, P_US_OPEN] = 0
            order: tuple[int, ...] = (P_EXPORT, P_EQUIPMENT, P_DOMESTIC_BUILD, P_ENFORCEMENT)
            floor = np.array([2, 1, 0, 0, 0], dtype=float)
        else:
            us = obs.other_policy
            cut_off = us[:, P_EXPORT] >= 3
            target[:, P_MINERALS] = np.where(cut_off | (us[:, P_EQUIPMENT] >= 2), 3, 2)
            target[:, P_LOCALIZATION] = np.where(cut_off, 70, 50)
            target[:, P_SMUGGLING] = np.where(us[:, P_EXPORT] >= 2, 3, 1)
            target[:, P_CN_OPEN] = 0
            target[:, P_SUBSIDY] = 0
            order = (P_MINERALS, P_SMUGGLING, P_LOCALIZATION)
            floor = np.array([0, 0, 0, 0, 0], dtype=float)
        policy = ratchet(current, target, obs.side, allowed=calm)
        policy = step_back(policy, obs, hot, order, floor)
        return SideOrders(alloc, training, policy)
