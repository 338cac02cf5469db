"""Players: who gives a side's orders each turn. `bot:NAME[:LEVEL]` (or a bare NAME) is a
bot; `script:FILE` replays orders from a file (a turn it does not cover repeats the last
orders given). The scenario's scripted orders, where it has them, come first."""

from __future__ import annotations

from dataclasses import dataclass

from game.bots.base import Bot, make_bot
from game.bots.observation import Observation
from game.engine.orders import SideOrders, quantize, repeat_orders
from game.model.clock import turn_of
from game.model.orders import Orders, merge_orders, opening_orders, orders_from_arrays
from game.model.scenario import Scenario

DEFAULT_PLAYER = "bot:balanced"


@dataclass(frozen=True)
class PlayerSpec:
    kind: str  # "bot" | "script" | "human"
    name: str  # bot spec NAME[:LEVEL], script path, or "human"

    def __str__(self) -> str:
        return "human" if self.kind == "human" else f"{self.kind}:{self.name}"


def parse_player(text: str) -> PlayerSpec:
    """Parse a PLAYER argument; raises ValueError with the allowed forms."""
    text = text.strip()
    if text == "human":
        return PlayerSpec("human", "human")
    kind, sep, rest = text.partition(":")
    if sep and kind == "script":
        if not rest:
            raise ValueError("script: needs a file, e.g. script:orders.toml")
        return PlayerSpec("script", rest)
    spec = rest if sep and kind == "bot" else text
    make_bot(spec)  # validates name and level
    return PlayerSpec("bot", spec)


class ScriptedTurns:
    """Orders fixed by the scenario: {turn: {side: Orders}}.

    Like an orders file, a scripted quarter gives only what changes: fields it leaves out
    (the allocation, the training share, any single policy) keep the side's previous
    scripted quarter's values, or the scenario's opening ones before the first."""

    def __init__(self, scenario: Scenario):
        self.by_turn: dict[int, dict[str, Orders]] = {}
        entries = sorted(scenario.scripted_orders,
                         key=lambda so: turn_of(scenario.clock.start, so.at))
        previous = {side: opening_orders(scenario, side) for side in ("us", "china")}
        for so in entries:
            turn = turn_of(scenario.clock.start, so.at)
            slot = self.by_turn.setdefault(turn, {})
            for side, given in (("us", so.us), ("china", so.china)):
                if given is None:
                    continue
                merged = merge_orders(previous[side], given)
                slot[side] = previous[side] = merged

    def get(self, turn: int, side: str) -> Orders | None:
        return self.by_turn.get(turn, {}).get(side)

    @property
    def last_turn(self) -> int:
        return max(self.by_turn, default=-1)


class Player:
    """Gives a side's orders for a batch."""

    def orders(self, obs: Observation) -> SideOrders:
        raise NotImplementedError


class BotPlayer(Player):
    def __init__(self, bot: Bot):
        self.bot = bot

    def orders(self, obs: Observation) -> SideOrders:
        # Quantized as records keep orders, so batch games equal recorded single games.
        return quantize(self.bot.decide(obs), obs.side)


class ScriptPlayer(Player):
    """Orders per turn from a file; uncovered turns repeat the last orders given (before
    the first covered turn: the side's default orders)."""

    def __init__(self, side: str, by_turn: dict[int, Orders]):
        self.side = side
        self.by_turn = dict(sorted(by_turn.items()))

    def orders_for(self, turn: int) -> Orders:
        current: Orders = Orders.default(self.side)
        for t, orders in self.by_turn.items():
            if t > turn:
                break
            current = orders
        return current

    def orders(self, obs: Observation) -> SideOrders:
        return repeat_orders(self.orders_for(obs.turn).to_arrays(), obs.batch)


def make_player(spec: PlayerSpec, side: str, scenario: Scenario) -> Player:
    if spec.kind == "bot":
        return BotPlayer(make_bot(spec.name))
    if spec.kind == "script":
        from game.model.orders_file import load_orders_file

        return ScriptPlayer(side, load_orders_file(spec.name, side, scenario))
    raise ValueError(f"{spec} cannot play headless")


def player_orders(spec: PlayerSpec, side: str, scenario: Scenario, obs: Observation) -> Orders:
    """What `spec` orders for the first game of `obs`, as a record keeps orders (a human
    is advised by the default bot)."""
    if spec.kind == "human":
        spec = parse_player(DEFAULT_PLAYER)
    return orders_from_arrays(side, make_player(spec, side, scenario).orders(obs))


def scripted_or(scripted: ScriptedTurns, turn: int, side: str, batch: int,
                fallback: SideOrders) -> SideOrders:
    fixed = scripted.get(turn, side)
    return fallback if fixed is None else repeat_orders(fixed.to_arrays(), batch)

