"""Phase 13: the score, by the scenario's victory rules.

Five terms, each from the side's own point of view: capability lead (log10 FLOP), share
of the two sides' compute, share of world inference revenue, share of the two sides'
budgets (economy), and stability (1 - tension / 100). A side scores by how far it beats
par, the terms the default bots reach by the same turn (or, without a par, the opening
position): score = 50 + 50 x weighted mean of tanh((term - par) / scale). Both sides start
at 50 whatever the balance of power, and a side that holds more ground than expected wins. Tension at the crisis threshold
ends the game, blamed on the last escalator, whose score drops to 0; a sudden-death rule
ends it with 100 for the winner it names and 0 for the other.
"""

from __future__ import annotations

import numpy as np

from game.engine.log import ScoreTerms, TurnLog
from game.engine.params import Params
from game.engine.rules import VictoryRules
from game.engine.state import WorldState
from game.engine.tables import shared
from game.engine.types import FloatArray, IntArray

WIN_SCORE = 100.0
# How much change in each term counts as decisive (tanh reaches 0.76 there); the
# capability entry is replaced by the scenario's capability_scale.
TERM_SCALE = np.array([1.0, 0.15, 0.15, 0.15, 0.25])


def terms_of(capability: FloatArray, compute: FloatArray, market_share: FloatArray,
             budget: FloatArray, tension: FloatArray) -> FloatArray:
    """(..., 2, 5) score terms from each side's point of view; inputs (..., 2) and (...)."""
    lead = capability - capability[..., ::-1]
    compute_share = compute / np.maximum(compute.sum(axis=-1, keepdims=True), 1e-12)
    economy = budget / np.maximum(budget.sum(axis=-1, keepdims=True), 1e-12)
    stability = np.repeat((1.0 - tension / 100.0)[..., None], 2, axis=-1)
    return np.stack([lead, compute_share, market_share, economy, stability], axis=-1)


def raw_terms(s: WorldState) -> FloatArray:
    """(B, 2, 5) score terms from each side's point of view."""
    # The economy term measures income, not money held over (model v2: money is a flow).
    return terms_of(s.capability, s.compute, s.market_share, s.income, s.tension)


def par_at(s: WorldState, v: VictoryRules, turn: int | None) -> FloatArray:
    """The reference terms a side is measured against after `turn` (None: the opening)."""
    if v.par is None or turn is None:
        return s.score_anchor
    return v.par[min(turn, len(v.par) - 1)]


def score_terms(s: WorldState, v: VictoryRules, turn: int | None = None) -> ScoreTerms:
    """Each side's five terms after `turn`: value, par, gain over par, weight, points."""
    scale = TERM_SCALE.copy()
    scale[0] = v.capability_scale
    raw = raw_terms(s)
    par = np.broadcast_to(par_at(s, v, turn), raw.shape)
    gain = np.tanh((raw - par) / scale)
    weight = np.broadcast_to(v.weights / v.weights.sum(axis=-1, keepdims=True), raw.shape)
    return ScoreTerms(raw=raw, par=par, gain=gain, weight=weight, points=50.0 * gain * weight)


def term_gains(s: WorldState, v: VictoryRules, turn: int | None = None) -> FloatArray:
    """(B, 2, 5) each term's gain over par after `turn`, squashed to [-1, 1]."""
    return score_terms(s, v, turn).gain


def points(s: WorldState, v: VictoryRules, turn: int | None = None) -> FloatArray:
    return 50.0 + score_terms(s, v, turn).points.sum(axis=-1)


def blame(s: WorldState) -> IntArray:
    """(B,) the side a crisis is blamed on: the last to escalate (the US bloc when no
    side has escalated yet)."""
    return np.where(s.last_escalator >= 0, s.last_escalator, 0).astype(np.int64)


def score(s: WorldState, v: VictoryRules, p: Params, log: TurnLog, turn: int) -> WorldState:
    terms = score_terms(s, v, turn)
    result = 50.0 + terms.points.sum(axis=-1)
    crisis = (s.tension >= shared(p.crisis_threshold)) & ~s.over
    blamed = blame(s)
    over = s.over | crisis
    sudden = np.full(s.batch, -1, dtype=np.int64)
    for k, rule in enumerate(v.sudden_death):
        value = getattr(s, rule.metric)
        value = value[:, rule.side] - value[:, 1 - rule.side] if rule.lead else value[:, rule.side]
        hit = (value >= rule.value) if rule.at_least else (value <= rule.value)
        hit &= ~over
        result = np.where(hit[:, None],
                          np.where(np.arange(2) == rule.winner, WIN_SCORE, 0.0), result)
        sudden = np.where(hit, k, sudden)
        over = over | hit
    lost = crisis[:, None] & (np.arange(2)[None, :] == blamed[:, None])
    result = np.where(lost, 0.0, result)
    log.crisis = crisis
    log.blamed = np.where(crisis, blamed, -1)
    log.sudden_death = sudden
    log.terms = terms
    return s.evolve(score=result, over=over)


def winners(s: WorldState, v: VictoryRules) -> np.ndarray:
    """(B,) 0 the US bloc, 1 China, -1 a draw: the higher score wins unless within the
    draw margin."""
    gap = s.score[:, 0] - s.score[:, 1]
    return np.where(gap > v.draw_margin, 0, np.where(gap < -v.draw_margin, 1, -1))
