"""What a turn redraws (bench/bench_ui.py measures the time; these check the savings hold
and show the right thing): the footer keeps its key widgets and greys Orders while the
quarter resolves; one report screen serves every turn."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from game.tui.screens import DashboardScreen, ReportScreen
from game.tui.widgets.footer import GameFooter
from tests.tui.conftest import settle

SIZE = (120, 40)


def footer_keys(screen) -> dict[str, FooterKey]:
    return {key.key: key for key in screen.query_one(GameFooter).query(FooterKey)}


async def test_orders_greys_while_resolving_without_rebuilding_the_footer(make_app) -> None:
    app = make_app("us")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        keys = footer_keys(dashboard)
        assert not keys["o"]._disabled
        app.busy = True
        dashboard.show_busy()
        await pilot.pause()
        assert footer_keys(dashboard) == keys  # the same widgets
        assert keys["o"]._disabled and keys["o"].has_class("-disabled")
        app.busy = False
        dashboard.refresh_view()
        await pilot.pause()
        assert footer_keys(dashboard) == keys
        assert not keys["o"]._disabled and not keys["o"].has_class("-disabled")


async def test_one_report_screen_shows_each_turns_report(make_app) -> None:
    app = make_app("us")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        seen = []
        for turn in range(2):
            await pilot.press("e")
            await settle(pilot, app)
            while not isinstance(app.screen, ReportScreen):  # major-event dialogs first
                await pilot.press("enter")
                await pilot.pause()
            report = app.screen
            assert report.report.turn == turn and report.report.date == app.game.date_of(turn)
            text = str(report.query_one("#report-text").content)
            assert f"Turn report: {app.game.date_of(turn)}" in text
            assert report.focused is report.query_one("#continue")
            seen.append(report)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is app.dashboard
        assert seen[0] is seen[1]
        await pilot.press("r")  # the last report again, from the dashboard
        await pilot.pause()
        assert app.screen is seen[0] and app.screen.report.turn == 1
