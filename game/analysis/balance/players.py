"""The audit's players, as data: a bot with one lever forced, and a batch of plans.

Both are picklable recipes (batch.PlayerRecipe) so a chunk carries them to a process pool
or a Dask worker; both quantize their orders as records keep them, so a plan found here
plays exactly the same from the orders file it is written to.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.bots.observation import Observation
from game.bots.players import Player, make_player, parse_player
from game.engine.lever_effects import TRAINING_SHARE
from game.engine.orders import (
    ALLOCATION,
    MAX_ARRAY,
    OPEN_WEIGHTS_COLUMN,
    POLICIES,
    SideOrders,
    quantize,
)
from game.engine.types import FloatArray, side_index
from game.model.scenario import Scenario


def force(orders: SideOrders, side: str, lever: str, setting: float) -> SideOrders:
    """`orders` with one lever forced: a policy set to `setting`, a budget share multiplied
    by `setting` (the other shares rescaled so they still add up to 1), or the training
    share set to `setting`."""
    if lever == TRAINING_SHARE:
        return SideOrders(orders.allocation, np.full(orders.batch, setting), orders.policy)
    kind, _, name = lever.partition(".")
    if kind == "allocation":
        k = ALLOCATION.index(name)
        alloc = orders.allocation.copy()
        share = alloc[:, k]
        new = np.minimum(share * setting, 1.0)
        rest = 1.0 - share
        scale = np.where(rest > 0, (1.0 - new) / np.where(rest > 0, rest, 1.0), 0.0)
        alloc *= scale[:, None]
        alloc[:, k] = new
        return SideOrders(alloc, orders.training_share, orders.policy)
    policy = orders.policy.copy()
    policy[:, POLICIES[side].index(lever)] = setting
    return SideOrders(orders.allocation, orders.training_share, policy)


class _ForcedPlayer(Player):
    def __init__(self, base: Player, side: str, lever: str, setting: float):
        self.base, self.side, self.lever, self.setting = base, side, lever, setting

    def orders(self, obs: Observation) -> SideOrders:
        forced = force(self.base.orders(obs), self.side, self.lever, self.setting)
        return quantize(forced, side_index(self.side))


@dataclass(frozen=True)
class Forced:
    """`bot` (a PLAYER string) playing with `lever` forced to `setting` every quarter the
    scenario does not script."""

    bot: str
    lever: str
    setting: float

    def make(self, side: str, scenario: Scenario) -> Player:
        base = make_player(parse_player(self.bot), side, scenario)
        return _ForcedPlayer(base, side, self.lever, self.setting)

    def __str__(self) -> str:
        return f"{self.bot} with {self.lever}={self.setting:g}"


@dataclass(frozen=True)
class Plans:
    """Candidate plans, each played over the same `per_plan` games: batch row r plays plan
    r // per_plan. Plan p's orders from turn starts[k] on are (allocation[p, k],
    training[p, k], policy[p, k]), already quantized."""

    starts: tuple[int, ...]
    allocation: FloatArray  # (P, K, 6)
    training: FloatArray  # (P, K)
    policy: FloatArray  # (P, K, 5)
    per_plan: int

    def make(self, side: str, scenario: Scenario) -> Player:
        return _PlansPlayer(self)


class _PlansPlayer(Player):
    def __init__(self, plans: Plans):
        self.plans = plans

    def orders(self, obs: Observation) -> SideOrders:
        p = self.plans
        phase = int(np.searchsorted(np.asarray(p.starts), obs.turn, side="right")) - 1
        plan = np.arange(obs.batch) // p.per_plan
        k = max(phase, 0)
        return SideOrders(p.allocation[plan, k], p.training[plan, k], p.policy[plan, k])


def all_out(orders: SideOrders, side: str) -> SideOrders:
    """`orders` with every escalatory policy at its highest level and the weights closed
    (opening them eases tension): a side escalating everything."""
    policy = np.broadcast_to(MAX_ARRAY[side_index(side)], orders.policy.shape).copy()
    policy[:, OPEN_WEIGHTS_COLUMN[side_index(side)]] = 0.0
    return SideOrders(orders.allocation, orders.training_share, policy)


class _AllOutPlayer(Player):
    def __init__(self, base: Player, side: str):
        self.base, self.side = base, side

    def orders(self, obs: Observation) -> SideOrders:
        return quantize(all_out(self.base.orders(obs), self.side), side_index(self.side))


@dataclass(frozen=True)
class AllOut:
    """`bot` (a PLAYER string) escalating everything from the first quarter: its budget
    and training as it plays them, every escalatory policy at the top."""

    bot: str = "bot:balanced"

    def make(self, side: str, scenario: Scenario) -> Player:
        return _AllOutPlayer(make_player(parse_player(self.bot), side, scenario), side)

    def __str__(self) -> str:
        return f"{self.bot} escalating everything"
