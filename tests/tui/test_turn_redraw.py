"""What a turn redraws (bench/bench_ui.py measures the time; these check the savings hold
and show the right thing): the footer keeps its key widgets and greys Orders while the
quarter resolves; one report screen serves every turn."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from game.tui.app import ComputeRaceApp
from game.tui.screens import (
    BriefingScreen,
    DashboardScreen,
    EndScreen,
    HelpScreen,
    ReportScreen,
    TitleScreen,
)
from game.tui.widgets.footer import GameFooter
from tests.tui.conftest import enter_until, settle

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
        app.table.busy = True
        dashboard.show_busy()
        await pilot.pause()
        assert footer_keys(dashboard) == keys  # the same widgets
        assert keys["o"]._disabled and keys["o"].has_class("-disabled")
        app.table.busy = False
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
            report = await enter_until(pilot, app, ReportScreen)  # event dialogs first
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


async def test_every_screen_with_keys_uses_the_game_footer(make_app) -> None:
    """Title, briefing, help and end screens use GameFooter, which keeps its key widgets
    when focus moves (Textual's Footer rebuilt them on every bindings refresh)."""
    title_app = ComputeRaceApp(seed=5)
    async with title_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        title = title_app.screen
        assert isinstance(title, TitleScreen)
        assert all(isinstance(f, GameFooter) for f in title.query(Footer))
        keys = footer_keys(title)
        assert keys  # the title's keys are shown
        for _ in range(3):  # focus moves between the fields
            await pilot.press("tab")
            await pilot.pause()
        assert footer_keys(title) == keys  # the same widgets, not rebuilt

    app = make_app("us", turns=1, played=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert isinstance(app.screen.query_one(Footer), GameFooter)
        await pilot.press("enter", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert isinstance(app.screen.query_one(Footer), GameFooter)
        await pilot.press("escape", "e")
        await settle(pilot, app)
        await enter_until(pilot, app, EndScreen)
        keys = footer_keys(app.screen)
        assert {"m", "n", "u", "q"} <= set(keys)
