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
