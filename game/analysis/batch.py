"""Many games at once on the engine's batch axis: the same `step` a single game uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from game.bots.observation import observe
from game.bots.players import (
    Player,
    PlayerSpec,
    ScriptedTurns,
    make_player,
    parse_player,
    scripted_or,
)
from game.engine.metrics import METRIC_NAMES, metrics
from game.engine.rules import Rules
from game.engine.score import winners as score_winners
from game.engine.state import WorldState
from game.engine.step import step
from game.engine.types import FloatArray
from game.model.compile import opening_state
from game.model.scenario import Scenario


@dataclass
class BatchResult:
    """Per-turn figures of a batch: metrics[name] is (T, B, 2); tension (T, B);
    events (T, B, E); the final state; turns actually played; over and crisis (T, B):
    the game had ended after that turn / ended in a crisis that turn; crisis_grade (T, B):
    the crisis that broke out that turn (an index into crisis.CRISIS_NAMES, 0 none)."""

    metrics: dict[str, FloatArray]
    tension: FloatArray
    events: np.ndarray
    final: WorldState
    turns: int
    over: np.ndarray | None = None
    crisis: np.ndarray | None = None
    crisis_grade: np.ndarray | None = None  # (T, B) crisis.CRISIS_NAMES index, 0 none

    def winners(self, rules: Rules) -> np.ndarray:
        """(B,) 0 us, 1 china, -1 draw."""
        return winners(self.final, rules)


def winners(state: WorldState, rules: Rules) -> np.ndarray:
    return score_winners(state, rules.victory)


class PlayerRecipe(Protocol):
    """A player described as data (picklable, so it travels to workers with its chunk),
    for players no `bot:`/`script:` string names: a bot with a lever forced, a batch of
    candidate plans."""

    def make(self, side: str, scenario: Scenario) -> Player: ...


PlayerLike = str | PlayerSpec | PlayerRecipe


def _player(given: PlayerLike, side: str, scenario: Scenario) -> Player:
    if isinstance(given, str):
        given = parse_player(given)
    if isinstance(given, PlayerSpec):
        return make_player(given, side, scenario)
    return given.make(side, scenario)


def run_batch(
    scenario: Scenario,
    seeds: np.ndarray,
    us: PlayerLike = "bot:balanced",
    china: PlayerLike = "bot:balanced",
    turns: int | None = None,
    rules: Rules | None = None,
    collect: bool = True,
) -> BatchResult:
    if rules is None:
        from game.analysis.par import rules_with_par  # par itself runs batches

        rules = rules_with_par(scenario)
    # Bots plan for the scenario's whole length even when the batch stops early, as a
    # single game stopped by `run --turns` does: game i of a shortened sweep equals
    # `run --seed` with the same --turns.
    length = scenario.clock.turns
    turns = length if turns is None else min(turns, length)
    players = [_player(p, side, scenario) for p, side in zip((us, china), ("us", "china"),
                                                              strict=True)]
    scripted = ScriptedTurns(scenario)
    state = opening_state(scenario, np.asarray(seeds, dtype=np.uint64), rules)
    opening = state  # public: what a bot may picture of the other side's start
    batch = state.batch
    series: dict[str, list[FloatArray]] = {name: [] for name in METRIC_NAMES}
    tension: list[FloatArray] = []
    fired: list[np.ndarray] = []
    over: list[np.ndarray] = []
    crisis: list[np.ndarray] = []
    grades: list[np.ndarray] = []
    for turn in range(turns):
        orders = []
        for side, player in enumerate(players):
            name = ("us", "china")[side]
            fixed = scripted.get(turn, name)
            if fixed is not None:
                orders.append(scripted_or(scripted, turn, name, batch, fixed.to_arrays()))
            else:
                orders.append(player.orders(observe(state, rules, turn, length, side,
                                                    opening=opening)))
        state, log = step(state, orders[0], orders[1], rules, turn)
        if collect:
            for name, value in metrics(state, log).items():
                series[name].append(value)
            tension.append(state.tension)
            assert log.events_fired is not None
            fired.append(log.events_fired)
            over.append(state.over)
            crisis.append(log.crisis if log.crisis is not None else np.zeros(batch, bool))
            grades.append(log.crisis_grade if log.crisis_grade is not None
                          else np.zeros(batch, np.int64))
        # The turn's log is as big as the state at a large batch: let it go before the
        # next turn's bots and step run (peak memory at batch 100,000).
        del log
    return BatchResult(
        metrics={n: np.stack(v) for n, v in series.items()} if collect else {},
        tension=np.stack(tension) if collect else np.zeros((0, batch)),
        events=np.stack(fired) if collect else np.zeros((0, batch, 0), dtype=bool),
        final=state,
        turns=turns,
        over=np.stack(over) if collect and over else None,
        crisis=np.stack(crisis) if collect and crisis else None,
        crisis_grade=np.stack(grades) if collect and grades else None,
    )
