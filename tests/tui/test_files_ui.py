"""Saving, loading and quitting from the UI: saves land in the data directory, Load and
Replay open a file tree, Quit asks when there is progress not saved by the player."""

from __future__ import annotations

from textual.widgets import Input

from game.tui.app import ComputeRaceApp
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.path import PathDialog, RecordTree
from game.tui.screens import DashboardScreen, TitleScreen
from tests.tui.conftest import enter_until, settle

SIZE = (120, 40)


async def test_quit_asks_when_progress_is_unsaved_and_not_after_a_save(make_app,
                                                                         data_dir) -> None:
    app = make_app("us")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.press("ctrl+q")  # nothing played, nothing changed: quits at once
        await pilot.pause()
        assert app.return_code == 0
    app = make_app("us")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "e")
        await settle(pilot, app)
        await enter_until(pilot, app, DashboardScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.return_code is None
        await pilot.press("n")  # keep playing
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        path = app.screen.query_one("#path", Input).value
        assert path.startswith(str(data_dir / "saves"))  # the data directory by default
        await pilot.press("enter")
        await pilot.pause()
        assert (data_dir / "saves").is_dir() and any((data_dir / "saves").iterdir())
        await pilot.press("ctrl+q")  # saved: no question
        await pilot.pause()
        assert app.return_code == 0


async def test_load_and_replay_open_a_file_tree(make_app, data_dir) -> None:
    app = make_app("us", played=1)
    save = data_dir / "saves" / "mine.json"
    save.parent.mkdir(parents=True)
    app._initial[0].save(save)
    title_app = ComputeRaceApp(seed=1)
    async with title_app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        dialog = title_app.screen
        assert isinstance(dialog, PathDialog)
        tree = dialog.query_one(RecordTree)
        assert title_app.focused is tree and tree.path == data_dir / "saves"
        await pilot.pause(0.2)  # the tree reads the folder in a worker
        await pilot.press("down", "enter")  # the first file: mine.json
        await settle(pilot, title_app)
        assert title_app.game is not None and title_app.game.turn == 1


async def test_the_title_screen_opens_at_its_top_at_80x24(tmp_path) -> None:
    app = ComputeRaceApp(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TitleScreen)
        assert screen.query_one("#title-scroll").scroll_y == 0
        assert screen.query_one("#game-title").region.y < 24
        assert screen.query_one("#scenario").region.bottom <= 24


async def test_save_and_debrief_are_offered_only_once_a_game_is_loaded(make_app) -> None:
    title = ComputeRaceApp(seed=1)
    async with title.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        keys = {b.binding.action.removeprefix("app.")
                for b in title.screen.active_bindings.values()
                if title.check_action(b.binding.action.removeprefix("app."), ()) is not False}
        assert "save_game" not in keys and "export_debrief" not in keys
        assert "load_game" in keys
    playing = make_app("us")
    async with playing.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert playing.check_action("save_game", ()) and playing.check_action(
            "export_debrief", ())
