"""Test helpers: orders arrays built by hand and a small driver over the engine."""

from __future__ import annotations

import numpy as np

from game.engine.orders import SideOrders
from game.engine.rules import Rules
from game.engine.state import WorldState
from game.engine.step import step

DEFAULT_ALLOCATION = (0.5, 0.05, 0.2, 0.1, 0.12, 0.03)
US_POLICY = (2, 1, 0, 1, 0)
CHINA_POLICY = (0, 2, 2, 1, 0)


def orders(batch: int, allocation=DEFAULT_ALLOCATION, training=0.45, policy=US_POLICY) -> SideOrders:
    alloc = np.broadcast_to(np.asarray(allocation, dtype=float), (batch, 6)).copy()
    return SideOrders(alloc, np.full(batch, float(training)),
                      np.broadcast_to(np.asarray(policy, dtype=float), (batch, 5)).copy())


def play(state: WorldState, rules: Rules, turns: int, us: SideOrders | None = None,
         china: SideOrders | None = None) -> tuple[WorldState, list]:
    """Play `turns` turns with fixed orders; returns the final state and the logs."""
    b = state.batch
    us = us or orders(b)
    china = china or orders(b, policy=CHINA_POLICY)
    logs = []
    for t in range(turns):
        state, log = step(state, us, china, rules, t)
        logs.append(log)
    return state, logs
