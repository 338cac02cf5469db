"""Moves the personalities share: how fast a policy may move, how to step back from the
brink, how hard to train. Vectorized over the batch like everything a bot does."""

from __future__ import annotations

import numpy as np

from game.bots.observation import Observation
from game.engine import crisis
from game.engine.orders import SCALE_ARRAY
from game.engine.tables import shared
from game.engine.types import BoolArray, FloatArray

# One quarter's move on each policy: a level, or 10 points of a percent policy. Moving
# a step at a time spreads the tension cost and leaves the other side time to answer.
PERCENT_STEP = 10.0
# The tension a typical escalation adds at once (a level of export or mineral controls):
# a bot weighs the hazard it would stand at after such a move.
TYPICAL_MOVE = 6.0


def crisis_risk(obs: Observation, extra: float = 0.0) -> FloatArray:
    """(B,) the chance per quarter of a crisis at today's tension plus `extra` points, by
    the scenario's public rules (the hazard every player can read in the rules); zero
    for a bot given no rules."""
    if obs.rules is None:
        return np.zeros(obs.batch)
    return crisis.hazard(obs.tension + extra, obs.rules.params)


def risk_stance(obs: Observation, escalate_below: float,
                step_back_above: float) -> tuple[BoolArray, BoolArray]:
    """(may escalate, must step back), both (B,): a move is allowed while the hazard after
    a typical move stays below `escalate_below` a quarter; above `step_back_above` today
    the bot lowers a control a quarter."""
    return (crisis_risk(obs, TYPICAL_MOVE) < escalate_below,
            crisis_risk(obs) > step_back_above)


def pressure_share(obs: Observation) -> FloatArray:
    """(B,) this side's share of the tension the two sides' policies in force hold up
    (policies are public): roughly its share of the blame should a crisis break out."""
    if obs.rules is None:
        return np.full(obs.batch, 0.5)
    mine, theirs = obs.own_policy, obs.other_policy
    policy = np.stack([mine, theirs] if obs.side == 0 else [theirs, mine], axis=1)
    held = crisis.standing_by_side(policy, obs.rules.params)
    total = held.sum(axis=1)
    return np.where(total > 1e-9, held[:, obs.side] / np.maximum(total, 1e-9), 0.5)


def conflict_cost(obs: Observation, extra: float = 0.0) -> FloatArray:
    """(B,) the points a quarter this side expects to lose to open conflict at today's
    tension plus `extra`: the hazard, times the share of crises that are open conflict,
    times what conflict costs (crisis_loss) at this side's share of the pressure."""
    if obs.rules is None:
        return np.zeros(obs.batch)
    p = obs.rules.params
    tension = obs.tension + extra
    loss = np.broadcast_to(shared(p.crisis_loss), (obs.batch,))
    return (crisis.hazard(tension, p) * crisis.conflict_share(tension, p) * loss
            * pressure_share(obs))


def cost_stance(obs: Observation, escalate_below: float,
                step_back_above: float) -> tuple[BoolArray, BoolArray]:
    """(may escalate, must step back), both (B,), weighing what a crisis would cost this
    side rather than the bare hazard: a move is allowed while the expected loss to open
    conflict after a typical move stays below `escalate_below` points a quarter; above
    `step_back_above` today the bot lowers a control a quarter. A side that carries little
    of the blame holds its ground longer."""
    return (conflict_cost(obs, TYPICAL_MOVE) < escalate_below,
            conflict_cost(obs) > step_back_above)


def steps(side: int) -> FloatArray:
    return np.where(SCALE_ARRAY[side] == 1, 1.0, PERCENT_STEP)


def ratchet(current: FloatArray, target: FloatArray, side: int,
            allowed: BoolArray | None = None) -> FloatArray:
    """Move each policy (B, 5) one step toward `target` (B, 5); where `allowed` (B,) is
    False, policies may only move down toward their target, never up."""
    step = steps(side)
    up = np.minimum(current + step, np.maximum(target, current))
    down = np.maximum(current - step, np.minimum(target, current))
    moved = np.where(target > current, up, down)
    if allowed is not None:
        moved = np.where(allowed[:, None] | (moved <= current), moved, current)
    return moved


def step_back(policy: FloatArray, obs: Observation, hot: BoolArray, order: tuple[int, ...],
              floor: FloatArray) -> FloatArray:
    """Where `hot` (B,), lower the first policy in `order` that is above its `floor`
    (per-column values) by one step: de-escalate one move at a time."""
    out = policy.copy()
    pending = hot.copy()
    step = steps(obs.side)
    for col in order:
        can = pending & (out[:, col] > floor[col])
        out[:, col] = np.where(can, np.maximum(out[:, col] - step[col], floor[col]),
                               out[:, col])
        pending &= ~can
    return out


def training_share(obs: Observation, base: float, swing: float = 0.15,
                   low: float = 0.25, high: float = 0.7) -> FloatArray:
    """Train harder when behind in capability, serve more when losing the market."""
    behind = obs.theirs("capability") - obs.mine("capability")
    share = np.clip(base + swing * np.tanh(2.0 * behind), low, high)
    return np.where(obs.mine("market_share") < 0.25, share - 0.05, share)
