"""What a table of players needs from a game, whether it runs here or on a server.

The terminal UI's `Table` (game/tui/table.py) talks to the game only through `TableGame`,
so a screen cannot tell a local game from a remote one. The local implementation wraps a
`Game` (game/tui/local_game.py); the workshop client implements the same protocol over the
network. This module sits below the UI and imports nothing at run time, so a network client
can implement it without importing Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from game.analysis.forecast import Forecast
    from game.engine.params import Params
    from game.engine.rules import Rules
    from game.model.orders import Orders
    from game.model.scenario import Scenario
    from game.model.views import SideView
    from game.summary import Outcome, TermFact, TurnSummary

# Called with the 0-based turn that was resolved, from whatever thread learnt of it.
ResolvedListener = Callable[[int], None]


class TableGame(Protocol):
    """One game as the players at a table see it. Sides are "us" and "china"."""

    # --- what is played -------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        """The scenario (title, clock, briefings, deck)."""
        ...

    @property
    def seed(self) -> int: ...

    @property
    def turn(self) -> int:
        """The 0-based turn to be played next (= the number of quarters resolved)."""
        ...

    @property
    def turns(self) -> int:
        """How many quarters the game lasts."""
        ...

    @property
    def date(self) -> str:
        """The quarter to be played next, e.g. "2025Q3"."""
        ...

    def date_of(self, turn: int) -> str:
        """The quarter of 0-based `turn`."""
        ...

    @property
    def over(self) -> bool: ...

    # --- what a side sees -----------------------------------------------------------
    def view(self, side: str) -> SideView:
        """What `side` sees now: its own figures exactly, the other's as estimates."""
        ...

    def view_at(self, turns: int, side: str) -> SideView:
        """What `side` saw after `turns` resolved quarters (0: the opening): the charts'
        history, each quarter as it was seen then."""
        ...

    def summary(self, turn: int) -> TurnSummary:
        """The facts of resolved quarter `turn` (0-based) as this table may read them. A
        workshop seat's is fogged (game/net/history.py): the other side's figures, causes
        and the score goals that would reveal them are withheld (NaN or absent)."""
        ...

    def opening_terms(self) -> Mapping[str, tuple[TermFact, ...]]:
        """Each side's score goals at the opening (fogged like `summary` for a seat); the
        first side is one whose views this table may read."""
        ...

    def outcome(self) -> Outcome:
        """Where the game stands now: over or not, crisis and blame, the winner."""
        ...

    @property
    def rules(self) -> Rules:
        """The rules the coming quarter is played under (the facilitator's changes in)."""
        ...

    def params_in_force(self) -> Params:
        """The parameters in force this quarter, the cards in force applied: what the
        policy notes and the tension meter state."""
        ...

    def forecast(self, side: str, orders: Orders, futures: int) -> Forecast:
        """The advisor's forecast of `orders` from `side`'s own (fogged) view. Called from
        a worker thread."""
        ...

    @property
    def reveals_at_end(self) -> bool:
        """True when both sides' truth is shown once the game is over (a game played
        here); a workshop seat keeps the fog (the facilitator's debrief has the truth)."""
        ...

    def status_note(self) -> str:
        """What the table's host says now, in words for the status line: whose orders the
        server awaits, a pause, a deadline, the connection ("" for a game played here)."""
        ...

    # --- orders ---------------------------------------------------------------------
    def last_orders(self, side: str) -> Orders:
        """The orders `side` gave last quarter (its opening orders before the first)."""
        ...

    def suggested_orders(self, side: str) -> Orders:
        """What the side's default bot would order now (the editor's suggestion)."""
        ...

    def scripted(self, side: str) -> Orders | None:
        """The scenario's fixed orders for `side` this quarter (history), or None."""
        ...

    def submit(self, side: str, orders: Orders) -> object:
        """Hand in `side`'s orders for this quarter (replacing any given before)."""
        ...

    # --- turn flow ------------------------------------------------------------------
    @property
    def resolves_here(self) -> bool:
        """True when this table resolves the quarter once its seats are in (a local
        game); False when a server does, once every seat anywhere is in."""
        ...

    def resolve(self) -> int:
        """Block until the quarter is resolved and return its 0-based turn: a local game
        computes it; a remote one waits for the server. Called from a worker thread."""
        ...

    def on_resolved(self, listener: ResolvedListener) -> None:
        """Call `listener(turn)` whenever a quarter is resolved, also one this table did
        not ask for (a server resolving after another seat's orders)."""
        ...

    def undo(self) -> int:
        """Take back the last quarter; return the turn now to be played."""
        ...

    def save(self, path: Path) -> Path:
        """Write the game's record to `path` (atomically); return where it went."""
        ...
