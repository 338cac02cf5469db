"""Keys typed faster than the screen redraws (a fast typist, a paste, tmux send-keys) act
in the order they were typed: a row picked with an arrow key receives the number typed
right after it."""

from __future__ import annotations

from textual import events

from game.engine.orders import ALLOCATION
from game.tui.widgets import AllocationEditor

SIZE = (120, 40)


def type_ahead(app, *keys: str) -> None:
    """Queue key presses at once, without waiting for each to be handled."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_a_number_typed_right_after_down_sets_the_row_picked(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "o")
        editor = app.focused
        assert isinstance(editor, AllocationEditor)
        before = list(editor.tenths)
        type_ahead(app, "down", "1", "0", "enter")
        await pilot.pause()
        await pilot.pause()
        fabs = ALLOCATION.index("fabs")
        assert editor.selected == fabs
        assert editor.kept == {fabs}
        assert editor.tenths[fabs] == 100
        assert editor.tenths[0] != 100 and before[0] != 100


async def test_a_number_typed_right_after_right_arrow_is_the_value_kept(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "o")
        editor = app.focused
        assert isinstance(editor, AllocationEditor)
        type_ahead(app, "right", "2", "0", "enter")
        await pilot.pause()
        await pilot.pause()
        assert editor.tenths[0] == 200  # the typed 20%, not 20% then a step of +5
