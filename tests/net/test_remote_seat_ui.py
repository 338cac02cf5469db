"""Pilot tests of a team's remote seat (`join URL --code <team code>`) against a live
local server, the other side played headless by a bot client: the very screens of local
play (dashboard and its charts, orders and the advisor, the turn report, the end screen),
fed only what the server sends the seat."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import math

import pytest
from textual.widgets import Label, Static

from game.net.headless import play_seat
from game.net.remote import RemoteSeat
from game.net.remote_game import NotYours, RemoteGame
from game.session import Game
from game.tui import present
from game.tui.dialogs.event import EventDialog
from game.tui.remote import JoinApp
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.end import EndScreen
from game.tui.screens.orders import OrdersScreen
from game.tui.screens.report import ReportScreen
from game.tui.widgets.advisor import AdvisorPanel
from game.tui.widgets.allocation import AllocationEditor
from game.tui.widgets.chart import TrendChart
from game.tui.widgets.figures import EstimatesPanel
from tests.net.helpers import STEP_S, seat, serve_process, stop_process
from tests.net.test_workshop_ui import settle
from tests.tui.conftest import enter_until
from tests.tui.test_score import rendered


@pytest.fixture
def server(tmp_path):
    proc, start = serve_process(tmp_path)
    yield start
    stop_process(proc)


def games_alive() -> set[int]:
    gc.collect()
    return {id(o) for o in gc.get_objects() if isinstance(o, Game)}


def shown(app: JoinApp, widget: str) -> str:
    return str(app.screen.query_one(widget, Static).render())


def chart_heading(app: JoinApp) -> str:
    return str(app.screen.query_one(TrendChart).query_one("#chart-title", Label).render())


@contextlib.asynccontextmanager
async def china_bot(server):
    """China played headless by the balanced bot, for as long as the test runs."""
    seats = server["tables"][0]["seats"]
    task = asyncio.create_task(play_seat(server["url"], seats["china"], "bot:balanced",
                                         lambda _text: None))
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task


async def test_a_team_plays_the_local_screens_over_the_network_to_the_end(server):
    seats = server["tables"][0]["seats"]
    before = games_alive()
    us = RemoteSeat(server["url"], seats["us"])
    await asyncio.to_thread(us.start)
    async with china_bot(server) as china:
        app = JoinApp(server["url"], us)
        async with app.run_test(size=(120, 40)) as pilot:
            # the briefing first, as in local play, then the dashboard
            await settle(pilot, lambda: isinstance(app.screen, BriefingScreen))
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, DashboardScreen))
            game = app.table.game
            assert isinstance(game, RemoteGame) and app.table.humans == ("us",)
            assert "China: estimates" in rendered(app.screen.query_one(EstimatesPanel).content)
            await settle(pilot, lambda: "Table 1 · awaiting ■ US bloc" in shown(app, "#status"))
            assert app.check_action("undo_turn", ()) is False  # the server's game
            assert app.check_action("save_game", ()) is False

            # orders: the advisor's forecast comes from the server, for the US view only
            await pilot.press("o")
            await settle(pilot, lambda: isinstance(app.screen, OrdersScreen))
            advisor = app.screen.query_one(AdvisorPanel)
            await settle(pilot, lambda: "in 4 quarters" in str(advisor.render()))
            app.screen.query_one(AllocationEditor).focus()
            await pilot.press("right", "right")
            opening = game.last_orders("us")
            await pilot.press("e")  # End turn from the orders screen: the draft goes in

            # the quarter resolves on the server; the US reads its own report
            await settle(pilot, lambda: isinstance(app.screen, ReportScreen | EventDialog))
            await enter_until(pilot, app, ReportScreen)
            report = shown(app, "#report-text")
            assert f"Turn report: {game.date_of(0)}" in report
            lines = report.splitlines()
            assert present.side_label("us") in lines  # its own side's figures and causes
            assert present.side_label("china") not in lines  # not the other side's
            assert game.last_orders("us").allocation != opening.allocation
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, DashboardScreen))

            # the dashboard's chart: own truth and the estimates of China, two quarters
            series = present.chart_series(game, "us", "compute")
            assert [len(s.x) for s in series] == [2, 2]
            assert series[1].estimated and series[1].label.endswith("China (est.)")
            assert "China (est.)" in chart_heading(app)
            await pilot.press("m", "m", "m")  # tension: the hazard's onset as a guide
            assert "crisis risk from" in chart_heading(app)

            # fog: no Game in this process, and the other side's history is refused
            assert games_alive() <= before
            with pytest.raises(NotYours):
                game.view_at(0, "china")
            china_facts = game.summary(0).sides["china"]
            assert set(china_facts.after) == {"score", "market_share", "revenue"}
            assert not china_facts.causes
            # the goals computed from hidden figures carry no number for either side, not
            # even their running points (quarter by quarter they would give the value away)
            for facts in game.summary(0).sides.values():
                hidden = [t for t in facts.terms
                          if t.name in ("capability", "compute_share", "economy")]
                assert len(hidden) == 3
                assert all(math.isnan(x) for t in hidden
                           for x in (t.value, t.gain, t.points, t.game_points))
            assert "goals the fog hides" in report

            # the rest of the game: End turn each quarter, reports read, to the end screen
            for _ in range(20_000):  # bounded: 24 quarters take a few hundred steps
                if isinstance(app.screen, EndScreen):
                    break
                if isinstance(app.screen, DashboardScreen) and not app.table.busy:
                    await pilot.press("e")
                elif isinstance(app.screen, ReportScreen | EventDialog | BriefingScreen):
                    await pilot.press("enter")
                await pilot.pause(0.05)
            assert isinstance(app.screen, EndScreen)
            end = " ".join(rendered(app.screen.query_one("#end-summary", Static).content).split())
            outcome = game.outcome()
            assert outcome.over
            assert f"{outcome.scores['us']:.1f}" in end and "Each side starts at 50" in end
            assert "seed" not in shown(app, "#end-title")  # the seed stays on the server
            assert "China (est.)" in chart_heading(app)  # the fog stays at the end
            assert games_alive() <= before
        await asyncio.wait_for(china, STEP_S)


async def test_a_quarter_the_deadline_resolves_shows_its_report_at_the_seat(server):
    """The US never ends its turn: the facilitator's deadline has its bot fill in, and the
    seat, not waiting on the quarter, still reads its report as local play shows it."""
    us = RemoteSeat(server["url"], server["tables"][0]["seats"]["us"])
    await asyncio.to_thread(us.start)
    async with china_bot(server), \
            seat(server["url"], server["tables"][0]["seats"]["facilitator"]) as facilitator:
        app = JoinApp(server["url"], us)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, lambda: isinstance(app.screen, BriefingScreen))
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, DashboardScreen))
            await facilitator.request("deadline", seconds=0.5)
            await settle(pilot, lambda: isinstance(app.screen, ReportScreen | EventDialog))
            assert app.table.game.turn == 1 and not app.table.busy
            await enter_until(pilot, app, ReportScreen)
            assert f"Turn report: {app.table.game.date_of(0)}" in shown(app, "#report-text")
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, DashboardScreen))
            assert "Table 1 · awaiting" in shown(app, "#status")  # the 80-column note
