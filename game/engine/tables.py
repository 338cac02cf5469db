"""Looking up per-level tables for a batch of policy levels."""

from __future__ import annotations

import numpy as np

from game.engine.types import AnyArray, FloatArray


def lookup(table: FloatArray, side: int, level: FloatArray) -> FloatArray:
    """table: (2, n) or (B, 2, n); level: (B,) -> (B,) values at each game's level.

    Percent-free integer levels only; fractional levels are floored (orders are rounded
    before they get here)."""
    row = table[..., side, :]
    idx = clamp(level.astype(np.int64), 0, row.shape[-1] - 1)
    if row.ndim == 1:
        return row[idx]
    return np.take_along_axis(row, idx[:, None], axis=1)[:, 0]


def per_side(param: FloatArray, batch: int) -> FloatArray:
    """A side parameter, (2,) or (B, 2) once an event has modified it: either broadcasts
    against (B, 2) state. (No copy is made: arithmetic broadcasts for free.)"""
    return param


def side_array(param: FloatArray, batch: int) -> FloatArray:
    """A side parameter as a writable (B, 2) array."""
    return np.array(np.broadcast_to(param, (batch, 2)))


def pair(us: AnyArray, china: AnyArray) -> FloatArray:
    """Two (B,) arrays side by side as (B, 2); cheaper than np.stack at batch 1."""
    out = np.empty((us.shape[0], 2))
    out[:, 0] = us
    out[:, 1] = china
    return out


def shared(param: FloatArray) -> FloatArray:
    """A shared parameter as a scalar, or (B,) once an event has modified it."""
    return param[..., 0]


def clamp(x: AnyArray, low: float | AnyArray, high: float | AnyArray) -> AnyArray:
    """np.clip without its per-call overhead (it dominates a batch-1 turn otherwise)."""
    return np.minimum(np.maximum(x, low), high)


# --- reductions over a short axis ---------------------------------------------------------
# numpy reduces a short axis (the 2 sides, 3 markets, 5 terms) row by row, paying its
# per-row overhead B times: at batch 10,000 `x.sum(axis=1)` of a (B, 3, 2) array costs
# as much as fifty elementwise operations. Adding the slices is one operation per entry.
# The additions are numpy's own, in its order (left to right, the first entry as the
# start), so the result is the same to the last bit; tests/test_tables.py checks it.
_SHORT = 7  # from 8 entries on numpy sums a contiguous row pairwise: not copied here
_SMALL_BATCH = 64  # at small batches numpy's call is the cheaper one


def _entries(x: AnyArray, axis: int) -> list[AnyArray]:
    lead = (slice(None),) * (axis % x.ndim)
    return [x[lead + (i,)] for i in range(x.shape[axis])]


def _short(x: AnyArray, axis: int) -> bool:
    return x.ndim > 1 and 2 <= x.shape[axis] <= _SHORT and x.shape[0] >= _SMALL_BATCH


def sum_over(x: FloatArray, axis: int, keepdims: bool = False) -> FloatArray:
    """`x.sum(axis=axis, keepdims=keepdims)`, bit for bit, faster for a short axis."""
    if not _short(x, axis):
        out: FloatArray = x.sum(axis=axis, keepdims=keepdims)
        return out
    first, second, *rest = _entries(x, axis)
    out = first + second
    for entry in rest:
        out += entry
    return np.expand_dims(out, axis) if keepdims else out


def max_over(x: AnyArray, axis: int, keepdims: bool = False) -> AnyArray:
    """`x.max(axis=axis, keepdims=keepdims)`, faster for a short axis."""
    if not _short(x, axis):
        out: AnyArray = x.max(axis=axis, keepdims=keepdims)
        return out
    first, second, *rest = _entries(x, axis)
    out = np.maximum(first, second)
    for entry in rest:
        np.maximum(out, entry, out=out)
    return np.expand_dims(out, axis) if keepdims else out
