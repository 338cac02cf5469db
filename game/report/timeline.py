"""The debrief's timeline: each quarter's decisions by both sides (policy changes, big
budget moves, training-share changes) beside what followed (events with their source,
injects, facilitator actions and notes)."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.orders import ALLOCATION, POLICIES
from game.engine.types import SIDES
from game.model.facilitator import CustomEvent, JournalEntry, ParamOverride, ScheduledInject
from game.present.numbers import percent
from game.present.words import (
    ALLOCATION_WORDS,
    POLICY_VOCABULARY,
    event_heading,
    setting_text,
)
from game.session import Game

# A reallocation worth a line in the timeline: this many points of budget moved since the
# split last reported; a training-share change of this much.
BIG_REALLOCATION = 0.08
BIG_TRAINING_CHANGE = 0.10


@dataclass(frozen=True)
class TimelineRow:
    turn: int
    date: str
    decisions: dict[str, list[str]]  # side -> lines
    followed: list[str]  # events, injects and facilitator actions at the end of the turn


def timeline(game: Game) -> list[TimelineRow]:
    rows: list[TimelineRow] = []
    deck_ids, deck_titles = game.rules.deck.ids, game.rules.deck.titles
    reported_alloc: dict[str, list[float] | None] = {side: None for side in SIDES}
    reported_training: dict[str, float] = {}
    previous_policy = {side: [float(v) for v in game.opening.policy[0, i]]
                       for i, side in enumerate(SIDES)}
    journal_by_turn: dict[int, list[JournalEntry]] = {}
    for entry in game.journal:
        if entry.kind in ("note", "pause", "reveal", "undo"):
            journal_by_turn.setdefault(entry.turn, []).append(entry)
    words = {p.name: p.words for side in SIDES for p in POLICY_VOCABULARY[side]}
    for rec in game.history:
        decisions: dict[str, list[str]] = {}
        for i, side in enumerate(SIDES):
            lines: list[str] = []
            orders = rec.orders[side]
            policy = [float(getattr(orders.policies, n)) for n in POLICIES[side]]
            for name, old, new in zip(POLICIES[side], previous_policy[side], policy,
                                      strict=True):
                if abs(new - old) > 1e-9:
                    lines.append(f"{words[name]} {setting_text(name, old)} → "
                                 f"{setting_text(name, new)}")
            in_force = [float(v) for v in rec.state.policy[0, i]]
            for name, wanted, held in zip(POLICIES[side], policy, in_force, strict=True):
                if abs(wanted - held) > 1e-9:
                    lines.append(f"{words[name]} held at {setting_text(name, held)} "
                                 "by an event")
            previous_policy[side] = policy
            alloc = orders.allocation.as_list()
            last = reported_alloc[side]
            if last is None:
                lines.append("budget split: " + split_text(alloc))
                reported_alloc[side] = alloc
            elif max(abs(a - b) for a, b in zip(alloc, last, strict=True)) >= BIG_REALLOCATION:
                lines.append("budget moved: " + moved_text(last, alloc))
                reported_alloc[side] = alloc
            if side not in reported_training:
                reported_training[side] = orders.training_share
            elif abs(orders.training_share - reported_training[side]) >= BIG_TRAINING_CHANGE:
                lines.append(f"training share {percent(reported_training[side], 0)} → "
                             f"{percent(orders.training_share, 0)}")
                reported_training[side] = orders.training_share
            if lines:
                decisions[side] = lines
        followed = facilitator_lines(rec.actions)
        summary = game.summary(rec.turn)
        for event in summary.events:
            # A card fires at the end of the quarter; its effects act from the next one.
            acts = (f"; acts from {game.date_of(rec.turn + 1)}"
                    if rec.turn + 1 < game.turns else "")
            followed.append(f"event: {event_heading(event.title, event.source)}{acts}")
        fired = {event.id for event in summary.events}
        for k in rec.injects:  # an inject that did not show as fired (the game had ended)
            if deck_ids[k] not in fired:
                followed.append(f"inject: {deck_titles[k]} [{deck_ids[k]}]")
        followed += [f"{e.kind} ({e.at[11:16]} UTC): {e.text}"
                     for e in journal_by_turn.get(rec.turn, [])]
        if decisions or followed:
            rows.append(TimelineRow(rec.turn, game.date_of(rec.turn), decisions, followed))
    return rows


def facilitator_lines(actions: tuple[object, ...]) -> list[str]:
    lines = []
    for a in actions:
        if isinstance(a, ParamOverride | CustomEvent | ScheduledInject):
            lines.append(f"facilitator: {a.describe()}")
    return lines


def split_text(alloc: list[float]) -> str:
    return ", ".join(f"{ALLOCATION_WORDS[name]} {percent(share, 0)}"
                     for name, share in zip(ALLOCATION, alloc, strict=True))


def moved_text(old: list[float], new: list[float]) -> str:
    changes = sorted(((b - a, name, a, b) for name, a, b in zip(ALLOCATION, old, new,
                                                                strict=True)),
                     key=lambda c: -abs(c[0]))
    return ", ".join(f"{ALLOCATION_WORDS[name]} {percent(a, 0)} → {percent(b, 0)}"
                     for delta, name, a, b
                     in changes if abs(delta) >= 0.02)
