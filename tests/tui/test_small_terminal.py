"""At 80x24 a long screen opens at its top: the player reads the briefing and the turn
report from their headings, with the button below the fold a key press away."""

from __future__ import annotations

from textual.containers import VerticalScroll

from game.tui.screens import BriefingScreen, ReportScreen
from tests.tui.conftest import end_turn_to_report

SMALL = (80, 24)


async def read_report(pilot, app) -> ReportScreen:
    screen: ReportScreen = await end_turn_to_report(pilot, app)
    return screen


async def test_the_briefing_and_every_report_open_at_their_top(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        briefing = app.screen.query_one("#briefing", VerticalScroll)
        assert briefing.max_scroll_y > 0  # the briefing is taller than the screen
        assert briefing.scroll_y == 0
        await pilot.press("enter")
        for _ in range(2):  # the first report is built, later ones reuse the screen
            screen = await read_report(pilot, app)
            report = screen.query_one("#report", VerticalScroll)
            assert report.max_scroll_y > 0
            assert report.scroll_y == 0
            await pilot.press("enter")  # Continue still has the focus
            await pilot.pause()
            assert not isinstance(app.screen, ReportScreen)
