"""The world each game is played in: key uncertain quantities drawn once per game.

Nobody knows how fast each side's labs will improve their algorithms, how elastic token
demand is, how much a compute-starved lab gains from
constraint, how fast open weights diffuse, what yields China's fabs reach, or how hard and
how long a blockade of Taiwan would bite. Each game draws a factor for each of these from a
documented range and applies it to the scenario's value, so a strategy is tested against
a spread of worlds rather than one. The factors are log-uniform between `low` and `high`
(a factor and its reciprocal are equally likely when the range is symmetric in log), drawn
by the counter-based generator at turn 0: a pure function of the game's seed, so a replay,
a resumed game and game i of a sweep all see the same world. A scenario may narrow a range
or fix a quantity at its own value (low = high = 1).

The factors apply to:
- parameters (`elasticity`, `constraint_bonus`, `diffusion_rate`): the value is multiplied;
- `yield_ceiling`: China's row only (the US bloc's yields are known), capped at 1;
- `algo_growth_us`, `algo_growth_china`: each side's algorithmic progress, independently;
- `blockade_severity`: the share of Taiwan's output a blockade card cuts (and its other
  effects) is multiplied; `blockade_duration`: its duration, rounded, at least a quarter.
  "Blockade cards" are those whose `crisis` grade is `blockade`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine import rng
from game.engine.params import Params
from game.engine.types import CHINA, FloatArray, IntArray

# Never reorder: the column of each name is its draw index, part of every recorded game.
UNCERTAIN_NAMES: tuple[str, ...] = (
    "elasticity", "constraint_bonus", "diffusion_rate", "yield_ceiling",
    "blockade_severity", "blockade_duration", "algo_growth_us", "algo_growth_china",
)
(K_ELASTICITY, K_CONSTRAINT, K_DIFFUSION, K_YIELD, K_SEVERITY, K_DURATION, K_ALGO_US,
 K_ALGO_CHINA) = range(8)
_SCALED_PARAMS = (K_ELASTICITY, K_CONSTRAINT, K_DIFFUSION)


@dataclass(frozen=True, slots=True)
class UncertainRange:
    """The factor on the scenario's value: log-uniform between `low` and `high`."""

    low: float
    high: float
    source: str


DEFAULT_RANGES: dict[str, UncertainRange] = {
    "elasticity": UncertainRange(
        0.85, 1.15, "Indicative: demand for cheaper inference has risen faster than prices "
        "fell (Epoch AI, LLM inference prices, Mar 2025; Google tokens 9.7T to 480T a month, "
        "2024-2025), but how far above 1 the elasticity is remains unmeasured."),
    "constraint_bonus": UncertainRange(
        0.5, 1.5, "Indicative: one observation (DeepSeek-V3 trained on 2,048 H800s for "
        "$5.6M, arXiv 2412.19437); whether constraint keeps paying is unknown."),
    "diffusion_rate": UncertainRange(
        0.6, 1.6, "Epoch AI, 'How far behind are open models?' (Nov 2024): open models "
        "trail the closed frontier by 5-22 months."),
    "yield_ceiling": UncertainRange(
        0.8, 1.15, "Ascend 910C yields ~20% (Nov 2024) to ~40% (Feb 2025), 910B ~50% "
        "(TrendForce; DIGITIMES, sec.)."),
    "blockade_severity": UncertainRange(
        0.6, 1.1, "CSIS Taiwan quarantine and blockade scenarios (2024-2025): a customs "
        "'quarantine' lets part of the trade through, a full blockade almost none."),
    "algo_growth_us": UncertainRange(
        0.7, 1.4, "Epoch AI / MIT, arXiv 2403.05812: algorithmic progress 2.8x a year, 95% "
        "CI 1.8-5.3x; each side's labs draw their own pace."),
    "algo_growth_china": UncertainRange(
        0.7, 1.4, "As for the US bloc: the same CI, drawn independently."),
    "blockade_duration": UncertainRange(
        0.5, 2.0, "Indicative: CSIS and Rhodium Group (2022) scenarios run from weeks to "
        "more than a year."),
}


@dataclass(frozen=True, slots=True)
class Uncertainty:
    """The ranges a scenario plays with, one (low, high) per UNCERTAIN_NAMES entry."""

    low: FloatArray  # (K,)
    high: FloatArray  # (K,)

    @staticmethod
    def default() -> Uncertainty:
        return Uncertainty.of(DEFAULT_RANGES)

    @staticmethod
    def of(ranges: dict[str, UncertainRange]) -> Uncertainty:
        """Ranges by name; a name left out is fixed at the scenario's value."""
        low = np.array([ranges[n].low if n in ranges else 1.0 for n in UNCERTAIN_NAMES])
        high = np.array([ranges[n].high if n in ranges else 1.0 for n in UNCERTAIN_NAMES])
        return Uncertainty(low, high)

    @staticmethod
    def none() -> Uncertainty:
        return Uncertainty.of({})


def factors(seed: np.ndarray, u: Uncertainty) -> FloatArray:
    """(B, K) the factors drawn for each game: a pure function of its seed."""
    draw = rng.uniform(seed, 0, rng.SITE_UNCERTAINTY, len(UNCERTAIN_NAMES))
    return u.low * (u.high / u.low) ** draw


def drawn_params(p: Params, f: FloatArray) -> Params:
    """The parameters of each game's world: (B, 2) or (B, 2, n) where a factor applies."""
    if np.all(f == 1.0):
        return p
    changed: dict[str, FloatArray] = {}
    for k in _SCALED_PARAMS:
        name = UNCERTAIN_NAMES[k]
        changed[name] = getattr(p, name) * f[:, k, None]
    rows = np.ones((f.shape[0], 2))
    rows[:, CHINA] = f[:, K_YIELD]
    changed["yield_ceiling"] = np.minimum(p.yield_ceiling * rows[:, :, None], 1.0)
    changed["algo_growth"] = p.algo_growth * f[:, [K_ALGO_US, K_ALGO_CHINA]]
    return p.with_values(**changed)


def severity(f: FloatArray) -> FloatArray:
    """(B,) the factor on a blockade card's effects."""
    return f[:, K_SEVERITY]


def scaled_duration(duration: IntArray, f: FloatArray) -> IntArray:
    """(B, E) cards' durations (E,) scaled by each game's blockade-duration factor, at
    least a quarter (0, permanent, stays permanent)."""
    scaled = np.maximum(np.rint(duration[None, :] * f[:, K_DURATION, None]), 1)
    return np.where(duration[None, :] > 0, scaled.astype(np.int64), duration[None, :])
