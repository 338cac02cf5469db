"""The load test, short version (bench/bench_server.py plays all 24 quarters and times
them): 10 tables with 2 remote players each, every order lands exactly once."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack

from game.records import read_record
from tests.net.helpers import seat, served, until

TABLES, QUARTERS = 10, 3


async def test_ten_tables_of_two_players_lose_and_duplicate_no_orders(tmp_path):
    sent: dict[tuple[int, int, str], dict] = {}
    async with served(tmp_path, tables=TABLES) as srv, AsyncExitStack() as stack:
        seats = {(t, side): await stack.enter_async_context(
                     seat(srv.url, srv.code(t, side)))
                 for t in range(1, TABLES + 1) for side in ("us", "china")}

        async def play(table: int, side: str) -> None:
            client = seats[(table, side)]
            for turn in range(QUARTERS):
                ack = await client.request("suggest")
                sent[(table, turn, side)] = ack.detail["orders"]
                await client.request("submit", turn=turn, orders=ack.detail["orders"])
                await until(client, lambda t=turn: client.table.turn == t + 1)

        await asyncio.gather(*(play(t, side) for t, side in seats))
    for table in range(1, TABLES + 1):
        record = read_record(tmp_path / f"table-{table}.json")
        assert len(record.turns) == QUARTERS and record.pending.us is None
        for turn, entry in enumerate(record.turns):
            for side in ("us", "china"):
                given = getattr(entry.orders, side).model_dump(mode="json")
                assert given == sent[(table, turn, side)]
