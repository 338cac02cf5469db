"""A file the game refused (a record to replay, a save to resume), with every problem
named, as a dialog the player has to acknowledge: a toast is too easy to miss."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Static

from game.tui.dialogs.notice import NoticeDialog


class ProblemDialog(NoticeDialog):
    DEFAULT_CSS = """
    ProblemDialog { align: center middle; }
    #problem-text { height: auto; }
    """
    def __init__(self, title: str, problems: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(id="problem-box", classes="dialog"):
            yield Static(Text(f"✗ {self.title_text}"), classes="dialog-kicker")
            # Plain text: a path or a JSON excerpt must not be read as markup.
            yield Static(Text("\n".join(self.problems)), id="problem-text",
                         classes="dialog-body")
            yield Button("OK (Enter)", id="ok", variant="primary")
