"""Records: the save file and the replay (a placeholder until the records work lands)."""

from __future__ import annotations

from pydantic import BaseModel

from game.model.errors import InputError
from game.session import Game


class Record(BaseModel):
    """A game's record (format to come)."""


def save_game(game: Game, path: str) -> None:
    raise InputError([f"{path}: saving records is not available yet in this build"])
