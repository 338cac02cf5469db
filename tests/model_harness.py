"""Many seeds of balanced-v-balanced baseline games with a lever forced, a parameter
changed or an event card forced: the instrument behind the model-v2 tests."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from game.bots.base import make_bot
from game.bots.observation import observe
from game.engine.metrics import metrics
from game.engine.orders import POLICIES, SideOrders, quantize
from game.engine.rules import Rules
from game.engine.step import step
from game.model.compile import opening_state
from game.model.scenario import Scenario


def play(scenario: Scenario, rules: Rules, seeds: np.ndarray,
         force: Mapping[str, Mapping[str, float]] | None = None,
         params: Mapping[str, object] | None = None,
         events: Mapping[int, tuple[str, ...]] | None = None,
         turns: int = 24) -> dict[str, np.ndarray]:
    """(T, B, 2) metrics (plus 'score_final' (B, 2)). force: {side: {policy: value}}
    (or "training_share") held every turn over the balanced bot's choice; params: {name: array}; events:
    {turn: card ids} forced to fire that turn."""
    if params:
        rules = replace(rules, params=rules.params.with_values(
            **{k: np.asarray(v, dtype=np.float64) for k, v in params.items()}))
    bots = [make_bot("balanced"), make_bot("balanced")]
    state = opening_state(scenario, np.asarray(seeds, dtype=np.uint64), rules)
    series: dict[str, list[np.ndarray]] = {}
    for turn in range(turns):
        orders: list[SideOrders] = []
        for side, name in enumerate(("us", "china")):
            o = quantize(bots[side].decide(observe(state, rules, turn, turns, side)), side)
            for policy, value in (force or {}).get(name, {}).items():
                if policy == "training_share":
                    o.training_share[:] = value
                else:
                    o.policy[:, POLICIES[name].index(policy)] = value
            orders.append(o)
        forced = tuple(rules.deck.ids.index(i) for i in (events or {}).get(turn, ()))
        state, log = step(state, orders[0], orders[1], rules, turn, forced)
        for k, v in metrics(state, log).items():
            series.setdefault(k, []).append(v)
        series.setdefault("tension", []).append(np.repeat(state.tension[:, None], 2, 1))
    out = {k: np.stack(v) for k, v in series.items()}
    out["score_final"] = state.score
    return out
