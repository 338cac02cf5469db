"""The first screen of a browser seat (`serve --web`): type the seat's code.

It joins in a worker thread; a refused code is said on the screen and can be typed again,
all inside the one app (textual-serve ends the browser session when an app exits).
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label

from game.net.client import WrongCode
from game.net.remote import RemoteSeat


class CodeScreen(Screen[RemoteSeat]):
    """Asks for a seat's code until one is accepted; dismissed with the joined seat (the
    app then opens the facilitator's screens or the team's seat)."""

    DEFAULT_CSS = """
    CodeScreen { align: center middle; }
    CodeScreen > Vertical { width: 64; height: auto; border: round $accent; padding: 1 2; }
    CodeScreen #problem { color: $error; height: auto; }
    """

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Your seat's code (from the facilitator), then Enter:")
            yield Input(placeholder="bakodu-mitesa", id="code")
            yield Label("", id="problem", markup=False)

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.query_one("#problem", Label).update("joining…")
            self.join(event.value.strip())

    @work(thread=True, exclusive=True)
    def join(self, code: str) -> None:
        seat = RemoteSeat(self.url, code)
        try:
            seat.start()
        except (WrongCode, ConnectionError) as exc:
            self.app.call_from_thread(self.refused, str(exc))
            return
        self.app.call_from_thread(self.dismiss, seat)

    def refused(self, problem: str) -> None:
        self.query_one("#problem", Label).update(problem)
        self.query_one("#code", Input).value = ""
