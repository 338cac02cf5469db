"""Budget shares kept in whole tenths of a percent so they always add up to exactly 100%."""

from __future__ import annotations

from collections.abc import Collection, Sequence

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


def rebalance(tenths: Sequence[int], index: int, value: int,
              kept: Collection[int] = ()) -> tuple[list[int], bool]:
    """Set share `index` to `value` (clamped to 0-100%); the other rows absorb the
    difference in proportion to their sizes (equally if they are all zero), except the rows
    in `kept`, which stay as they are. When the free rows cannot absorb it (the kept rows
    leave less room than `value`, or no row is free and the shares do not add up), every
    row is free again for this change.
    Returns the new shares and whether the kept rows had to be released."""
    value = max(0, min(WHOLE, int(value)))
    others = [k for k in range(len(tenths)) if k != index]
    held = [k for k in others if k in kept]
    free = [k for k in others if k not in kept]
    room = WHOLE - value - sum(tenths[k] for k in held)
    # The sixth share typed after five kept ones fits exactly when they add up.
    released = room < 0 or (not free and room != 0)
    if released:
        free, room = others, WHOLE - value
    spread = _largest_remainder([float(tenths[k]) for k in free], room)
    out = list(tenths)
    out[index] = value
    for k, v in zip(free, spread, strict=True):
        out[k] = v
    return out, released and bool(held)
