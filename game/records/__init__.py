"""Records: the save file and the replay of a game (issue 5).

    from game.records import save_game, load_game, read_record, replay, verify
    save_game(game, "game.json")              # atomic; refuses to overwrite a non-record
    game = load_game("game.json")             # resumes where it was saved
    check = verify(read_record("game.json"))  # recompute and compare every turn's digest
    branch = game.branch(3, us="human")       # take control from the fourth quarter
    autosave(game); latest_autosaves(unfinished=True)

Every file the game writes goes through `game.files.write_file` (re-exported here with
`check_target` and `Mark`): the output rules are in `game/files/write.py`.

The format is `game.model.record.Record` (`compute-race schema record`); reading and
atomic writing are in `game.model.record_file`; a `Game` becomes a record and back with
`Game.to_record` / `Game.from_record`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.files import Mark, check_target, write_file
from game.model.errors import InputError
from game.model.record import FORMAT_VERSION, Record, TurnEntry
from game.model.record_file import (
    MAX_RECORD_BYTES,
    read_record,
    read_record_checked,
    write_record,
)
from game.records.autosave import (
    KEEP_AUTOSAVES,
    SaveInfo,
    autosave,
    autosave_dir,
    autosave_path,
    latest_autosaves,
    save_info,
)
from game.records.verify import FigureChange, Mismatch, Verification, verify
from game.session import Game, GameOver

__all__ = [
    "FORMAT_VERSION", "KEEP_AUTOSAVES", "MAX_RECORD_BYTES", "FigureChange", "Mark", "Mismatch",
    "Record", "SaveInfo", "TurnEntry", "Verification", "autosave", "autosave_dir",
    "autosave_path", "check_target", "latest_autosaves", "load_game", "read_record", "read_record_checked", "record_of", "replay",
    "save_game", "save_info", "verify", "write_file", "write_record",
]


def record_of(game: Game) -> Record:
    return game.to_record()


def save_game(game: Game, path: str | Path, force: bool = False) -> Path:
    """Write `game`'s record to `path` atomically, over a record only unless `force`.
    Raises InputError (nothing written)."""
    return game.save(path, force=force)


def load_game(path: str | Path, trust: bool = False,
              warn: Callable[[str], None] | None = None) -> Game:
    """The saved game at `path`, resumed where it was saved. Raises InputError naming the
    file and the problem; the file is never changed. A record changed after the game
    wrote it (its record_hash) or one whose replay does not reproduce its digests is
    refused, unless `trust`: then it is used and `warn` gets a warning to show."""
    record, tampered = read_record_checked(path)
    problems = [tampered] if tampered else []
    try:
        check = verify(record)
        game = Game.from_record(record)
    except (ValueError, GameOver) as exc:
        raise InputError([f"{path}: {exc}"]) from None
    if check.mismatch is not None:
        problems.append(f"it fails verification: {check.mismatch.describe()}")
    if problems:
        text = "; ".join(problems)
        if not trust:
            raise InputError([f"{path}: {text}; pass --trust to use it anyway"])
        if warn is not None:
            warn(f"{path}: warning: used because of --trust, although {text}")
    return game


def replay(record: Record, until: int | None = None) -> Game:
    """The recorded game recomputed: its first `until` turns (default all). For the
    replay viewer: `game.history[t]` holds each turn's orders, log and state."""
    return Game.from_record(record, until=until)
