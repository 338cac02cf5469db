"""The facilitator paused the game: End turn asks them before the quarter resolves.
Returns True to resolve now (the pause lifts), False to keep waiting."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ResolveDialog(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "wait", "Wait")]

    def __init__(self, date: str) -> None:
        super().__init__()
        self.date = date

    def compose(self) -> ComposeResult:
        with Vertical(id="resolve-box", classes="dialog"):
            yield Static("⏸ PAUSED BY THE FACILITATOR", classes="dialog-kicker")
            yield Static(f"[b]Resolve {self.date}?[/b]", classes="dialog-title")
            yield Static("The orders are in. The facilitator holds the game before each "
                         "quarter resolves: resolve it now (the pause lifts) or wait.",
                         classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resolve now (facilitator)", id="resolve", variant="warning")
                yield Button("Wait (Esc)", id="wait", variant="primary")

    def on_mount(self) -> None:
        # Waiting is the safe default: a player pressing Enter does not lift the pause.
        self.query_one("#wait", Button).focus()

    @on(Button.Pressed, "#resolve")
    def _resolve(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#wait")
    def action_wait(self) -> None:
        self.dismiss(False)
