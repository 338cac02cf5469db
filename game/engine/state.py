"""The world state: a struct of numpy arrays with a leading batch axis.

Per-side fields are (B, 2) with column 0 the US bloc and column 1 China. Pipelines are
(B, 2, PIPELINE_SLOTS): slot k completes k + 1 quarters from now.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from game.engine.types import BoolArray, FloatArray, IntArray

PIPELINE_SLOTS = 12


# No slots: a state's fields live in its __dict__, so `evolve` is one dict copy (a turn
# calls it dozens of times, and at batch 1 a field-by-field copy cost a fifth of the turn).
@dataclass(frozen=True)
class WorldState:
    seed: np.ndarray[Any, np.dtype[np.uint64]]
    budget: FloatArray  # $B available this quarter
    budget_base: FloatArray  # $B: the budget's exogenous part, grows each quarter
    fab_home: FloatArray  # M H100e/quarter capacity at start technology (US onshore, China)
    fab_taiwan: FloatArray  # (B,) M H100e/quarter, US bloc
    fab_pipe: FloatArray  # (B, 2, L) home fab capacity under construction
    taiwan_pipe: FloatArray  # (B, L) Taiwan capacity under construction
    fab_yield: FloatArray  # share of good dies
    hw_eff: FloatArray  # x: hardware price-performance, start = 1
    energy_eff: FloatArray  # x: compute per watt of new chips, start = 1
    serving_eff: FloatArray  # x: serving efficiency beyond hw and algorithms, start = 1
    compute: FloatArray  # M H100e in service (training worth)
    serve_extra: FloatArray  # M H100e: inference worth of export-grade chips beyond their
    #                          training worth (China's H20s serve better than they train)
    inventory: FloatArray  # M H100e bought, waiting for power or data-center space
    power_used_gw: FloatArray  # GW drawn by compute in service
    dc_gw: FloatArray  # GW of data-center capacity
    power_gw: FloatArray  # GW of connected power for data centers
    dc_pipe: FloatArray  # (B, 2, L)
    power_pipe: FloatArray  # (B, 2, L)
    algo_eff: FloatArray  # x: algorithmic efficiency, start = 1
    capability: FloatArray  # log10 FLOP of the best effective training run so far
    market_share: FloatArray  # share of world inference revenue
    revenue: FloatArray  # $B this quarter
    tokens: FloatArray  # quadrillion tokens of the side's best models served this quarter
    price: FloatArray  # $ per M tokens at fixed capability
    frontier_price: FloatArray  # $ per M tokens of the side's best model
    token_share: FloatArray  # share of world tokens served
    home_share: FloatArray  # share of the side's home market served by its own models
    world_share: FloatArray  # share of the rest of the world's inference spending
    demand_trend: FloatArray  # (B,) x: world inference spending over the start's
    price_index: FloatArray  # (B,) $ per M tokens: buyers' average price at fixed capability
    income: FloatArray  # $B: the quarter's income (base, reinvested revenue, chip exports)
    intel: FloatArray  # $B: intelligence effort, a decaying stock of spending
    policy: FloatArray  # (B, 2, 5) policies in force (raw values)
    tension: FloatArray  # (B,) 0-100
    last_escalator: IntArray  # (B,) -1 none, 0 us, 1 china
    over: BoolArray  # (B,) the game ended early (crisis)
    event_left: IntArray  # (B, E) quarters an event stays active; -1 permanent; 0 inactive
    event_fired: IntArray  # (B, E) times each event has fired
    escalation: FloatArray  # (B, 2) points: each side's recent escalation (crisis.py)
    blame: FloatArray  # (B, 2) share of the tension each side drove up (crisis.py)
    points_sum: FloatArray  # (B, 2, 5) each term's points by quarter, weighted, summed (score.py)
    score: FloatArray  # (B, 2) 0-100
    score_anchor: FloatArray  # (B, 2, 5) the opening's score terms: gains count from here

    @property
    def batch(self) -> int:
        return int(self.seed.shape[0])

    def take(self, index: Any) -> WorldState:
        """The games at `index` (an int keeps the batch axis as length 1)."""
        if isinstance(index, int | np.integer):
            index = slice(int(index), int(index) + 1)
        return WorldState(**{f.name: getattr(self, f.name)[index] for f in fields(self)})

    def evolve(self, **changes: Any) -> WorldState:
        """A copy with `changes` (field name to new array); the other fields are shared."""
        if not _FIELD_SET.issuperset(changes):
            raise TypeError(f"WorldState has no field(s) {sorted(changes.keys() - _FIELD_SET)}")
        new = object.__new__(WorldState)
        object.__setattr__(new, "__dict__", {**self.__dict__, **changes})
        return new


STATE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(WorldState))
_FIELD_SET = frozenset(STATE_FIELDS)


def concat(states: list[WorldState]) -> WorldState:
    return WorldState(
        **{n: np.concatenate([getattr(s, n) for s in states], axis=0) for n in STATE_FIELDS}
    )


def freeze_finished(old: WorldState, new: WorldState) -> WorldState:
    """Games that were already over keep their old state: nothing moves after a crisis."""
    if not np.any(old.over):
        return new
    out = {}
    for name in STATE_FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        mask = old.over.reshape((-1,) + (1,) * (a.ndim - 1))
        out[name] = np.where(mask, a, b)
    return WorldState(**out)


def digest(state: WorldState) -> list[str]:
    """One SHA-256 per game over every field rounded to 9 significant digits, so the
    digest does not depend on the last bit of a vectorised exp."""
    digests = []
    for i in range(state.batch):
        h = hashlib.sha256()
        for name in STATE_FIELDS:
            value = np.asarray(getattr(state, name)[i])
            if value.dtype.kind == "f":
                value = np.where(value == 0.0, 0.0, value)  # -0.0 and 0.0 hash alike
                text = ",".join(f"{v:.8e}" for v in value.ravel().tolist())
            else:
                text = ",".join(str(int(v)) for v in value.ravel().tolist())
            h.update(name.encode())
            h.update(text.encode())
        digests.append(h.hexdigest()[:32])
    return digests
