"""A side's belief about the world: the state as that side sees it.

Simulating futures (the lookahead bot, the advisor) needs a whole world state, but a side
may only use what it sees: its own figures exactly, the public ones (policies, tension,
prices, events in force, the technology frontier) and the other side's figures as its
fogged estimates. The belief state is the true state with the other side's figures
replaced by those estimates. The other side's unobserved stocks (fab capacity, the timing
inside its build pipelines, its budget trend, its intelligence effort) carry the same
estimation error as the closest figure that is observed, so the belief is never more
precise than the estimates behind it.
"""

from __future__ import annotations

import numpy as np

from game.engine.observation import OBSERVED
from game.engine.state import WorldState
from game.engine.types import US, FloatArray

# Figures copied straight from the estimates into the other side's column.
_DIRECT = ("budget", "compute", "inventory", "power_gw", "dc_gw", "power_used_gw", "algo_eff",
           "hw_eff", "capability", "market_share", "revenue", "fab_yield")
_INDEX = {name: i for i, name in enumerate(OBSERVED)}


def _ratio(estimate: FloatArray, truth: FloatArray) -> FloatArray:
    """Estimate over truth (1 where the truth is zero: nothing to mis-estimate)."""
    return np.where(truth > 0, estimate / np.where(truth > 0, truth, 1.0), 1.0)


def belief_state(state: WorldState, estimates: FloatArray, side: int) -> WorldState:
    """`state` as `side` believes it to be. `estimates` is (B, K): side's estimates of the
    other side's figures in OBSERVED order (engine.observation.estimates()[:, side])."""
    other = 1 - side
    changes: dict[str, FloatArray] = {}

    def with_other(name: str, value: FloatArray) -> None:
        arr = np.array(getattr(state, name), copy=True)
        arr[:, other] = value
        changes[name] = arr

    for name in _DIRECT:
        with_other(name, estimates[:, _INDEX[name]])

    compute_err = _ratio(estimates[:, _INDEX["compute"]], state.compute[:, other])
    budget_err = _ratio(estimates[:, _INDEX["budget"]], state.budget[:, other])
    for name, figure in (("dc_pipe", "dc_pipeline_gw"), ("power_pipe", "power_pipeline_gw")):
        pipe = getattr(state, name)
        err = _ratio(estimates[:, _INDEX[figure]], pipe[:, other].sum(axis=-1))
        with_other(name, pipe[:, other] * err[:, None])
    with_other("fab_home", state.fab_home[:, other] * compute_err)
    with_other("fab_pipe", state.fab_pipe[:, other] * compute_err[:, None])
    with_other("tokens", state.tokens[:, other] * compute_err)
    with_other("budget_base", state.budget_base[:, other] * budget_err)
    with_other("intel", state.intel[:, other] * budget_err)
    if other == US:  # Taiwan's fabs serve the US bloc
        changes["fab_taiwan"] = state.fab_taiwan * compute_err
        changes["taiwan_pipe"] = state.taiwan_pipe * compute_err[:, None]
    return state.evolve(**changes)
