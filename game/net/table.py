"""One table of a workshop on the server: a `Game`, its pause and deadline, and its files.

Every change is on disk before the server acknowledges it: submitted orders in the pending
file, injects, pauses and resolved quarters in the record (written at once, or, on the
server, by `flush` in a thread before the acknowledgement). The game itself decides everything (`Game.submit`, `advance`, `inject`, `view`);
this class only orders the writes and knows when a quarter may resolve.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.bots.players import parse_player
from game.engine.types import SIDES
from game.model.errors import InputError
from game.model.orders import Orders, parse_orders
from game.model.scenario import Scenario
from game.net.protocol import Refused
from game.net.store import DataDir, PendingFile
from game.session import Game, GameOver


@dataclass
class Table:
    number: int
    game: Game
    files: DataDir
    paused: bool = False
    deadline: float | None = None  # time.time() when missing orders are filled in
    # Each side's view as JSON, with the position it was built for: a view changes only
    # when a quarter resolves or the rules change, not when the other side submits.
    _views: dict[str, tuple[tuple[int, int, int], dict[str, Any]]] = field(
        default_factory=dict)
    # The server's writes wait here (by file, in order, the latest version of each) until
    # `flush`, which it runs in a thread before acknowledging: the game's work stays on
    # the event loop, and only the fsyncs overlap other tables' work (worker threads
    # doing the game's work as well fought the loop for the GIL). None: write at once.
    deferred: dict[Path, Callable[[], object]] | None = None

    # --- opening and saving -----------------------------------------------------------
    @classmethod
    def open(cls, number: int, files: DataDir, scenario: Scenario, seed: int) -> Table:
        """Table `number` as its files left it (a new game if it has none yet)."""
        path = files.record(number)
        if path.exists():
            game = Game.load(path)
        else:
            game = Game.new(scenario, seed, us="human", china="human")
        table = cls(number, game, files)
        pending = files.read_pending(number)
        if pending is not None and pending.turn == game.turn and not game.over:
            table.paused, table.deadline = pending.paused, pending.deadline
            for side, orders in pending.orders.items():
                game.submit(side, orders, by=pending.players.get(side))
        table.save_record()
        table.resolve_if_ready()
        return table

    def save_record(self) -> None:
        path = self.files.record(self.number)
        self._write(path, lambda: self._write_record(path))

    def _write_record(self, path: Path) -> None:
        # force: the data directory is the server's own (owner-only), and reading the old
        # record back to recognise it would cost more than writing the new one.
        self.game.save(path, force=True)
        if path.stat().st_mode & 0o077:  # seats' orders are in it: owner-only, like DIR
            path.chmod(0o600)

    def save_pending(self, orders: dict[str, Orders],
                     players: dict[str, str] | None = None) -> None:
        """The quarter's submitted `orders`, who gave them where not a team (default: as
        the game has them), the pause and the deadline."""
        players = self.game.pending_players if players is None else players
        path, pending = self.files.pending(self.number), PendingFile(
            turn=self.game.turn, paused=self.paused, deadline=self.deadline,
            orders={side: o.model_dump(mode="json") for side, o in orders.items()},
            players={side: by for side, by in players.items() if side in orders})
        self._write(path, lambda: self.files.write(path, pending))

    def _write(self, path: Path, write: Callable[[], object]) -> None:
        if self.deferred is None:
            write()
        else:
            self.deferred.pop(path, None)  # the latest version goes last, after the others
            self.deferred[path] = write

    def flush(self) -> None:
        """Carry out the deferred writes, in the order made (raises InputError like the
        writer; the writes not yet made stay deferred, so the next flush retries them)."""
        while self.deferred:
            path, write = next(iter(self.deferred.items()))
            write()
            del self.deferred[path]

    # --- where the quarter stands -----------------------------------------------------
    def awaiting(self) -> list[str]:
        """Sides whose orders the quarter still needs (a scenario-scripted side needs none)."""
        if self.game.over:
            return []
        return [side for side in SIDES
                if side not in self.game.pending and self.game.scripted(side) is None]

    def view(self, side: str) -> dict[str, Any]:
        """`Game.view(side)` as JSON (what a team seat is sent), built once per position."""
        position = (self.game.turn, self.game.undone, id(self.game.rules))
        cached = self._views.get(side)
        if cached is None or cached[0] != position:
            cached = (position, self.game.view(side).model_dump(mode="json"))
            self._views[side] = cached
        return cached[1]

    def deadline_in(self, now: float | None = None) -> float | None:
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - (time.time() if now is None else now))

    # --- team actions -----------------------------------------------------------------
    def submit(self, side: str, turn: int, orders: dict[str, object],
               player: str = "human") -> bool:
        """Take `side`'s orders for `turn`, decided by `player` (what the record names
        for the quarter); resolve the quarter if both are in. Returns whether it
        resolved."""
        self._check_turn(turn)
        try:
            by = None if player == "human" else str(parse_player(player))
        except ValueError as exc:
            raise Refused("refused", f"player {player!r}: {exc}") from None
        if side not in self.awaiting() and self.game.scripted(side) is not None:
            raise Refused("refused", f"the scenario sets {side}'s orders for {self.game.date}")
        try:
            parsed = parse_orders(side, orders)
        except (InputError, ValueError) as exc:
            detail = "; ".join(exc.problems) if isinstance(exc, InputError) else str(exc)
            raise Refused("refused", f"orders refused: {detail}") from None
        if self._completes({side}):
            # The record written on resolving holds these orders: one write, not two.
            self.game.submit(side, parsed, by=by)
            return self.resolve_if_ready()
        players = {s: p for s, p in self.game.pending_players.items() if s != side}
        self.save_pending({**self.game.pending, side: parsed},
                          {**players, side: by} if by else players)
        self.game.submit(side, parsed, by=by)
        return False

    def suggest(self, side: str, player: str) -> Orders:
        """What `player` (a bot) would order for `side` now, from the side's own
        observation: the same fogged view a local bot decides on."""
        if self.game.over:
            raise Refused("refused", "the game is over")
        try:
            spec = parse_player(player)
        except ValueError as exc:
            raise Refused("refused", f"player {player!r}: {exc}") from None
        if spec.kind != "bot":
            raise Refused("refused", f"the server suggests bot orders only, not {spec}")
        return self.game.orders_of(side, spec)

    def _check_turn(self, turn: int) -> None:
        if self.game.over:
            raise Refused("out-of-order", "the game is over: no more orders")
        if turn != self.game.turn:
            raise Refused("out-of-order",
                          f"orders for turn {turn} refused: the table is playing turn "
                          f"{self.game.turn} ({self.game.date})")

    # --- facilitator actions ----------------------------------------------------------
    def pause(self, paused: bool) -> bool:
        if paused == self.paused:
            return False
        self.paused = paused
        self.game.log_action("pause" if paused else "resume")
        self.save_pending(dict(self.game.pending))
        self.save_record()
        return self.resolve_if_ready()

    def set_deadline(self, seconds: float | None, now: float | None = None) -> None:
        if self.game.over:
            raise Refused("refused", "the game is over")
        self.deadline = None if seconds is None else (time.time() if now is None
                                                      else now) + seconds
        self.save_pending(dict(self.game.pending))

    def inject(self, event: str) -> None:
        try:
            self.game.inject(event)
        except (ValueError, GameOver) as exc:
            raise Refused("refused", f"table {self.number}: {exc}") from None
        self.save_record()

    def expire(self, now: float | None = None) -> bool:
        """Past the deadline (and not paused): the default bots fill in the missing
        orders and the quarter resolves. Returns whether it resolved."""
        left = self.deadline_in(now)
        if left is None or left > 0 or self.paused or self.game.over:
            return False
        filled = {side: self.game.suggested_orders(side) for side in self.awaiting()}
        for side, orders in filled.items():
            self.game.submit(side, orders, by=str(self.game.default_bot(side)))
        return self.resolve_if_ready()

    def resolve_if_ready(self) -> bool:
        if self.paused or self.game.over or self.awaiting():
            return False
        self.game.advance()
        self.deadline = None
        # The pending file now names a resolved quarter, so a restart ignores it.
        self.save_record()
        return True

    def _completes(self, sides: set[str]) -> bool:
        """Whether orders from `sides` would let the quarter resolve now."""
        return not self.paused and set(self.awaiting()) <= sides
