"""The UI's `Table` controller plays a remote table through `RemoteGame`, exactly as it
plays a local one: both teams at their own `Table`, the server resolving the quarter."""

from __future__ import annotations

import threading

import pytest

from game.net.client import WrongCode
from game.net.remote import RemoteSeat
from game.net.remote_game import NotYours, RemoteGame
from game.port import TableGame
from game.tui.table import Resolve, ShowReport, Table
from tests.net.helpers import STEP_S, serve_process, stop_process


@pytest.fixture
def server(tmp_path):
    proc, start = serve_process(tmp_path)
    yield start
    stop_process(proc)


def joined(start, side: str) -> tuple[RemoteSeat, RemoteGame]:
    seat = RemoteSeat(start["url"], start["tables"][0]["seats"][side])
    seat.start()
    return seat, RemoteGame(seat)


def test_two_tables_of_the_ui_play_quarters_through_the_server(server):
    us_seat, us = joined(server, "us")
    china_seat, china = joined(server, "china")
    try:
        games: list[TableGame] = [us, china]  # mypy-style: both are table games
        assert [g.resolves_here for g in games] == [False, False]
        resolved: list[int] = []
        us.on_resolved(resolved.append)
        us_table = Table(us, ("us",))
        china_table = Table(china, ("china",))
        for turn in range(3):
            us_table.keep("us", us.suggested_orders("us"))
            step = us_table.end_turn()
            assert step == Resolve(here=False) and us.awaiting == ["china"]
            results: list[int] = []
            waiter = threading.Thread(target=lambda r=results: r.append(us.resolve()))
            waiter.start()
            assert china_table.end_turn() == Resolve(here=False)
            assert china.resolve() == turn
            waiter.join(STEP_S)
            assert results == [turn]
            assert us_table.resolved(turn) == ShowReport(turn, "us")
            china_table.resolved(turn)
            assert us.turn == turn + 1 and us.view("us").turn == turn + 1
            assert us_table.draft("us") == us.last_orders("us")
        assert resolved == [0, 1, 2]
        assert us.date_of(2) == "2025Q3" and us.scripted("us") is None
        with pytest.raises(NotYours, match="china's figures"):
            us.view("china")
        with pytest.raises(NotYours, match="take back"):
            us.undo()
        with pytest.raises(NotYours, match="fog of war"):
            _ = us.seed
    finally:
        us_seat.close()
        china_seat.close()


def test_a_wrong_code_is_refused_at_once(server):
    seat = RemoteSeat(server["url"], "bakodu-mitesa")
    with pytest.raises(WrongCode):
        seat.start()
