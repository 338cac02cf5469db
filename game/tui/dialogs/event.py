"""A major card, as a dialog over the turn report. Its kicker says where it came from
(chance, the scenario, the facilitator): a tutorial's lessons are the scenario's cards, not
'major events'."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Static

from game.tui.dialogs.notice import NoticeDialog
from game.tui.present import NewsItem

KICKERS: dict[str, str] = {  # engine.events.EVENT_SOURCES in words
    "chance": "★ Event", "scenario": "★ From the scenario",
    "facilitator": "★ From the facilitator",
}


class EventDialog(NoticeDialog):
    def __init__(self, item: NewsItem, source: str = "chance") -> None:
        super().__init__()
        self.item = item
        self.source = source

    def compose(self) -> ComposeResult:
        with Vertical(id="event-box", classes="dialog"):
            yield Static(f"{KICKERS[self.source]} · {self.item.date}",
                         classes="dialog-kicker")
            # The card's words are plain text, never markup: a card may hold brackets.
            yield Static(Text(self.item.title, style="bold"), classes="dialog-title")
            yield Static(Text(self.item.text or ""), classes="dialog-body")
            yield Button("OK (Enter)", id="ok", variant="primary")
