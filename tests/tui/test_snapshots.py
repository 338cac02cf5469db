"""One snapshot per screen at 120x40 (and the dashboard at 80x24), from fixed seeds.

Regenerate only after looking at the report: `pytest tests/tui/test_snapshots.py
--snapshot-update`. No clock is shown and blinking cursors are switched off."""

from __future__ import annotations

import contextlib

from textual.widgets import Input
from textual.worker import WorkerCancelled

from game.model.loader import load_scenario
from game.session import Game
from game.tui.app import ComputeRaceApp
from game.tui.dialogs.event import EventDialog
from tests.tui.conftest import TEST_FUTURES, settle

SIZE = (120, 40)


def no_blink(app: ComputeRaceApp) -> None:
    for field in app.screen.query(Input):
        field.cursor_blink = False


def test_title(snap_compare) -> None:
    async def before(pilot) -> None:
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(ComputeRaceApp(seed=4242, scenario="baseline-2025"),
                        terminal_size=SIZE, run_before=before)


def test_briefing(snap_compare, make_app) -> None:
    assert snap_compare(make_app("us"), terminal_size=SIZE)


def test_dashboard(snap_compare, make_app) -> None:
    assert snap_compare(make_app("us", played=2), terminal_size=SIZE, press=["enter"])


def test_dashboard_80x24(snap_compare, make_app) -> None:
    assert snap_compare(make_app("us", played=2), terminal_size=(80, 24), press=["enter"])


def test_dashboard_watching(snap_compare, make_app) -> None:
    assert snap_compare(make_app("none", played=2), terminal_size=SIZE, press=["enter"])


def test_orders(snap_compare, make_app) -> None:
    async def before(pilot) -> None:
        await pilot.press("enter", "o", "right", "tab", "down", "down")
        await advisor_done(pilot)

    assert snap_compare(make_app("china", played=1), terminal_size=SIZE, run_before=before)


async def advisor_done(pilot) -> None:
    """Wait for the advisor's forecast (it runs in a worker after a short delay)."""
    advisor = pilot.app.screen.query_one("#advisor")
    for _ in range(100):
        await pilot.pause(0.05)
        # A newer forecast cancels an older one (exclusive worker): wait for the last.
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        text = str(advisor.render())
        if "quarters" in text or "not in this build" in text:
            return
    raise AssertionError("the advisor's forecast never arrived")


def test_handover(snap_compare, make_app) -> None:
    assert snap_compare(make_app("both"), terminal_size=SIZE)


def test_turn_report(snap_compare, make_app) -> None:
    async def before(pilot) -> None:
        await pilot.press("enter", "e")
        await settle(pilot, pilot.app)

    assert snap_compare(make_app("us", seed=7), terminal_size=SIZE, run_before=before)


def test_major_event_dialog(snap_compare, make_app) -> None:
    async def before(pilot) -> None:
        pilot.app.game.inject("efficiency-breakthrough")
        await pilot.press("enter", "e")
        await settle(pilot, pilot.app)
        assert isinstance(pilot.app.screen, EventDialog)

    assert snap_compare(make_app("us", seed=7), terminal_size=SIZE, run_before=before)


def test_end_of_game(snap_compare, make_app) -> None:
    assert snap_compare(make_app("us", played=4), terminal_size=SIZE)


def test_help(snap_compare, make_app) -> None:
    assert snap_compare(make_app("us"), terminal_size=SIZE, press=["enter", "f1"])


def test_facilitator_console(snap_compare, make_app) -> None:
    async def before(pilot) -> None:
        await pilot.press("enter", "ctrl+f")
        await pilot.pause()
        app = pilot.app
        # No clock in a snapshot: the session note's wall-clock time, and no toast.
        app.game.journal[:] = [e.model_copy(update={"at": "2026-01-01T09:00:00Z"})
                               for e in app.game.journal]
        app.clear_notifications()
        app.screen.on_screen_resume()
        await pilot.pause()

    assert snap_compare(make_app("us", played=1, facilitated=True), terminal_size=SIZE,
                        run_before=before)


# --- screens this issue changed, at 120x40 and 80x24 -----------------------------------

def test_title_80x24(snap_compare) -> None:
    async def before(pilot) -> None:
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(ComputeRaceApp(seed=4242, scenario="baseline-2025"),
                        terminal_size=(80, 24), run_before=before)


def test_score_screen(snap_compare, make_app) -> None:
    assert snap_compare(make_app("us", played=2), terminal_size=SIZE, press=["enter", "g"])


def test_score_screen_80x24(snap_compare, make_app) -> None:
    assert snap_compare(make_app("us", played=2), terminal_size=(80, 24),
                        press=["enter", "g"])


def test_turn_report_80x24(snap_compare, make_app) -> None:
    async def before(pilot) -> None:
        await pilot.press("enter", "e")
        await settle(pilot, pilot.app)

    assert snap_compare(make_app("us", seed=7), terminal_size=(80, 24), run_before=before)


async def _scripted_orders_open(pilot) -> None:
    await pilot.press("enter", "o")
    await advisor_done(pilot)  # the forecast runs in a worker: wait, or the shot races it


def test_orders_scripted_quarter(snap_compare) -> None:
    assert snap_compare(scripted_app(), terminal_size=SIZE, run_before=_scripted_orders_open)


def test_orders_scripted_quarter_80x24(snap_compare) -> None:
    assert snap_compare(scripted_app(), terminal_size=(80, 24),
                        run_before=_scripted_orders_open)


def scripted_app() -> ComputeRaceApp:
    game = Game.new(load_scenario("history-2025"), seed=1, us="human", china="bot:balanced")
    game.play_out(1)
    app = ComputeRaceApp(game, ("us",))
    app.advisor_futures = TEST_FUTURES
    return app


def test_load_dialog_file_tree(snap_compare, data_dir) -> None:
    (data_dir / "saves").mkdir(parents=True)
    game = Game.new(load_scenario("baseline-2025"), seed=1)
    game.play_out(1)
    game.save(data_dir / "saves" / "baseline-2025-seed1-2025Q2.json")

    async def before(pilot) -> None:
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)  # the tree reads its folder in a worker
        no_blink(pilot.app)

    assert snap_compare(ComputeRaceApp(seed=4242), terminal_size=(80, 24), run_before=before)


def test_watch_report_with_orders(snap_compare, make_app) -> None:
    async def before(pilot) -> None:
        await pilot.press("enter", "e")
        await settle(pilot, pilot.app)

    assert snap_compare(make_app("none", seed=7), terminal_size=SIZE, run_before=before)
