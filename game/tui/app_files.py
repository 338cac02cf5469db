"""The app's file commands: save, load, export the debrief, and quit (which asks first when
the player has progress not written to a file of their own)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App

from game.model.errors import InputError
from game.records.autosave import data_dir
from game.session import Game
from game.tui import hooks
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.path import PathDialog
from game.tui.messages import GameChosen
from game.tui.setup import humans_of
from game.tui.table import Table


def saves_dir() -> Path:
    """Where saves and debriefs go unless the player names another folder."""
    return data_dir() / "saves"


class FileCommands(App[int]):
    """Save, load, export and quit; the app (game/tui/app.py) builds on these."""

    game: Game | None
    table: Table | None
    WORKSHOP = False  # True: a seat joined at a workshop server (no local game, no files)

    def _default_path(self, suffix: str) -> str:
        game = self.game
        assert game is not None
        return str(saves_dir() / f"{game.scenario.name}-seed{game.seed}-{game.date}{suffix}")

    def _write(self, path: str | None, write: Callable[[Path], object], failed: str,
               done: str, title: str) -> bool:
        """Write a file the player named (its folder made if need be); say how it went."""
        if path is None:
            return False
        target = Path(path).expanduser()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write(target)
        except (InputError, OSError, ValueError) as exc:
            self.notify(str(exc), title=failed, severity="error", timeout=8, markup=False)
            return False
        self.notify(f"{done} {target}", title=title, markup=False)
        return True

    def action_save_game(self) -> None:
        game, table = self.game, self.table
        if game is None or table is None:
            self.notify("Start a game first: there is nothing to save.", severity="warning")
            return

        def save(path: str | None) -> None:
            if self._write(path, lambda target: hooks.save(game, target), "Not saved",
                           "Saved to", "Save game"):
                table.saved()

        self.push_screen(PathDialog("Save game to", self._default_path(".json"), "Save"),
                         callback=save)

    def action_load_game(self) -> None:
        def load(path: str | None) -> None:
            if path is None:
                return
            try:
                game = hooks.load(Path(path).expanduser())
            except (InputError, OSError, ValueError) as exc:
                self.notify(str(exc), title="Not loaded", severity="error", timeout=8,
                            markup=False)
            else:
                self.post_message(GameChosen(game, humans_of(game)))

        self.push_screen(PathDialog("Load game from", "", "Load", browse=saves_dir()),
                         callback=load)

    def action_export_debrief(self) -> None:
        game = self.game
        if game is None:
            self.notify("Start a game first: there is nothing to report.", severity="warning")
            return

        def export(path: str | None) -> None:
            self._write(path, lambda target: hooks.export_debrief(game, target),
                        "Not exported", "Debrief written to", "Export debrief")

        self.push_screen(PathDialog("Write the debrief to (.html or .md)",
                                    self._default_path(".html"), "Export"), callback=export)

    def action_quit(self) -> None:  # type: ignore[override]
        table = self.table
        if table is None or table.game.over or self.WORKSHOP or not table.unsaved():
            self.exit(0)
            return

        def answer(leave: bool | None) -> None:
            if leave:
                self.exit(0)

        self.push_screen(ConfirmDialog(
            "Quit without saving?",
            "This game has progress you have not saved to a file. Its last resolved "
            "quarter is autosaved: the title screen offers to resume it. Orders not yet "
            "resolved are lost.",
            yes="Quit", no="Keep playing"), callback=answer)
