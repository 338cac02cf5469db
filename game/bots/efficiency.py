"""`efficiency`: research and open weights, the constraint-driven path.

A quarter of the budget goes to research into algorithmic efficiency; fewer chips, more
done with each. Releases open weights (cheaper inference for all, and the other side's
releases diffuse back) and trains harder, since every efficiency gain multiplies the
training run. Keeps tension down: never raises controls, and lowers them when tension
climbs. China's efficiency bot leans on the price war its cheaper serving allows.
"""

from __future__ import annotations

import numpy as np

from game.bots.balanced import plan_infrastructure
from game.bots.base import Bot, register
from game.bots.observation import Observation
from game.bots.tactics import ratchet, step_back, training_share
from game.engine.orders import (
    P_CN_OPEN,
    P_DOMESTIC_BUILD,
    P_ENFORCEMENT,
    P_EXPORT,
    P_LOCALIZATION,
    P_MINERALS,
    P_SMUGGLING,
    P_SUBSIDY,
    P_US_OPEN,
    SideOrders,
)
from game.engine.types import US

ALLOCATION = np.array([0.44, 0.02, 0.20, 0.06, 0.25, 0.03])
CALM_DOWN_AT = 60.0  # tension at which it lowers a control a quarter


@register("efficiency", "Research and open weights, the constraint-driven path: a quarter "
                        "of the budget on algorithmic efficiency, open releases, no new "
                        "controls.")
class Efficiency(Bot):
    def policy(self, obs: Observation) -> SideOrders:
        b = obs.batch
        alloc = plan_infrastructure(obs, np.repeat(ALLOCATION[None, :], b, axis=0))
        training = training_share(obs, 0.55)
        current = obs.own_policy
        target = current.copy()  # never raises a control
        if obs.side == US:
            target[:, P_US_OPEN] = 1
            order: tuple[int, ...] = (P_EXPORT, P_DOMESTIC_BUILD, P_ENFORCEMENT)
            floor = np.array([1, 0, 0, 0, 0], dtype=float)
        else:
            target[:, P_CN_OPEN] = 1
            target[:, P_SUBSIDY] = np.where(obs.mine("market_share") < 0.3, 2, 1)
            target[:, P_LOCALIZATION] = np.minimum(current[:, P_LOCALIZATION], 20)
            target[:, P_SMUGGLING] = np.minimum(current[:, P_SMUGGLING], 1)
            order = (P_MINERALS, P_SMUGGLING, P_LOCALIZATION)
            floor = np.zeros(5)
        # Only the open-weight and price levers may rise; the rest only fall.
        policy = ratchet(current, target, obs.side)
        policy = step_back(policy, obs, obs.tension >= CALM_DOWN_AT, order, floor)
        return SideOrders(alloc, training, policy)
