"""Take control from here: which side(s) the players take over in the branched game."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.tui import present

# Button id -> the choice hooks.take_control understands.
CHOICES: dict[str, str] = {"take-us": "us", "take-china": "china", "take-both": "both"}


class TakeControlDialog(ModalScreen[str | None]):
    """Returns "us", "china" or "both", or None if cancelled."""

    # The three sides on one row, Cancel under them: four buttons in a row needed 86
    # columns and spilled out of the dialog on an 80-column terminal.
    # (app.tcss: #take-cancel-row sits right under them.)
    DEFAULT_CSS = "TakeControlDialog { align: center middle; }"

    BINDINGS = [
        Binding("u", "choose('us')", "US bloc", show=False),
        Binding("h", "choose('china')", "China", show=False),
        Binding("b", "choose('both')", "Both", show=False),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, kept_through: str, first_new: str) -> None:
        super().__init__()
        self.kept_through = kept_through  # the last quarter kept ('' : from the opening)
        self.first_new = first_new  # the first quarter the players will play

    def compose(self) -> ComposeResult:
        kept = (f"keeps every quarter up to {self.kept_through}"
                if self.kept_through else "starts from the opening")
        with Vertical(id="take-box", classes="dialog"):
            yield Static("[b]Take control from here[/b]", classes="dialog-title")
            yield Static(f"A new game {kept}, as recorded, and goes on from {self.first_new} "
                         "with you at the keyboard: which side do you take? The record is "
                         "not changed; the new game's record names it as its parent. A side "
                         "nobody takes is played by its bot.", classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{present.side_label('us')} (u)", id="take-us",
                             variant="primary")
                yield Button(f"{present.side_label('china')} (h)", id="take-china",
                             variant="primary")
                yield Button("Both, hot-seat (b)", id="take-both")
            with Horizontal(id="take-cancel-row", classes="dialog-buttons"):
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#take-us", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(CHOICES.get(event.button.id or ""))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)
