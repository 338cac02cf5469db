"""`compute-race join URL [--code CODE]` without --player: the screens for a seat.

No code given (a browser tab of `serve --web`): a first screen asks for it, and asks again
after a refused one. A facilitator's code opens the workshop overview and console
(workshop.py).
"""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from game.model.errors import InputError
from game.net.client import WrongCode
from game.net.remote import RemoteSeat

TEAM_SCREENS_MISSING = (
    "{url}: joined as {seat}, but this build's team screens still read a whole local game "
    "(figures, charts, the advisor), which a remote seat must never hold; play this seat "
    "with --player, or hot-seat at the server's machine")


class CodeEntry(App[str | None]):
    """Asks for the seat's code (the browser seats' first screen)."""

    TITLE = "Compute Race workshop"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]
    CSS = """
    Screen { align: center middle; }
    Vertical { width: 60; height: auto; border: round $accent; padding: 1 2; }
    #problem { color: $error; }
    """

    def __init__(self, problem: str = "") -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Type your seat's code (from the facilitator), then Enter:")
            yield Input(placeholder="bakodu-mitesa", id="code")
            yield Label(self.problem, id="problem", markup=False)

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.exit(event.value.strip())


def join_seat(url: str, code: str | None) -> RemoteSeat:
    """A joined seat; without a code, asked on screen until one is accepted."""
    problem = ""
    while True:
        typed = code if code is not None else CodeEntry(problem).run()
        if typed is None:
            raise KeyboardInterrupt
        seat = RemoteSeat(url, typed)
        try:
            seat.start()
            return seat
        except WrongCode as exc:
            if code is not None:
                raise InputError([f"{url}: code refused: {exc}"]) from None
            problem = str(exc)
        except ConnectionError as exc:
            raise InputError([f"{url}: {exc}"]) from None


def run_remote_ui(url: str, code: str | None) -> int:
    seat = join_seat(url, code)
    try:
        assert seat.welcome is not None
        if seat.welcome.seat != "facilitator":
            raise InputError([TEAM_SCREENS_MISSING.format(url=url, seat=seat.welcome.seat)])
        from game.tui.workshop import WorkshopApp

        WorkshopApp(seat).run()
    finally:
        seat.close()
    return 0
