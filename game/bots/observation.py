"""What a bot (or a player) knows before it orders: its own figures exactly, the other
side's as estimates, public policies and tension, the scenario's (public) rules, and the
belief state built from all that for simulating futures. Never the true state of the
other side: the belief is built from `belief.what_side_knows`, which hands on only the
side's own part of the state and the public fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from game.bots.belief import belief_state, what_side_knows
from game.engine import events
from game.engine.observation import OBSERVED, side_estimates, spread, true_figures
from game.engine.rules import Rules
from game.engine.state import WorldState
from game.engine.types import FloatArray

FIGURE = {name: i for i, name in enumerate(OBSERVED)}


@dataclass(frozen=True, slots=True)
class Observation:
    side: int
    turn: int  # the 0-based turn about to be ordered
    turns: int  # turns in the game
    own: FloatArray  # (B, K) own figures, OBSERVED order
    other: FloatArray  # (B, K) estimates of the other side
    sigma: FloatArray  # (B,) log-spread of those estimates
    tension: FloatArray  # (B,)
    own_policy: FloatArray  # (B, 5)
    other_policy: FloatArray  # (B, 5)
    seed: np.ndarray  # (B,) uint64: the game's key, for a bot's own counter-based draws
    rules: Rules | None = None  # the scenario's rules: public, what a bot simulates with
    # Builds the belief state on demand: most bots never need it, and it costs as much
    # as the rest of the observation. None when observe() was given no opening position.
    believe: Callable[[], WorldState] | None = field(default=None, repr=False, compare=False)

    def mine(self, name: str) -> FloatArray:
        return self.own[:, FIGURE[name]]

    def theirs(self, name: str) -> FloatArray:
        return self.other[:, FIGURE[name]]

    @property
    def batch(self) -> int:
        return int(self.own.shape[0])

    def belief(self) -> WorldState:
        """The world as this side believes it to be (see belief.py)."""
        if self.believe is None:
            raise ValueError("this observation carries no belief state: observe() needs "
                             "the scenario's opening position (opening=) to build one")
        return self.believe()

    def take(self, index: np.ndarray) -> Observation:
        """The games at `index` (an integer array), without the belief state."""
        return Observation(
            side=self.side, turn=self.turn, turns=self.turns, own=self.own[index],
            other=self.other[index], sigma=self.sigma[index], tension=self.tension[index],
            own_policy=self.own_policy[index], other_policy=self.other_policy[index],
            seed=self.seed[index], rules=self.rules)


def observe(state: WorldState, rules: Rules, turn: int, turns: int, side: int,
            opening: WorldState | None = None) -> Observation:
    """The observation of `side` before turn `turn` (turn = turns already resolved).
    `opening` is the scenario's opening position (public; batch 1 or the state's): the
    belief state needs it, the bots that only read figures do not."""
    p = events.effective_params(state, rules.params, rules.deck)
    sigma = spread(state, p)[:, side]
    truth = true_figures(state)
    # Only this side's view: the other side's noise has its own draw site, so this is
    # the same estimate the engine logs, at half the cost of computing both.
    other = side_estimates(state, truth[:, 1 - side, :], sigma, side, turn)
    own = truth[:, side, :]

    def believe() -> WorldState:
        assert opening is not None
        return belief_state(what_side_knows(state, p, turn, side, other, opening))

    return Observation(
        side=side, turn=turn, turns=turns, own=own, other=other,
        sigma=sigma, tension=state.tension, own_policy=state.policy[:, side, :],
        other_policy=state.policy[:, 1 - side, :], seed=state.seed, rules=rules,
        believe=None if opening is None else believe,
    )
