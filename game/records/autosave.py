"""Autosaves: every game's record kept in the per-user data directory, so a game is never
lost and `play` can offer to resume an unfinished one.

One file per game (named by scenario and game id), rewritten atomically after every turn;
the newest KEEP_AUTOSAVES games are kept and older ones deleted. Pruning deletes only
files it can prove are its own: regular `*.json` files that parse as records, named as
autosaves are named (scenario-gameid.json) after the record inside. Anything else a person
puts in the folder stays. The directory follows the
platform's conventions (platformdirs: ~/.local/share/compute-race on Linux,
~/Library/Application Support/compute-race on macOS, %LOCALAPPDATA%\\compute-race on
Windows); COMPUTE_RACE_DATA_DIR overrides it (tests, portable installs).
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from game.files import JSONSyntaxError, parse_json, read_text
from game.model.errors import InputError
from game.model.record import FORMAT, Record
from game.model.record_file import read_record
from game.session import Game

KEEP_AUTOSAVES = 10
DATA_DIR_ENV = "COMPUTE_RACE_DATA_DIR"
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return platformdirs.user_data_path("compute-race", appauthor=False)


def autosave_dir() -> Path:
    return data_dir() / "autosaves"


def autosave_path(game: Game) -> Path:
    """The game's autosave slot: the same file all game long (and after loading it)."""
    if not _SAFE_ID.match(game.game_id):
        raise InputError([f"game id {game.game_id!r}: not a safe file name (letters, digits, "
                          "'-' and '_' only), so the game cannot be autosaved"])
    return autosave_dir() / _slot_name(game.scenario.name, game.game_id)


def _slot_name(scenario: str, game_id: str) -> str:
    return f"{scenario}-{game_id}.json"


def autosave(game: Game, keep: int = KEEP_AUTOSAVES) -> Path:
    """Save `game` to its autosave slot and keep only the newest `keep` autosaves.
    Raises InputError when the directory cannot be written (the UI shows it and plays
    on)."""
    folder = autosave_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError([f"{folder}: cannot create the autosave directory: "
                          f"{exc.strerror or exc}"]) from None
    path = game.save(autosave_path(game))
    _prune(folder, max(keep, 1), path)
    return path


def _prune(folder: Path, keep: int, current: Path) -> None:
    """Delete the oldest autosaves beyond `keep`; only files proven to be autosaves.
    (Temporary files of killed saves are removed by the writer itself.)"""
    saves = sorted((p for p in folder.glob("*.json") if p != current and _is_autosave(p)),
                   key=_age_key, reverse=True)
    for old in saves[keep - 1:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _is_autosave(path: Path) -> bool:
    """A regular file holding a record whose scenario and game id name it. (Parsed, not
    validated: this runs every turn over the whole folder.)"""
    try:
        if path.is_symlink() or not path.is_file():
            return False
        doc = parse_json(path, read_text(path, "record"))
    except (InputError, JSONSyntaxError, OSError):
        return False
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return False
    scenario = doc.get("scenario")
    name = scenario.get("name") if isinstance(scenario, dict) else None
    game_id = doc.get("game")
    return isinstance(name, str) and isinstance(game_id, str) \
        and path.name == _slot_name(name, game_id)


def _age_key(path: Path) -> tuple[int, str]:
    try:
        return path.stat().st_mtime_ns, path.name
    except OSError:
        return 0, path.name


@dataclass(frozen=True)
class SaveInfo:
    """What a resume or load list shows about a save, read from its record."""

    path: Path
    game_id: str
    scenario: str  # the scenario's name
    title: str
    seed: int
    players: dict[str, str]  # side -> "human", "bot:NAME[:LEVEL]" or "script:FILE"
    turns_played: int
    turns_total: int
    last_date: str  # the last quarter played, or "" before the first turn
    over: bool
    modified: datetime  # the file's modification time (UTC)
    parent: str | None  # the game it was branched from

    @property
    def summary(self) -> str:
        where = (f"after {self.last_date}, turn {self.turns_played}/{self.turns_total}"
                 if self.turns_played else "at the start")
        state = "finished" if self.over else where
        sides = ", ".join(f"{side} {who}" for side, who in self.players.items())
        return f"{self.title} (seed {self.seed}) {state}; {sides}"


def save_info(path: str | Path, record: Record | None = None) -> SaveInfo:
    """Describe a save file. Raises InputError for a file that is not a sound record."""
    path = Path(path)
    record = record or read_record(path)
    clock = record.scenario.get("clock") or {}
    total = clock.get("turns", 24) if isinstance(clock, dict) else 24
    return SaveInfo(
        path=path, game_id=record.game, scenario=record.scenario_name,
        title=record.scenario_title, seed=record.seed,
        players={"us": record.players.us, "china": record.players.china},
        turns_played=len(record.turns), turns_total=int(total),
        last_date=record.turns[-1].date if record.turns else "", over=record.over,
        modified=datetime.fromtimestamp(path.stat().st_mtime, UTC),
        parent=record.parent.game if record.parent else None)


def latest_autosaves(limit: int | None = None, unfinished: bool = False) -> list[SaveInfo]:
    """The autosaves, newest first (`unfinished`: only games not over). Files that are
    not sound records are skipped, never deleted: a person may want to look at them."""
    folder = autosave_dir()
    if not folder.is_dir():
        return []
    out: list[SaveInfo] = []
    for path in sorted(folder.glob("*.json"), key=_age_key, reverse=True):
        try:
            info = save_info(path)
        except (InputError, OSError):
            continue
        if unfinished and info.over:
            continue
        out.append(info)
        if limit is not None and len(out) >= limit:
            break
    return out
