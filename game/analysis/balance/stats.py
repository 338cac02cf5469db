"""The audit's statistics: rates with Wilson intervals, paired differences with normal
intervals, score-gap percentiles. 95% throughout."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.engine.types import FloatArray

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Estimate:
    """A figure with its 95% interval."""

    value: float
    low: float
    high: float

    def as_json(self) -> dict[str, float]:
        return {"value": _clean(self.value), "low": _clean(self.low), "high": _clean(self.high)}

    @property
    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0


def _clean(value: float) -> float:
    return float(f"{value:.6g}")


def wilson(successes: int, trials: int) -> Estimate:
    """A proportion with its Wilson score interval (sound at 0% and 100%, unlike the
    normal approximation, which is where one-sided pairings live)."""
    if trials <= 0:
        return Estimate(0.0, 0.0, 1.0)
    p = successes / trials
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = Z95 * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    # Clamped so rounding never puts p outside its own interval (at 0% and 100% exactly).
    return Estimate(p, min(p, max(0.0, centre - half)), max(p, min(1.0, centre + half)))


def paired(treated: FloatArray, control: FloatArray) -> Estimate:
    """Mean of treated - control over games that share their seed, with a normal interval.
    Pairing by seed removes the chance both arms share, so small effects show."""
    diff = np.asarray(treated, dtype=np.float64) - np.asarray(control, dtype=np.float64)
    n = len(diff)
    if n == 0:
        return Estimate(0.0, 0.0, 0.0)
    mean = float(diff.mean())
    half = Z95 * float(diff.std(ddof=1)) / math.sqrt(n) if n > 1 else 0.0
    return Estimate(mean, mean - half, mean + half)


def gap_percentiles(gap: FloatArray) -> tuple[float, float, float]:
    """p10, p50, p90 of the final score gap (US minus China)."""
    p10, p50, p90 = np.percentile(gap, (10, 50, 90)) if len(gap) else (0.0, 0.0, 0.0)
    return float(p10), float(p50), float(p90)
