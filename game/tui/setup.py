"""A new game from the player's choices: scenario, side, opponent, seed."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from game.bots.base import LEVELS, REGISTRY
from game.bots.players import DEFAULT_PLAYER, parse_player
from game.model.errors import InputError
from game.model.loader import load_scenario
from game.session import Game

SIDE_CHOICES: dict[str, str] = {
    "us": "US bloc",
    "china": "China",
    "both": "Both: hot-seat for two players",
    "none": "None: watch the bots play",
}
# Who sits at the keyboard for each choice, in the order they play a turn.
HUMANS: dict[str, tuple[str, ...]] = {
    "us": ("us",), "china": ("china",), "both": ("us", "china"), "none": (),
}
SEED_LIMIT = 2**63


@dataclass(frozen=True)
class NewGame:
    scenario: str  # a shipped scenario's name or a .toml path
    side: str = "us"
    opponent: str = DEFAULT_PLAYER
    seed: int = 0


def random_seed() -> int:
    """A fresh seed, shown to the player so the game can be replayed."""
    return secrets.randbelow(1_000_000)


def opponents() -> list[tuple[str, str]]:
    """(label, PLAYER) for every registered bot at every level."""
    import game.bots  # noqa: F401  (registers the shipped bots)

    out = []
    for name in sorted(REGISTRY):
        for level in LEVELS:
            spec = f"bot:{name}" if level == "normal" else f"bot:{name}:{level}"
            out.append((f"{name} ({level})", spec))
    return out


def start(choice: NewGame) -> tuple[Game, tuple[str, ...]]:
    """The game and its human sides. Raises InputError for a bad scenario or player."""
    if choice.side not in HUMANS:
        raise InputError([f"side {choice.side!r}: allowed: {', '.join(HUMANS)}"])
    if not 0 <= choice.seed < SEED_LIMIT:
        raise InputError([f"seed {choice.seed}: allowed: a whole number from 0 to 2^63-1"])
    try:
        parse_player(choice.opponent)
    except ValueError as exc:
        raise InputError([f"opponent {choice.opponent!r}: {exc}"]) from None
    scenario = load_scenario(choice.scenario)
    humans = HUMANS[choice.side]
    players = {side: "human" if side in humans else choice.opponent for side in ("us", "china")}
    game = Game.new(scenario, seed=choice.seed, us=players["us"], china=players["china"])
    return game, humans


def humans_of(game: Game) -> tuple[str, ...]:
    """The human sides of a loaded game, from its players."""
    return tuple(side for side in ("us", "china") if game.players[side].kind == "human")
