"""Bots: vectorized policies from observation arrays to orders arrays."""

from game.bots import balanced as _balanced  # noqa: F401  (registers)
from game.bots.base import LEVELS, REGISTRY, Bot, BotInfo, make_bot
from game.bots.observation import Observation, observe

__all__ = ["LEVELS", "REGISTRY", "Bot", "BotInfo", "Observation", "make_bot", "observe"]
