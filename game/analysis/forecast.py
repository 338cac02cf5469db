"""The advisor: where a set of orders is likely to lead, before it is committed.

From the side's belief state (its own state, its estimates of the other side, the public
figures and the scenario's opening: the advisor knows no more than the player; see
bots/belief.py), about a thousand sampled futures are played on the batch axis: the
orders as entered for the coming quarter, then the side's default bot, against the
opponent's bot (the scenario's scripted orders first, where it has them). For each
horizon (4 and 8 quarters ahead by default, cut at the end of the game), the 10th, 50th
and 90th percentiles of the side's key figures.

Futures use fresh seeds derived from the game's seed and turn, never the game's own
seed: the advisor samples what may happen, it does not foresee the real draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from game.bots.observation import observe
from game.bots.players import (
    DEFAULT_PLAYER,
    PlayerSpec,
    ScriptedTurns,
    make_player,
    parse_player,
)
from game.engine import rng
from game.engine.orders import SideOrders, repeat_orders
from game.engine.rules import Rules
from game.engine.state import WorldState
from game.engine.step import step
from game.engine.types import SIDES, FloatArray, side_index
from game.model.compile import opening_state
from game.model.orders import Orders
from game.model.scenario import Scenario

KEY_FIGURES: tuple[str, ...] = ("compute", "capability", "market_share", "tension", "score")
UNITS = {"compute": "M H100e", "capability": "log10 FLOP", "market_share": "share",
         "tension": "points", "score": "points"}
HORIZONS: tuple[int, ...] = (4, 8)
FUTURES = 1000
_KEY_MIX = (0x9E3779B97F4A7C15, 0xD1B54A32D192ED03, 0xA0761D6478BD642F)


@dataclass(frozen=True)
class Band:
    p10: float
    p50: float
    p90: float


@dataclass(frozen=True)
class HorizonForecast:
    quarters: int  # quarters ahead of now
    turn: int  # the 0-based turn after which the figures stand
    figures: dict[str, Band]  # KEY_FIGURES; tension is shared, the rest the side's own
    crisis: float  # share of futures that have ended in a crisis by then


@dataclass(frozen=True)
class Forecast:
    side: str
    turn: int  # the turn the orders are for
    futures: int
    horizons: tuple[HorizonForecast, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "side": self.side, "turn": self.turn, "futures": self.futures,
            "horizons": [{"quarters": h.quarters, "turn": h.turn, "crisis": h.crisis,
                          "figures": {name: {"p10": b.p10, "p50": b.p50, "p90": b.p90}
                                      for name, b in h.figures.items()}}
                         for h in self.horizons],
        }


def future_seeds(game_seed: int, turn: int, futures: int) -> np.ndarray:
    key = (game_seed * _KEY_MIX[0] + (turn + 1) * _KEY_MIX[1] + _KEY_MIX[2]) % 2**64
    return rng.derive_seeds(key, futures)


def _bot_spec(spec: str | PlayerSpec) -> PlayerSpec:
    parsed = parse_player(spec) if isinstance(spec, str) else spec
    return parsed if parsed.kind == "bot" else parse_player(DEFAULT_PLAYER)


def forecast(
    scenario: Scenario,
    rules: Rules,
    state: WorldState,
    turn: int,
    side: str,
    orders: Orders | SideOrders,
    futures: int = FUTURES,
    horizons: tuple[int, ...] = HORIZONS,
    opponent: str | PlayerSpec = DEFAULT_PLAYER,
    successor: str | PlayerSpec = DEFAULT_PLAYER,
) -> Forecast:
    """Percentiles of `side`'s key figures `horizons` quarters after playing `orders` now.

    `state` is the game's (batch 1) state before turn `turn`; `opponent` plays the other
    side (a bot; anything else falls back to the default bot) and `successor` plays
    `side` after the first quarter."""
    me = side_index(side)
    if futures < 1:
        raise ValueError("futures must be at least 1")
    turns = scenario.clock.turns
    last = min(max(horizons), turns - turn)
    wanted = sorted({min(h, turns - turn) for h in horizons if h > 0 and turn < turns})
    first = orders.to_arrays() if isinstance(orders, Orders) else orders
    opening = opening_state(scenario, state.seed[:1], rules)  # public: the scenario's start
    belief = observe(state, rules, turn, turns, me, opening=opening).belief()
    world = belief.take(np.zeros(futures, dtype=np.int64)).evolve(
        seed=future_seeds(int(state.seed[0]), turn, futures))
    players = {me: make_player(_bot_spec(successor), side, scenario),
               1 - me: make_player(_bot_spec(opponent), SIDES[1 - me], scenario)}
    scripted = ScriptedTurns(scenario)
    crisis = np.zeros(futures, dtype=bool)
    out: list[HorizonForecast] = []
    for k in range(last):
        t = turn + k
        given: list[SideOrders] = []
        for i, name in enumerate(SIDES):
            fixed = scripted.get(t, name)  # the scenario's own orders come first
            if fixed is not None:
                given.append(repeat_orders(fixed.to_arrays(), futures))
            elif i == me and k == 0:
                given.append(repeat_orders(first, futures))
            else:
                given.append(players[i].orders(observe(world, rules, t, turns, i,
                                                       opening=opening)))
        world, log = step(world, given[0], given[1], rules, t)
        if log.crisis is not None:
            crisis |= log.crisis
        if k + 1 in wanted:
            out.append(HorizonForecast(k + 1, t, _bands(world, me), float(crisis.mean())))
    return Forecast(side, turn, futures, tuple(out))


def _bands(world: WorldState, me: int) -> dict[str, Band]:
    values: dict[str, FloatArray] = {
        "compute": world.compute[:, me], "capability": world.capability[:, me],
        "market_share": world.market_share[:, me], "tension": world.tension,
        "score": world.score[:, me],
    }
    bands = {}
    for name in KEY_FIGURES:
        p10, p50, p90 = np.percentile(values[name], (10, 50, 90))
        bands[name] = Band(float(p10), float(p50), float(p90))
    return bands
