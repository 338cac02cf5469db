"""`join --player`: a seat played to the game's end without a screen.

A bot seat asks the server what the bot would order (`suggest`): the server runs the bot on
the seat's own observation, exactly as a local bot decides, so the seat learns nothing its
side could not see and the client needs no copy of the state. A script seat reads its
orders file here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.bots.players import ScriptPlayer, parse_player
from game.model.errors import InputError
from game.model.orders_file import load_orders_file
from game.model.scenario import Scenario
from game.net.client import RequestRefused, SeatClient, WrongCode, retrying
from game.net.protocol import TableUpdate


async def play_seat(url: str, code: str, player: str, say: Callable[[str], None],
                    give_up_s: float = 300.0) -> TableUpdate:
    """Play the seat until the game is over; the final table update."""
    spec = parse_player(player)
    script: ScriptPlayer | None = None
    submitted: set[int] = set()  # turns this seat's orders are in for (kept over reconnects)
    final: list[TableUpdate] = []
    said: list[str] = []  # the last waiting line, said once

    async def orders_now(client: SeatClient, update: TableUpdate) -> dict[str, Any]:
        nonlocal script
        side = client.welcome.seat
        if spec.kind == "bot":
            ack = await client.request("suggest", player=str(spec))
            orders: dict[str, Any] = ack.detail["orders"]
            return orders
        if script is None:
            scenario = Scenario.model_validate(client.welcome.content)
            script = ScriptPlayer(side, load_orders_file(spec.name, side, scenario))
        return script.orders_for(update.turn).model_dump(mode="json")

    async def play(client: SeatClient) -> bool:
        seat = client.welcome.seat
        if seat == "facilitator":
            raise WrongCode("that is a facilitator's code: --player plays a team's seat "
                            "(us or china)")
        say(f"joined table {client.welcome.table} as {seat}")
        while not client.closed:
            update = client.table
            if update is not None:
                waiting = waiting_line(update, seat)
                if waiting and waiting != said[-1:]:
                    said[:] = waiting
                    say(waiting[0])
            if update is not None and update.over:
                final.append(update)
                return True
            if (update is not None and seat in update.awaiting
                    and update.submitted is None and update.turn not in submitted):
                try:
                    orders = await orders_now(client, update)
                    await client.request("submit", turn=update.turn, orders=orders,
                                         player=str(spec))
                    submitted.add(update.turn)
                except RequestRefused as refused:
                    if refused.error.reason != "out-of-order":
                        raise InputError([f"the server refused {seat}'s orders: "
                                          f"{refused.error.message}"]) from None
                continue
            await client.wait_change()
        return False

    await retrying(url, code, play, say, give_up_s)
    return final[-1]


def waiting_line(update: TableUpdate, seat: str) -> list[str]:
    """What the seat is waiting for, in words ([] when it is this seat's move)."""
    others = [side for side in update.awaiting if side != seat]
    if update.over or seat in update.awaiting or not others:
        return []
    pause = " (the table is paused)" if update.paused else ""
    return [f"{update.date}: orders in; waiting for {', '.join(others)}{pause}"]
