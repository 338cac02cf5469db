"""A table played on a workshop server, behind the UI's `TableGame` protocol (game/port.py).

The server resolves the quarter once both seats are in, so `resolves_here` is False and
`resolve()` waits for it. A team seat sees its own side only: `view`, `last_orders` and
orders are refused for the other side, and the seed (which would let a team see through
the fog of war) stays on the server, as do undo and the record.

The history behind the charts and reports (the side's views and the quarters' fogged
summaries, game/net/history.py) is fetched once per resolved quarter and kept: a resolved
quarter never changes. The advisor's forecast is made on the server from the side's view.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path

from game.analysis.forecast import Forecast
from game.analysis.par import rules_with_par
from game.bots.players import ScriptedTurns
from game.engine.params import Params
from game.engine.rules import Rules
from game.model.clock import quarter_label
from game.model.orders import Orders, parse_orders
from game.model.scenario import Scenario
from game.model.views import SideView
from game.net.history import forecast_from, summary_from, term_from, with_changes
from game.net.protocol import MAX_FUTURES, TableUpdate
from game.net.remote import RemoteSeat
from game.port import ResolvedListener, TableGame
from game.present.words import side_label
from game.summary import Outcome, TermFact, TurnSummary

WAIT_TICK_S = 0.5


class NotYours(ValueError):
    """What a remote team seat may not see or do; the message says why."""


class RemoteGame:
    """`TableGame` over a joined team seat."""

    resolves_here = False
    reveals_at_end = False  # the server keeps the fog; the facilitator's debrief has the truth

    def __init__(self, seat: RemoteSeat) -> None:
        assert seat.welcome is not None, "join the seat first (RemoteSeat.start)"
        self.seat = seat
        self.side = seat.welcome.seat
        self._listeners: list[ResolvedListener] = []
        self._moved = threading.Condition()
        self._seen_turn = self._update.turn
        self._handed_in: int | None = None  # the quarter this seat's orders went in for
        # The side's history as the server sent it: views after 0.. quarters, summaries.
        self._views: list[SideView] = []
        self._summaries: list[TurnSummary] = []
        self._opening: dict[str, tuple[TermFact, ...]] = {}
        self._fetching = threading.Lock()
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

    def view_at(self, turns: int, side: str) -> SideView:
        self._own(side)
        if turns >= self.turn:
            return self.view(side)
        self._fetch()
        return self._views[turns]

    def summary(self, turn: int) -> TurnSummary:
        if not 0 <= turn < self.turn:
            raise ValueError(f"turn {turn} has not been played (allowed: 0 to "
                             f"{self.turn - 1}, 0-based)")
        self._fetch()
        return self._summaries[turn]

    def opening_terms(self) -> Mapping[str, tuple[TermFact, ...]]:
        self._fetch()
        return self._opening

    def outcome(self) -> Outcome:
        if self.turn == 0:
            return Outcome(over=self.over, crisis=False, blamed=None, sudden_death=None,
                           winner=None, scores=self.view(self.side).scores)
        return self.summary(self.turn - 1).outcome

    def _fetch(self) -> None:
        """Bring the history up to the last resolved quarter (one request, only what is
        new). Called from a worker thread after a quarter resolves, so screens find it
        here; a screen drawing first fetches it itself."""
        with self._fetching:
            if self._opening and len(self._summaries) >= self.turn:
                return
            detail = self.seat.request("history", since=len(self._summaries)).detail
            if "opening_terms" in detail:
                self._opening = {side: tuple(term_from(t) for t in terms)
                                 for side, terms in detail["opening_terms"].items()}
            self._views.extend(SideView.model_validate(v) for v in detail["views"])
            self._summaries.extend(summary_from(s) for s in detail["summaries"])

    @cached_property
    def rules(self) -> Rules:
        """The scenario's rules: a workshop server plays its tables by them (injects aside,
        which fire cards: those are in the view and in `params_in_force`)."""
        return rules_with_par(self.scenario)

    def params_in_force(self) -> Params:
        return with_changes(self.rules.params, self._update.params_in_force)

    def forecast(self, side: str, orders: Orders, futures: int) -> Forecast:
        self._own(side)
        detail = self.seat.request("advise", orders=orders.model_dump(mode="json"),
                                   futures=min(futures, MAX_FUTURES)).detail
        return forecast_from(detail)

    def status_note(self) -> str:
        """Whose orders the server awaits, a pause, a deadline, the connection."""
        update = self._update
        parts = [f"Table {update.table}"]
        if not update.over:  # short: the line fits 80 columns
            parts.append("awaiting " + (", ".join(side_label(s) for s in update.awaiting)
                                        or "nobody"))
        if update.paused:
            parts.append("paused by the facilitator")
        if update.deadline_in is not None:
            parts.append(f"deadline in {update.deadline_in:.0f} s")
        parts.append(self.seat.status)
        return " · ".join(parts)

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
        self._fetch()  # the report's facts, here in the worker rather than on the screen
        return turn

    def on_resolved(self, listener: ResolvedListener) -> None:
        self._listeners.append(listener)

    def undo(self) -> int:
        raise NotYours("a workshop table cannot take back a quarter: ask the facilitator")

    def save(self, path: Path) -> Path:
        raise NotYours("the server keeps this table's record (the facilitator has it)")


def _is_a_table_game(game: RemoteGame) -> TableGame:
    return game  # mypy checks here that RemoteGame satisfies the UI's protocol
