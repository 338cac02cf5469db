"""A game played on this machine, behind the `TableGame` protocol (game/port.py).

The table resolves the quarter itself once its seats are in, and autosaves it. The `game`
attribute is the `Game` itself, for what only a local game offers: the facilitator's console
and the presentation functions that still read a whole `Game`.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path

from game.analysis.forecast import Forecast
from game.engine import events
from game.engine.params import Params
from game.engine.rules import Rules
from game.model.orders import Orders
from game.model.scenario import Scenario
from game.model.views import SideView
from game.port import ResolvedListener
from game.session import Game
from game.summary import Outcome, TermFact, TurnSummary, opening_terms


class LocalGame:
    """`TableGame` over a `Game` in this process."""

    resolves_here = True
    reveals_at_end = True

    def __init__(self, game: Game) -> None:
        self.game = game
        self._listeners: list[ResolvedListener] = []
        # One quarter at a time: the worker resolving it and an undo must not interleave.
        self._lock = threading.Lock()

    @property
    def scenario(self) -> Scenario:
        return self.game.scenario

    @property
    def seed(self) -> int:
        return self.game.seed

    @property
    def turn(self) -> int:
        return self.game.turn

    @property
    def turns(self) -> int:
        return self.game.turns

    @property
    def date(self) -> str:
        return self.game.date

    def date_of(self, turn: int) -> str:
        return self.game.date_of(turn)

    @property
    def over(self) -> bool:
        return self.game.over

    def view(self, side: str) -> SideView:
        return self.game.view(side)

    def view_at(self, turns: int, side: str) -> SideView:
        return self.game.view_at(turns, side)

    def summary(self, turn: int) -> TurnSummary:
        return self.game.summary(turn)

    def opening_terms(self) -> Mapping[str, tuple[TermFact, ...]]:
        """The goals at the opening, as the engine scores them (every goal at par)."""
        return opening_terms(self.game.opening, self.game.rules)

    def outcome(self) -> Outcome:
        return self.game.outcome()

    @property
    def rules(self) -> Rules:
        return self.game.rules

    def params_in_force(self) -> Params:
        return events.effective_params(self.game.state, self.game.rules.params,
                                       self.game.rules.deck)

    def forecast(self, side: str, orders: Orders, futures: int) -> Forecast:
        return self.game.forecast(side, orders, futures=futures)

    def status_note(self) -> str:
        return ""

    def last_orders(self, side: str) -> Orders:
        return self.game.last_orders(side)

    def suggested_orders(self, side: str) -> Orders:
        return self.game.suggested_orders(side)

    def scripted(self, side: str) -> Orders | None:
        return self.game.scripted(side)

    def submit(self, side: str, orders: Orders) -> Orders:
        return self.game.submit(side, orders)

    def resolve(self) -> int:
        with self._lock:
            turn = self.game.advance().turn
        for listener in list(self._listeners):
            listener(turn)
        return turn

    def on_resolved(self, listener: ResolvedListener) -> None:
        self._listeners.append(listener)

    def undo(self) -> int:
        with self._lock:
            return self.game.undo()

    def save(self, path: Path) -> Path:
        return self.game.save(path)

