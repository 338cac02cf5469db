"""Phase 10: next quarter's budget. Money is a flow, not a hoard.

Income = the exogenous base (growing each quarter, the growth rate decaying as the boom
matures) + reinvested inference revenue + (US bloc) reinvested chip-export revenue -
China's forgone mineral-export earnings. Money a side could not spend this quarter is
mostly lost: it may keep `reserve_keep` of it, at most `reserve_cap` of its base budget,
so a held reserve decays if it keeps finding nothing to buy. Budget = income + the
reserve. The economy score term measures income, not the reserve.
"""

from __future__ import annotations

import numpy as np

from game.engine.log import TurnLog
from game.engine.orders import P_MINERALS
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import lookup, per_side
from game.engine.types import CHINA, US, FloatArray


def next_budget(
    s: WorldState, unspent: FloatArray, p: Params, log: TurnLog, turn: int,
    chip_export_revenue: FloatArray | None = None,
) -> WorldState:
    growth = per_side(p.budget_growth, s.batch) * np.power(
        per_side(p.budget_growth_decay, s.batch), turn)
    base = s.budget_base * (1.0 + growth)
    reinvested = per_side(p.revenue_reinvest, s.batch) * s.revenue
    exports = np.zeros_like(base)
    if chip_export_revenue is not None:
        exports[:, US] = per_side(p.export_reinvest, s.batch)[..., US] * chip_export_revenue
    mineral_cost = np.zeros_like(base)
    mineral_cost[:, CHINA] = lookup(p.mineral_budget_cost, CHINA,
                                    s.policy[:, CHINA, P_MINERALS]) * base[:, CHINA]
    income = base + reinvested + exports - mineral_cost
    unspent = np.maximum(unspent, 0.0)
    kept = np.minimum(per_side(p.reserve_keep, s.batch) * unspent,
                      per_side(p.reserve_cap, s.batch) * base)

    log.add("budget", "spent", -s.budget)
    log.add("budget", "base", base)
    log.add("budget", "revenue reinvested", reinvested)
    log.add("budget", "chip exports reinvested", exports)
    log.add("budget", "reserve kept", kept)
    log.add("budget", "mineral exports forgone", -mineral_cost)
    log.flows["unspent"] = unspent
    log.flows["unspent_lost"] = unspent - kept
    return s.evolve(budget=income + kept, budget_base=base, income=income)
