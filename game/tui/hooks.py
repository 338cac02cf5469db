"""The UI's way to the features of other packages: records (save, load, autosave, replay,
branch) and the debrief. Everything is imported directly, so a missing feature is an import
error at start-up (and visible to mypy and import-linter), never a silent no-op.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from game import records
from game.bots.players import DEFAULT_PLAYER
from game.model.errors import InputError
from game.model.record import Record
from game.model.record_file import read_record_checked
from game.report import write_report
from game.session import Game, GameOver

# --- saves ----------------------------------------------------------------------------


def save(game: Game, path: Path) -> None:
    records.save_game(game, path)


def load(path: Path, trust: bool = False) -> Game:
    """A saved game; one that fails verification only with `trust` (warned on stderr)."""
    return records.load_game(path, trust=trust, warn=lambda text: print(text, file=sys.stderr))


def autosave(game: Game) -> Path:
    """Autosave after a resolved turn (to COMPUTE_RACE_DATA_DIR when set)."""
    return records.autosave(game)


def resumable() -> records.SaveInfo | None:
    """The newest autosave of a game not yet over, if any (the title screen offers it)."""
    found = records.latest_autosaves(limit=1, unfinished=True)
    return found[0] if found else None


# --- replays ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Replayed:
    """A record recomputed for the viewer, with what a verification found."""

    path: Path
    record: Record
    game: Game  # its history holds every turn the replay could play
    problem: str  # why the replay is not the record ('' when every digest matched)
    engine_note: str  # another engine version made the record ('' when the same)


def open_replay(path: Path) -> Replayed:
    """Read and recompute a record, checking every turn's digest. Raises InputError naming
    the file and the problem (the file is never changed). A record changed after the game
    wrote it is shown with that problem named: the viewer is where a person looks at
    what does not verify."""
    record, tampered = read_record_checked(path)
    try:
        check = records.verify(record)
    except (ValueError, GameOver) as exc:
        raise InputError([f"{path}: {exc}"]) from None
    if check.ok:
        return Replayed(path, record, check.game, tampered, check.engine_note)
    assert check.mismatch is not None
    problem = "\n".join(p for p in (tampered, check.mismatch.describe()) if p)
    try:  # show every recorded turn as this build replays it, flagged as differing
        game = records.replay(record)
    except (ValueError, GameOver):
        game = check.game  # the replay stops where the record stops fitting the rules
    return Replayed(path, record, game, problem, check.engine_note)


TAKE_CONTROL: dict[str, tuple[str, ...]] = {
    "us": ("us",), "china": ("china",), "both": ("us", "china"),
}


def take_control(game: Game, kept: int, choice: str) -> tuple[Game, tuple[str, ...]]:
    """A new live game that keeps the first `kept` turns of `game`, with the sides in
    `choice` (us, china, both) played by people. A side left to the computer keeps its bot,
    or gets the default bot if a person or a script played it (a script file need not be
    around any more). Raises ValueError when the game cannot go on from there."""
    humans = TAKE_CONTROL[choice]
    players: dict[str, str] = {}
    for side in ("us", "china"):
        spec = game.players[side]
        players[side] = ("human" if side in humans
                         else str(spec) if spec.kind == "bot" else DEFAULT_PLAYER)
    branch = game.branch(kept, us=players["us"], china=players["china"])
    if branch.over:
        raise ValueError(f"the game was over after {game.date_of(kept - 1)}: step back to "
                         "an earlier quarter to take control")
    return branch, humans


def export_debrief(game: Game, path: Path) -> None:
    """Write the debrief of `game` to `path` (.html or .md)."""
    write_report([game], path)
