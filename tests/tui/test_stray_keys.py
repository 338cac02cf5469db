"""Where players trip: a stray key must not undo a quarter, End turn is greyed while a
quarter resolves, ctrl+u reaches the console's Undo from a text field."""

from __future__ import annotations

import threading

from textual.command import CommandPalette
from textual.widgets import Button, Input
from textual.widgets._footer import FooterKey

from game.tui.app import ComputeRaceApp
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.event import EventDialog
from game.tui.screens import DashboardScreen, EndScreen, ReportScreen
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.widgets.footer import GameFooter
from tests.tui.conftest import enter_until, settle

SIZE = (120, 40)


def footer_key(screen, key: str) -> FooterKey:
    return next(k for k in screen.query_one(GameFooter).query(FooterKey) if k.key == key)


async def to_dashboard(pilot, app: ComputeRaceApp) -> None:
    """Past the briefing, or through a report and its event dialogs, to the dashboard."""
    await pilot.pause()
    await enter_until(pilot, app, DashboardScreen)


async def test_undo_asks_and_a_stray_key_keeps_the_turn(make_app) -> None:
    app = make_app("us", played=2)
    async with app.run_test(size=SIZE) as pilot:
        await to_dashboard(pilot, app)
        game = app.game
        assert game.turn == 2
        await pilot.press("u")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.focused is dialog.query_one("#no", Button)  # the safe answer
        assert "2025Q2" in str(dialog.query_one(".dialog-title").render())
        await pilot.press("space")  # a stray key: the question stays
        await pilot.pause()
        assert app.screen is dialog and game.turn == 2
        await pilot.press("enter")  # a stray Enter presses "No"
        await pilot.pause()
        assert app.screen is app.dashboard and game.turn == 2 and game.undone == 0
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert game.turn == 2
        await pilot.press("u", "y")
        await pilot.pause()
        assert game.turn == 1 and game.undone == 1
        assert app.screen is app.dashboard  # the player stays where they were
        messages = [n.message for n in app._notifications]
        assert any("Took back 2025Q2: 2025Q2 is now to play" in m for m in messages)
        assert "2025Q2" in str(app.screen.query_one("#topbar").render())


async def test_undo_from_the_palette_asks_too(make_app) -> None:
    app = make_app("us", played=1, facilitated=True)
    async with app.run_test(size=SIZE) as pilot:
        await to_dashboard(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for char in "Undo turn":
            await pilot.press("space" if char == " " else char)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.game.turn == 1
        await pilot.press("y")
        await pilot.pause()
        assert app.game.turn == 0


async def test_undo_from_the_end_screen_asks_and_returns_to_the_dashboard(make_app) -> None:
    app = make_app("us", turns=2, played=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("enter")  # "No" has the focus
        await pilot.pause()
        assert isinstance(app.screen, EndScreen) and app.game.over
        await pilot.press("u", "y")
        await pilot.pause()
        assert app.screen is app.dashboard and not app.game.over and app.game.turn == 1


async def test_console_undo_button_does_not_fire_on_a_stray_key(make_app) -> None:
    app = make_app("us", played=1, facilitated=True)
    async with app.run_test(size=SIZE) as pilot:
        await to_dashboard(pilot, app)
        await pilot.press("ctrl+f")
        await pilot.pause()
        console = app.screen
        assert isinstance(console, FacilitatorScreen)
        console.query_one("#fac-undo", Button).focus()
        await pilot.press("enter")  # a stray key on the focused button only asks
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.game.turn == 1
        await pilot.press("enter")  # a second stray key: "No"
        await pilot.pause()
        assert app.screen is console and app.game.turn == 1 and app.game.undone == 0


async def test_ctrl_u_undoes_from_a_focused_text_field_in_the_console(make_app) -> None:
    app = make_app("us", played=1, facilitated=True)
    async with app.run_test(size=SIZE) as pilot:
        await to_dashboard(pilot, app)
        await pilot.press("ctrl+f")
        await pilot.pause()
        console = app.screen
        note = console.query_one("#fac-note", Input)
        note.focus()
        await pilot.press("h", "i")
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # not swallowed by the Input
        await pilot.press("y")
        await pilot.pause()
        assert app.game.turn == 0 and app.game.undone == 1
        # The footer shows the key that works.
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert "Undo turn" in footer_key(app.screen, "ctrl+u").description


async def test_end_turn_is_greyed_while_the_quarter_resolves(make_app) -> None:
    app = make_app("us")
    async with app.run_test(size=SIZE) as pilot:
        await to_dashboard(pilot, app)
        game = app.game
        release = threading.Event()
        advance = game.advance
        calls = []

        def slow_advance():  # the worker waits here until the test lets it go
            calls.append(1)
            release.wait(10)
            return advance()

        game.advance = slow_advance
        dashboard = app.screen
        assert not footer_key(dashboard, "e")._disabled
        await pilot.press("e")
        await pilot.pause()
        try:
            assert app.table.busy
            assert app.check_action("end_turn", ()) is None
            assert footer_key(dashboard, "e")._disabled
            assert footer_key(dashboard, "e").has_class("-disabled")
            before = len(app._notifications)
            await pilot.press("e")  # nothing: no second resolve, no notice
            await pilot.pause()
            assert len(app._notifications) == before
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            for char in "End turn":
                await pilot.press("space" if char == " " else char)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert len(calls) == 1
        finally:
            release.set()
        await settle(pilot, app)
        assert len(calls) == 1 and game.turn == 1 and not app.table.busy
        assert app.check_action("end_turn", ()) is True
        while isinstance(app.screen, EventDialog | ReportScreen):
            await pilot.press("enter")
            await pilot.pause()
        assert app.screen is dashboard
        assert not footer_key(dashboard, "e")._disabled
