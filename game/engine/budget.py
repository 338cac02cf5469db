"""Phase 10: next quarter's budget.

Budget = the exogenous base (growing each quarter, the growth rate decaying as the boom
matures) + reinvested inference revenue + money that found nothing to buy this quarter -
China's forgone mineral-export earnings.
"""

from __future__ import annotations

import numpy as np

from game.engine.log import TurnLog
from game.engine.orders import P_MINERALS
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import lookup, per_side
from game.engine.types import CHINA, FloatArray


def next_budget(
    s: WorldState, unspent: FloatArray, p: Params, log: TurnLog, turn: int
) -> WorldState:
    growth = per_side(p.budget_growth, s.batch) * np.power(
        per_side(p.budget_growth_decay, s.batch), turn)
    base = s.budget_base * (1.0 + growth)
    reinvested = per_side(p.revenue_reinvest, s.batch) * s.revenue
    mineral_cost = np.zeros_like(base)
    mineral_cost[:, CHINA] = lookup(p.mineral_budget_cost, CHINA,
                                    s.policy[:, CHINA, P_MINERALS]) * base[:, CHINA]
    budget = base + reinvested + unspent - mineral_cost

    log.add("budget", "spent", -s.budget)
    log.add("budget", "base", base)
    log.add("budget", "revenue reinvested", reinvested)
    log.add("budget", "carried over", unspent)
    log.add("budget", "mineral exports forgone", -mineral_cost)
    return s.evolve(budget=budget, budget_base=base)
