"""Messages the app's worker threads send back to the UI (threads never touch widgets)."""

from __future__ import annotations

from textual.message import Message


class TurnResolved(Message):
    """The engine resolved turn `turn` (0-based)."""

    def __init__(self, turn: int, seconds: float) -> None:
        super().__init__()
        self.turn = turn
        self.seconds = seconds


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
