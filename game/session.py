"""One game: scenario + state + history. The API the UI, the CLI and tests use.

    g = Game.new(load_scenario("baseline-2025"), seed=7)
    g.submit("us", orders); g.submit("china", orders)
    log = g.advance()
    g.view("china"); g.undo()

The history keeps every state, so undo and branching are a matter of dropping turns.
Sides without submitted orders are played by their players (bots by default); the
scenario's scripted orders come first on the turns they cover.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.bots.observation import observe
from game.bots.players import (
    DEFAULT_PLAYER,
    Player,
    PlayerSpec,
    ScriptedTurns,
    make_player,
    parse_player,
)
from game.engine.log import TurnLog
from game.engine.metrics import METRIC_NAMES, metrics
from game.engine.orders import SideOrders
from game.engine.rules import Rules
from game.engine.score import winners
from game.engine.state import WorldState, digest
from game.engine.step import step
from game.engine.types import SIDES, side_index
from game.model.clock import quarter_label
from game.model.compile import opening_state, rules_for
from game.model.orders import Orders, orders_from_arrays, parse_orders
from game.model.scenario import Scenario
from game.model.views import SideView, build_view


@dataclass
class TurnRecord:
    """One resolved turn: the orders both sides gave, what the engine logged, the
    state after it and its digest."""

    turn: int
    orders: dict[str, Orders]
    log: TurnLog
    state: WorldState
    digest: str
    injects: tuple[int, ...] = ()


class GameOver(Exception):
    """The game has ended; no more turns can be played."""


@dataclass
class Game:
    scenario: Scenario
    seed: int
    players: dict[str, PlayerSpec]
    rules: Rules
    opening: WorldState
    history: list[TurnRecord] = field(default_factory=list)
    pending: dict[str, Orders] = field(default_factory=dict)
    pending_injects: list[int] = field(default_factory=list)
    undone: int = 0  # turns taken back over the game's life (kept honest in records)

    # --- creation ------------------------------------------------------------------
    @classmethod
    def new(
        cls,
        scenario: Scenario,
        seed: int = 0,
        us: str | PlayerSpec = DEFAULT_PLAYER,
        china: str | PlayerSpec = DEFAULT_PLAYER,
    ) -> Game:
        if not 0 <= int(seed) < 2**63:
            raise ValueError(f"seed must be a whole number from 0 to {2**63 - 1}")
        specs = {side: parse_player(p) if isinstance(p, str) else p
                 for side, p in (("us", us), ("china", china))}
        rules = rules_for(scenario)
        opening = opening_state(scenario, np.array([seed], dtype=np.uint64), rules)
        return cls(scenario, int(seed), specs, rules, opening)

    # --- where we are --------------------------------------------------------------
    @property
    def state(self) -> WorldState:
        return self.history[-1].state if self.history else self.opening

    @property
    def turn(self) -> int:
        """The 0-based turn to be played next (= turns resolved)."""
        return len(self.history)

    @property
    def turns(self) -> int:
        return self.scenario.clock.turns

    @property
    def date(self) -> str:
        """The quarter to be played next (or the last one, once the game is over)."""
        return quarter_label(self.scenario.clock.start, min(self.turn, self.turns - 1))

    def date_of(self, turn: int) -> str:
        return quarter_label(self.scenario.clock.start, turn)

    @property
    def over(self) -> bool:
        return self.turn >= self.turns or bool(self.state.over[0])

    @property
    def crisis(self) -> bool:
        return any(bool(r.log.crisis is not None and r.log.crisis[0]) for r in self.history)

    def winner(self) -> str | None:
        """"us", "china", or None for a draw (by the score as it stands)."""
        w = int(winners(self.state, self.rules.victory)[0])
        return None if w < 0 else SIDES[w]

    @property
    def scores(self) -> dict[str, float]:
        return {side: float(self.state.score[0, i]) for i, side in enumerate(SIDES)}

    def figures(self, turn: int | None = None) -> dict[str, dict[str, float]]:
        """Headline metrics {side: {metric: value}} after `turn` (default: the latest;
        -1 or no turns played: the opening)."""
        if turn is None:
            turn = self.turn - 1
        if turn < 0:
            m = metrics(self.opening, None)
        else:
            rec = self.history[turn]
            m = metrics(rec.state, rec.log)
        return {side: {name: float(m[name][0, i]) for name in METRIC_NAMES}
                for i, side in enumerate(SIDES)}

    # --- playing -------------------------------------------------------------------
    def submit(self, side: str, orders: Orders | dict[str, Any]) -> Orders:
        """Set `side`'s orders for the coming turn (validated; replaces earlier ones)."""
        side_index(side)
        if self.over:
            raise GameOver("the game is over")
        if not isinstance(orders, Orders):
            orders = parse_orders(side, orders)
        elif orders.side != side:
            raise ValueError(f"those are {orders.side} orders, not {side} orders")
        self.pending[side] = orders
        return orders

    def inject(self, event_id: str) -> None:
        """Force a deck card to fire at the end of the coming turn (facilitator)."""
        try:
            index = self.rules.deck.ids.index(event_id)
        except ValueError:
            raise ValueError(f"no event {event_id!r} in the deck (allowed: "
                             f"{', '.join(self.rules.deck.ids)})") from None
        if index not in self.pending_injects:
            self.pending_injects.append(index)

    def scripted(self, side: str) -> Orders | None:
        """The scenario's fixed orders for `side` this turn, if any."""
        return ScriptedTurns(self.scenario).get(self.turn, side)

    def last_orders(self, side: str) -> Orders:
        """The orders `side` gave last turn (or the defaults at the start)."""
        if self.history:
            return self.history[-1].orders[side]
        return self.suggested_orders(side, bot=False)

    def suggested_orders(self, side: str, bot: bool = True) -> Orders:
        """What the side's bot would order now (bot=True), or its opening policies with
        default allocation (bot=False)."""
        i = side_index(side)
        if bot:
            player = self._player(side, force_bot=True)
            arrays = player.orders(observe(self.state, self.rules, self.turn, self.turns, i))
            return orders_from_arrays(side, arrays)
        start = self.scenario.start.us if side == "us" else self.scenario.start.china
        return Orders.default(side).model_copy(
            update={"policies": start.policies, "training_share": start.training_share})

    def _player(self, side: str, force_bot: bool = False) -> Player:
        spec = self.players[side]
        if spec.kind == "human" or (force_bot and spec.kind != "bot"):
            spec = parse_player(DEFAULT_PLAYER)
        return make_player(spec, side, self.scenario)

    def orders_for(self, side: str) -> Orders:
        """The orders that will be used for `side` this turn if advanced now."""
        fixed = self.scripted(side)
        if fixed is not None:
            return fixed
        if side in self.pending:
            return self.pending[side]
        if self.players[side].kind == "human":
            return self.last_orders(side)
        i = side_index(side)
        arrays: SideOrders = self._player(side).orders(
            observe(self.state, self.rules, self.turn, self.turns, i))
        return orders_from_arrays(side, arrays)

    def advance(self) -> TurnLog:
        """Resolve the turn. Missing orders come from the sides' players."""
        if self.over:
            raise GameOver("the game is over")
        orders = {side: self.orders_for(side) for side in SIDES}
        injects = tuple(self.pending_injects)
        state, log = step(self.state, orders["us"].to_arrays(), orders["china"].to_arrays(),
                          self.rules, self.turn, injects)
        self.history.append(TurnRecord(self.turn, orders, log, state, digest(state)[0],
                                       injects))
        self.pending.clear()
        self.pending_injects.clear()
        return log

    def play_out(self, turns: int | None = None) -> None:
        """Advance until the game ends (or `turns` more turns)."""
        n = 0
        while not self.over and (turns is None or n < turns):
            self.advance()
            n += 1

    def undo(self) -> int:
        """Take back the last turn; returns the turn now to be played."""
        if not self.history:
            raise ValueError("nothing to undo: no turn has been played")
        self.history.pop()
        self.pending.clear()
        self.pending_injects.clear()
        self.undone += 1
        return self.turn

    # --- seeing --------------------------------------------------------------------
    def view(self, side: str) -> SideView:
        """What `side` sees now: its own figures exactly, the other's as estimates."""
        last = self.history[-1].log if self.history else None
        return build_view(self.scenario, self.rules, self.state, last, self.turn, side)

    def digests(self) -> list[str]:
        return [r.digest for r in self.history]
