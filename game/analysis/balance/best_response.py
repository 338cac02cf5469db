"""Best response (exploitability): the strongest fixed plan a black-box search finds
against each opponent bot.

A plan is a side's orders (allocation, training share, every policy level) for a few
phases of the game: it may change at PHASES points. The search is the cross-entropy
method (Rubinstein and Kroese, 2004): sample a population of plans from independent
normal distributions over the plan's numbers (each scaled to 0-1), score each plan over
the same batch of seeds (common random numbers: every plan meets the same luck), refit
the distributions to the best quarter and repeat. Every search moves in lockstep, so each
round's plans against every opponent run as one stage of chunks (in parallel, on a pool
or a cluster). The best plan is then played over the audit's own seeds, the ones the bot
matrix used, so its win rate stands next to the bots' on equal terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from game.analysis.balance.matrix import Pairing, bot_player
from game.analysis.balance.players import Plans
from game.analysis.balance.runner import Games, Runner
from game.analysis.balance.stats import Estimate, wilson
from game.analysis.batch import run_batch
from game.analysis.sweep import GameResults
from game.bots.observation import Observation
from game.bots.players import Player, make_player, parse_player
from game.engine.orders import ALLOCATION, MAX_ARRAY, SideOrders, quantize
from game.engine.types import SIDES, FloatArray, side_index
from game.model.clock import quarter_label
from game.model.orders import opening_orders, orders_from_arrays
from game.model.scenario import Scenario

PHASES = 3  # a plan may change its orders this many times in a game (at even spacing)
N_ALLOC = len(ALLOCATION)
WIDTH = N_ALLOC + 1 + MAX_ARRAY.shape[1]  # numbers per phase: shares, training, policies
ELITE = 0.25  # share of each round's plans the distributions are refitted to
SMOOTHING = 0.7  # weight of the refit against the previous distribution
START_SPREAD = 0.3
MIN_SPREAD = 0.03
TRAINING_RANGE = (0.05, 0.95)


@dataclass(frozen=True)
class Search:
    """How hard to look: plans per round, rounds (budget = their product) and seeds each
    plan is scored over."""

    population: int
    rounds: int
    seeds: int

    @staticmethod
    def for_budget(evals: int, seeds: int) -> Search:
        population = max(4, min(32, int(round(np.sqrt(evals * 2.5)))))
        return Search(population, max(1, evals // population), seeds)


def phase_starts(turns: int) -> tuple[int, ...]:
    return tuple(sorted({turns * k // PHASES for k in range(PHASES)}))


def decode(side: str, x: FloatArray) -> SideOrders:
    """Plans' numbers (N, WIDTH), each clipped to 0-1, as quantized engine orders."""
    x = np.clip(x, 0.0, 1.0)
    alloc = x[:, :N_ALLOC].copy()
    alloc[alloc.sum(axis=1) <= 0, 0] = 1.0
    low, high = TRAINING_RANGE
    training = np.round(low + (high - low) * x[:, N_ALLOC], 4)  # reads well in a file
    policy = x[:, N_ALLOC + 1:] * MAX_ARRAY[side_index(side)]
    orders = SideOrders(alloc / alloc.sum(axis=1, keepdims=True), training, policy)
    return quantize(orders, side_index(side))


def encode(side: str, orders: SideOrders) -> FloatArray:
    """Engine orders (N rows) as plan numbers: where a search starts."""
    low, high = TRAINING_RANGE
    return np.concatenate([orders.allocation,
                           ((orders.training_share - low) / (high - low))[:, None],
                           orders.policy / MAX_ARRAY[side_index(side)]], axis=1)


def plans_of(side: str, x: FloatArray, starts: tuple[int, ...], per_plan: int) -> Plans:
    """Plans (P, K * WIDTH) as a recipe that plays each over `per_plan` games."""
    p, k = x.shape[0], len(starts)
    decoded = decode(side, x.reshape(p * k, WIDTH))
    # Through the orders model, exactly as the plan's orders file will be read back: the
    # plan plays here bit for bit as it plays from the file.
    rows = [orders_from_arrays(side, decoded, i).to_arrays() for i in range(p * k)]
    orders = SideOrders(*(np.concatenate([getattr(r, name) for r in rows])
                          for name in ("allocation", "training_share", "policy")))
    return Plans(starts, orders.allocation.reshape(p, k, N_ALLOC),
                 orders.training_share.reshape(p, k), orders.policy.reshape(p, k, -1),
                 per_plan)


def orders_file(side: str, scenario: Scenario, x: FloatArray) -> dict[str, Any]:
    """One plan as an orders file (JSON data) that `run --SIDE script:FILE` plays."""
    starts = phase_starts(scenario.clock.turns)
    orders = decode(side, x.reshape(len(starts), WIDTH))
    turns = []
    for k, start in enumerate(starts):
        o = orders_from_arrays(side, orders, k)
        turns.append({"at": quarter_label(scenario.clock.start, start),
                      **o.model_dump(mode="json")})
    return {"side": side, "turns": turns}


class _Recorder(Player):
    """A recipe and player in one: plays `bot` and keeps the orders it gives."""

    def __init__(self, bot: str):
        self.bot = bot
        self.given: list[SideOrders] = []
        self.base: Player | None = None

    def make(self, side: str, scenario: Scenario) -> Player:
        self.base = make_player(parse_player(self.bot), side, scenario)
        return self

    def orders(self, obs: Observation) -> SideOrders:
        assert self.base is not None
        orders = self.base.orders(obs)
        self.given.append(orders)
        return orders


def imitations(scenario: Scenario, side: str, bots: tuple[str, ...], seed: np.ndarray,
               default_bot: str) -> FloatArray:
    """(len(bots), K * WIDTH): each bot's play in one game against the default bot, as a
    fixed plan (each phase: the mean of the orders the bot gave during it). The search
    starts from these, so it begins at least as strong as the bots' own habits."""
    starts = phase_starts(scenario.clock.turns)
    out = []
    for bot in bots:
        recorder = _Recorder(bot_player(bot))
        us, china = (recorder, default_bot) if side == "us" else (default_bot, recorder)
        run_batch(scenario, seed[:1], us, china, collect=False)
        rows = [encode(side, o)[0] for o in recorder.given] or [
            encode(side, opening_orders(scenario, side).to_arrays())[0]]
        # Scripted (historical) quarters never reach the bot: phase k averages the
        # bot's own quarters at or after its start.
        first = scenario.clock.turns - len(rows)
        phases = []
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else scenario.clock.turns
            lo, hi = max(start - first, 0), max(end - first, 1)
            phases.append(np.mean(rows[min(lo, len(rows) - 1):hi], axis=0))
        out.append(np.concatenate(phases))
    plans: FloatArray = np.clip(np.array(out, dtype=np.float64), 0.0, 1.0)
    return plans


def _value(games: GameResults, side: str, plans: int) -> FloatArray:
    """Each plan's worth over its games: wins, half a draw, plus a sliver of the score gap
    so the search still has a slope where every plan loses (or wins)."""
    i = side_index(side)
    w = games.winners.reshape(plans, -1)
    score = games.final["score"].reshape(plans, -1, 2)
    result = (w == i) + 0.5 * (w == -1) + (score[..., i] - score[..., 1 - i]) / 400.0
    values: FloatArray = result.mean(axis=1)
    return values


@dataclass
class Response:
    side: str
    against: str
    plan: FloatArray  # (K * WIDTH,)
    games: GameResults  # the plan over the audit's seeds
    best_bot: str  # the side's bot that wins most against `against`
    best_bot_rate: float

    def win_rate(self) -> Estimate:
        return wilson(int(np.sum(self.games.winners == side_index(self.side))),
                      len(self.games.seeds))

    def margin(self) -> float:
        return self.win_rate().value - self.best_bot_rate

    def as_json(self, scenario: Scenario) -> dict[str, Any]:
        rate = self.win_rate()
        return {"side": self.side, "against": self.against,
                "plan": orders_file(self.side, scenario, self.plan),
                "win_rate": rate.as_json()["value"],
                "win_rate_interval": [rate.as_json()["low"], rate.as_json()["high"]],
                "best_bot": self.best_bot, "best_bot_win_rate": self.best_bot_rate,
                "margin": round(self.margin(), 6)}


def search_all(runner: Runner, scenario: Scenario, bots: tuple[str, ...], search: Search,
               seed: int, search_seeds: np.ndarray, audit_seeds: np.ndarray,
               matrix: list[Pairing], default_bot: str) -> list[Response]:
    starts = phase_starts(scenario.clock.turns)
    targets = [(side, against) for side in SIDES for against in bots]
    rng = np.random.default_rng(seed)
    mean, spread, best, best_value = [], [], [], []
    habits = {side: imitations(scenario, side, bots, search_seeds, default_bot)
              for side in SIDES}
    for side, _ in targets:
        mean.append(habits[side].mean(axis=0))
        spread.append(np.full(len(starts) * WIDTH, START_SPREAD))
        best.append(habits[side][0].copy())
        best_value.append(-np.inf)
    per_chunk = max(1, 50 // len(search_seeds))
    for round_ in range(search.rounds):
        populations = []
        for t in range(len(targets)):
            x = rng.normal(mean[t], spread[t], (search.population, len(mean[t])))
            x[0] = best[t]  # the best so far stays in: the search never loses ground
            if round_ == 0:  # the first round also tries every bot's habits
                seeds_ = habits[targets[t][0]]
                x[:len(seeds_)] = seeds_[:len(x)]
            populations.append(np.clip(x, 0.0, 1.0))
        groups = []
        for (side, against), x in zip(targets, populations, strict=True):
            for c in range(0, len(x), per_chunk):
                groups.append(_games(side, against, plans_of(side, x[c:c + per_chunk],
                                                               starts, len(search_seeds)),
                                     np.tile(search_seeds, len(x[c:c + per_chunk]))))
        results = iter(runner.run(f"best response, round {round_ + 1}/{search.rounds}",
                                  groups))
        for t, (side, _) in enumerate(targets):
            x = populations[t]
            parts = [next(results) for _ in range(0, len(x), per_chunk)]
            value = _value(GameResults.concat(parts), side, len(x))
            order = np.argsort(-value, kind="stable")
            if value[order[0]] > best_value[t]:
                best[t], best_value[t] = x[order[0]].copy(), float(value[order[0]])
            elite = x[order[:max(2, int(len(x) * ELITE))]]
            mean[t] = SMOOTHING * elite.mean(axis=0) + (1 - SMOOTHING) * mean[t]
            spread[t] = np.maximum(SMOOTHING * elite.std(axis=0)
                                   + (1 - SMOOTHING) * spread[t], MIN_SPREAD)
    finals = runner.run("best response, final play",
                        [_games(side, against, plans_of(side, best[t][None, :], starts,
                                                        len(audit_seeds)), audit_seeds)
                         for t, (side, against) in enumerate(targets)])
    out = []
    for t, (side, against) in enumerate(targets):
        cells = [(m.win_rate(side), m.us if side == "us" else m.china) for m in matrix
                 if (m.china if side == "us" else m.us) == against]
        rate, bot = max(cells, default=(0.0, ""), key=lambda c: c[0])
        out.append(Response(side, against, best[t], finals[t], bot, rate))
    return out


def _games(side: str, against: str, plans: Plans, seeds: np.ndarray) -> Games:
    # One chunk: a plan is found by its row in the batch, so the group is never split.
    other = bot_player(against)
    if side == "us":
        return Games(plans, other, seeds, chunk_games=len(seeds))
    return Games(other, plans, seeds, chunk_games=len(seeds))
