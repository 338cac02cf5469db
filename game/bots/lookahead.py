"""`lookahead`: choose orders by simulating short futures on the batch engine.

Each quarter the bot builds candidate plans (every personality, each with a few tweaks:
train more, serve more, research more), plays each forward for a few quarters in many
sampled futures, all in one batch, and picks the plan with the best mean score by the
scenario's victory rules. Futures start from the side's belief state (its own state, its
estimates of the other side, public figures and rules: never the other side's true
state; see belief.py), the other side is modelled as the balanced bot, and every
candidate meets the same sampled futures (common random numbers), so the comparison is
fair even with few rollouts.

Rollout seeds are fresh counter-based draws, never the game's own seed: a bot that
simulated with the real seed would foresee the real event draws.

The same machinery refines any personality at the `hard` level (`refine`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.bots.balanced import Balanced
from game.bots.base import REGISTRY, Bot, register
from game.bots.levels import ROLLOUT_DRAWS, bot_uniforms
from game.bots.observation import Observation, observe
from game.engine import score
from game.engine.orders import A_CHIPS, A_RESEARCH, SideOrders
from game.engine.state import WorldState
from game.engine.step import step
from game.engine.types import US, FloatArray, IntArray

# Tweaks applied to a personality's orders: as written, train more, serve more, and
# move some chip money into research.
TWEAKS: tuple[str, ...] = ("as written", "train more", "serve more", "research more")
TRAINING_TWEAK = 0.10
RESEARCH_TWEAK = 0.06
PERSONALITIES: tuple[str, ...] = ("balanced", "hawk", "builder", "efficiency")
MAX_ROLLOUT_ROWS = 1 << 16  # games simulated at once; bigger batches go in blocks


@dataclass(frozen=True)
class Search:
    """How hard the bot looks: plans tried, futures per plan, quarters ahead.

    With `screen` and `keep` set, the search races (successive halving): every plan first
    meets `screen` futures, and only the `keep` best of each game go on to meet the rest.
    A kept plan's mean is over all `rollouts` futures, the same seeds as without racing,
    so the choice differs only when the full search's winner looked worse than `keep`
    others over the first futures. It saves most of the futures of plans that were never
    going to win: the normal level simulates 448 futures a quarter instead of 1,024."""

    tweaks: tuple[int, ...]
    rollouts: int
    horizon: int
    screen: int = 0  # futures every plan meets first (0: no racing)
    keep: int = 0  # plans per game that meet the rest

    def races(self, plans: int) -> bool:
        return 0 < self.screen < self.rollouts and 0 < self.keep < plans


SEARCH = {
    "easy": Search(tweaks=(0,), rollouts=16, horizon=2),
    "normal": Search(tweaks=(0, 1, 2, 3), rollouts=64, horizon=4, screen=16, keep=4),
    "hard": Search(tweaks=(0, 1, 2, 3), rollouts=128, horizon=6, screen=32, keep=4),
}
REFINE = Search(tweaks=(0, 1, 2, 3), rollouts=32, horizon=4)  # a personality at `hard`


def tweak_orders(orders: SideOrders, tweak: IntArray) -> SideOrders:
    """Apply tweak[i] (an index into TWEAKS) to game i's orders."""
    training = orders.training_share + np.where(tweak == 1, TRAINING_TWEAK, 0.0) - np.where(
        tweak == 2, TRAINING_TWEAK, 0.0)
    alloc = orders.allocation.copy()
    move = np.where(tweak == 3, np.clip(alloc[:, A_CHIPS] - 0.1, 0.0, RESEARCH_TWEAK), 0.0)
    alloc[:, A_CHIPS] -= move
    alloc[:, A_RESEARCH] += move
    return SideOrders(alloc, np.clip(training, 0.05, 0.95), orders.policy)


def rollout_seeds(obs: Observation, rollouts: int) -> np.ndarray:
    """(B, R) fresh seeds for the sampled futures of each game, from draws at SITE_BOT
    past the ones the levels use."""
    u = bot_uniforms(obs, ROLLOUT_DRAWS + rollouts)[:, ROLLOUT_DRAWS:]
    return (u * 2.0**53).astype(np.uint64)


def _gather(parts: list[SideOrders], rows: list[np.ndarray], total: int) -> SideOrders:
    alloc = np.empty((total, 6))
    training = np.empty(total)
    policy = np.empty((total, 5))
    for part, where in zip(parts, rows, strict=True):
        alloc[where] = part.allocation
        training[where] = part.training_share
        policy[where] = part.policy
    return SideOrders(alloc, training, policy)


def evaluate(obs: Observation, plans: list[tuple[Bot, int]], search: Search,
             opponent: Bot | None = None) -> tuple[FloatArray, list[SideOrders]]:
    """Mean score of `side` at the horizon for each plan: (B, C), -inf for a plan a race
    dropped; and each plan's orders for this quarter (the real observation, not the
    belief, decides them)."""
    assert obs.rules is not None, "the lookahead needs the scenario's rules"
    opponent = opponent or Balanced()
    first = [tweak_orders(bot.policy(obs), np.full(obs.batch, tweak)) for bot, tweak in plans]
    horizon = min(search.horizon, obs.turns - obs.turn)
    if horizon <= 0 or len(plans) == 1:
        return np.zeros((obs.batch, len(plans))), first
    seeds = rollout_seeds(obs, search.rollouts)
    everyone = np.broadcast_to(np.arange(len(plans)), (obs.batch, len(plans)))
    if not search.races(len(plans)):
        return _futures(obs, plans, first, search, horizon, opponent, everyone, seeds), first
    screen, rest = seeds[:, :search.screen], seeds[:, search.screen:]
    early = _futures(obs, plans, first, search, horizon, opponent, everyone, screen)
    # The `keep` best of each game, in plan order so the first plan still wins ties.
    kept = np.sort(np.argsort(-early, axis=1, kind="stable")[:, :search.keep], axis=1)
    games = np.arange(obs.batch)[:, None]
    late = _futures(obs, plans, first, search, horizon, opponent, kept, rest)
    scores = np.full(early.shape, -np.inf)
    scores[games, kept] = (early[games, kept] * search.screen
                           + late * (search.rollouts - search.screen)) / search.rollouts
    return scores, first


def _futures(obs: Observation, plans: list[tuple[Bot, int]], first: list[SideOrders],
             search: Search, horizon: int, opponent: Bot, tried: IntArray,
             seeds: np.ndarray) -> FloatArray:
    """Mean score over `seeds` (B, R) of the plans `tried` (B, C') of each game, played
    in blocks of games small enough to keep memory bounded: (B, C')."""
    per_game = tried.shape[1] * seeds.shape[1]
    block = max(1, MAX_ROLLOUT_ROWS // per_game)
    belief = obs.belief()
    scores = np.empty(tried.shape)
    for start in range(0, obs.batch, block):
        games = np.arange(start, min(start + block, obs.batch))
        scores[games] = _simulate(obs, belief.take(games), seeds[games], games, plans,
                                  first, tried[games], horizon, opponent)
    return scores


def _simulate(obs: Observation, belief: WorldState, seeds: np.ndarray, games: np.ndarray,
              plans: list[tuple[Bot, int]], first: list[SideOrders], tried: IntArray,
              horizon: int, opponent: Bot) -> FloatArray:
    rules = obs.rules
    assert rules is not None
    b, c, r = len(games), tried.shape[1], seeds.shape[1]
    rows = b * c * r
    state = belief.take(np.repeat(np.arange(b), c * r))
    state = state.evolve(seed=np.broadcast_to(seeds[:, None, :], (b, c, r)).reshape(rows))
    game_of_row = np.repeat(np.arange(b), c * r)
    plan_of_row = np.repeat(tried, r, axis=1).reshape(rows)
    tweak_of_row = np.array([tweak for _, tweak in plans])[plan_of_row]
    bots = {id(bot): bot for bot, _ in plans}
    bot_of_plan = np.array([id(bot) for bot, _ in plans])
    rows_of_bot = {key: np.flatnonzero(bot_of_plan[plan_of_row] == key) for key in bots}
    side = obs.side
    for k in range(horizon):
        turn = obs.turn + k
        if k == 0:  # this quarter's orders are the plans' real ones
            game = games[game_of_row]
            mine = SideOrders(*(np.stack([getattr(o, name) for o in first], axis=1)[
                game, plan_of_row] for name in ("allocation", "training_share", "policy")))
        else:
            seen = observe(state, rules, turn, obs.turns, side)
            parts, where = [], []
            for key, bot in bots.items():
                sub = rows_of_bot[key]
                if len(sub):
                    parts.append(tweak_orders(bot.policy(seen.take(sub)), tweak_of_row[sub]))
                    where.append(sub)
            mine = _gather(parts, where, rows)
        theirs = opponent.policy(observe(state, rules, turn, obs.turns, 1 - side))
        us, china = (mine, theirs) if side == US else (theirs, mine)
        state, _ = step(state, us, china, rules, turn)
    # The whole-game score a plan leads to if the horizon's position held to the end: the
    # score so far alone would undervalue what a plan builds for later quarters.
    value = score.projected(state, rules.victory, obs.turn + horizon - 1, obs.turns)
    result: FloatArray = value[:, side].reshape(b, c, r).mean(axis=2)
    return result


def best_orders(scores: FloatArray, first: list[SideOrders]) -> SideOrders:
    """Each game's orders from its best plan (the first plan wins ties)."""
    best = np.argmax(scores, axis=1)
    games = np.arange(scores.shape[0])
    return SideOrders(*(np.stack([getattr(o, name) for o in first], axis=1)[games, best]
                        for name in ("allocation", "training_share", "policy")))


def refine(bot: Bot, obs: Observation) -> SideOrders:
    """A personality at `hard`: its plan or a tweak of it, whichever simulates best."""
    plans = [(bot, tweak) for tweak in REFINE.tweaks]
    scores, first = evaluate(obs, plans, REFINE)
    return best_orders(scores, first)


@register("lookahead", "Simulates short futures each quarter: tries every personality's "
                       "plan with a few tweaks over sampled futures, plays the best by "
                       "the scenario's score.")
class Lookahead(Bot):
    refine_when_hard = False  # the level sets how hard it searches instead

    def __init__(self, level: str = "normal", search: Search | None = None):
        super().__init__(level)
        self.search = search or SEARCH[level]
        self.personalities = [REGISTRY[name].make("normal") for name in PERSONALITIES]

    def policy(self, obs: Observation) -> SideOrders:
        plans = [(bot, tweak) for bot in self.personalities for tweak in self.search.tweaks]
        scores, first = evaluate(obs, plans, self.search)
        return best_orders(scores, first)
