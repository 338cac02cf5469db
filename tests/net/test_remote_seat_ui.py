"""Pilot tests of a team's remote seat (`join URL --code <team code>`) against a live
local server, the other side played headless by a bot client."""

from __future__ import annotations

import asyncio
import contextlib
import gc

import pytest
from textual.widgets import Static

from game.net.headless import play_seat
from game.net.remote import RemoteSeat
from game.net.remote_game import NotYours
from game.session import Game
from game.tui.screens.remote_seat import RemoteSeatApp, RemoteSeatScreen
from game.tui.widgets.allocation import AllocationEditor
from tests.net.helpers import STEP_S, serve_process, stop_process
from tests.net.test_workshop_ui import settle


@pytest.fixture
def server(tmp_path):
    proc, start = serve_process(tmp_path)
    yield start
    stop_process(proc)


def games_alive() -> set[int]:
    gc.collect()
    return {id(o) for o in gc.get_objects() if isinstance(o, Game)}


def shown(screen: RemoteSeatScreen, widget: str) -> str:
    return str(screen.query_one(widget, Static).render())


async def test_a_team_plays_its_seat_over_the_network_to_the_end(server):
    seats = server["tables"][0]["seats"]
    before = games_alive()
    us = RemoteSeat(server["url"], seats["us"])
    await asyncio.to_thread(us.start)
    china = asyncio.create_task(play_seat(server["url"], seats["china"], "bot:balanced",
                                          lambda _text: None))
    try:
        app = RemoteSeatApp(us)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: isinstance(app.screen, RemoteSeatScreen))
            screen = app.screen
            assert isinstance(screen, RemoteSeatScreen)
            game = screen.game
            opening = game.last_orders("us")
            await settle(pilot, lambda: "us" in game.awaiting)
            assert "quarter 1/" in shown(screen, "#seat-status")
            assert "your estimates" in shown(screen, "#seat-view")

            # a changed allocation goes in with End turn, and the quarter resolves
            screen.query_one(AllocationEditor).focus()
            await pilot.press("right", "right")
            await pilot.press("e")
            await settle(pilot, lambda: game.turn == 1)
            await settle(pilot, lambda: "quarter 2/" in shown(screen, "#seat-status"))
            assert f"Report: {game.date_of(0)} resolved" in shown(screen, "#seat-report")
            handed_in = game.last_orders("us")
            assert handed_in.allocation != opening.allocation
            assert screen.build() == handed_in  # the editors start from what went in
            assert screen.query_one(AllocationEditor).budget == \
                game.view("us").own["budget"].value  # this quarter's budget, not the first's

            # fog: the screen holds no Game and cannot read the other side's view
            assert games_alive() <= before
            with pytest.raises(NotYours):
                game.view("china")
            assert us.table is not None and us.table.facilitator is None

            # the rest of the game: End turn each quarter until the final scores
            while not game.over:
                turn = game.turn
                await settle(pilot, lambda t=turn: "us" in game.awaiting or game.turn != t
                             or game.over)
                if "us" in game.awaiting:
                    await pilot.press("e")
                await settle(pilot, lambda t=turn: game.turn != t or game.over)
            await settle(pilot, lambda: "Final scores" in shown(screen, "#seat-status"))
            scores = game.view("us").scores
            assert f"{scores['us']:.1f}" in shown(screen, "#seat-status")
            assert screen.query_one(AllocationEditor).disabled
        await asyncio.wait_for(china, STEP_S)
    finally:
        china.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await china
        us.close()
