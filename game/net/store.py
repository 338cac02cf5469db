"""The server's data directory: what a restart needs to resume every table.

    DIR/workshop.json        scenario hash, seed and number of tables (a restart checks them)
    DIR/codes.json           the seat codes (owner-only, like the directory)
    DIR/table-N.json         table N's record: an ordinary record `replay --verify` accepts
    DIR/table-N.pending.json what the record cannot hold: the quarter's submitted orders
                             (until it resolves), the pause and the deadline

Every file is written atomically (temporary file, fsync, rename), so a kill -9 at any moment
leaves the old version or the new one, whole. The pending file names its quarter; one left
over from a quarter the record has already resolved is ignored.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from game.files import Mark, write_file
from game.model.errors import InputError, read_text
from game.net.codes import SEATS, new_codes


def _json_object(data: bytes) -> bool:
    try:
        return isinstance(json.loads(data.decode("utf-8")), dict)
    except (ValueError, RecursionError):
        return False


# Everything in the data directory (owner-only) is the server's own: it rewrites its
# files there without asking, through the game's one writer.
SERVER_FILE = Mark("workshop file", _json_object)


class _Stored(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class WorkshopFile(_Stored):
    scenario_hash: str
    scenario: str  # the name or path it was started with, for messages
    seed: int
    tables: int


class PendingFile(_Stored):
    turn: int  # 0-based quarter these orders are for
    orders: dict[str, dict[str, Any]] = {}
    players: dict[str, str] = {}  # who gave those orders, where not a team at its screen
    paused: bool = False
    deadline: float | None = None  # wall-clock (time.time()) when the default bots step in


def _tables(n: int) -> str:
    return f"{n} table" if n == 1 else f"{n} tables"


class DataDir:
    def __init__(self, root: str | Path):
        self.root = Path(root)

    def prepare(self) -> None:
        """Create the directory owner-only (codes and orders are in it)."""
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError([f"{self.root}: cannot create the data directory: "
                              f"{exc.strerror or exc}"]) from None
        if not self.root.is_dir():
            raise InputError([f"{self.root}: is not a directory (--data takes a directory)"])
        os.chmod(self.root, 0o700)

    def record(self, table: int) -> Path:
        return self.root / f"table-{table}.json"

    def pending(self, table: int) -> Path:
        return self.root / f"table-{table}.pending.json"

    def write(self, path: Path, model: BaseModel) -> None:
        write_file(path, model.model_dump_json() + "\n", SERVER_FILE, force=True)
        os.chmod(path, 0o600)

    def _read(self, path: Path, model: type[_Stored], what: str) -> Any:
        try:
            return model.model_validate_json(read_text(path, what))
        except ValidationError as exc:
            raise InputError([f"{path}: not a {what} this server wrote: "
                              f"{exc.errors()[0]['msg']}"]) from None

    def workshop(self, expected: WorkshopFile) -> WorkshopFile:
        """The stored workshop, or `expected` written as new; refuses a directory that
        holds another workshop (a different scenario or number of tables)."""
        path = self.root / "workshop.json"
        if not path.exists():
            self.write(path, expected)
            return expected
        stored: WorkshopFile = self._read(path, WorkshopFile, "workshop file")
        if stored.scenario_hash != expected.scenario_hash:
            raise InputError([f"{self.root}: holds a workshop of another scenario "
                              f"({stored.scenario}); give a new --data directory or the same "
                              "scenario"])
        if stored.tables != expected.tables:
            raise InputError([f"{self.root}: holds a workshop of {_tables(stored.tables)}, "
                              f"not {expected.tables}; give --tables {stored.tables} or a "
                              "new --data directory"])
        return stored

    def codes(self, tables: int) -> list[dict[str, str]]:
        """The stored seat codes, or new ones written first (owner-only)."""
        path = self.root / "codes.json"
        if path.exists():
            try:
                data = json.loads(read_text(path, "codes file"))
                codes = [{seat: str(t[seat]) for seat in SEATS} for t in data["tables"]]
            except (ValueError, KeyError, TypeError):
                raise InputError([f"{path}: not a codes file this server wrote"]) from None
            if len(codes) == tables:
                return codes
        codes = new_codes(tables)
        write_file(path, json.dumps({"tables": codes}, indent=1) + "\n", SERVER_FILE,
                   force=True)
        os.chmod(path, 0o600)
        return codes

    def read_pending(self, table: int) -> PendingFile | None:
        path = self.pending(table)
        if not path.exists():
            return None
        pending: PendingFile = self._read(path, PendingFile, "pending-orders file")
        return pending
