"""The shape every acknowledge-only dialog shares: one OK button, Enter or Esc closes."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button


class NoticeDialog(ModalScreen[None]):
    """Subclasses compose their body and yield `Button(..., id="ok")`."""

    BINDINGS = [Binding("enter", "close", "OK"), Binding("escape", "close", "OK", show=False)]

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)
