"""Phase 9: the inference market.

Cost per M tokens at a fixed capability falls with hardware, algorithmic and serving
efficiency; price = cost x margin, and margins shrink for every side that releases open
weights and under China's price subsidy. Buyers split demand by capability, price and
serving capacity (a logit choice). World demand has price elasticity above 1, so cheaper
inference raises total spending. A side serves at most its capacity; demand it cannot
serve goes to the other side if it has room.
"""

from __future__ import annotations

import numpy as np

from game.engine.deployment import active_share
from game.engine.orders import OPEN_WEIGHTS_COLUMN, P_SUBSIDY
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import clamp, lookup, per_side, shared
from game.engine.types import CHINA, US, FloatArray


def prices(s: WorldState, p: Params) -> FloatArray:
    """(B, 2) $ per M tokens at fixed capability."""
    cost = per_side(p.token_cost0, s.batch) / (s.hw_eff * s.algo_eff * s.serving_eff)
    n_open = (s.policy[:, US, OPEN_WEIGHTS_COLUMN[US]]
              + s.policy[:, CHINA, OPEN_WEIGHTS_COLUMN[CHINA]])
    cut = clamp(shared(p.open_weights_margin_cut) * n_open, 0.0, 0.9)
    margin = 1.0 + (per_side(p.margin, s.batch) - 1.0) * (1.0 - cut)[:, None]
    price = cost * margin
    price[:, CHINA] *= lookup(p.subsidy_price, CHINA, s.policy[:, CHINA, P_SUBSIDY])
    return price


def reference_price(p: Params) -> FloatArray:
    """The start's average price, the anchor of the demand curve."""
    return np.mean(p.token_cost0 * p.margin, axis=-1)


def serving_capacity(s: WorldState, training: FloatArray, p: Params) -> FloatArray:
    """(B, 2) quadrillion tokens a side can serve this quarter."""
    inference = s.compute * active_share(s) * (1.0 - training)
    return inference * shared(p.tokens_per_h100e)[..., None] * s.algo_eff * s.serving_eff


def clear(s: WorldState, training: FloatArray, p: Params) -> WorldState:
    price = prices(s, p)
    capacity = serving_capacity(s, training, p)
    appeal = (shared(p.share_capability_weight)[..., None] * s.capability
              - shared(p.share_price_weight)[..., None] * np.log(price)
              + shared(p.share_capacity_weight)[..., None] * np.log(capacity + 1e-9))
    appeal = appeal - appeal.max(axis=1, keepdims=True)
    choice = np.exp(appeal)
    choice = choice / choice.sum(axis=1, keepdims=True)

    index = (choice * price).sum(axis=1)
    trend = s.demand_trend * (1.0 + shared(p.demand_growth))
    demand = shared(p.demand0) * trend * np.power(
        index / reference_price(p), -shared(p.elasticity))

    wanted = choice * demand[:, None]
    served = np.minimum(wanted, capacity)
    unserved = wanted - served
    spare = capacity - served
    served = served + np.minimum(unserved[:, ::-1], spare)

    revenue = served * price  # quadrillion tokens x $/M tokens = $B
    total = revenue.sum(axis=1, keepdims=True)
    share = np.where(total > 0, revenue / np.maximum(total, 1e-12), 0.5)
    return s.evolve(price=price, tokens=served, revenue=revenue, market_share=share,
                    demand_trend=trend)
