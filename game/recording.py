"""A `Game` as a record and back: what `Game.to_record`, `Game.from_record` and
`Game.branch` do. The format is game/model/record.py; reading and writing files is
game/model/record_file.py (through the one writer, game.files)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game import __version__
from game.analysis.par import check_par
from game.bots.players import PlayerSpec, parse_player
from game.engine.types import SIDES
from game.facilitation import GameOver
from game.model.record import (
    Parent,
    Pending,
    Players,
    Record,
    TurnEntry,
    content_hash,
    split_player,
)
from game.model.record_text import Piece, list_piece, piece, sealed_text
from game.model.scenario import Scenario
from game.version import ENGINE_VERSION

if TYPE_CHECKING:
    from game.session import Game
    from game.summary import TurnRecord


def _players(game: Game) -> dict[str, str]:
    return {side: str(spec) for side, spec in game.players.items()}


def _head(game: Game) -> dict[str, Any]:
    """The record's fields other than its turns, scenario and par (small, and changing)."""
    return dict(
        engine_version=ENGINE_VERSION, app_version=__version__, game=game.game_id,
        parent=game.parent, seed=game.seed,
        players=Players(**_players(game)),
        undone=game.undone, over=game.over,
        pending=Pending.of(game.pending, game.pending_injects, game.pending_actions,
                           game.rules.deck.ids),
        journal=list(game.journal))


def _entry(game: Game, played: TurnRecord) -> TurnEntry:
    return TurnEntry.of(played, game.rules.deck.ids, game.date_of(played.turn),
                        _players(game))


def record_of(game: Game) -> Record:
    """The game as a record: its save file and its replay."""
    content = game.scenario.model_dump(mode="json")
    return Record(
        **_head(game), turns=[_entry(game, r) for r in game.history],
        scenario_hash=content_hash(content), scenario=content,
        par=game.par.tolist() if game.par is not None else None)


@dataclass
class RecordPieces:
    """A game's record serialized as far as it cannot change: the scenario, the par and
    each resolved turn, kept between saves (a turn's piece is dropped with the turn on
    undo: it is keyed by the turn itself)."""

    scenario: tuple[Scenario, str, Piece] | None = None  # the scenario, its hash, its piece
    par: tuple[object, Piece] | None = None
    turns: list[tuple[TurnRecord, Piece]] = field(default_factory=list)
    players: dict[str, str] = field(default_factory=dict)  # the game's, when turns were made

    def text(self, game: Game) -> str:
        """The record's file text, sealed: what `record_file.record_text(record_of(game))`
        gives, serializing only what changed since the last call."""
        if self.scenario is None or self.scenario[0] is not game.scenario:
            content = game.scenario.model_dump(mode="json")
            self.scenario = (game.scenario, content_hash(content), piece(content))
        if self.par is None or self.par[0] is not game.par:
            self.par = (game.par, piece(game.par.tolist() if game.par is not None else None))
        players = _players(game)
        if players != self.players:  # a turn names its players only where they differ
            self.turns.clear()
            self.players = players
        kept = 0
        while (kept < min(len(self.turns), len(game.history))
               and self.turns[kept][0] is game.history[kept]):
            kept += 1
        del self.turns[kept:]
        self.turns += [(r, piece(_entry(game, r).model_dump(mode="json")))
                       for r in game.history[kept:]]
        head = Record(**_head(game), scenario_hash=self.scenario[1], scenario={})
        small = head.model_dump(mode="json", exclude={"turns", "scenario", "par",
                                                      "record_hash"})
        return sealed_text({**{name: piece(value) for name, value in small.items()},
                            "scenario": self.scenario[2], "par": self.par[1],
                            "turns": list_piece([p for _, p in self.turns])})


def game_of(cls: type[Game], record: Record, until: int | None) -> Game:
    """The recorded game recomputed from its scenario, seed and par (players restored
    unchecked: a replay needs none), brought to where the record is: each turn's
    facilitator actions, injects and orders as recorded, the first `until` turns, or all
    of them and what was pending for the next."""
    specs = {side: PlayerSpec(*split_player(getattr(record.players, side))) for side in SIDES}
    scenario = record.scenario_model()
    par = None if record.par is None else check_par(record.par, scenario.clock.turns)
    game = cls.new(scenario, record.seed, us=specs["us"], china=specs["china"], par=par)
    game.game_id, game.parent, game.undone = record.game, record.parent, record.undone
    game.journal = list(record.journal)
    for entry in record.turns[:until]:
        game.replay_turn(entry)
    if until is None or until >= len(record.turns):
        for action in record.pending.actions:
            game.apply(action)
        game.pending_injects = [game.rules.deck.ids.index(e) for e in record.pending.injects]
        game.pending.update({side: orders for side in SIDES
                             if (orders := getattr(record.pending, side)) is not None})
    return game


def prepare_turn(game: Game, entry: TurnEntry) -> None:
    """Check `entry` is the game's next turn and apply its actions and injects."""
    if entry.turn != game.turn + 1:
        raise ValueError(f"turns[{entry.turn - 1}]: turn {entry.turn} cannot follow "
                         f"turn {game.turn}")
    if game.over:
        raise GameOver(f"turns[{entry.turn - 1}]: the game was already over after "
                       f"turn {game.turn}")
    for action in entry.actions:
        game.apply(action)
    game.pending_injects = list(entry.inject_indices(game.rules.deck.ids))


def branch_of(game: Game, turn: int, us: str | PlayerSpec | None,
              china: str | PlayerSpec | None) -> Game:
    """A new game sharing `game`'s first `turn` turns, with new players where given."""
    if not 0 <= turn <= game.turn:
        raise ValueError(f"cannot branch at turn {turn}: this game has played "
                         f"{game.turn} (allowed: 0 to {game.turn})")
    specs = dict(game.players)
    for side, player in (("us", us), ("china", china)):
        if player is not None:
            specs[side] = parse_player(player) if isinstance(player, str) else player
    return type(game)(game.scenario, game.seed, specs, game.rules, game.opening,
                      history=list(game.history[:turn]),
                      journal=[e for e in game.journal if e.turn < turn],
                      parent=Parent(game=game.game_id, turn=turn,
                                    digest=game.history[turn - 1].digest if turn else ""))
