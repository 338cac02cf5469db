"""Compute Race: a turn-based US-China AI competition scenario game."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.version import ENGINE_VERSION

__version__ = "0.1.0"

if TYPE_CHECKING:
    from game.model.loader import load_scenario
    from game.session import Game

__all__ = ["ENGINE_VERSION", "Game", "__version__", "load_scenario"]


def __getattr__(name: str) -> Any:
    # Lazy, so `import game` (and the CLI's start-up) stays cheap.
    if name == "Game":
        from game.session import Game

        return Game
    if name == "load_scenario":
        from game.model.loader import load_scenario

        return load_scenario
    raise AttributeError(name)
