"""Phase 5: chip purchases clear against the supply each buyer can reach.

Two pools: the US bloc's output (its fabs in Taiwan and onshore) and China's domestic
output. The rest of the world takes `row_chip_share` of the US bloc's output; US-bloc
buyers, China's legal imports (up to the export cap) and its smuggling (up to what the
smuggling effort moves) share the rest. When the money chasing a pool exceeds its chips at
list price, the price rises with scarcity (up to `scarcity_markup_max` over list) and
beyond that the chips are rationed pro rata: money that finds no chips is not spent.
China's localization mandate reserves that share of its chip money for domestic chips and
caps imports at `(1 - L) / L` of domestic purchases.

What the sellers are paid is revenue: US-bloc chips sold to China (legally or through
smugglers, at list) and to the rest of the world are the US bloc's chip-export revenue.
Export-grade parts count at their training worth in compute (an H20 ~0.15 of an H100);
their extra inference worth serves tokens only (`serve_extra`). Every chip produced ends
bought at home, sold to China, smuggled or sold to the rest of the world.
"""

from __future__ import annotations

import numpy as np

from game.engine.log import TurnLog
from game.engine.orders import A_CHIPS, P_LOCALIZATION
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import clamp, pair, shared
from game.engine.trade import TradeTerms, chip_prices
from game.engine.types import CHINA, US, FloatArray


def markup(wanted: FloatArray, supply: FloatArray, p: Params) -> FloatArray:
    """(B,) price over list: the ratio of what buyers want at list to what there is,
    between 1 and the scarcity cap."""
    ratio = wanted / np.maximum(supply, 1e-12)
    return clamp(ratio, 1.0, shared(p.scarcity_markup_max))


def _want(money: FloatArray, price: FloatArray, cap: FloatArray) -> FloatArray:
    return np.minimum(np.maximum(money, 0.0) / price, np.maximum(cap, 0.0))


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
    local = s.policy[:, CHINA, P_LOCALIZATION] / 100.0
    cn_money = chips_money[:, CHINA]
    import_money = (1.0 - local) * cn_money
    inf = np.full_like(cn_money, np.inf)

    # The US bloc's pool: the rest of the world's share first, then the buyers compete.
    row = output[:, US] * shared(p.row_chip_share)
    pool = output[:, US] - row
    legal_want = _want(import_money, trade.legal_price, trade.legal_cap)
    smuggle_want = _want(import_money - legal_want * trade.legal_price, trade.smuggle_price,
                         trade.smuggle_cap)
    us_markup = markup(_want(chips_money[:, US], prices[:, US], inf) + legal_want
                       + smuggle_want, pool, p)
    us_want = _want(chips_money[:, US], prices[:, US] * us_markup, inf)
    legal = _want(import_money, trade.legal_price * us_markup, trade.legal_cap)
    smuggled = _want(import_money - legal * trade.legal_price * us_markup,
                     trade.smuggle_price * us_markup, trade.smuggle_cap)
    rationed = np.minimum(1.0, pool / np.maximum(us_want + legal + smuggled, 1e-12))
    us_bought, legal, smuggled = us_want * rationed, legal * rationed, smuggled * rationed
    import_spent = (legal * trade.legal_price + smuggled * trade.smuggle_price) * us_markup

    # China's domestic pool takes what import money is left and the mandate's share.
    domestic_money = np.maximum(cn_money - import_spent, 0.0)
    cn_markup = markup(domestic_money / prices[:, CHINA], output[:, CHINA], p)
    domestic = _want(domestic_money, prices[:, CHINA] * cn_markup, output[:, CHINA])

    # The mandate: imports may be at most (1 - L) / L of domestic purchases.
    imports = legal + smuggled
    allowed = np.where(local > 0, domestic * (1.0 - local) / np.maximum(local, 1e-9), np.inf)
    cut = np.where(imports > allowed, allowed / np.maximum(imports, 1e-12), 1.0)
    legal, smuggled = legal * cut, smuggled * cut

    row = row + pool - us_bought - legal - smuggled  # the world buys what is left
    spent = pair(us_bought * prices[:, US] * us_markup,
                 (legal * trade.legal_price + smuggled * trade.smuggle_price) * us_markup
                 + domestic * prices[:, CHINA] * cn_markup)
    # Sellers are paid list x markup; smugglers keep their premium over list.
    export_revenue = (row + smuggled) * prices[:, US] * us_markup \
        + legal * trade.legal_price * us_markup / shared(p.import_premium)
    bought = pair(us_bought, legal * trade.train_worth + smuggled + domestic)
    zeros = np.zeros_like(legal)
    log.flows["chips_bought"] = bought
    log.flows["chips_spent"] = spent
    log.flows["chips_imported"] = pair(zeros, legal)
    log.flows["chips_smuggled"] = pair(zeros, smuggled)
    log.flows["chips_exported"] = pair(legal, zeros)
    log.flows["chips_leaked"] = pair(smuggled, zeros)
    log.flows["chips_domestic"] = pair(us_bought, domestic)
    log.flows["chips_unsold"] = pair(row, output[:, CHINA] - domestic)
    log.flows["chip_price_markup"] = pair(us_markup, cn_markup)
    log.flows["chip_export_revenue"] = pair(export_revenue, zeros)
    log.add("inventory", "bought", bought)
    extra = pair(zeros, legal * np.maximum(trade.inference_worth - trade.train_worth, 0.0))
    return s.evolve(inventory=s.inventory + bought, serve_extra=s.serve_extra + extra), spent
