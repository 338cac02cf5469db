"""Features that land with other issues, looked up when the player asks for them.

Saving and loading come with the records issue (`game.records.save_game/load_game`,
`autosave`), the debrief with the workshop issue (`game.report.write_report`), the advisor
with the analysis issue (`Game.forecast`). Each lookup happens at call time, so a command
lights up the moment its backing function exists, and until then the player gets a clear
notice instead of a silent no-op. This is the one place to rewire if a name changes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.session import Game


class Missing(Exception):
    """The backing feature is not in this build; the message says what will provide it."""


def _find(module: str, name: str) -> Callable[..., Any] | None:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    fn = getattr(mod, name, None)
    return fn if callable(fn) else None


def save(game: Game, path: Path) -> None:
    fn = _find("game.records", "save_game")
    if fn is None:
        raise Missing("Saving games arrives with the records feature "
                      "(game.records.save_game is not in this build).")
    fn(game, str(path))


def load(path: Path) -> Game:
    fn = _find("game.records", "load_game")
    if fn is None:
        raise Missing("Loading saved games arrives with the records feature "
                      "(game.records.load_game is not in this build).")
    loaded = fn(str(path))
    if not isinstance(loaded, Game):  # a Record: rebuild the game from it
        loaded = Game.from_record(loaded)
    return loaded


def autosave(game: Game) -> Path | None:
    """Autosave after a resolved turn when the records feature provides it."""
    fn = _find("game.records", "autosave")
    if fn is None:
        return None
    result = fn(game)
    return Path(result) if isinstance(result, str | Path) else None


def export_debrief(game: Game, path: Path) -> None:
    fn = _find("game.report", "write_report")
    if fn is None:
        raise Missing("The debrief export arrives with the workshop feature "
                      "(game.report.write_report is not in this build).")
    fn([game], path)


def can_forecast(game: Game) -> bool:
    return callable(getattr(game, "forecast", None))


def facilitator_ready(game: Game) -> bool:
    """The facilitator console needs the workshop feature's API on Game."""
    return all(callable(getattr(game, name, None)) for name in ("inject", "note", "reveal"))
