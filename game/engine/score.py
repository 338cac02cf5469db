"""Phase 13: the score, by the scenario's victory rules.

Five terms, each from the side's own point of view: capability lead (log10 FLOP), share
of the two sides' compute, share of world inference revenue, share of the two sides'
budgets (economy), and stability (tension counted against a side by its blame). Each
quarter a side earns points by how far it beats par, the terms the default bots reach by
the same turn (or, without a par, the opening position): 50 + 50 x weighted mean of
tanh((term - par) / scale). The score is the mean of the quarters so far, quarter t
weighing t + 1: both sides start at 50 whatever the balance of power, a side that holds
more ground than expected wins, and a lost year counts. Open conflict (crisis.py) ends
the game and costs each side crisis_loss points times its blame; a sudden-death rule
ends it with 100 for the winner it names and 0 for the other.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from game.engine.crisis import CONFLICT
from game.engine.log import ScoreTerms, TurnLog
from game.engine.params import Params
from game.engine.rules import VictoryRules
from game.engine.state import WorldState
from game.engine.tables import shared, sum_over
from game.engine.types import FloatArray, IntArray

WIN_SCORE = 100.0
# How much change in each term counts as decisive (tanh reaches 0.76 there); the
# capability entry is replaced by the scenario's capability_scale.
TERM_SCALE = np.array([1.0, 0.15, 0.15, 0.15, 0.25])


def terms_of(capability: FloatArray, compute: FloatArray, market_share: FloatArray,
             budget: FloatArray, tension: FloatArray, blame: FloatArray) -> FloatArray:
    """(..., 2, 5) score terms from each side's point of view; inputs (..., 2) and
    tension (...). Stability counts tension against a side by its blame: 1 - tension/100
    when the two share it equally, down to 1 - 1.5 x tension/100 for a side that drove
    all of it, up to 1 - 0.5 x tension/100 for one that drove none."""
    lead = capability - capability[..., ::-1]
    compute_share = compute / np.maximum(sum_over(compute, -1, keepdims=True), 1e-12)
    economy = budget / np.maximum(sum_over(budget, -1, keepdims=True), 1e-12)
    stability = 1.0 - (tension / 100.0)[..., None] * (0.5 + blame)
    return np.stack([lead, compute_share, market_share, economy, stability], axis=-1)


def raw_terms(s: WorldState) -> FloatArray:
    """(B, 2, 5) score terms from each side's point of view."""
    # The economy term measures income, not money held over (model v2: money is a flow).
    return terms_of(s.capability, s.compute, s.market_share, s.income, s.tension, s.blame)


def quarter_weight(turn: int) -> float:
    """How much quarter `turn` (0-based) counts in the whole-game score: later quarters
    weigh more (the last of 24 counts 24 times the first), so a lost year still counts
    and an early lead must be held."""
    return float(turn + 1)


def weight_so_far(turn: int) -> float:
    """The quarter weights summed over turns 0..turn."""
    return (turn + 1) * (turn + 2) / 2.0


def game_points(s: WorldState, turn: int) -> FloatArray:
    """(B, 2, 5) each term's points over the game so far, after `turn`: with 50 they add
    up to the score unless a crisis or a sudden-death rule overrode it."""
    return s.points_sum / weight_so_far(turn)


def projected(s: WorldState, v: VictoryRules, turn: int, turns: int) -> FloatArray:
    """(B, 2) the final score if the points of quarter `turn` held for the rest of a game
    of `turns` quarters: how a short simulation judges a plan, so that what a position is
    worth later counts with the weight later quarters carry (a game already over, or a
    sudden death, keeps its score)."""
    quarter = points(s, v, turn)
    rest = weight_so_far(turns - 1) - weight_so_far(turn)
    final = 50.0 + (sum_over(s.points_sum, -1) + rest * (quarter - 50.0)) / weight_so_far(
        turns - 1)
    return np.where(s.over[:, None], s.score, final)


def par_at(s: WorldState, v: VictoryRules, turn: int | None) -> FloatArray:
    """The reference terms a side is measured against after `turn` (None: the opening)."""
    if v.par is None or turn is None:
        return s.score_anchor
    reference: FloatArray = v.par[min(turn, len(v.par) - 1)]
    return reference


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
    result: FloatArray = 50.0 + sum_over(score_terms(s, v, turn).points, -1)
    return result


def blame(s: WorldState) -> IntArray:
    """(B,) the side a crisis is chiefly blamed on: the one carrying more of the blame for
    tension (crisis.py; the US bloc when the two carry it equally)."""
    side: IntArray = np.argmax(s.blame >= s.blame[:, ::-1], axis=1).astype(np.int64)
    return side


def score(s: WorldState, v: VictoryRules, p: Params, log: TurnLog, turn: int,
          grade: IntArray | None = None) -> WorldState:
    """The whole-game score: each quarter's points against par, averaged with later
    quarters weighing more. Open conflict (`grade` CONFLICT, crisis.py) ends the game and
    costs each side crisis_loss x its blame."""
    terms = score_terms(s, v, turn)
    total = s.points_sum + quarter_weight(turn) * terms.points
    result = 50.0 + sum_over(total, -1) / weight_so_far(turn)
    crisis = np.zeros(s.batch, dtype=bool) if grade is None else grade == CONFLICT
    crisis &= ~s.over
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
    loss = shared(p.crisis_loss)
    loss = loss[:, None] if np.ndim(loss) else loss
    result = np.where(crisis[:, None], np.maximum(result - loss * s.blame, 0.0), result)
    log.crisis = crisis
    log.blamed = np.where(crisis, blamed, -1)
    log.sudden_death = sudden
    log.terms = replace(terms, game_points=total / weight_so_far(turn))
    return s.evolve(score=result, points_sum=total, over=over)


def winners(s: WorldState, v: VictoryRules) -> np.ndarray:
    """(B,) 0 the US bloc, 1 China, -1 a draw: the higher score wins unless within the
    draw margin."""
    gap = s.score[:, 0] - s.score[:, 1]
    return np.where(gap > v.draw_margin, 0, np.where(gap < -v.draw_margin, 1, -1))
