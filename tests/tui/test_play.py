"""Functional tests: the game played through key presses, as a person would."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from game.bots.players import ScriptedTurns
from game.engine.orders import ALLOCATION
from game.model.loader import load_scenario
from game.session import Game
from game.tui.app import ComputeRaceApp
from game.tui.commands import PALETTE
from game.tui.dialogs.event import EventDialog
from game.tui.screens import (
    BriefingScreen,
    DashboardScreen,
    EndScreen,
    HandoverScreen,
    HelpScreen,
    OrdersScreen,
    ReportScreen,
    TitleScreen,
)
from game.tui.watch import PACES, START_PACE
from game.tui.widgets import AllocationEditor, FiguresPanel, PolicyEditor
from tests.tui.conftest import SHORT_TURNS, TEST_FUTURES, end_turn_to_report, settle

SIZE = (120, 40)


def rendered(renderable) -> str:
    """What a rich renderable shows, as plain text."""
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


async def finish_turn(pilot, app: ComputeRaceApp) -> None:
    """End the turn and read through the report (and any major-event dialogs)."""
    await end_turn_to_report(pilot, app)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_full_game_as_the_us_by_keyboard(make_app) -> None:
    app = make_app("us", seed=11)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, DashboardScreen)
        for turn in range(SHORT_TURNS):
            await pilot.press("o")
            assert isinstance(app.screen, OrdersScreen)
            await pilot.press("right")  # chips +5 points, the rest rebalance
            await pilot.press("escape")
            assert isinstance(app.screen, DashboardScreen)
            await finish_turn(pilot, app)
            assert app.game.turn == turn + 1
        assert isinstance(app.screen, EndScreen)
        game = app.game
        assert game.over
        first = game.history[0].orders["us"].allocation
        assert first.chips == 0.60  # the default 55% moved up 5 points
        assert abs(sum(first.as_list()) - 1.0) < 1e-9
        assert game.players["china"].kind == "bot"


async def test_a_full_game_as_china_with_a_policy_change(make_app) -> None:
    app = make_app("china", seed=5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.press("o")
        await pilot.press("tab")  # to the policies
        assert isinstance(app.focused, PolicyEditor)
        await pilot.press("down", "down", "right")  # mineral controls one level up
        await pilot.press("escape")
        for _ in range(SHORT_TURNS):
            await finish_turn(pilot, app)
        assert isinstance(app.screen, EndScreen)
        opening = app.game.scenario.start.china.policies.mineral_controls
        assert app.game.history[0].orders["china"].policies.mineral_controls == opening + 1


async def test_hot_seat_handover_hides_the_previous_side(make_app) -> None:
    app = make_app("both", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HandoverScreen) and app.screen.side == "us"
        await pilot.press("space")  # US ready: briefing, then the US dashboard
        await pilot.press("enter")
        assert app.table.seat == "us" and isinstance(app.screen, DashboardScreen)
        await pilot.press("e")  # US orders in
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HandoverScreen) and screen.side == "china"
        assert not list(screen.query(FiguresPanel))  # nothing of the US on screen
        assert "hidden" in str(screen.query_one("#handover-text").render())
        assert "us" in app.game.pending and app.game.turn == 0
        await pilot.press("x")  # any key
        await pilot.press("enter")  # China's briefing
        assert app.table.seat == "china" and isinstance(app.screen, DashboardScreen)
        topbar = str(app.screen.query_one("#topbar").render())
        assert "China" in topbar
        await pilot.press("e")
        await settle(pilot, app)
        assert app.game.turn == 1
        # Back to the US, behind a handover, then the US's own report only.
        assert isinstance(app.screen, HandoverScreen) and app.screen.side == "us"
        await pilot.press("space")
        await pilot.pause()
        while isinstance(app.screen, EventDialog):
            await pilot.press("enter")
        assert isinstance(app.screen, ReportScreen)
        assert set(app.screen.report.sides) == {"us"}


async def test_undo_takes_back_the_last_turn(make_app) -> None:
    app = make_app("us", seed=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await finish_turn(pilot, app)
        assert app.game.turn == 1
        await pilot.press("u")  # asks first (tests/tui/test_stray_keys.py)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.game.turn == 0 and app.game.undone == 1
        assert "2025Q1" in str(app.screen.query_one("#topbar").render())


async def test_invalid_order_input_is_shown_and_changes_nothing(make_app) -> None:
    app = make_app("us")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "o")
        editor = app.screen.query_one(AllocationEditor)
        before = list(editor.tenths)
        await pilot.press("1", "5", "0", "enter")
        assert "not a share" in editor.problem and editor.tenths == before
        await pilot.press("1", ".", "2", ".", "3", "enter")
        assert "not a number" in editor.problem and editor.tenths == before
        await pilot.press("4", "0", "enter")  # a good one: chips to 40%
        assert editor.problem == "" and editor.tenths[0] == 400 and sum(editor.tenths) == 1000
        await pilot.press("tab", "down")
        policies = app.screen.query_one(PolicyEditor)
        await pilot.press("9", "enter")
        assert "level from 0 to 4" in policies.problem
        assert policies.values["export_controls"] == 2.0
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, DashboardScreen)
        assert app.table.drafts["us"].allocation.chips == 0.4


async def test_reset_and_bot_suggestion_fill_the_editors(make_app) -> None:
    app = make_app("us", played=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "o")
        editor = app.screen.query_one(AllocationEditor)
        await pilot.press("right", "right")
        await pilot.press("r")
        last = app.game.last_orders("us").allocation
        assert editor.to_model() == last
        await pilot.press("s")
        suggested = app.game.suggested_orders("us")
        got = editor.to_model()
        for name in ALLOCATION:
            assert abs(getattr(got, name) - getattr(suggested.allocation, name)) < 1e-3


async def test_resize_to_80x24_keeps_the_dashboard_usable(make_app) -> None:
    app = make_app("us", played=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert app.screen.query_one("#chart").display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-narrow")
        assert not screen.query_one("#chart").display
        assert screen.query_one("#trends").display
        for widget_id in ("#own", "#other", "#status"):
            region = screen.query_one(widget_id).region
            assert region.width > 0 and region.bottom <= 23, widget_id
        await pilot.press("e")
        await settle(pilot, app)
        assert app.game.turn == 3


async def test_palette_offers_exactly_the_games_commands_and_ends_a_turn(make_app) -> None:
    assert [name for name, _, _ in PALETTE] == [
        "End turn", "Save game", "Load game", "Undo turn", "Help", "Export debrief",
        "Facilitator console", "Quit"]
    app = make_app("us")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "ctrl+p")
        await pilot.pause()
        for char in "End turn":
            await pilot.press("space" if char == " " else char)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.game.turn == 1
        assert app.game.date == "2025Q2"


async def test_commands_without_a_backend_say_so(make_app, tmp_path) -> None:
    app = make_app("us")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        for key in ("ctrl+s", "ctrl+d"):
            before = len(app._notifications)
            await pilot.press(key)
            await pilot.pause()
            dialog = app.screen
            dialog.query_one("#path").value = str(tmp_path / "out.file")
            await pilot.press("enter")
            await pilot.pause()
            assert len(app._notifications) > before, key  # never a silent no-op


async def test_help_explains_the_mechanics_and_quit_exits_0(make_app) -> None:
    app = make_app("us")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "f1")
        assert isinstance(app.screen, HelpScreen)
        for words in ("Export controls", "Domestic-build rule", "stranded compute",
                      "H100e", "Tension"):
            assert words.lower() in app.screen.text.lower()
        await pilot.press("escape", "ctrl+q")
    assert app.return_code == 0


async def test_title_screen_starts_a_game_with_the_chosen_seed() -> None:
    app = ComputeRaceApp(seed=4242)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, TitleScreen)
        seed = app.screen.query_one("#seed")
        seed.value = "12x"  # restrict= keeps it numeric; force a bad value
        app.screen.query_one("#seed").value = ""
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, TitleScreen)  # refused, with the reason shown
        assert "seed" in str(app.screen.query_one("#seed-problem").render())
        app.screen.query_one("#seed").value = "4242"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.game is not None and app.game.seed == 4242
        assert isinstance(app.screen, BriefingScreen)


async def test_watch_mode_reports_both_sides(make_app) -> None:
    app = make_app("none", seed=9)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert app.table.seat is None
        await pilot.press("e")
        await settle(pilot, app)
        while isinstance(app.screen, EventDialog):
            await pilot.press("enter")
        assert isinstance(app.screen, ReportScreen)
        assert set(app.screen.report.sides) == {"us", "china"}
        # What the bots ordered is in the report: each side's shares as they gave them.
        body = rendered(app.screen.query_one("#report-text").content)
        assert "The orders given" in body
        chips = app.game.history[0].orders["china"].allocation.chips
        assert f"budget to chips {chips * 100:.0f}%" in body


async def test_watch_mode_advances_by_itself_at_a_pace(make_app) -> None:
    app = make_app("none", seed=9)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        dashboard = app.screen
        assert app.check_action("orders", ()) is not False  # the app allows it...
        assert dashboard.check_action("orders", ()) is False  # ...no orders to edit: hidden
        assert app._pace == START_PACE
        app._pace = 0  # the slowest pace, so the real timer cannot step during the test
        await pilot.press("a")
        await pilot.pause()
        assert app.table.watch_seconds == PACES[0]
        assert "a quarter every" in str(dashboard.query_one("#status").render())
        await pilot.press("plus")
        assert app.table.watch_seconds == PACES[1]
        await pilot.press("a")
        assert app.table.watch_seconds is None and app._watch_timer is None
        # The timer's steps, taken by hand (no test waits on a clock): play, read, close.
        app._watch_step()
        await settle(pilot, app)
        while isinstance(app.screen, EventDialog):
            app._watch_step()
            await pilot.pause()
        assert isinstance(app.screen, ReportScreen) and app.game.turn == 1
        app._watch_step()
        await pilot.pause()
        assert app.screen is dashboard and app.game.turn == 1


async def test_players_have_no_auto_advance(make_app) -> None:
    app = make_app("us")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "a")
        assert app.table.watch_seconds is None and app.check_action("auto_advance", ()) is False


async def test_hot_seat_both_sides_read_the_report_and_major_events(make_app) -> None:
    app = make_app("both", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        app.game.inject("efficiency-breakthrough")  # a major event in the first quarter
        await pilot.press("space", "enter")  # US: handover, briefing
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("space", "enter")  # China: handover, briefing
        await pilot.press("e")
        await settle(pilot, app)
        assert app.game.turn == 1
        for side in ("us", "china"):
            # Each side, as it takes the seat behind the handover: the event, the report.
            assert isinstance(app.screen, HandoverScreen) and app.screen.side == side
            await pilot.press("space")
            await pilot.pause()
            assert isinstance(app.screen, EventDialog)
            assert app.screen.item.title == app.game.event_card("efficiency-breakthrough").title
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ReportScreen)
            assert set(app.screen.report.sides) == {side}
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen) and app.table.seat == side
            await pilot.press("e")
            await pilot.pause()
        # Both in again: the second quarter resolves.
        await settle(pilot, app)
        assert app.game.turn == 2


TUTORIAL_SPLITS = {  # the tutorial briefing's first instruction, side by side
    "us": {"chips": 50, "datacenters": 20, "power": 15, "research": 10, "intel": 5},
    "china": {"chips": 45, "fabs": 10, "datacenters": 15, "power": 10, "research": 15,
              "intel": 5},
}


@pytest.mark.parametrize("side", ["us", "china"])
async def test_the_tutorial_split_typed_top_to_bottom_is_exact(side) -> None:
    scenario = load_scenario("tutorial")
    for share in TUTORIAL_SPLITS[side].values():  # the test reads the briefing's numbers
        assert f"{share}% " in getattr(scenario.briefing, side)
    players = {s: "human" if s == side else "bot:balanced" for s in ("us", "china")}
    game = Game.new(scenario, seed=1, us=players["us"], china=players["china"])
    app = ComputeRaceApp(game, (side,))
    app.advisor_futures = TEST_FUTURES
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "o")
        assert isinstance(app.focused, AllocationEditor)
        for row, name in enumerate(ALLOCATION):
            if name in TUTORIAL_SPLITS[side]:
                await pilot.press(*str(TUTORIAL_SPLITS[side][name]), "enter")
            if row < len(ALLOCATION) - 1:
                await pilot.press("down")
        editor = app.screen.query_one(AllocationEditor)
        assert editor.problem == ""
        await pilot.press("escape")
        allocation = app.table.draft(side).allocation
        wanted = {name: TUTORIAL_SPLITS[side].get(name, 0) / 100 for name in ALLOCATION}
        assert allocation.model_dump() == pytest.approx(wanted)


async def test_a_scripted_quarter_is_read_only_and_names_the_moves() -> None:
    scenario = load_scenario("history-2025")
    game = Game.new(scenario, seed=1, us="human", china="bot:balanced")
    game.play_out(1)  # 2025Q2: the H20 licence (export controls 2 -> 3)
    app = ComputeRaceApp(game, ("us",))
    app.advisor_futures = TEST_FUTURES
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert "Scripted quarter" in str(app.screen.query_one("#status").render())
        await pilot.press("o")
        screen = app.screen
        assert isinstance(screen, OrdersScreen)
        notice = str(screen.query_one("#orders-scripted").render())
        assert "2025Q2 is a scripted quarter" in notice
        assert "Export controls" in notice
        editor = screen.query_one(AllocationEditor)
        assert editor.disabled and screen.query_one(PolicyEditor).disabled
        before = list(editor.tenths)
        await pilot.press("right", "r", "s")  # nothing moves, no reset, no suggestion
        assert editor.tenths == before
        await pilot.press("escape")
        await finish_turn(pilot, app)
        assert game.history[1].orders["us"] == ScriptedTurns(scenario).get(1, "us")


async def test_a_long_report_opens_at_its_top(make_app) -> None:
    app = make_app("none", seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "e")
        await settle(pilot, app)
        while isinstance(app.screen, EventDialog):
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        scroll = app.screen.query_one("#report")
        assert scroll.max_scroll_y > 0 and scroll.scroll_y == 0
        await pilot.press("enter")  # Enter still continues
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
