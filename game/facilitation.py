"""The facilitator's tools on a game: inject a card, override a parameter, add a custom
card, take notes, and the journal that keeps them with their wall-clock times.

`Game` (game/session.py) offers each as a method; the rules live here, so the turn flow
and the facilitation change for their own reasons. Actions themselves (what they are,
how they validate, how they change the rules) are in game/model/facilitator.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from game.analysis.par import rules_with_par
from game.engine.rules import Rules
from game.engine.types import FloatArray
from game.model.facilitator import (
    CustomEvent,
    FacilitatorAction,
    JournalEntry,
    JournalKind,
    ParamOverride,
    ScheduledInject,
    facilitated_rules,
    parse_action,
    timestamp,
)
from game.model.scenario import Event, Scenario

CONSOLE_ACTIONS: tuple[JournalKind, ...] = ("pause", "resume", "reveal")


class GameOver(Exception):
    """The game has ended; no more turns can be played."""


class _Played(Protocol):
    @property
    def actions(self) -> tuple[FacilitatorAction, ...]: ...


class Facilitated(Protocol):
    """What facilitation needs of a game (game.session.Game)."""

    scenario: Scenario
    rules: Rules
    pending_injects: list[int]
    pending_actions: list[FacilitatorAction]
    journal: list[JournalEntry]

    @property
    def history(self) -> Sequence[_Played]: ...
    @property
    def turn(self) -> int: ...
    @property
    def turns(self) -> int: ...
    @property
    def over(self) -> bool: ...
    @property
    def date(self) -> str: ...
    @property
    def par(self) -> FloatArray | None: ...
    def date_of(self, turn: int) -> str: ...


def actions(game: Facilitated) -> list[FacilitatorAction]:
    """Every facilitator action in force, in the order made."""
    return [a for rec in game.history for a in rec.actions] + game.pending_actions


def rebuild_rules(game: Facilitated) -> None:
    """The game's rules: the scenario's, with its par, and every action in force."""
    game.rules = facilitated_rules(game.scenario, rules_with_par(game.scenario, game.par),
                                   actions(game))


def journal(game: Facilitated, kind: JournalKind, text: str,
            when: datetime | None) -> JournalEntry:
    entry = JournalEntry(at=timestamp(when), turn=min(game.turn, game.turns - 1),
                         date=game.date, kind=kind, text=text)
    game.journal.append(entry)
    return entry


def apply(game: Facilitated, action: FacilitatorAction) -> None:
    """Apply an action from the coming turn on (not journaled: records replay through
    here). Raises ValueError if it does not fit the game."""
    ids = game.rules.deck.ids
    if isinstance(action, CustomEvent) and action.event.id in ids:
        raise ValueError(f"the deck already has a card {action.event.id!r} "
                         "(choose another id)")
    if isinstance(action, ScheduledInject):
        if action.event not in ids:
            raise ValueError(f"no event {action.event!r} in the deck (allowed: "
                             f"{', '.join(ids)})")
        if not game.turn <= action.turn < game.turns:
            raise ValueError(f"turn {action.turn + 1} is not to come (allowed: turns "
                             f"{game.turn + 1}-{game.turns}, counting from 1)")
    if game.over:
        raise GameOver("the game is over")
    game.pending_actions.append(action)
    rebuild_rules(game)


def inject(game: Facilitated, event_id: str, at: int | None, when: datetime | None) -> None:
    """Force a deck card to fire at the end of the coming turn, or of the later 0-based
    turn `at`. Journaled."""
    try:
        index = game.rules.deck.ids.index(event_id)
    except ValueError:
        raise ValueError(f"no event {event_id!r} in the deck (allowed: "
                         f"{', '.join(game.rules.deck.ids)})") from None
    title = game.rules.deck.titles[index]
    if at is not None and at != game.turn:
        if not game.turn < at < game.turns:
            raise ValueError(f"turn {at + 1} cannot be scheduled (allowed: turns "
                             f"{game.turn + 1}-{game.turns}, counting from 1)")
        apply(game, ScheduledInject(event=event_id, turn=at))
        journal(game, "schedule", f"{title} [{event_id}] scheduled for {game.date_of(at)}",
                when)
        return
    if game.over:
        raise GameOver("the game is over")
    if index not in game.pending_injects:
        game.pending_injects.append(index)
    journal(game, "inject", f"{title} [{event_id}] injected", when)


def override(game: Facilitated, param: str, value: float, side: str, level: int | None,
             when: datetime | None) -> ParamOverride:
    """Set a model constant from the coming turn to the end of the game. Journaled."""
    action = parse_action(ParamOverride, {"param": param, "value": value, "side": side,
                                          "level": level}, "override")
    apply(game, action)
    journal(game, "override", action.describe(), when)
    return action


def add_event(game: Facilitated, event: Event | dict[str, Any], inject_now: bool,
              at: int | None, when: datetime | None) -> Event:
    """Add a custom card to the deck; with `inject_now`, it fires at the end of the
    coming turn (or of turn `at`). Journaled."""
    action = parse_action(CustomEvent, {"event": event}, "event")
    card = action.event
    apply(game, action)
    journal(game, "custom_event", f"new card {card.title} [{card.id}]: {card.text}".strip(),
            when)
    if inject_now:
        inject(game, card.id, at, when)
    return card


def note(game: Facilitated, text: str, when: datetime | None) -> JournalEntry:
    if not text.strip():
        raise ValueError("a note needs some text")
    return journal(game, "note", text.strip(), when)


def log_action(game: Facilitated, kind: JournalKind, text: str,
               when: datetime | None) -> JournalEntry:
    if kind not in CONSOLE_ACTIONS:
        raise ValueError(f"{kind!r} is not a console action to log (allowed: "
                         f"{', '.join(CONSOLE_ACTIONS)}; notes use note())")
    return journal(game, kind, text or kind, when)


def event_card(game: Facilitated, event_id: str) -> Event:
    """The full card (text, effects) of a deck id: the scenario's or a custom one."""
    for card in game.scenario.events:
        if card.id == event_id:
            return card
    for action in actions(game):
        if isinstance(action, CustomEvent) and action.event.id == event_id:
            return action.event
    raise ValueError(f"no event {event_id!r} in the deck")
