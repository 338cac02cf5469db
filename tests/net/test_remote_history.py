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


def test_the_goals_computed_from_hidden_figures_carry_no_number_at_a_seat() -> None:
    """Capability lead, share of compute and economy are computed from the other side's
    hidden figures (its capability, compute, income): a seat's history sends neither their
    value nor their points, not even the running points (quarter after quarter those give
    each quarter's points, and with par and weight the value itself). The public goals
    keep their points."""
    from game.model import load_scenario
    from game.net.history import seat_history
    from game.session import Game

    game = Game.new(load_scenario("baseline-2025"), seed=4)
    game.play_out(3)
    hidden = {"capability", "compute_share", "economy"}
    for side in ("us", "china"):
        sent = seat_history(game, side, 0)
        for summary in sent["summaries"]:
            for facts in summary["sides"].values():
                for term in facts["terms"]:
                    numbers = [term[k] for k in ("value", "gain", "points", "game_points")]
                    if term["name"] in hidden:
                        assert numbers == [None] * 4, term
                    else:
                        assert all(isinstance(x, float) for x in numbers), term
        for terms in sent["opening_terms"].values():
            assert all(t["game_points"] is None for t in terms if t["name"] in hidden)
    # the truth the fog withholds is there to withhold: the goals do score in this game
    truth = game.summary(2).sides["us"].terms
    assert all(abs(t.game_points) > 1e-6 for t in truth if t.name in hidden)
