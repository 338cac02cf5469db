"""Messages: screens tell the app what the player asked for, and worker threads report back
(threads never touch widgets). The app answers each with the table (game/tui/table.py)."""

from __future__ import annotations

from textual.message import Message

from game.model.orders import Orders
from game.session import Game


class TurnResolved(Message):
    """The engine (or the server) resolved turn `turn` (0-based)."""

    def __init__(self, turn: int, seconds: float) -> None:
        super().__init__()
        self.turn = turn
        self.seconds = seconds


class SeatChanged(Message):
    """A workshop seat heard from its server (whose orders, a pause, the connection);
    `resolved`: a quarter the server resolved that no worker of this app waits on."""

    def __init__(self, resolved: int | None = None) -> None:
        super().__init__()
        self.resolved = resolved


class TurnFailed(Message):
    """Resolving the turn raised; the game is unchanged."""

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem


class ForecastReady(Message):
    """The advisor's forecast for the orders on screen."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class OrdersCommitted(Message):
    """The orders editor's draft for `side` (kept at the table, handed in at End turn)."""

    def __init__(self, side: str, orders: Orders) -> None:
        super().__init__()
        self.side = side
        self.orders = orders


class EndTurnRequested(Message):
    """The player ended the turn (from the dashboard or the orders editor)."""


class OrdersRequested(Message):
    """The player wants to edit the seated side's orders."""


class ReportRequested(Message):
    """The player wants the last quarter's report again."""


class BriefingRequested(Message):
    """The player wants the seated side's briefing again."""


class GameChosen(Message):
    """A game to play: new, loaded, resumed or branched from a replay."""

    def __init__(self, game: Game, humans: tuple[str, ...]) -> None:
        super().__init__()
        self.game = game
        self.humans = humans


class NewGameRequested(Message):
    """Back to the title screen for a new game."""
