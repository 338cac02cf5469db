"""Budget shares kept in whole tenths of a percent so they always add up to exactly 100%."""

from __future__ import annotations

from collections.abc import Sequence

WHOLE = 1000  # 100.0% in tenths of a percent
STEP = 50  # one key press: 5 percentage points


def _largest_remainder(weights: Sequence[float], total: int) -> list[int]:
    """Integers proportional to `weights` that add up to `total` exactly."""
    weight_sum = sum(weights)
    if weight_sum <= 0:
        weights = [1.0] * len(weights)
        weight_sum = float(len(weights))
    raw = [total * w / weight_sum for w in weights]
    out = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda k: (raw[k] - out[k], -k), reverse=True)
    for k in by_remainder[: total - sum(out)]:
        out[k] += 1
    return out


def from_shares(shares: Sequence[float]) -> list[int]:
    """Tenths of a percent from shares that add up to about 1."""
    return _largest_remainder([max(0.0, s) for s in shares], WHOLE)


def rebalance(tenths: Sequence[int], index: int, value: int) -> list[int]:
    """Set share `index` to `value` (clamped to 0-100%); the others absorb the difference
    in proportion to their sizes (equally if they are all zero)."""
    value = max(0, min(WHOLE, int(value)))
    others = [k for k in range(len(tenths)) if k != index]
    spread = _largest_remainder([float(tenths[k]) for k in others], WHOLE - value)
    out = list(tenths)
    out[index] = value
    for k, v in zip(others, spread, strict=True):
        out[k] = v
    return out
