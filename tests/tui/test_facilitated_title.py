"""A game started with --facilitator says so on the dashboard's top line, where the
players see it; an ordinary game does not."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from game.tui.app import FACILITATED
from game.tui.screens import DashboardScreen


@pytest.mark.parametrize("facilitated", [True, False])
async def test_the_top_line_names_a_facilitated_session(make_app, facilitated) -> None:
    app = make_app(facilitated=facilitated)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        top = str(app.screen.query_one("#topbar", Static).render())
        assert "turn 1/" in top
        assert (FACILITATED in top) is facilitated
