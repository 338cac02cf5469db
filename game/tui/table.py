"""The table: who sits at the keyboard, their draft orders, the hot-seat turn order, the
facilitator's pause and undo. Plain Python (no Textual), so the flow of a turn is tested
without a terminal; the app asks the table what comes next and shows it.

The table talks to the game only through `TableGame` (game/port.py): the same table serves a
game played here and one played on a workshop server.

A turn: each human side edits its draft and ends the turn → the next human side takes the
seat behind a handover screen → when every human side is in, the quarter resolves (here, or
on the server) → each side, when it next takes the seat, first reads that quarter's report.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.model.orders import Orders
from game.port import TableGame


class NotNow(Exception):
    """The table cannot do that now; the message says why, in words for the player."""


@dataclass(frozen=True)
class Handover:
    """Pass the keyboard to `side` (hot-seat); `previous` has just handed in its orders."""

    side: str
    previous: str | None


@dataclass(frozen=True)
class Resolve:
    """Every human side is in: resolve the quarter (or wait for the server to)."""

    here: bool  # False: the server resolves it once every seat anywhere is in


@dataclass(frozen=True)
class AskFacilitator:
    """The facilitator paused the game: the quarter resolves only when they confirm."""


@dataclass(frozen=True)
class ShowReport:
    """Show the report of quarter `turn` to `side` (None: the full report, fog lifted)."""

    turn: int
    side: str | None
    then_end: bool = False  # the game is over: the end screen follows


Step = Handover | Resolve | AskFacilitator | ShowReport


class Table:
    """Seats, drafts and turn order for one game."""

    def __init__(self, game: TableGame, humans: tuple[str, ...],
                 facilitated: bool = False) -> None:
        self.game = game
        self.humans = humans  # the sides people play here, in the order they play a turn
        self.facilitated = facilitated
        self.seat: str | None = humans[0] if humans else None  # None: watching the bots
        self.drafts: dict[str, Orders] = {side: game.last_orders(side) for side in humans}
        self.handed_in: set[str] = set()  # human sides whose orders are in this quarter
        self.busy = False  # a quarter is being resolved
        self.paused = False  # the facilitator holds each quarter until they confirm
        self.saved_turn = game.turn  # quarters resolved when last written by the player
        # Quarters whose report each side has read: a side reads the latest one when it
        # next takes the seat. A loaded game starts with its reports read.
        self.reported: dict[str | None, int] = {side: game.turn for side in (*humans, None)}
        self.briefed: set[str | None] = set()
        self.watch_seconds: float | None = None  # a spectator's auto-advance pace, if on

    # --- what the screens ask ---------------------------------------------------------
    @property
    def hot_seat(self) -> bool:
        return len(self.humans) > 1

    def draft(self, side: str) -> Orders:
        return self.drafts[side]

    def draft_state(self, side: str) -> str:
        """How `side`'s draft stands: "scripted", "opening", "as last turn" or "changed"."""
        if self.game.scripted(side) is not None:
            return "scripted"
        if self.drafts[side] != self.game.last_orders(side):
            return "changed"
        return "opening" if self.game.turn == 0 else "as last turn"

    def can_edit(self, side: str | None) -> bool:
        """`side` may change its orders now (not while resolving, nor in scripted quarters)."""
        return (side is not None and side in self.humans and not self.busy
                and not self.game.over and self.game.scripted(side) is None)

    def can_end_turn(self) -> bool:
        return not self.busy and not self.game.over

    def can_undo(self) -> bool:
        return not self.busy and self.game.turn > 0

    def unsaved(self) -> bool:
        """Progress the player has not written to a file themselves (autosaves aside)."""
        if self.game.turn != self.saved_turn or self.handed_in:
            return True
        return any(self.draft_state(side) == "changed" for side in self.humans)

    # --- what the screens tell it ------------------------------------------------------
    def keep(self, side: str, orders: Orders) -> None:
        """The orders editor's draft for `side` (not handed in until the turn ends)."""
        if side not in self.humans:
            raise NotNow(f"{side} is not played at this keyboard")
        if orders.side != side:
            raise NotNow(f"those are {orders.side} orders, not {side} orders")
        self.drafts[side] = orders

    def end_turn(self) -> Step:
        """Hand in the seated side's orders and say what comes next."""
        if self.busy:
            raise NotNow("the quarter is being resolved")
        if self.game.over:
            raise NotNow("the game is over: undo a turn or start a new game")
        seat = self.seat
        if seat is not None:
            if self.game.scripted(seat) is None:
                self.game.submit(seat, self.drafts[seat])
            self.handed_in.add(seat)
            waiting = [side for side in self.humans if side not in self.handed_in]
            if waiting:
                self.seat = waiting[0]
                return Handover(waiting[0], seat)
        if self.paused:
            return AskFacilitator()
        return self.start_resolving()

    def start_resolving(self) -> Resolve:
        """Mark the quarter as resolving; the caller runs `game.resolve()` in a worker."""
        if self.busy:
            raise NotNow("the quarter is being resolved")
        self.busy = True
        return Resolve(self.game.resolves_here)

    def resolve_failed(self) -> None:
        """Resolving raised: the game is as it was, and the orders handed in stay in."""
        self.busy = False

    def resolved(self, turn: int) -> Step:
        """Quarter `turn` is resolved: fresh drafts, and what to show first."""
        self.busy = False
        self.handed_in.clear()
        self.drafts = {side: self.game.last_orders(side) for side in self.humans}
        if self.game.over:
            # Here the fog lifts: everyone reads the full report, then the end screen. A
            # workshop seat reads its own side's (the server keeps the fog).
            for side in self.reported:
                self.reported[side] = self.game.turn
            return ShowReport(turn, None if self.game.reveals_at_end else self.seat,
                              then_end=True)
        if self.hot_seat:
            previous, self.seat = self.seat, self.humans[0]
            return Handover(self.humans[0], previous)
        self.reported[self.seat] = self.game.turn
        return ShowReport(turn, self.seat)

    def take_seat(self, side: str) -> ShowReport | None:
        """`side` sits down (after a handover): the report it has not read yet, if any."""
        self.seat = side
        if self.reported.get(side, 0) >= self.game.turn:
            return None
        self.reported[side] = self.game.turn
        return ShowReport(self.game.turn - 1, side)

    def needs_briefing(self, side: str | None) -> bool:
        """The side has not read its briefing and the game is at its opening."""
        return side not in self.briefed and self.game.turn == 0

    def undo(self) -> Handover | None:
        """Take back the last quarter; in hot-seat, the first side takes the seat again."""
        if not self.can_undo():
            raise NotNow("nothing to undo" if self.game.turn == 0
                         else "the quarter is being resolved")
        turn = self.game.undo()
        self.handed_in.clear()
        self.drafts = {side: self.game.last_orders(side) for side in self.humans}
        for side, read in self.reported.items():
            self.reported[side] = min(read, turn)
        self.saved_turn = min(self.saved_turn, turn)
        if self.hot_seat and self.seat != self.humans[0]:
            previous, self.seat = self.seat, self.humans[0]
            return Handover(self.humans[0], previous)
        return None

    def set_paused(self, paused: bool) -> bool:
        """Hold (or release) every quarter before it resolves; True if that changed."""
        if paused == self.paused:
            return False
        self.paused = paused
        return True

    def saved(self) -> None:
        self.saved_turn = self.game.turn
