"""Difficulty levels, as Freeciv's AI levels do it: the same personality, played worse or
better.

- `easy`: noisy and slow. Each quarter the budget split and training share are perturbed
  (log-normal noise on each share), and the bot revises its policies only about one
  quarter in four: otherwise it keeps the ones in force, so it reacts late.
- `normal`: the personality exactly as written.
- `hard`: the personality checks its plan against a few variants by simulating short
  futures from what it believes of the world (see lookahead.py), and plays the best.

All draws are counter-based (engine.rng, site SITE_BOT) on the game's seed and turn, so a
bot at any level is deterministic per seed and a resumed game continues identically.
"""

from __future__ import annotations

import numpy as np

from game.bots.observation import Observation
from game.engine import rng
from game.engine.orders import SideOrders
from game.engine.types import FloatArray

EASY_NOISE = 1.0  # log-spread of each allocation share
EASY_TRAINING_NOISE = 0.2  # spread of the training share
EASY_REVISE = 0.25  # chance per quarter that an easy bot revises its policies

# Uniform draws per game at SITE_BOT: [0, 28) make 14 normals for the noise (7 per side),
# [28, 30) decide policy revision (1 per side); lookahead rollouts key theirs from
# ROLLOUT_DRAWS on, so the two never share a draw.
_NOISE_PER_SIDE = 7
_REVISE_AT = 28
ROLLOUT_DRAWS = 32


def bot_uniforms(obs: Observation, count: int = ROLLOUT_DRAWS) -> FloatArray:
    return rng.uniform(obs.seed, obs.turn, rng.SITE_BOT, count)


def make_easy(obs: Observation, orders: SideOrders) -> SideOrders:
    u = bot_uniforms(obs)
    # Box-Muller over this side's share of the draws.
    k = _NOISE_PER_SIDE
    u1 = 1.0 - u[:, 2 * k * obs.side: 2 * k * obs.side + k]
    u2 = u[:, 2 * k * obs.side + k: 2 * k * (obs.side + 1)]
    z = np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)
    alloc = orders.allocation * np.exp(EASY_NOISE * z[:, :6])  # the engine normalises it
    training = np.clip(orders.training_share + EASY_TRAINING_NOISE * z[:, 6], 0.05, 0.95)
    revise = u[:, _REVISE_AT + obs.side] < EASY_REVISE
    policy = np.where(revise[:, None], orders.policy, obs.own_policy)
    return SideOrders(alloc, training, policy)
