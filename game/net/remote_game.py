"""A table played on a workshop server, behind the UI's `TableGame` protocol (game/port.py).

The server resolves the quarter once both seats are in, so `resolves_here` is False and
`resolve()` waits for it. A team seat sees its own side only: `view`, `last_orders` and
orders are refused for the other side, and the seed (which would let a team see through
the fog of war) stays on the server, as do undo and the record.
"""

from __future__ import annotations

import threading
from functools import cached_property
from pathlib import Path

from game.bots.players import ScriptedTurns
from game.model.clock import quarter_label
from game.model.orders import Orders, parse_orders
from game.model.scenario import Scenario
from game.model.views import SideView
from game.net.protocol import TableUpdate
from game.net.remote import RemoteSeat
from game.port import ResolvedListener, TableGame

WAIT_TICK_S = 0.5


class NotYours(ValueError):
    """What a remote team seat may not see or do; the message says why."""


class RemoteGame:
    """`TableGame` over a joined team seat."""

    resolves_here = False

    def __init__(self, seat: RemoteSeat) -> None:
        assert seat.welcome is not None, "join the seat first (RemoteSeat.start)"
        self.seat = seat
        self.side = seat.welcome.seat
        self._listeners: list[ResolvedListener] = []
        self._moved = threading.Condition()
        self._seen_turn = self._update.turn
        self._handed_in: int | None = None  # the quarter this seat's orders went in for
        seat.listeners.append(self._arrived)

    # --- what arrives -----------------------------------------------------------------
    @property
    def _update(self) -> TableUpdate:
        update = self.seat.table
        assert update is not None, "a joined seat always has its table"
        return update

    def _arrived(self) -> None:
        turn = self._update.turn
        with self._moved:
            resolved = list(range(self._seen_turn, turn))
            self._seen_turn = max(self._seen_turn, turn)
            self._moved.notify_all()
        for done in resolved:
            for listener in list(self._listeners):
                listener(done)

    def _own(self, side: str) -> None:
        if side != self.side:
            raise NotYours(f"this seat plays {self.side}: {side}'s figures and orders stay "
                           "on the server")

    # --- what is played ---------------------------------------------------------------
    @cached_property
    def scenario(self) -> Scenario:
        assert self.seat.welcome is not None
        return Scenario.model_validate(self.seat.welcome.content)

    @property
    def seed(self) -> int:
        raise NotYours("the server keeps the seed: with it a team could see through the "
                       "fog of war")

    @property
    def turn(self) -> int:
        return self._update.turn

    @property
    def turns(self) -> int:
        return self._update.turns

    @property
    def date(self) -> str:
        return self._update.date

    def date_of(self, turn: int) -> str:
        return quarter_label(self.scenario.clock.start, turn)

    @property
    def over(self) -> bool:
        return self._update.over

    @property
    def awaiting(self) -> list[str]:
        """Sides whose orders the server still waits for (for the status line)."""
        return list(self._update.awaiting)

    @property
    def paused(self) -> bool:
        return self._update.paused

    # --- what a side sees -------------------------------------------------------------
    def view(self, side: str) -> SideView:
        self._own(side)
        assert self._update.view is not None
        return SideView.model_validate(self._update.view)

    # --- orders -----------------------------------------------------------------------
    def last_orders(self, side: str) -> Orders:
        self._own(side)
        assert self._update.last_orders is not None
        return parse_orders(side, self._update.last_orders)

    def suggested_orders(self, side: str) -> Orders:
        self._own(side)
        return parse_orders(side, self.seat.request("suggest").detail["orders"])

    def scripted(self, side: str) -> Orders | None:
        return ScriptedTurns(self.scenario).get(self.turn, side)

    def submit(self, side: str, orders: Orders) -> object:
        self._own(side)
        turn = self.turn
        detail = self.seat.request("submit", turn=turn,
                                   orders=orders.model_dump(mode="json")).detail
        self._handed_in = turn
        return detail

    # --- turn flow --------------------------------------------------------------------
    def resolve(self) -> int:
        """Wait until the server has resolved the quarter this seat handed its orders in
        for (it may already have: the other side was in first); its turn."""
        turn = self.turn if self._handed_in is None else self._handed_in
        self._handed_in = None
        with self._moved:
            while self._seen_turn <= turn and not self.over:
                self._moved.wait(WAIT_TICK_S)
        return turn

    def on_resolved(self, listener: ResolvedListener) -> None:
        self._listeners.append(listener)

    def undo(self) -> int:
        raise NotYours("a workshop table cannot take back a quarter: ask the facilitator")

    def save(self, path: Path) -> Path:
        raise NotYours("the server keeps this table's record (the facilitator has it)")


def _is_a_table_game(game: RemoteGame) -> TableGame:
    return game  # mypy checks here that RemoteGame satisfies the UI's protocol
