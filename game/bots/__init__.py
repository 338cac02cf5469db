"""Bots: vectorized policies from observation arrays to orders arrays."""

# Importing a personality registers it; `compute-race bots` lists them in name order.
from game.bots import balanced as _balanced  # noqa: F401
from game.bots import builder as _builder  # noqa: F401
from game.bots import efficiency as _efficiency  # noqa: F401
from game.bots import hawk as _hawk  # noqa: F401
from game.bots import lookahead as _lookahead  # noqa: F401
from game.bots.base import LEVELS, REGISTRY, Bot, BotInfo, make_bot
from game.bots.observation import Observation, observe

__all__ = ["LEVELS", "REGISTRY", "Bot", "BotInfo", "Observation", "make_bot", "observe"]
