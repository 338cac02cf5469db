"""Hot-seat handover: an opaque screen between the sides, so the next player never sees
the last player's orders or figures. Any key (or a click) continues."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from game.tui.present import side_label
from game.tui.widgets.footer import GameFooter


class HandoverScreen(Screen[None]):
    BINDINGS = [Binding("space", "go", "Continue (any key)")]

    def __init__(self, side: str, date: str, previous: str | None) -> None:
        super().__init__()
        self.side = side
        self.date = date
        self.previous = previous

    def compose(self) -> ComposeResult:
        hidden = (f"{side_label(self.previous)}'s orders are in and hidden.\n\n"
                  if self.previous else "")
        with Middle(), Center():
            yield Static(
                f"[b]{self.date}: pass the keyboard to {side_label(self.side)}[/b]\n\n"
                f"{hidden}{side_label(self.side)}: press any key when you are ready.",
                id="handover-text")
        yield GameFooter()

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.action_go()

    def on_click(self) -> None:
        self.action_go()

    def action_go(self) -> None:
        if self.is_current:
            self.dismiss(None)
