"""Orders as arrays: what one side commands for one quarter, for every game in a batch."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.tables import clamp, pair, spread, sum_over
from game.engine.types import CHINA, US, FloatArray

ALLOCATION: tuple[str, ...] = ("chips", "fabs", "datacenters", "power", "research", "intel")
A_CHIPS, A_FABS, A_DATACENTERS, A_POWER, A_RESEARCH, A_INTEL = range(6)

# Each side's five policies, in the column order of its policy array and tension tables.
POLICIES: dict[str, tuple[str, ...]] = {
    "us": ("export_controls", "equipment_controls", "domestic_build_pct", "enforcement",
           "open_weights"),
    "china": ("localization_pct", "mineral_controls", "smuggling", "open_weights",
              "price_subsidy"),
}
# Highest value of each policy; percent policies run 0-100, open_weights is 0 or 1.
POLICY_MAX: dict[str, tuple[float, ...]] = {
    "us": (4, 3, 100, 3, 1),
    "china": (100, 3, 3, 1, 3),
}
# Divisor that turns a policy value into "levels" for the tension tables.
POLICY_SCALE: dict[str, tuple[float, ...]] = {
    "us": (1, 1, 100, 1, 1),
    "china": (100, 1, 1, 1, 1),
}
# Column indices, named for the rules that read them.
P_EXPORT, P_EQUIPMENT, P_DOMESTIC_BUILD, P_ENFORCEMENT, P_US_OPEN = range(5)
P_LOCALIZATION, P_MINERALS, P_SMUGGLING, P_CN_OPEN, P_SUBSIDY = range(5)
OPEN_WEIGHTS_COLUMN = (P_US_OPEN, P_CN_OPEN)
SCALE_ARRAY = np.array([POLICY_SCALE["us"], POLICY_SCALE["china"]], dtype=np.float64)
MAX_ARRAY = np.array([POLICY_MAX["us"], POLICY_MAX["china"]], dtype=np.float64)
# Each side's policy columns that take any value in range (the rest are whole levels).
_FRACTIONAL: tuple[list[int], ...] = tuple(np.flatnonzero(row != 1).tolist() for row in SCALE_ARRAY)


@dataclass(frozen=True, slots=True)
class SideOrders:
    """One side's orders for a batch: allocation (B, 6) summing to 1, training_share (B,),
    policy (B, 5) in the side's own policy order (raw values: levels or percent)."""

    allocation: FloatArray
    training_share: FloatArray
    policy: FloatArray

    @property
    def batch(self) -> int:
        return int(self.allocation.shape[0])


def _finite(x: FloatArray, default: float) -> FloatArray:
    """NaN and infinities replaced by `default` (an order is a number or nothing). Orders
    are nearly always all finite: then `x` itself, which callers only read."""
    finite = np.isfinite(x)
    return x if finite.all() else np.where(finite, x, default)


def sanitize(orders: SideOrders, side: int) -> SideOrders:
    """Clamp orders into the legal ranges: the engine never trusts its inputs.

    Allocation is renormalised to sum to 1 (all zeros means all to chips); policy levels
    are rounded for the integer policies and clipped to their range.
    """
    alloc = np.maximum(_finite(orders.allocation, 0.0), 0.0)
    total = sum_over(alloc, 1)
    empty = total <= 0
    if np.any(empty):
        alloc = alloc.copy()
        alloc[empty, A_CHIPS] = 1.0
        total = sum_over(alloc, 1)
    alloc = alloc / spread(total, 1, alloc.shape[1])
    training = clamp(_finite(orders.training_share, 0.5), 0.0, 1.0)
    policy = _finite(orders.policy, 0.0)
    # Integer policies rounded: all columns rounded, the others put back (a (B, 5) where
    # against a (5,) mask goes five numbers at a time).
    rounded = np.round(policy)
    for column in _FRACTIONAL[side]:
        rounded[:, column] = policy[:, column]
    policy = rounded
    policy = clamp(policy, 0.0, MAX_ARRAY[side])
    return SideOrders(alloc, training, policy)


SHARE_DECIMALS = 6


def quantize(orders: SideOrders, side: int) -> SideOrders:
    """Orders as a record keeps them: shares and percent policies to 6 decimals (the
    largest share absorbs the rounding so they still add up to 1), integer policies
    rounded. Bots' orders pass through here in single games and in batches alike, so a
    game replayed from its record is bit-identical to the game as played."""
    o = sanitize(orders, side)
    shares = np.round(o.allocation, SHARE_DECIMALS)
    rows = np.arange(shares.shape[0])
    largest = np.argmax(shares, axis=1)
    shares[rows, largest] += 1.0 - sum_over(shares, 1)
    policy = np.round(o.policy, SHARE_DECIMALS)
    return SideOrders(shares, o.training_share, policy)


def stack_sides(us: SideOrders, china: SideOrders) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(B, 2, 6) allocation, (B, 2) training share, (B, 2, 5) policy."""
    alloc = pair(us.allocation, china.allocation)
    training = pair(us.training_share, china.training_share)
    policy = pair(us.policy, china.policy)
    return alloc, training, policy


def repeat_orders(orders: SideOrders, batch: int) -> SideOrders:
    """Broadcast batch-1 orders to a batch."""
    if orders.batch == batch:
        return orders
    return SideOrders(
        np.repeat(orders.allocation, batch, axis=0),
        np.repeat(orders.training_share, batch, axis=0),
        np.repeat(orders.policy, batch, axis=0),
    )


__all__ = ["ALLOCATION", "POLICIES", "POLICY_MAX", "SideOrders", "sanitize", "US", "CHINA"]
