"""Pilot tests of the facilitator's remote screens against a live local server."""

from __future__ import annotations

import asyncio

import pytest

from game.net.remote import RemoteSeat
from game.tui.remote import JoinApp
from game.tui.screens.briefing import BriefingScreen
from game.tui.workshop import WorkshopScreen
from tests.net.helpers import STEP_S, serve_process, stop_process


@pytest.fixture
def server(tmp_path):
    proc, start = serve_process(tmp_path, "--tables", "2")
    yield start
    stop_process(proc)


async def settle(pilot, ready) -> None:
    async def wait() -> None:
        while not ready():
            await pilot.pause(0.05)
    await asyncio.wait_for(wait(), STEP_S)


async def test_the_overview_shows_every_table_and_pause_reaches_the_server(server):
    seat = RemoteSeat(server["url"], server["tables"][0]["seats"]["facilitator"])
    await asyncio.to_thread(seat.start)
    us = RemoteSeat(server["url"], server["tables"][1]["seats"]["us"])
    await asyncio.to_thread(us.start)
    try:
        app = JoinApp(server["url"], seat)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: isinstance(app.screen, WorkshopScreen))
            table = app.screen.query_one("DataTable")
            await settle(pilot, lambda: table.row_count == 2)
            await settle(pilot, lambda: "us" in str(table.get_row_at(1)[-1]))
            assert table.get_row_at(0)[2] == "us, china"  # both sides awaited
            assert "Table 1" in str(app.screen.query_one("#console").render())
            await pilot.press("down", "p")  # pause table 2
            await settle(pilot, lambda: us.table is not None and us.table.paused)
            await settle(pilot, lambda: table.get_row_at(1)[3] == "paused")
            await pilot.press("a")  # inject at all tables: asks for the card
            await pilot.press(*"strait-incident", "enter")
            await settle(pilot, lambda: any(
                e["kind"] == "inject" for e in seat.table.facilitator["journal"]))
            await pilot.press("i")
            await pilot.press(*"no-such-card", "enter")
            await settle(pilot, lambda: any("no event 'no-such-card'" in str(n.message)
                                            for n in app._notifications))
    finally:
        seat.close()
        us.close()


async def test_a_browser_seat_types_its_code_until_one_is_accepted(server):
    app = JoinApp(server["url"])
    seats = server["tables"][0]["seats"]
    async with app.run_test(size=(120, 40)) as pilot:
        problem = app.screen.query_one("#problem")
        await pilot.press(*"bakodu-mitesa", "enter")
        await settle(pilot, lambda: "no seat has that code" in str(problem.render()))
        await pilot.press(*seats["facilitator"], "enter")
        await settle(pilot, lambda: isinstance(app.screen, WorkshopScreen))
        table = app.screen.query_one("DataTable")
        await settle(pilot, lambda: table.row_count == 2)
        assert "facilitator of table 1" in app.sub_title


async def test_a_team_code_typed_in_a_browser_opens_that_side_s_seat(server):
    app = JoinApp(server["url"])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*server["tables"][1]["seats"]["china"], "enter")
        await settle(pilot, lambda: isinstance(app.screen, BriefingScreen))
        assert app.table is not None and app.table.humans == ("china",)
        assert "China" in app.sub_title
        assert app.check_action("facilitator", ()) is False  # no console at a team seat
        assert not any(isinstance(s, WorkshopScreen) for s in app.screen_stack)
