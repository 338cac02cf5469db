"""`builder`: fabs, power and data centers.

Puts a tenth of the budget into fabs (three times the balanced bot) and plans power and data centers for growth
further ahead than anyone else, so its chips never wait for a socket; buys fewer chips
today for more capacity tomorrow, and serves more of its compute (revenue pays for the
next round of building). The US builder requires part of new capacity onshore; China's
builder mandates domestic chips, which teaches its fabs (yield learning). Controls are
answered in measure, as the balanced bot does.
"""

from __future__ import annotations

import numpy as np

from game.bots.balanced import ESCALATE_RISK, STEP_BACK_RISK, plan_infrastructure
from game.bots.base import Bot, register
from game.bots.observation import Observation
from game.bots.tactics import ratchet, risk_stance, step_back, training_share
from game.engine.orders import (
    P_CN_OPEN,
    P_DOMESTIC_BUILD,
    P_EXPORT,
    P_LOCALIZATION,
    P_MINERALS,
    P_SMUGGLING,
    P_SUBSIDY,
    SideOrders,
)
from game.engine.types import US

ALLOCATION = np.array([0.48, 0.10, 0.22, 0.10, 0.07, 0.03])
PLAN_AHEAD = 2.5  # build data centers for this multiple of today's draw (balanced: 2)


@register("builder", "Fabs, power and data centers: builds capacity far ahead of need, "
                     "onshores (US) or localizes (China), serves more of its compute.")
class Builder(Bot):
    def policy(self, obs: Observation) -> SideOrders:
        b = obs.batch
        alloc = plan_infrastructure(obs, np.repeat(ALLOCATION[None, :], b, axis=0),
                                    ahead=PLAN_AHEAD, urgency=1.5)
        training = training_share(obs, 0.38)
        current = obs.own_policy
        calm, hot = risk_stance(obs, ESCALATE_RISK, STEP_BACK_RISK)
        target = current.copy()
        if obs.side == US:
            closing = obs.theirs("capability") - obs.mine("capability") > -0.4
            target[:, P_EXPORT] = np.where(closing, np.maximum(current[:, P_EXPORT], 3),
                                           current[:, P_EXPORT])
            target[:, P_DOMESTIC_BUILD] = 20
            order: tuple[int, ...] = (P_EXPORT, P_DOMESTIC_BUILD)
            floor = np.array([2, 0, 0, 0, 0], dtype=float)
        else:
            cut_off = obs.other_policy[:, P_EXPORT] >= 3
            target[:, P_LOCALIZATION] = 60
            target[:, P_MINERALS] = np.where(cut_off, 1, 0)
            target[:, P_SMUGGLING] = 1
            target[:, P_CN_OPEN] = 1
            target[:, P_SUBSIDY] = 0
            order = (P_MINERALS, P_SMUGGLING)
            floor = np.zeros(5)
        policy = ratchet(current, target, obs.side, allowed=calm)
        policy = step_back(policy, obs, hot, order, floor)
        return SideOrders(alloc, training, policy)
