"""Crises: the hazard tension carries, how grave a crisis is, and who is blamed.

Hazard. Above `crisis_onset` each quarter carries a chance that a crisis breaks out,
rising with tension as a power law (`crisis_shape`) to `crisis_hazard` at
`crisis_threshold`: a crisis is a risk taken, not a wall hit.

Grades. A second draw grades the crisis. The gravest, open conflict, takes a share of
crises growing from 0 at the onset to `crisis_grave` at the threshold, and ends the game.
The others fire a card of the deck of their grade (GRADE_SHARES: an incident at sea, a
sanctions spiral, a blockade of Taiwan), with effects that last; where no card of the
grade can fire, the next milder one does.

Blame. Each side's escalation is the tension its moves added, fading by `blame_memory` a
quarter, plus the tension its policies in force hold up: weighing what a side did over
recent quarters and what it keeps doing, not only its last move. A side's blame is its
share of the two (half each when neither has escalated). The score counts tension against
a side in proportion to its blame, and a game-ending crisis costs each side `crisis_loss`
points times its blame.
"""

from __future__ import annotations

import numpy as np

from game.engine import rng
from game.engine.orders import SCALE_ARRAY
from game.engine.params import Params
from game.engine.rules import EventDeck
from game.engine.tables import clamp, shared, sum_over
from game.engine.types import BoolArray, FloatArray, IntArray

CRISIS_NAMES: tuple[str, ...] = ("none", "incident", "sanctions", "blockade", "conflict")
NONE, INCIDENT, SANCTIONS, BLOCKADE, CONFLICT = range(len(CRISIS_NAMES))
# How the crises short of conflict divide: incidents are commonest, a blockade rarest.
GRADE_SHARES = np.array([0.45, 0.30, 0.25])


def heat(tension: FloatArray, p: Params) -> FloatArray:
    """(B,) how far tension has climbed from the onset to the threshold, 0-1."""
    onset = shared(p.crisis_onset)
    span = np.maximum(shared(p.crisis_threshold) - onset, 1e-9)
    return clamp((tension - onset) / span, 0.0, 1.0)


def hazard(tension: FloatArray, p: Params) -> FloatArray:
    """(B,) the chance per quarter that a crisis breaks out."""
    return shared(p.crisis_hazard) * heat(tension, p) ** shared(p.crisis_shape)


def conflict_share(tension: FloatArray, p: Params) -> FloatArray:
    """(B,) the share of crises at this tension that are open conflict."""
    return shared(p.crisis_grave) * heat(tension, p)


def strike(seed: np.ndarray, tension: FloatArray, over: BoolArray, p: Params,
           turn: int) -> IntArray:
    """(B,) the crisis grade this quarter (NONE to CONFLICT; NONE in a game already over),
    by two counter-based draws."""
    u = rng.uniform(seed, turn, rng.SITE_CRISIS, 2)
    breaks_out = u[:, 0] < hazard(tension, p)
    grave = conflict_share(tension, p)
    # The rest of the grade draw, rescaled to [0, 1), picks among the milder grades.
    rest = (u[:, 1] - grave) / np.maximum(1.0 - grave, 1e-12)
    milder = INCIDENT + np.searchsorted(np.cumsum(GRADE_SHARES), rest, side="right")
    grade = np.where(u[:, 1] < grave, CONFLICT, np.minimum(milder, BLOCKADE))
    return np.where(breaks_out & ~over, grade, NONE).astype(np.int64)


def crisis_cards(deck: EventDeck, grade: IntArray, eligible: BoolArray) -> BoolArray:
    """(B, E) the card each graded crisis fires: the first eligible card of its grade, or
    failing that of the nearest milder grade (none when no crisis card can fire)."""
    fire = np.zeros(eligible.shape, dtype=bool)
    if deck.size == 0 or not np.any(deck.crisis):
        return fire
    pending = (grade >= INCIDENT) & (grade <= BLOCKADE)
    if not pending.any():  # most quarters: no crisis anywhere in the batch
        return fire
    for g in (BLOCKADE, SANCTIONS, INCIDENT):
        can = eligible & (deck.crisis == g)[None, :] & (grade >= g)[:, None] & pending[:, None]
        first = can & (np.cumsum(can, axis=1) == 1)
        fire |= first
        pending &= ~first.any(axis=1)
    return fire


def standing_by_side(policy: FloatArray, p: Params) -> FloatArray:
    """(B, 2) points of tension each side's policies in force hold up (never below 0)."""
    held: FloatArray = sum_over(p.tension_standing * (policy / SCALE_ARRAY), -1)
    return np.maximum(held, 0.0)


def escalation(previous: FloatArray, jump_by_side: FloatArray, p: Params) -> FloatArray:
    """(B, 2) the recent-escalation stock after this quarter's moves: what earlier moves
    added, fading, plus what this quarter's raises added (a step back does not erase it)."""
    memory = shared(p.blame_memory)
    if np.ndim(memory):
        memory = memory[:, None]
    return previous * memory + np.maximum(jump_by_side, 0.0)


def blame(escalated: FloatArray, policy: FloatArray, p: Params) -> FloatArray:
    """(B, 2) each side's share of the tension the two drove up (0.5 each when none)."""
    pressure = escalated + standing_by_side(policy, p)
    both = sum_over(pressure, -1, keepdims=True)
    return np.where(both > 1e-9, pressure / np.maximum(both, 1e-9), 0.5)


def provocation(deck: EventDeck, pressure: FloatArray) -> FloatArray:
    """(B, E) chance added to each card by the recent escalation of the side provoking
    it."""
    if deck.size == 0 or not np.any(deck.provocation):
        return np.zeros((pressure.shape[0], deck.size))
    by = np.maximum(deck.provoked_by, 0)
    return np.where(deck.provoked_by >= 0, deck.provocation * pressure[:, by], 0.0)
