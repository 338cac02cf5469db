"""Ask for a file path (save, load, export, replay). Returns the path, or None if cancelled.

With `browse`, a file tree of that folder sits above the path box: pick a file with the
arrows and Enter (or a click), or type any path."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Static


class RecordTree(DirectoryTree):
    """Folders and .json files only (saves, autosaves and records are JSON)."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths
                if not p.name.startswith(".") and (p.is_dir() or p.suffix == ".json")]


class PathDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, default: str, action: str,
                 browse: Path | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.default = default
        self.action_word = action
        # The folder to browse: the one given if it exists, else the current directory.
        self.browse = None if browse is None else (browse if browse.is_dir() else Path.cwd())

    def compose(self) -> ComposeResult:
        with Vertical(id="path-box", classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            if self.browse is not None:
                yield RecordTree(self.browse, id="path-tree")
            yield Input(self.default, id="path")
            yield Static("", id="path-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.action_word, id="ok", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        if self.browse is not None:
            self.query_one(RecordTree).focus()
        else:
            self.query_one("#path", Input).focus()

    @on(DirectoryTree.FileSelected)
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(str(event.path))

    @on(DirectoryTree.NodeHighlighted)
    def _highlighted(self, event: DirectoryTree.NodeHighlighted[object]) -> None:
        entry = event.node.data
        path = getattr(entry, "path", None)
        if isinstance(path, Path) and path.is_file():
            self.query_one("#path", Input).value = str(path)

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.query_one("#path-problem", Static).update("✗ give a file name")
            return
        self.dismiss(text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
