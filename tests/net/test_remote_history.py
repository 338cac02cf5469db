"""A team seat's history, advisor and policy notes come from the server and equal what a
local game shows that side: its own views and facts, the advisor's forecast, the
parameters in force with the cards that act this quarter (not the scenario's base values)."""

from __future__ import annotations

import asyncio
import math

import numpy as np

from game.net.remote import RemoteSeat
from game.net.remote_game import RemoteGame
from game.tui.local_game import LocalGame
from tests.net.helpers import play_quarter, seat, served

CARD = "dumping-probe"  # a card that changes a parameter the policy notes read


async def test_a_seat_reads_its_history_advisor_and_rules_in_force_from_the_server(tmp_path):
    async with served(tmp_path) as srv, seat(srv.url, srv.code(1, "us")) as us, \
            seat(srv.url, srv.code(1, "china")) as china, \
            seat(srv.url, srv.code(1, "facilitator")) as facilitator:
        await facilitator.request("inject", event=CARD)
        await play_quarter(us, china)
        await play_quarter(us, china)
        remote_seat = RemoteSeat(srv.url, srv.code(1, "china"))
        await asyncio.to_thread(remote_seat.start)
        try:
            remote = RemoteGame(remote_seat)
            local = LocalGame(srv.workshop.tables[0].game)
            assert remote.turn == local.turn == 2

            # the rules in force: the card acts this quarter, at the seat as on the server
            params = await asyncio.to_thread(remote.params_in_force)
            truth = local.params_in_force().subsidy_price
            assert not np.array_equal(truth, remote.rules.params.subsidy_price)
            assert np.array_equal(params.subsidy_price, truth)

            # its own history equals the local game's, the other side's is fogged
            for k in range(remote.turn):
                mine = await asyncio.to_thread(remote.summary, k)
                real = local.summary(k)
                assert mine.sides["china"].after == real.sides["china"].after
                assert mine.sides["china"].causes == real.sides["china"].causes
                assert mine.events == real.events and mine.outcome == real.outcome
                assert set(mine.sides["us"].after) == {"score", "market_share", "revenue"}
                assert remote.view_at(k, "china") == local.view_at(k, "china")
            own_terms = {t.name: t for t in (await asyncio.to_thread(remote.opening_terms))
                         ["china"]}
            assert math.isnan(own_terms["compute_share"].value)  # it would give away US compute
            assert list(await asyncio.to_thread(remote.opening_terms))[0] == "china"

            # the advisor: the server's forecast from China's view, as the local advisor's
            orders = local.suggested_orders("china")
            there = await asyncio.to_thread(remote.forecast, "china", orders, 40)
            assert there == local.forecast("china", orders, 40)
        finally:
            remote_seat.close()
