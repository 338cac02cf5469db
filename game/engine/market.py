"""Phase 9: three inference markets: the US bloc's, China's and the rest of the world's.

Serving cost at a fixed capability falls with hardware, algorithmic and serving efficiency;
a side's best model costs more per token the more compute trained it (bigger models), so
the frontier price falls far slower than the fixed-capability one. Price = cost x margin;
a side that releases open weights gives up margin (anyone may serve its models) and gains
adoption; China's price subsidy cuts its price, not its cost, and only as far as its
serving capacity can serve the demand the cut draws (a price war buys tokens and share at
a cost in revenue per token; it never turns buyers away).

Each market's buyers split their spending by capability and quality-adjusted price (a
logit), with a home bias in the two home markets; the rest of the world is contested on
capability and price alone, and weighs price more (`world_price_weight`). Spending grows fast while the market is young and saturates
toward `demand_ceiling`; its response to falling prices (elasticity) is above 1 at first
(cheaper inference, more spending) and falls toward `elasticity_mature` as it matures. A
side serves at most its capacity; spending it cannot serve goes to the other side if it
has room, so capacity binds only for a side that under-builds.
"""

from __future__ import annotations

import numpy as np

from game.engine.deployment import active_share
from game.engine.orders import OPEN_WEIGHTS_COLUMN, P_SUBSIDY
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import (
    clamp,
    lookup,
    max_over,
    pair,
    per_side,
    shared,
    spread,
    sum_over,
)
from game.engine.types import CHINA, US, FloatArray

MARKETS: tuple[str, ...] = ("us", "china", "world")  # the two home markets, then the rest
LN10 = float(np.log(10.0))
SUBSIDY_STEPS = 3  # Newton steps finding the price cut China's capacity can serve


def open_weights(s: WorldState) -> FloatArray:
    """(B, 2) 1.0 where the side releases open weights."""
    released = pair(s.policy[:, US, OPEN_WEIGHTS_COLUMN[US]],
                    s.policy[:, CHINA, OPEN_WEIGHTS_COLUMN[CHINA]]) > 0.5
    return released.astype(np.float64)


def prices(s: WorldState, p: Params) -> FloatArray:
    """(B, 2) $ per M tokens at fixed capability (the reference model)."""
    cost = per_side(p.token_cost0, s.batch) / (s.hw_eff * s.algo_eff * s.serving_eff)
    cut = clamp(shared(p.open_weights_margin_cut)[..., None] * open_weights(s), 0.0, 0.9)
    price = cost * (1.0 + (per_side(p.margin, s.batch) - 1.0) * (1.0 - cut))
    price[:, CHINA] *= lookup(p.subsidy_price, CHINA, s.policy[:, CHINA, P_SUBSIDY])
    return price


def frontier_factor(s: WorldState, p: Params) -> FloatArray:
    """(B, 2) serving cost of the side's best model over the reference model's."""
    return np.power(10.0, shared(p.frontier_size_exponent)[..., None]
                    * (s.capability - shared(p.frontier_ref_capability)[..., None]))


def serving_capacity(s: WorldState, training: FloatArray, p: Params) -> FloatArray:
    """(B, 2) quadrillion tokens of the side's best model it can serve this quarter."""
    # Export-grade chips' extra serving worth is split like the rest of the fleet: a
    # chip that trains does not serve.
    inference = (s.compute + s.serve_extra) * (1.0 - training) * active_share(s)
    return (inference * per_side(p.tokens_per_h100e, s.batch) * s.algo_eff * s.serving_eff
            / frontier_factor(s, p))


def price_weights(p: Params) -> FloatArray:
    """(3,) or (B, 3): the weight of log price in each market's choice."""
    home = shared(p.share_price_weight)[..., None]
    return np.concatenate([home, home, shared(p.world_price_weight)[..., None]], axis=-1)


def choice(s: WorldState, frontier: FloatArray, p: Params) -> FloatArray:
    """(B, 3, 2) share of each market's spending that goes to each side's models, by
    their capability and the price of the side's best model (`frontier`)."""
    capability = shared(p.share_capability_weight)[..., None] * s.capability  # (B, 2)
    appeal = (capability[:, None, :]
              - price_weights(p)[..., None] * np.log(frontier)[:, None, :])  # (B, 3, 2)
    bias = per_side(p.home_bias, s.batch)
    appeal[:, US, US] += bias[..., US]
    appeal[:, CHINA, CHINA] += bias[..., CHINA]
    # Open weights: adoption at home and in the contested rest of the world.
    adoption = shared(p.open_weights_appeal)[..., None] * open_weights(s)
    appeal[:, US, US] += adoption[:, US]
    appeal[:, CHINA, CHINA] += adoption[:, CHINA]
    appeal[:, 2, :] += adoption
    appeal = appeal - spread(max_over(appeal, 2), 2, 2)
    weight = np.exp(appeal)
    shares: FloatArray = weight / spread(sum_over(weight, 2), 2, 2)
    return shares


def market_sizes(p: Params, batch: int) -> FloatArray:
    """(B, 3) or (3,) share of world spending in each market."""
    home = per_side(p.home_market, batch)
    return np.concatenate([home, 1.0 - home.sum(axis=-1, keepdims=True)], axis=-1)


def price_index(s: WorldState, p: Params) -> FloatArray:
    """(B,) buyers' spending-weighted average price at fixed capability."""
    price = prices(s, p)
    return _index(choice(s, price * frontier_factor(s, p), p), price, p, s.batch)


def _index(split: FloatArray, price: FloatArray, p: Params, batch: int) -> FloatArray:
    weights = sum_over(split * spread(market_sizes(p, batch), -1, 2), 1)
    out: FloatArray = sum_over(weights * price, 1)
    return out


def grow_demand(s: WorldState, index: FloatArray, p: Params) -> FloatArray:
    """(B,) next demand trend: growth at constant price and the response to the price
    change since last quarter, both fading as spending nears the ceiling."""
    ceiling = shared(p.demand_ceiling)
    mature = clamp(s.demand_trend / ceiling, 0.0, 1.0)
    early = shared(p.elasticity)
    late = shared(p.elasticity_mature)
    elasticity = late + (early - late) * (1.0 - mature)
    change = index / np.maximum(s.price_index, 1e-300)
    grown = (s.demand_trend * (1.0 + shared(p.demand_growth) * (1.0 - mature))
             * np.power(change, 1.0 - elasticity))
    return np.minimum(grown, ceiling)


def subsidy_raise(s: WorldState, frontier: FloatArray, spending: FloatArray,
                  capacity: FloatArray, p: Params) -> FloatArray:
    """(B,) >= 1: how far China's subsidised price goes back up toward list. The subsidy
    cuts the price only as far as China's serving capacity can serve the demand the cut
    draws: a deeper cut would turn buyers away at home and abroad, not win them."""
    cut = lookup(p.subsidy_price, CHINA, s.policy[:, CHINA, P_SUBSIDY])
    z = np.zeros(s.batch)  # log of the raise
    if np.all(cut >= 1.0):
        return np.exp(z)
    ceiling = -np.log(np.minimum(cut, 1.0))
    beta = price_weights(p)  # (3,) or (B, 3)
    need = np.log(np.maximum(capacity[:, CHINA], 1e-300))
    trial = frontier.copy()
    for _ in range(SUBSIDY_STEPS):
        trial[:, CHINA] = frontier[:, CHINA] * np.exp(z)
        split = choice(s, trial, p)[:, :, CHINA]  # (B, 3)
        tokens = spending * split / trial[:, CHINA, None]  # (B, 3) wanted of China
        want = np.maximum(sum_over(tokens, 1), 1e-300)
        # Newton on log demand against log price: d ln(want)/dz = -1 - sum w beta (1 - s).
        slope = -1.0 - sum_over(tokens * beta * (1.0 - split), 1) / want
        gap = np.log(want) - need
        z = np.where(gap > 0, clamp(z - gap / slope, 0.0, ceiling), z)
    raised: FloatArray = np.exp(z)
    return raised


def clear(s: WorldState, training: FloatArray, p: Params) -> WorldState:
    price = prices(s, p)
    frontier = price * frontier_factor(s, p)
    capacity = serving_capacity(s, training, p)
    split = choice(s, frontier, p)  # (B, 3, 2)
    index = _index(split, price, p, s.batch)
    trend = grow_demand(s, index, p)
    spending = (shared(p.demand0) * shared(p.demand_level) * trend)[:, None] * market_sizes(
        p, s.batch)  # (B, 3) $B
    raised = subsidy_raise(s, frontier, spending, capacity, p)
    if np.any(raised > 1.0):
        price[:, CHINA] *= raised
        frontier[:, CHINA] *= raised
        split = choice(s, frontier, p)

    by_market = spread(frontier, 1, len(MARKETS))  # (B, 3, 2) the frontier price
    wanted = spread(spending, 2, 2) * split / by_market  # (B, 3, 2) tokens
    want_total = sum_over(wanted, 1)
    served_ratio = np.where(want_total > capacity,
                            capacity / np.maximum(want_total, 1e-300), 1.0)
    served = wanted * spread(served_ratio, 1, len(MARKETS))
    # Spending a side cannot serve goes to the other side while it has room.
    unserved_spend = (wanted - served) * by_market  # (B, 3, 2) $B
    spare = capacity - sum_over(served, 1)
    moved_spend = unserved_spend[:, :, ::-1]  # what each side could take over, by market
    moved_total = sum_over(moved_spend, 1)
    take = np.minimum(moved_total / frontier, spare)  # tokens (B, 2)
    take_share = take * frontier / np.maximum(moved_total, 1e-300)
    served = served + moved_spend * spread(take_share, 1, len(MARKETS)) / by_market

    tokens = sum_over(served, 1)
    revenue = tokens * frontier  # quadrillion tokens x $/M tokens = $B
    total_revenue = sum_over(revenue, 1, keepdims=True)
    share = np.where(total_revenue > 0, revenue / np.maximum(total_revenue, 1e-300), 0.5)
    token_total = sum_over(tokens, 1, keepdims=True)
    token_share = np.where(token_total > 0, tokens / np.maximum(token_total, 1e-300), 0.5)
    paid = served * by_market  # (B, 3, 2) $B by market and seller
    home = pair(paid[:, US, US] / np.maximum(sum_over(paid[:, US], 1), 1e-300),
                paid[:, CHINA, CHINA] / np.maximum(sum_over(paid[:, CHINA], 1), 1e-300))
    world = paid[:, 2] / np.maximum(sum_over(paid[:, 2], 1, keepdims=True), 1e-300)
    return s.evolve(price=price, frontier_price=frontier, tokens=tokens, revenue=revenue,
                    market_share=share, token_share=token_share, home_share=home,
                    world_share=world,
                    demand_trend=trend, price_index=index)
