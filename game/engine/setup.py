"""The opening state of a batch of games from each side's starting figures."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from game.engine import capability, market, score
from game.engine.orders import MAX_ARRAY
from game.engine.rules import Rules
from game.engine.state import PIPELINE_SLOTS, WorldState
from game.engine.tables import clamp, shared
from game.engine.types import FloatArray

# Starting figures a scenario gives for each side (fab_taiwan: US only).
START_FIELDS: tuple[str, ...] = (
    "budget", "compute", "inventory", "fab_home", "fab_yield", "dc_gw", "power_gw", "intel",
)


def initial_state(
    seeds: np.ndarray,
    start: Mapping[str, FloatArray],
    fab_taiwan: float,
    policy: FloatArray,
    tension: float,
    training_share: FloatArray,
    rules: Rules,
) -> WorldState:
    """start[name] is (2,) per side; policy (2, 5); training_share (2,) for the opening
    capability and market figures."""
    b = len(seeds)
    seeds = np.asarray(seeds, dtype=np.uint64)

    def per_side(name: str) -> FloatArray:
        return np.repeat(np.asarray(start[name], dtype=np.float64)[None, :], b, axis=0)

    ones = np.ones((b, 2))
    p = rules.params
    compute = per_side("compute")
    pol = clamp(np.repeat(np.asarray(policy, dtype=np.float64)[None], b, axis=0), 0,
                  MAX_ARRAY)
    s = WorldState(
        seed=seeds,
        budget=per_side("budget"),
        budget_base=per_side("budget"),
        fab_home=per_side("fab_home"),
        fab_taiwan=np.full(b, float(fab_taiwan)),
        fab_pipe=np.zeros((b, 2, PIPELINE_SLOTS)),
        taiwan_pipe=np.zeros((b, PIPELINE_SLOTS)),
        fab_yield=per_side("fab_yield"),
        hw_eff=ones.copy(),
        energy_eff=ones.copy(),
        serving_eff=ones.copy(),
        compute=compute,
        serve_extra=np.zeros((b, 2)),
        inventory=per_side("inventory"),
        power_used_gw=compute * shared(p.kw_per_h100e)[..., None],  # (2,) or per game (B, 2)
        dc_gw=per_side("dc_gw"),
        power_gw=per_side("power_gw"),
        dc_pipe=np.zeros((b, 2, PIPELINE_SLOTS)),
        power_pipe=np.zeros((b, 2, PIPELINE_SLOTS)),
        algo_eff=ones.copy(),
        capability=np.zeros((b, 2)),
        market_share=np.full((b, 2), 0.5),
        revenue=np.zeros((b, 2)),
        tokens=np.zeros((b, 2)),
        price=np.zeros((b, 2)),
        frontier_price=np.zeros((b, 2)),
        token_share=np.full((b, 2), 0.5),
        home_share=np.ones((b, 2)),
        world_share=np.full((b, 2), 0.5),
        demand_trend=np.ones(b),
        price_index=np.ones(b),
        income=per_side("budget"),
        intel=per_side("intel"),
        policy=pol,
        tension=np.full(b, float(tension)),
        last_escalator=np.full(b, -1, dtype=np.int64),
        over=np.zeros(b, dtype=bool),
        event_left=np.zeros((b, rules.deck.size), dtype=np.int64),
        event_fired=np.zeros((b, rules.deck.size), dtype=np.int64),
        escalation=np.zeros((b, 2)),
        blame=np.full((b, 2), 0.5),
        points_sum=np.zeros((b, 2, 5)),
        score=np.full((b, 2), 50.0),
        score_anchor=np.zeros((b, 2, 5)),
    )
    training = np.repeat(np.asarray(training_share, dtype=np.float64)[None], b, axis=0)
    s = s.evolve(capability=capability.best_run_log10(s, training, p))
    # The opening market, so the first screen shows prices and shares from the model;
    # the demand trend is restored so turn 1 grows from the start, not from here, and
    # the opening's price index is the one turn 1's price change is measured from.
    s = s.evolve(price_index=market.price_index(s, p))
    opened = market.clear(s, training, p)
    opened = opened.evolve(demand_trend=s.demand_trend)
    return opened.evolve(score_anchor=score.raw_terms(opened))
