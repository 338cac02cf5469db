"""Looking up per-level tables for a batch of policy levels."""

from __future__ import annotations

import numpy as np

from game.engine.types import FloatArray


def lookup(table: FloatArray, side: int, level: FloatArray) -> FloatArray:
    """table: (2, n) or (B, 2, n); level: (B,) -> (B,) values at each game's level.

    Percent-free integer levels only; fractional levels are floored (orders are rounded
    before they get here)."""
    row = table[..., side, :]
    idx = np.clip(level.astype(np.int64), 0, row.shape[-1] - 1)
    if row.ndim == 1:
        return row[idx]
    return np.take_along_axis(row, idx[:, None], axis=1)[:, 0]


def per_side(param: FloatArray, batch: int) -> FloatArray:
    """A side parameter as (B, 2), whether stored as (2,) or already (B, 2)."""
    return np.broadcast_to(param, (batch, 2))


def shared(param: FloatArray) -> FloatArray:
    """A shared parameter as a scalar, or (B,) once an event has modified it."""
    return param[..., 0]
