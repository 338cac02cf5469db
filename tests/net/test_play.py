"""Two team seats and a facilitator play a few quarters on a real server (loopback)."""

from __future__ import annotations

import pytest

from game.net.client import RequestRefused
from game.records import read_record, verify
from tests.net.helpers import play_quarter, seat, served, until


async def test_two_teams_and_a_facilitator_play_quarters(tmp_path):
    async with served(tmp_path, tables=2) as srv, \
            seat(srv.url, srv.code(1, "us")) as us, \
            seat(srv.url, srv.code(1, "china")) as china, \
            seat(srv.url, srv.code(1, "facilitator")) as fac:
        assert us.welcome.seat == "us" and fac.welcome.seat == "facilitator"
        assert us.table.awaiting == ["us", "china"] and us.table.view["side"] == "us"
        await until(fac, lambda: fac.overview is not None
                    and fac.overview.tables[0]["connected"] == ["china", "facilitator", "us"])

        # One side in: the quarter waits, and every client says whose orders are awaited.
        ack = await us.request("suggest", player="bot:balanced")
        await us.request("submit", turn=0, orders=ack.detail["orders"])
        for client in (us, china, fac):
            await until(client, lambda c=client: c.table.awaiting == ["china"])
        assert us.table.submitted == ack.detail["orders"] and china.table.submitted is None
        assert fac.table.facilitator["orders"]["us"] == ack.detail["orders"]

        ack = await china.request("suggest", player="bot:hawk")
        done = await china.request("submit", turn=0, orders=ack.detail["orders"])
        assert done.detail == {"resolved": True, "turn": 1}
        await until(us, lambda: us.table.turn == 1 and us.table.awaiting == ["us", "china"])
        await play_quarter(us, china)

        # The facilitator pauses: orders are taken, the quarter waits for the resume.
        await fac.request("pause", paused=True)
        await play_quarter_submit_only(us, china)
        await until(us, lambda: us.table.paused and us.table.awaiting == [])
        assert srv.workshop.tables[0].game.turn == 2
        await fac.request("pause", paused=False)
        await until(us, lambda: us.table.turn == 3 and not us.table.paused)

        # An inject at every table, journaled in each record.
        await fac.request("inject", event="strait-incident", all_tables=True)
        for table in srv.workshop.tables:
            record = read_record(table.files.record(table.number))
            assert record.pending.injects == ["strait-incident"]

        # A deadline: China's default bot fills in, the quarter resolves without it.
        ack = await us.request("suggest", player="bot:balanced")
        await us.request("submit", turn=3, orders=ack.detail["orders"])
        await fac.request("deadline", seconds=0.3)
        await until(us, lambda: us.table.turn == 4)
        record = read_record(srv.workshop.tables[0].files.record(1))
        assert record.turns[3].injects == ["strait-incident"]
        assert [e.kind for e in record.journal] == ["pause", "resume", "inject"]

        # An unknown card is refused at every table, and none is changed.
        with pytest.raises(RequestRefused, match="no event 'no-such-card'"):
            await fac.request("inject", event="no-such-card", all_tables=True)
        assert read_record(srv.workshop.tables[1].files.record(2)).turns == []

        # The debrief: table 2 has not played, so the debrief covers table 1 alone.
        ack = await fac.request("debrief", format="md")
        assert ack.detail["tables"] == [1] and "Compute Race" in ack.detail["text"]

        check = verify(read_record(srv.workshop.tables[0].files.record(1)))
        assert check.ok and check.checked == 4


async def play_quarter_submit_only(us, china) -> None:
    turn = us.table.turn
    for client in (us, china):
        ack = await client.request("suggest", player="bot:balanced")
        await client.request("submit", turn=turn, orders=ack.detail["orders"])
