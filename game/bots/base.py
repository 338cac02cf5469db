"""The bot interface and the registry behind `bot:NAME[:LEVEL]`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.bots.observation import Observation
from game.engine.orders import SideOrders

LEVELS: tuple[str, ...] = ("easy", "normal", "hard")


@dataclass(frozen=True)
class BotInfo:
    name: str
    description: str
    make: Callable[[str], Bot]


class Bot:
    """A vectorized policy: an Observation batch in, a SideOrders batch out. Deterministic
    for a given observation (randomness, if any, comes from counter-based draws keyed by
    the observation's seed and turn).

    A personality implements `policy`; `decide` plays it at the bot's level (levels.py).
    Orders need not be tidy: the engine's sanitizer (engine/orders.py) normalises the
    allocation (an all-zero row goes to chips) and clips and rounds policies, for bots
    as for every other player."""

    name = "bot"
    # False for bots whose `policy` already searches by simulation (the lookahead bot
    # scales its own search with the level instead).
    refine_when_hard = True

    def __init__(self, level: str = "normal"):
        if level not in LEVELS:
            raise ValueError(f"unknown bot level {level!r} (allowed: {', '.join(LEVELS)})")
        self.level = level

    def policy(self, obs: Observation) -> SideOrders:
        """The personality's orders, as written (the `normal` level)."""
        raise NotImplementedError

    def decide(self, obs: Observation) -> SideOrders:
        if self.level == "easy":
            from game.bots.levels import make_easy

            return make_easy(obs, self.policy(obs))
        if self.level == "hard" and self.refine_when_hard:
            from game.bots.lookahead import refine

            return refine(self, obs)
        return self.policy(obs)


REGISTRY: dict[str, BotInfo] = {}


def register(name: str, description: str) -> Callable[[type[Bot]], type[Bot]]:
    def wrap(cls: type[Bot]) -> type[Bot]:
        REGISTRY[name] = BotInfo(name, description, lambda level: cls(level))
        cls.name = name
        return cls
    return wrap


def make_bot(spec: str) -> Bot:
    """`NAME` or `NAME:LEVEL` (the `bot:` prefix already stripped)."""
    name, _, level = spec.partition(":")
    info = REGISTRY.get(name)
    if info is None:
        raise ValueError(f"unknown bot {name!r} (allowed: {', '.join(sorted(REGISTRY))})")
    return info.make(level or "normal")
