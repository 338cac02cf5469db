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
    out: FloatArray = row[np.arange(idx.shape[0]), idx]  # take_along_axis, without its overhead
    return out


def per_side(param: FloatArray, batch: int) -> FloatArray:
    """A side parameter, (2,) or (B, 2) once an event has modified it: either broadcasts
    against (B, 2) state. (No copy is made: arithmetic broadcasts for free.)"""
    return param


def side_array(param: FloatArray, batch: int) -> FloatArray:
    """A side parameter as a writable (B, 2) array."""
    out = np.empty((batch, 2), dtype=param.dtype)
    out[...] = param
    return out


def pair(us: AnyArray, china: AnyArray) -> FloatArray:
    """Two (B, ...) arrays side by side as (B, 2, ...): np.stack(axis=1) of floats,
    cheaper at batch 1."""
    out = np.empty((us.shape[0], 2, *us.shape[1:]))
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
    return x.ndim > 1 and x.shape[0] >= _SMALL_BATCH and 2 <= x.shape[axis] <= _SHORT


def _with_axis(x: AnyArray, axis: int) -> AnyArray:
    """np.expand_dims(x, axis) for one axis, without its per-call overhead."""
    if axis < 0:
        axis += x.ndim + 1
    return x[(slice(None),) * axis + (None,)]


def sum_over(x: FloatArray, axis: int, keepdims: bool = False) -> FloatArray:
    """`x.sum(axis=axis, keepdims=keepdims)`, bit for bit, faster for a short axis."""
    if not _short(x, axis):
        out: FloatArray = x.sum(axis=axis, keepdims=keepdims)
        return out
    if x.ndim == 3 and axis % 3 == 1 and x.shape[2] <= 4 and x.dtype == np.float64:
        # (B, n, k) over n: column by column, each a plain (B,) array (the (B, k) slices
        # would again go k numbers at a time).
        out = np.empty((x.shape[0], x.shape[2]))
        for k in range(x.shape[2]):
            out[:, k] = sum_over(x[:, :, k], 1)
    else:
        first, second, *rest = _entries(x, axis)
        out = first + second
        for entry in rest:
            out += entry
    return _with_axis(out, axis) if keepdims else out


def max_over(x: AnyArray, axis: int, keepdims: bool = False) -> AnyArray:
    """`x.max(axis=axis, keepdims=keepdims)`, faster for a short axis."""
    if not _short(x, axis):
        out: AnyArray = x.max(axis=axis, keepdims=keepdims)
        return out
    first, second, *rest = _entries(x, axis)
    out = np.maximum(first, second)
    for entry in rest:
        np.maximum(out, entry, out=out)
    return _with_axis(out, axis) if keepdims else out


def spread(x: FloatArray, axis: int, n: int) -> FloatArray:
    """`x` with a new axis at `axis` holding `n` copies: what broadcasting
    `np.expand_dims(x, axis)` against an array with `n` there would read, as one array.
    numpy broadcasts (B, 1, 2) against (B, 3, 2) two numbers at a time, ten times slower
    than multiplying two whole (B, 3, 2) arrays, so at a large batch the copy pays."""
    out = _with_axis(x, axis)
    if x.ndim > 1 and x.shape[0] < _SMALL_BATCH:
        return out
    return np.repeat(out, n, axis=axis)
