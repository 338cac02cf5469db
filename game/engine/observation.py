"""Phase 12: what each side sees of the other.

Each side knows its own state exactly. Its estimates of the other side's figures carry
log-normal noise whose spread shrinks with its intelligence effort (a decaying stock of
intel spending): spread = max(floor, fog_sigma / (1 + intel / intel_ref)). Related figures
err together (one draw per group: whoever overestimates the other side's compute also
overestimates the power it draws), which keeps estimates coherent. Policies, market
share and revenue are public. Noise is drawn per (seed, turn, observer), so estimates are
reproducible.
"""

from __future__ import annotations

import math

import numpy as np

from game.engine import rng
from game.engine.orders import A_INTEL
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import per_side, shared
from game.engine.types import FloatArray

# Figures a side estimates about the other, in this order along the last axis.
OBSERVED: tuple[str, ...] = (
    "budget", "compute", "inventory", "power_gw", "dc_gw", "power_used_gw", "algo_eff",
    "hw_eff", "capability", "market_share", "revenue", "fab_yield", "dc_pipeline_gw",
    "power_pipeline_gw",
)
# Figures not stored as such in the state.
_DERIVED = {
    "dc_pipeline_gw": lambda s: s.dc_pipe.sum(axis=-1),
    "power_pipeline_gw": lambda s: s.power_pipe.sum(axis=-1),
}
# Figures whose estimate is additive (already on a log scale) or public (exact); every
# other estimate is log-normal around the truth.
_LOG_SCALE = frozenset({"capability"})
_PUBLIC = frozenset({"market_share", "revenue"})
# An estimate's stated range: this many spreads either side (about 95% of the noise).
RANGE_SPREADS = 2.0
# Error groups: figures in a group share one draw.
_GROUP = {
    "budget": 0, "compute": 1, "power_used_gw": 1, "inventory": 2, "power_gw": 3,
    "dc_gw": 3, "dc_pipeline_gw": 3, "power_pipeline_gw": 3, "algo_eff": 4,
    "capability": 4, "hw_eff": 5, "fab_yield": 5, "market_share": 0, "revenue": 0,
}
_GROUPS = 1 + max(_GROUP.values())
_GROUP_OF = np.array([_GROUP[name] for name in OBSERVED])
INTEL_DECAY = 0.7


def accumulate_intel(s: WorldState, spend: FloatArray) -> WorldState:
    return s.evolve(intel=s.intel * INTEL_DECAY + spend[:, :, A_INTEL])


def spread(s: WorldState, p: Params) -> FloatArray:
    """(B, 2) log-spread of side i's estimates of the other side."""
    sigma = shared(p.fog_sigma)[..., None] / (1.0 + s.intel / per_side(p.intel_ref, s.batch))
    return np.maximum(sigma, shared(p.fog_floor)[..., None])


def true_figures(s: WorldState) -> FloatArray:
    """(B, 2, K): each side's true figures in OBSERVED order."""
    return np.stack([_DERIVED[name](s) if name in _DERIVED else getattr(s, name)
                     for name in OBSERVED], axis=-1)


_SITES = (rng.SITE_OBSERVE_US, rng.SITE_OBSERVE_CHINA)
_LOG_COLUMNS = [j for j, name in enumerate(OBSERVED) if name in _LOG_SCALE]
_PUBLIC_COLUMNS = [j for j, name in enumerate(OBSERVED) if name in _PUBLIC]


def is_exact(figure: str) -> bool:
    """Whether the other side's `figure` (an OBSERVED name) is public: seen exactly."""
    return figure in _PUBLIC


def estimate_range(figure: str, value: float, sigma: float) -> tuple[float, float]:
    """(low, high): the range around an estimate `value` of OBSERVED `figure` seen with
    spread `sigma`, by the figure's noise: none (public), additive or log-normal."""
    if figure in _PUBLIC:
        return value, value
    if figure in _LOG_SCALE:
        return value - RANGE_SPREADS * sigma, value + RANGE_SPREADS * sigma
    return value * math.exp(-RANGE_SPREADS * sigma), value * math.exp(RANGE_SPREADS * sigma)


def estimates(s: WorldState, p: Params, resolved: int) -> tuple[FloatArray, FloatArray]:
    """Returns (B, 2, K) estimates where [:, i] is what side i believes of the other side,
    and the (B, 2) spreads behind them, after `resolved` turns (the draw key), so the
    opening view and every later one can be recomputed from the state alone."""
    sigma = spread(s, p)
    truth = true_figures(s)
    both = [side_estimates(s, truth[:, 1 - i], sigma[:, i], i, resolved) for i in (0, 1)]
    return np.stack(both, axis=1), sigma


def side_estimates(s: WorldState, truth: FloatArray, sigma: FloatArray, side: int,
                   resolved: int) -> FloatArray:
    """(B, K): what `side` believes of the other side, whose true figures are `truth`
    (B, K), given its spread (B,). Each side's noise has its own draw site, so one side's
    view costs half of both."""
    z = rng.normal(s.seed, resolved, _SITES[side], _GROUPS)[:, _GROUP_OF]
    noise = sigma[:, None] * z
    est = truth * np.exp(noise - 0.5 * sigma[:, None] ** 2)
    est[:, _LOG_COLUMNS] = truth[:, _LOG_COLUMNS] + noise[:, _LOG_COLUMNS]
    est[:, _PUBLIC_COLUMNS] = truth[:, _PUBLIC_COLUMNS]
    return est
