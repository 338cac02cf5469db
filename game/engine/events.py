"""Phase 11 (and the start of each turn): the event deck.

At the end of a turn each card whose conditions hold may fire with its probability per
quarter (scripted injects fire regardless). A fired card is active for its duration from
the next turn on: its parameter effects modify that turn's parameters, its state effects
apply at the start of each active turn, and set_policy forces a policy level.
"""

from __future__ import annotations

import numpy as np

from game.engine import crisis, rng, uncertainty
from game.engine.log import EXPLAINED_FIGURES, TurnLog
from game.engine.params import Params, param_shape
from game.engine.rules import Effect, EventDeck
from game.engine.state import WorldState
from game.engine.tables import clamp
from game.engine.types import BoolArray, FloatArray, IntArray

# Why a card fired, as TurnLog.event_source indexes it. When a card is due for several
# reasons the later one names it: a facilitator's inject over the scenario's, either
# over chance.
EVENT_SOURCES: tuple[str, ...] = ("chance", "scenario", "facilitator", "crisis")
CHANCE, SCENARIO, FACILITATOR, CRISIS = range(len(EVENT_SOURCES))


def active(s: WorldState) -> BoolArray:
    on: BoolArray = s.event_left != 0
    return on


def metric_value(s: WorldState, metric: str, side: int) -> FloatArray:
    value: FloatArray = getattr(s, metric)[:, side]
    return value


def _values(e: Effect, deck: EventDeck, drawn: FloatArray | None) -> float | FloatArray:
    """An effect's value, per game (B,) for a blockade card in a world with a drawn
    severity: the shortfall of a factor (1 - value) or the amount added scales with it."""
    if drawn is None or deck.crisis.size == 0 or deck.crisis[e.event] != crisis.BLOCKADE:
        return e.value
    sev = uncertainty.severity(drawn)
    return 1.0 - (1.0 - e.value) * sev if e.kind == "multiply" else e.value * sev


def _changed(current: FloatArray, e: Effect, value: float | FloatArray) -> FloatArray:
    if isinstance(value, np.ndarray):
        value = value.reshape((-1,) + (1,) * (current.ndim - 1))
    return current * value if e.kind == "multiply" else current + value


def effective_params(s: WorldState, p: Params, deck: EventDeck,
                     drawn: FloatArray | None = None) -> Params:
    """The parameters in force this turn: base values with active cards applied (a
    blockade card's effects scaled by the game's drawn severity, when given)."""
    param_effects = [e for e in deck.effects if e.on == "param"]
    if not param_effects:
        return p
    on = active(s)
    if not on.any():
        return p
    changed: dict[str, FloatArray] = {}
    live = np.asarray(on.any(axis=0)).tolist()  # each card: active in some game
    for e in param_effects:
        if not live[e.event]:
            continue
        mask = on[:, e.event]
        current = changed.get(e.target, getattr(p, e.target))
        full = np.broadcast_to(current, (s.batch, *param_shape(e.target))).copy()
        where = mask[:, None] & e.sides[None, :]
        value = _values(e, deck, drawn)
        if full.ndim == 3:
            cols = slice(None) if e.column < 0 else slice(e.column, e.column + 1)
            target = full[:, :, cols]
            full[:, :, cols] = np.where(where[:, :, None], _changed(target, e, value), target)
        else:
            full = np.where(where, _changed(full, e, value), full)
        changed[e.target] = full
    return p.with_values(**changed)


def forced_policy(s: WorldState, deck: EventDeck) -> FloatArray | None:
    """(B, 2, 5) policy levels forced by active cards (NaN where free), or None."""
    policy_effects = [e for e in deck.effects if e.on == "policy"]
    if not policy_effects:
        return None
    on = active(s)
    forced = np.full(s.policy.shape, np.nan)
    for e in policy_effects:
        mask = on[:, e.event][:, None] & e.sides[None, :]
        forced[:, :, e.column] = np.where(mask, e.value, forced[:, :, e.column])
    return forced


def apply_state_effects(s: WorldState, deck: EventDeck, log: TurnLog,
                        drawn: FloatArray | None = None) -> WorldState:
    """Active cards' state effects, applied at the start of each active turn."""
    on = active(s)
    log.events_active = on
    state_effects = [e for e in deck.effects if e.on == "state"]
    if not state_effects:
        return s
    if not on.any():
        return s
    values: dict[str, FloatArray] = {}
    live = np.asarray(on.any(axis=0)).tolist()  # each card: active in some game
    for e in state_effects:
        if not live[e.event]:
            continue
        mask = on[:, e.event]
        current = values.get(e.target, getattr(s, e.target))
        changed = _changed(current, e, _values(e, deck, drawn))
        if current.ndim == 1:  # shared (tension) or US-only (fab_taiwan)
            values[e.target] = np.where(mask, changed, current)
        else:
            values[e.target] = np.where(mask[:, None] & e.sides[None, :], changed, current)
    for name, value in values.items():
        low, high = (0.0, 100.0) if name == "tension" else (0.0, np.inf)
        if name == "fab_yield":
            high = 1.0
        values[name] = clamp(value, low, high)
    for figure in EXPLAINED_FIGURES:  # a figure no card touched did not move
        if figure in values:
            delta = values[figure] - getattr(s, figure)
            if delta.any():
                log.add(figure, "events", delta)
    return s.evolve(**values)


def _conditions_hold(s: WorldState, deck: EventDeck, turn: int) -> BoolArray:
    ok = (
        (deck.turn_min <= turn) & (turn <= deck.turn_max)
    )[None, :] & (s.tension[:, None] >= deck.tension_min[None, :]) & (
        s.tension[:, None] <= deck.tension_max[None, :])
    for c in deck.conditions:
        value = (s.policy[:, c.side, c.column] if c.metric == "policy"
                 else metric_value(s, c.metric, c.side))
        ok[:, c.event] &= value >= c.value if c.at_least else value <= c.value
    return ok


def chances(s: WorldState, deck: EventDeck) -> FloatArray:
    """(B, E) each card's chance this quarter: its probability, plus what the recent
    escalation of the side provoking it adds."""
    return np.minimum(deck.probability[None, :] + crisis.provocation(deck, s.escalation), 1.0)


def durations(deck: EventDeck, drawn: FloatArray | None, batch: int) -> IntArray:
    """(B, E) quarters each card stays active once fired (-1: for good); a blockade
    card's duration scaled by the game's drawn factor."""
    duration = np.where(deck.duration > 0, deck.duration, -1)[None, :]
    if drawn is not None and deck.crisis.size and np.any(deck.crisis == crisis.BLOCKADE):
        # Only the blockade cards' columns vary by game: scale just those.
        blockade = deck.crisis == crisis.BLOCKADE
        scaled = uncertainty.scaled_duration(deck.duration[blockade], drawn)
        duration = np.repeat(duration, batch, axis=0)
        duration[:, blockade] = np.where(scaled > 0, scaled, -1)
    return np.broadcast_to(duration, (batch, deck.size))


def draw_events(
    s: WorldState, deck: EventDeck, turn: int, log: TurnLog,
    scripted: tuple[int, ...] = (), facilitated: tuple[int, ...] = (),
    grade: IntArray | None = None, drawn: FloatArray | None = None,
) -> WorldState:
    """Decide which cards fire at the end of `turn`: by chance, as the card of a crisis
    `grade` drawn by crisis.strike, or regardless as the scenario's `scripted` or the
    facilitator's `facilitated` injects; count down the active ones."""
    left = np.where(s.event_left > 0, s.event_left - 1, s.event_left)
    if grade is not None:
        log.crisis_grade = np.where(grade == crisis.CONFLICT, grade, crisis.NONE)
    if deck.size == 0:
        log.events_fired = np.zeros((s.batch, 0), dtype=bool)
        log.event_source = np.zeros((s.batch, 0), dtype=np.int64)
        return s.evolve(event_left=left)
    eligible = _conditions_hold(s, deck, turn)
    eligible &= ~(deck.once[None, :] & (s.event_fired > 0))
    eligible &= left == 0
    draw = rng.uniform(s.seed, turn, rng.SITE_EVENT, deck.size)
    fire = eligible & (draw < chances(s, deck))
    source = np.where(fire, CHANCE, -1).astype(np.int64)
    if grade is not None:
        struck = crisis.crisis_cards(deck, grade, eligible & ~fire)
        fire |= struck
        source = np.where(struck, CRISIS, source)
        # The grade that struck: conflict, or the grade of the card a milder crisis fired.
        milder = ((struck * deck.crisis[None, :]).max(axis=1) if struck.any()
                  else np.zeros(s.batch, dtype=np.int64))
        log.crisis_grade = np.where(grade == crisis.CONFLICT, grade, milder)
    for forced, why in ((scripted, SCENARIO), (facilitated, FACILITATOR)):
        if forced:
            fire[:, list(forced)] = True
            source[:, list(forced)] = why
    fire &= ~s.over[:, None]  # nothing happens in a game that is over
    source = np.where(fire, source, -1)
    if fire.any():
        left = np.where(fire, durations(deck, drawn, s.batch), left)
    log.events_fired = fire
    log.event_source = source
    return s.evolve(event_left=left, event_fired=s.event_fired + fire)
