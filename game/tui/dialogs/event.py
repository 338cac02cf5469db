"""A major event, as a dialog over the turn report."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import Button, Static

from game.tui.dialogs.notice import NoticeDialog
from game.tui.present import NewsItem


class EventDialog(NoticeDialog):
    def __init__(self, item: NewsItem) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        with Vertical(id="event-box", classes="dialog"):
            yield Static(f"★ MAJOR EVENT · {self.item.date}", classes="dialog-kicker")
            # The card's words are plain text: a facilitator's card may hold brackets.
            yield Static(f"[b]{escape(self.item.title)}[/b]", classes="dialog-title")
            yield Static(escape(self.item.text or ""), classes="dialog-body")
            yield Button("OK (Enter)", id="ok", variant="primary")
