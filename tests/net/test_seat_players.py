"""A networked table's record names who played each seat each quarter: a `join --player`
bot, the deadline's default bot, or a team at its screen (the record's `human`)."""

from __future__ import annotations

import asyncio

import pytest

from game.net.headless import play_seat
from game.net.protocol import Refused
from game.net.store import DataDir
from game.net.table import Table
from game.records import read_record, verify
from tests.net.helpers import seat, served, until


async def test_the_record_names_bot_seats_and_the_deadlines_bot(tmp_path):
    async with served(tmp_path) as srv, \
            seat(srv.url, srv.code(1, "china")) as china, \
            seat(srv.url, srv.code(1, "facilitator")) as fac:
        us = asyncio.create_task(play_seat(srv.url, srv.code(1, "us"), "bot:hawk",
                                           lambda _: None))
        try:
            # 2025Q1: China's team submits at its screen.
            ack = await china.request("suggest", player="bot:balanced")
            await china.request("submit", turn=0, orders=ack.detail["orders"])
            await until(china, lambda: china.table.turn == 1)
            # 2025Q2: China does not; the deadline's default bot fills in.
            await until(china, lambda: china.table.awaiting == ["china"])
            await fac.request("deadline", seconds=0.2)
            await until(china, lambda: china.table.turn == 2)
        finally:
            us.cancel()
    record = read_record(tmp_path / "table-1.json")
    assert record.players.model_dump() == {"us": "human", "china": "human"}
    assert [t.players.model_dump() if t.players else None for t in record.turns[:2]] == [
        {"us": "bot:hawk", "china": "human"},
        {"us": "bot:hawk", "china": "bot:balanced"}]
    assert verify(record).ok


def test_a_bot_seats_submitted_orders_keep_their_player_over_a_restart(baseline, tmp_path):
    files = DataDir(tmp_path)
    files.prepare()
    table = Table.open(1, files, baseline, 4)
    orders = table.suggest("us", "bot:balanced:hard").model_dump(mode="json")
    table.submit("us", 0, orders, player="bot:balanced:hard")
    # The server dies here (kill -9): a new one opens the same files.
    again = Table.open(1, files, baseline, 4)
    assert again.game.pending_players == {"us": "bot:balanced:hard"}
    again.submit("china", 0, again.suggest("china", "bot:balanced").model_dump(mode="json"))
    turn = read_record(files.record(1)).turns[0]
    assert turn.players is not None and turn.players.us == "bot:balanced:hard"
    assert turn.players.china == "human"


def test_an_unknown_player_is_refused_and_changes_nothing(baseline, tmp_path):
    files = DataDir(tmp_path)
    files.prepare()
    table = Table.open(1, files, baseline, 4)
    orders = table.suggest("us", "bot:balanced").model_dump(mode="json")
    with pytest.raises(Refused, match="no-such-bot"):
        table.submit("us", 0, orders, player="bot:no-such-bot")
    assert table.game.pending == {} and files.read_pending(1) is None
