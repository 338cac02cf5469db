"""One game: scenario + state + history. The API the UI, the CLI and tests use.

    g = Game.new(load_scenario("baseline-2025"), seed=7)
    g.submit("us", orders); g.submit("china", orders)
    log = g.advance()
    g.view("china"); g.undo()

The history keeps every state, so undo and branching are a matter of dropping turns.
Sides without submitted orders are played by their players (bots by default); the
scenario's scripted orders come first on the turns they cover.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from game import facilitation, recording
from game.analysis.forecast import Forecast, forecast
from game.analysis.par import rules_with_par
from game.bots.observation import observe
from game.bots.players import DEFAULT_PLAYER, PlayerSpec, ScriptedTurns, parse_player, player_orders
from game.engine.log import TurnLog
from game.engine.rules import Rules
from game.engine.state import WorldState, digest
from game.engine.step import step
from game.engine.types import SIDES, FloatArray, side_index
from game.facilitation import GameOver
from game.model.clock import quarter_label
from game.model.compile import opening_state
from game.model.errors import InputError
from game.model.facilitator import (
    FacilitatorAction,
    JournalEntry,
    JournalKind,
    ParamOverride,
    fit_deck,
)
from game.model.finite import check_finite
from game.model.orders import Orders, opening_orders, parse_orders
from game.model.record import Parent, Record, TurnEntry, new_game_id
from game.model.record_file import read_record, write_record
from game.model.scenario import Event, Scenario
from game.model.views import SideView, build_view
from game.summary import Outcome, TurnRecord, TurnSummary, figures_of, opening_outcome, summarize

__all__ = ["Game", "GameOver", "TurnRecord"]


@dataclass
class Game:
    scenario: Scenario
    seed: int
    players: dict[str, PlayerSpec]
    rules: Rules
    opening: WorldState
    history: list[TurnRecord] = field(default_factory=list)
    pending: dict[str, Orders] = field(default_factory=dict)
    # Who gave a pending side's orders, when not its player (a networked seat's bot, the
    # deadline's default bot): the turn's record names them.
    pending_players: dict[str, str] = field(default_factory=dict)
    pending_injects: list[int] = field(default_factory=list)
    undone: int = 0  # turns taken back over the game's life (kept honest in records)
    pending_actions: list[FacilitatorAction] = field(default_factory=list)
    # The facilitator's log with wall-clock times; kept through undo (what happened in the room).
    journal: list[JournalEntry] = field(default_factory=list)
    # Identity for records: the autosave slot, and what a branch names as its parent.
    game_id: str = field(default_factory=new_game_id)
    parent: Parent | None = None
    _opening_views: dict[str, SideView] = field(default_factory=dict, init=False, repr=False,
                                                compare=False)
    _scripted: ScriptedTurns | None = field(default=None, init=False, repr=False,
                                            compare=False)
    _pieces: recording.RecordPieces = field(default_factory=recording.RecordPieces,
                                            init=False, repr=False, compare=False)

    # --- creation ------------------------------------------------------------------
    @classmethod
    def new(
        cls,
        scenario: Scenario,
        seed: int = 0,
        us: str | PlayerSpec = DEFAULT_PLAYER,
        china: str | PlayerSpec = DEFAULT_PLAYER,
        par: FloatArray | None = None,
    ) -> Game:
        """A new game of `scenario`. `par` (turns x 2 sides x 5 terms) is what the score
        measures against: a record's, when replaying it; else the scenario's own
        (game.analysis.par)."""
        if not 0 <= int(seed) < 2**63:
            raise ValueError(f"seed must be a whole number from 0 to {2**63 - 1}")
        specs = {side: parse_player(p) if isinstance(p, str) else p
                 for side, p in (("us", us), ("china", china))}
        rules = rules_with_par(scenario, par)
        opening = opening_state(scenario, np.array([seed], dtype=np.uint64), rules)
        return cls(scenario, int(seed), specs, rules, opening)

    # --- where we are --------------------------------------------------------------
    @property
    def par(self) -> FloatArray | None:
        """The par this game is scored by (turns x 2 sides x 5 terms; engine/score.py)."""
        return self.rules.victory.par

    @property
    def state(self) -> WorldState:
        state = self.history[-1].state if self.history else self.opening
        return fit_deck(state, self.rules.deck.size)  # room for cards added mid-game

    @property
    def turn(self) -> int:
        """The 0-based turn to be played next (= turns resolved)."""
        return len(self.history)

    @property
    def turns(self) -> int:
        return self.scenario.clock.turns

    @property
    def date(self) -> str:
        """The quarter to be played next (or the last one, once the game is over)."""
        return quarter_label(self.scenario.clock.start, min(self.turn, self.turns - 1))

    def date_of(self, turn: int) -> str:
        return quarter_label(self.scenario.clock.start, turn)

    @property
    def over(self) -> bool:
        return self.turn >= self.turns or bool(self.state.over[0])

    @property
    def crisis(self) -> bool:
        return any(bool(r.log.crisis is not None and r.log.crisis[0]) for r in self.history)

    def winner(self) -> str | None:
        """"us", "china", or None for a draw (by the score as it stands)."""
        return self.outcome().winner

    @property
    def scores(self) -> dict[str, float]:
        return {side: float(self.state.score[0, i]) for i, side in enumerate(SIDES)}

    def figures(self, turn: int | None = None) -> dict[str, dict[str, float]]:
        """Headline metrics {side: {metric: value}} after `turn` (default: the latest;
        -1 or no turns played: the opening)."""
        if turn is None:
            turn = self.turn - 1
        if turn < 0:
            return figures_of(self.opening, None)
        return figures_of(self.history[turn].state, self.history[turn].log)

    # --- playing -------------------------------------------------------------------
    def submit(self, side: str, orders: Orders | dict[str, Any],
               by: str | None = None) -> Orders:
        """Set `side`'s orders for the coming turn (validated; replaces earlier ones).
        `by`: who decided them (a PLAYER: human, bot:NAME[:LEVEL], script:FILE), when not
        the side's player; the turn's record names it."""
        side_index(side)
        if self.over:
            raise GameOver("the game is over")
        if not isinstance(orders, Orders):
            orders = parse_orders(side, orders)
        elif orders.side != side:
            raise ValueError(f"those are {orders.side} orders, not {side} orders")
        self.pending[side] = orders
        if by is None:
            self.pending_players.pop(side, None)
        else:
            self.pending_players[side] = by
        return orders

    # --- the facilitator's tools (game/facilitation.py) ------------------------------
    def inject(self, event_id: str, at: int | None = None,
               when: datetime | None = None) -> None:
        """Force a deck card to fire at the end of the coming turn, or of the later 0-based
        turn `at` (facilitator). Journaled."""
        facilitation.inject(self, event_id, at, when)

    def override(self, param: str, value: float, side: str = "both",
                 level: int | None = None, when: datetime | None = None) -> ParamOverride:
        """Set a model constant from the coming turn to the end of the game. Journaled."""
        return facilitation.override(self, param, value, side, level, when)

    def add_event(self, event: Event | dict[str, Any], inject: bool = True,
                  at: int | None = None, when: datetime | None = None) -> Event:
        """Add a custom card (the scenario file's event format) to the deck; with `inject`,
        it fires at the end of the coming turn (or of turn `at`). Journaled."""
        return facilitation.add_event(self, event, inject, at, when)

    def note(self, text: str, when: datetime | None = None) -> JournalEntry:
        """A timestamped facilitator note, kept in the record and shown in the debrief."""
        return facilitation.note(self, text, when)

    def log_action(self, kind: JournalKind, text: str = "",
                   when: datetime | None = None) -> JournalEntry:
        """Journal a console action that does not change the game (pause, resume, reveal)."""
        return facilitation.log_action(self, kind, text, when)

    def reveal(self, when: datetime | None = None) -> dict[str, dict[str, float]]:
        """Both sides' true figures now (for the facilitator's screen). Journaled."""
        facilitation.journal(self, "reveal", "true figures revealed", when)
        return self.figures()

    def apply(self, action: FacilitatorAction) -> None:
        """Apply a facilitator action from the coming turn on (not journaled: records
        replay through here). Raises ValueError if it does not fit this game."""
        facilitation.apply(self, action)

    @property
    def actions(self) -> list[FacilitatorAction]:
        """Every facilitator action in force, in the order made."""
        return facilitation.actions(self)

    def event_card(self, event_id: str) -> Event:
        """The full card (text, effects) of a deck id: the scenario's or a custom one."""
        return facilitation.event_card(self, event_id)

    def scripted(self, side: str) -> Orders | None:
        """The scenario's fixed orders for `side` this turn, if any."""
        if self._scripted is None:  # the scenario never changes: read its script once
            self._scripted = ScriptedTurns(self.scenario)
        return self._scripted.get(self.turn, side)

    def last_orders(self, side: str) -> Orders:
        """The orders `side` gave last turn (or the defaults at the start)."""
        if self.history:
            return self.history[-1].orders[side]
        return self.suggested_orders(side, bot=False)

    def suggested_orders(self, side: str, bot: bool = True) -> Orders:
        """What the side's bot (the default bot for a human or a script) would order now
        (bot=True), or its opening policies with default allocation (bot=False)."""
        if not bot:
            return opening_orders(self.scenario, side)
        return self.orders_of(side, self.default_bot(side))

    def default_bot(self, side: str) -> PlayerSpec:
        """The bot that fills in `side`'s orders when asked: its own if a bot plays it,
        else the default player."""
        spec = self.players[side]
        return spec if spec.kind == "bot" else parse_player(DEFAULT_PLAYER)

    def orders_of(self, side: str, spec: PlayerSpec) -> Orders:
        """What player `spec` (a bot or a script) would order for `side` now, from the
        side's own fogged observation, as a record keeps orders."""
        obs = observe(self.state, self.rules, self.turn, self.turns, side_index(side),
                      opening=self.opening)
        return player_orders(spec, side, self.scenario, obs)

    def orders_for(self, side: str) -> Orders:
        """The orders that will be used for `side` this turn if advanced now."""
        fixed = self.scripted(side)
        if fixed is not None:
            return fixed
        if side in self.pending:
            return self.pending[side]
        if self.players[side].kind == "human":
            return self.last_orders(side)
        return self.orders_of(side, self.players[side])

    def advance(self) -> TurnLog:
        """Resolve the turn. Missing orders come from the sides' players."""
        if self.over:
            raise GameOver("the game is over")
        return self._resolve({side: self.orders_for(side) for side in SIDES})

    def _resolve(self, orders: dict[str, Orders],
                 players: dict[str, str] | None = None) -> TurnLog:
        """Resolve the turn with exactly these orders (a replay passes the recorded ones,
        even on turns the scenario scripts, and who gave them) and the pending injects
        and actions."""
        if players is None:
            players = {side: str(self.players[side]) for side in SIDES}
            for side, by in self.pending_players.items():
                if side in self.pending and self.scripted(side) is None:
                    players[side] = by
        injects = tuple(self.pending_injects)
        state, log = step(self.state, orders["us"].to_arrays(), orders["china"].to_arrays(),
                          self.rules, self.turn, injects)
        # Before the turn joins the history: a record never holds a non-finite turn.
        check_finite(state, log, f"turn {self.turn + 1} ({self.date_of(self.turn)})",
                     self.scenario.name)
        self.history.append(TurnRecord(self.turn, orders, log, state, digest(state)[0],
                                       injects, tuple(self.pending_actions), self.rules,
                                       players))
        self.pending.clear()
        self.pending_players.clear()
        self.pending_injects.clear()
        self.pending_actions.clear()
        return log

    def play_out(self, turns: int | None = None) -> None:
        """Advance until the game ends (or `turns` more turns)."""
        n = 0
        while not self.over and (turns is None or n < turns):
            self.advance()
            n += 1

    def undo(self, when: datetime | None = None) -> int:
        """Take back the last turn, with the facilitator actions made for it and any
        pending ones; returns the turn now to be played. Journaled."""
        if not self.history:
            raise ValueError("nothing to undo: no turn has been played")
        self.history.pop()
        self.pending.clear()
        self.pending_players.clear()
        self.pending_injects.clear()
        self.pending_actions.clear()
        facilitation.rebuild_rules(self)
        self.undone += 1
        facilitation.journal(self, "undo", f"took back {self.date_of(self.turn)}", when)
        return self.turn

    # --- seeing --------------------------------------------------------------------
    def view(self, side: str) -> SideView:
        """What `side` sees now: its own figures exactly, the other's as estimates."""
        last = self.history[-1].log if self.history else None
        return build_view(self.scenario, self.rules, self.state, last, self.turn, side)

    def rules_at(self, turn: int) -> Rules:
        """The rules `turn` (0-based, resolved) was played under: the scenario's with the
        facilitator's actions made up to it; -1, the opening: the scenario's."""
        if turn < 0:
            return rules_with_par(self.scenario, self.par)
        rules = self._record(turn).rules
        return rules if rules is not None else self.rules

    def view_at(self, turns: int, side: str) -> SideView:
        """What `side` saw after `turns` resolved turns (0: the opening), under the rules
        in force then: a later override does not rewrite what a screen showed."""
        rec = self._record(turns - 1) if turns else None
        views = rec.views if rec is not None else self._opening_views
        if side not in views:
            views[side] = build_view(self.scenario, self.rules_at(turns - 1),
                                     rec.state if rec else self.opening,
                                     rec.log if rec else None, turns, side)
        return views[side]

    def summary(self, turn: int) -> TurnSummary:
        """The facts of resolved turn `turn` (0-based): figures, events, tension, score
        terms, outcome (game.summary). Built once per turn."""
        rec = self._record(turn)
        if rec.summary is None:
            before = self.history[turn - 1] if turn > 0 else None
            cards = {card_id: self.event_card(card_id) for card_id in self.rules.deck.ids}
            rec.summary = summarize(
                turn, self.date_of(turn), self.turns, self.rules_at(turn), cards,
                before.state if before else self.opening, before.log if before else None,
                rec.state, rec.log, rec.digest)
        return rec.summary

    def outcome(self) -> Outcome:
        """Where the game stands now: over or not, crisis and blame, the sudden-death rule
        that ended it, the winner by the score as it stands."""
        if not self.history:
            return opening_outcome(self.opening, self.rules)
        return self.summary(self.turn - 1).outcome

    def _record(self, turn: int) -> TurnRecord:
        if not 0 <= turn < self.turn:
            raise ValueError(f"turn {turn} has not been played (allowed: 0 to "
                             f"{self.turn - 1}, 0-based)")
        return self.history[turn]

    def digests(self) -> list[str]:
        return [r.digest for r in self.history]

    def forecast(self, side: str, orders: Orders | dict[str, Any],
                 futures: int = 1000) -> Forecast:
        """The advisor: p10/p50/p90 of `side`'s key figures 4 and 8 quarters ahead if
        `orders` are played now, from `futures` sampled futures seen from `side`'s view
        (game.analysis.forecast). Read-only: the game does not move."""
        if self.over:
            raise GameOver("the game is over")
        if not isinstance(orders, Orders):
            orders = parse_orders(side, orders)
        other = SIDES[1 - side_index(side)]
        return forecast(self.scenario, self.rules, self.state, self.turn, side, orders,
                        futures, opponent=self.players[other])

    # --- records: save, load, replay, branch (the format: game/model/record.py) ----
    def to_record(self) -> Record:
        """This game as a record: its save file and its replay."""
        return recording.record_of(self)

    @classmethod
    def from_record(cls, record: Record, until: int | None = None) -> Game:
        """Recompute a recorded game from its scenario, seed and par, applying each turn's
        facilitator actions, injects and orders as recorded: the first `until` turns, or
        all of them and what was pending for the next. Players are restored unchecked (a
        replay needs none). Raises ValueError when the record does not fit the rules."""
        return recording.game_of(cls, record, until)

    def replay_turn(self, entry: TurnEntry) -> TurnLog:
        """Play the next turn exactly as `entry` recorded it: its facilitator actions,
        injects and both sides' orders (even on turns the scenario scripts)."""
        recording.prepare_turn(self, entry)
        players = entry.players.model_dump() if entry.players is not None else None
        return self._resolve(entry.orders.by_side(), players)

    def save(self, path: str | Path, force: bool = False) -> Path:
        """Write this game's record to `path` atomically (over a record only, unless
        `force`). Raises InputError for a path that cannot or must not be written
        (nothing is changed then)."""
        return write_record(path, self._pieces.text(self), force=force)

    @classmethod
    def load(cls, path: str | Path) -> Game:
        """Resume a saved game where it was saved. Raises InputError naming the file and
        the problem; the file is never changed."""
        record = read_record(path)
        try:
            return cls.from_record(record)
        except (ValueError, GameOver) as exc:
            raise InputError([f"{path}: {exc}"]) from None

    def branch(self, turn: int, us: str | PlayerSpec | None = None,
               china: str | PlayerSpec | None = None) -> Game:
        """A new game that shares this one's first `turn` turns (0: from the opening) and
        plays on from there, with new players where given: `g.branch(3, us="human")`
        takes the US side from the fourth quarter. Its record names this game as parent."""
        child = recording.branch_of(self, turn, us, china)
        facilitation.rebuild_rules(child)  # the facilitator's actions of the kept turns only
        return child
