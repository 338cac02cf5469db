"""Phase 5: each side buys chips with its chip budget.

The US bloc buys first from its own output. China's localization mandate reserves that
share of its chip budget for domestic chips and caps imports at the matching ratio;
the rest goes to legal imports, then smuggled chips, then (whatever import money is left)
to domestic chips. Money that finds no chips is not spent and carries to next quarter.
Every chip produced ends bought at home, sold abroad, smuggled or unsold.
"""

from __future__ import annotations

import numpy as np

from game.engine.log import TurnLog
from game.engine.orders import A_CHIPS, P_LOCALIZATION
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import pair
from game.engine.trade import TradeTerms, chip_prices
from game.engine.types import CHINA, US, FloatArray


def _buy(money: FloatArray, price: FloatArray, available: FloatArray) -> FloatArray:
    # Money left over after a purchase can come out a rounding error below zero.
    return np.minimum(np.maximum(money, 0.0) / price, np.maximum(available, 0.0))


def procure(
    s: WorldState,
    spend: FloatArray,
    output: FloatArray,
    trade: TradeTerms,
    p: Params,
    log: TurnLog,
) -> tuple[WorldState, FloatArray]:
    """Returns the new state and the money spent on chips (B, 2)."""
    prices = chip_prices(s, p)
    chips_money = spend[:, :, A_CHIPS]

    us_bought = _buy(chips_money[:, US], prices[:, US], output[:, US])
    us_left = output[:, US] - us_bought

    local = s.policy[:, CHINA, P_LOCALIZATION] / 100.0
    cn_money = chips_money[:, CHINA]
    import_money = (1.0 - local) * cn_money
    legal = _buy(import_money, trade.legal_price, np.minimum(trade.legal_cap, us_left))
    smuggled = _buy(import_money - legal * trade.legal_price, trade.smuggle_price,
                    np.minimum(trade.smuggle_cap, us_left - legal))
    import_spent = legal * trade.legal_price + smuggled * trade.smuggle_price
    domestic = _buy(cn_money - import_spent, prices[:, CHINA], output[:, CHINA])

    # The mandate: imports may be at most (1 - L) / L of domestic purchases.
    imports = legal + smuggled
    allowed = np.where(local > 0, domestic * (1.0 - local) / np.maximum(local, 1e-9), np.inf)
    cut = np.where(imports > allowed, allowed / np.maximum(imports, 1e-12), 1.0)
    legal, smuggled = legal * cut, smuggled * cut

    spent = pair(us_bought * prices[:, US],
                 legal * trade.legal_price + smuggled * trade.smuggle_price
                 + domestic * prices[:, CHINA])
    bought = pair(us_bought, legal + smuggled + domestic)
    zeros = np.zeros_like(legal)
    log.flows["chips_bought"] = bought
    log.flows["chips_spent"] = spent
    log.flows["chips_imported"] = pair(zeros, legal)
    log.flows["chips_smuggled"] = pair(zeros, smuggled)
    log.flows["chips_exported"] = pair(legal, zeros)
    log.flows["chips_leaked"] = pair(smuggled, zeros)
    log.flows["chips_domestic"] = pair(us_bought, domestic)
    log.flows["chips_unsold"] = pair(output[:, US] - us_bought - legal - smuggled,
                                     output[:, CHINA] - domestic)
    log.add("inventory", "bought", bought)
    return s.evolve(inventory=s.inventory + bought), spent
