"""Replays checked against their records: `compute-race replay RECORD --verify`.

A record holds each turn's state digest (values rounded to 9 significant digits) and its
headline figures. Verifying recomputes the game turn by turn from the scenario, the seed
and the recorded orders and injects, and stops at the first turn whose digest differs,
naming the figures that moved so a reader can see what changed, not just that something
did.
"""

from __future__ import annotations

from dataclasses import dataclass

from game import ENGINE_VERSION
from game.model.record import Record, TurnEntry
from game.session import Game

SHOWN_FIGURES = 8  # figures named in a mismatch message; the rest are counted


@dataclass(frozen=True)
class FigureChange:
    name: str  # "tension", "us.compute", ...
    recorded: float
    replayed: float


@dataclass(frozen=True)
class Mismatch:
    """The first turn a replay does not reproduce."""

    turn: int  # 1-based
    date: str
    recorded_digest: str
    replayed_digest: str  # empty when the replay could not play the turn at all
    moved: tuple[FigureChange, ...] = ()
    events_recorded: tuple[str, ...] = ()
    events_replayed: tuple[str, ...] = ()
    reason: str = ""  # why the turn could not be replayed, if it could not

    def describe(self) -> str:
        head = f"turn {self.turn} ({self.date}) differs from the record"
        if self.reason:
            return f"{head}: {self.reason}"
        lines = [f"{head}: digest {self.recorded_digest} recorded, "
                 f"{self.replayed_digest} replayed"]
        if self.moved:
            shown = ", ".join(f"{c.name} {c.recorded:.6g} -> {c.replayed:.6g}"
                              for c in self.moved[:SHOWN_FIGURES])
            more = len(self.moved) - SHOWN_FIGURES
            lines.append(f"figures that moved: {shown}" + (f" (and {more} more)"
                                                         if more > 0 else ""))
        else:
            lines.append("no headline figure moved: the difference is in state the "
                         "figures do not show (pipelines, events, intelligence)")
        if self.events_recorded != self.events_replayed:
            lines.append(f"events: {', '.join(self.events_recorded) or 'none'} recorded, "
                         f"{', '.join(self.events_replayed) or 'none'} replayed")
        return "\n".join(lines)


@dataclass(frozen=True)
class Verification:
    game: Game  # the replay as far as it went (to the mismatch, if any)
    checked: int  # turns whose digests matched
    mismatch: Mismatch | None
    engine_version: str  # the engine that made the record

    @property
    def ok(self) -> bool:
        return self.mismatch is None

    @property
    def engine_note(self) -> str:
        """A warning when another engine version made the record, else ''."""
        if self.engine_version == ENGINE_VERSION:
            return ""
        return (f"the record was made by engine version {self.engine_version}; this build "
                f"runs version {ENGINE_VERSION}, so a difference may come from the rules "
                "rather than the record")


def _compare(recorded: TurnEntry, replayed: TurnEntry) -> Mismatch:
    before, after = recorded.flat_figures(), replayed.flat_figures()
    moved = [FigureChange(name, before[name], after.get(name, float("nan")))
             for name in before if after.get(name) != before[name]]
    # The biggest relative moves first: they point at the cause.
    moved.sort(key=lambda c: -abs(c.replayed - c.recorded) / max(abs(c.recorded), 1e-9))
    return Mismatch(recorded.turn, recorded.date, recorded.digest, replayed.digest,
                    tuple(moved), tuple(recorded.events), tuple(replayed.events))


def verify(record: Record, until: int | None = None) -> Verification:
    """Replay `record` (its first `until` turns, default all) and compare every turn's
    digest with the recorded one, stopping at the first that differs."""
    game = Game.from_record(record, until=0)
    checked = 0
    for entry in record.turns[:until]:
        if game.over:
            return Verification(game, checked, Mismatch(
                entry.turn, entry.date, entry.digest, "",
                reason=f"the replay ended (a crisis) after turn {game.turn}, but the "
                       "record goes on"), record.engine_version)
        game.replay_turn(entry)
        played = game.history[-1]
        if played.digest != entry.digest:
            replayed = TurnEntry.of(played, game.rules.deck.ids, game.date_of(played.turn))
            return Verification(game, checked, _compare(entry, replayed),
                                record.engine_version)
        checked += 1
    return Verification(game, checked, None, record.engine_version)
