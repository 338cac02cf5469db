"""Fog of war on the wire: the US client never receives China's true figures or China's
orders, in any message, over several quarters."""

from __future__ import annotations

import json
import math

from game.engine.types import SIDES
from game.model.views import ESTIMATED
from game.session import Game
from tests.net.helpers import seat, served, until

# Public by the rules: both sides' market share and revenue are exact in every view.
PUBLIC = {"market_share", "revenue"}
FOGGED = [name for name in ESTIMATED if name not in PUBLIC]
# China's allocation, chosen so no figure of the game can equal it by chance.
CHINA_ALLOCATION = {"chips": 0.4137, "fabs": 0.0731, "datacenters": 0.1529,
                    "power": 0.1217, "research": 0.2049, "intel": 0.0337}


def numbers(value: object) -> list[float]:
    """Every float in a JSON message (ints are ids, turns and counts, never figures)."""
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [n for v in value.values() for n in numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in numbers(v)]
    return []


def same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)


async def test_the_us_client_never_receives_chinas_true_figures_or_orders(tmp_path):
    received: list[str] = []
    async with served(tmp_path) as srv, seat(srv.url, srv.code(1, "china")) as china:
        async with seat(srv.url, srv.code(1, "us")) as us:
            # The welcome carries the scenario file (public, fixed before play) and names.
            assert set(us.welcome.model_dump()) == {"type", "protocol", "table", "seat",
                                                    "tables", "scenario", "title", "content"}
            assert us.table is not None
            received.append(us.table.model_dump_json())
            us.on_text = received.append
            for turn in range(4):
                orders = {**(await china.request("suggest")).detail["orders"],
                          "allocation": CHINA_ALLOCATION}
                await china.request("submit", turn=turn, orders=orders)
                await until(us, lambda: us.table.awaiting == ["us"])
                mine = (await us.request("suggest")).detail["orders"]
                # the advisor and the history behind the charts and reports pass the fog too
                await us.request("advise", orders=mine, futures=50)
                await us.request("submit", turn=turn, orders=mine)
                await until(us, lambda t=turn: us.table.turn == t + 1)
                await us.request("history", since=0)
        game: Game = srv.workshop.tables[0].game

    assert game.turn == 4 and len(received) > 10
    assert sum('"summaries"' in text for text in received) == 4  # the history was sent
    seen = [n for text in received for n in numbers(json.loads(text))]
    opening = game.figures(-1)["china"]  # public: the scenario file gives it
    for turn in range(game.turn):
        figures = game.figures(turn)
        own = [figures["us"][name] for name in figures["us"]]
        for name in FOGGED:
            truth = figures["china"][name]
            if truth in (0.0, 1.0, opening[name]) or any(same(truth, v) for v in own):
                continue  # no secret, or a value the US legitimately knows
            leaks = [n for n in seen if same(n, truth)]
            assert not leaks, f"China's true {name} after turn {turn + 1} reached the US"
        assert game.history[turn].orders["china"].allocation.chips == 0.4137
    for share in CHINA_ALLOCATION.values():
        assert not any(same(n, share) for n in seen), f"China's allocation {share} leaked"
    # The check can fail: the facilitator's console does carry the truth.
    assert any(name in FOGGED for name in game.figures()["china"]) and SIDES
