"""TurnSummary: one resolved turn's facts, built once from the engine's TurnLog.

The UI, the reports, the CLI and the server put these facts into words; none of them
decodes `events_fired`, indexes engine arrays or re-derives an outcome rule. Everything
here is read from the engine (the TurnLog's outcome facts, `metrics`, the deck) for the
first game of the batch: a `Game` plays one. Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from game.engine.deployment import SHORT_OF
from game.engine.events import EVENT_SOURCES
from game.engine.log import TurnLog
from game.engine.metrics import METRIC_NAMES, metrics
from game.engine.rules import SCORE_TERMS, Rules
from game.engine.score import score_terms, winners
from game.engine.state import WorldState
from game.engine.types import SIDES, IntArray
from game.model.facilitator import FacilitatorAction
from game.model.orders import Orders
from game.model.scenario import Event
from game.model.views import SideView

Figures = Mapping[str, float]  # METRICS name -> value, for one side


@dataclass(frozen=True, slots=True)
class TermFact:
    """One of a side's five score terms after the turn (engine/score.py)."""

    name: str  # one of rules.SCORE_TERMS
    value: float  # the term itself: log10 FLOP lead, a share, or 1 - tension / 100
    par: float  # what the side was measured against
    gain: float  # tanh((value - par) / scale), -1 to 1
    weight: float  # the term's share of the side's victory weights
    points: float  # points above (below) 50 this term gave: 50 x gain x weight
    game_points: float  # its points over the whole game so far: with 50, the score


@dataclass(frozen=True, slots=True)
class EventFact:
    """A card that fired at the end of the turn (its effects apply from the next one)."""

    id: str
    title: str
    source: str  # one of events.EVENT_SOURCES: chance, scenario, facilitator
    text: str
    effects: str  # the card's effects in plain words ("tension +10 (both)")
    major: bool


@dataclass(frozen=True, slots=True)
class Outcome:
    """Where the game stands after the turn, by the scenario's victory rules."""

    over: bool  # no more turns: a crisis, a sudden-death rule or the clock
    crisis: bool  # tension reached the crisis threshold this turn
    blamed: str | None  # the side blamed for the crisis
    sudden_death: int | None  # index in scenario.victory.sudden_death of the rule that fired
    winner: str | None  # by the score as it stands (None: a draw)
    scores: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class SideSummary:
    before: Figures  # every METRICS figure before the turn
    after: Figures  # and after it
    terms: tuple[TermFact, ...]  # SCORE_TERMS order
    # TurnLog figure (log.EXPLAINED_FIGURES) -> cause -> this side's share of the change
    causes: Mapping[str, Mapping[str, float]]
    stranded: bool  # waiting chips above deployment.STRANDED_SHARE of compute in service
    short_of: str | None  # what held chips back (deployment.SHORT_OF), None if none wait


@dataclass(frozen=True, slots=True)
class TurnSummary:
    turn: int  # 0-based
    date: str  # the quarter played, e.g. 2025Q1
    sides: Mapping[str, SideSummary]  # "us", "china"
    events: tuple[EventFact, ...]  # cards that fired at the end of the turn
    active: tuple[str, ...]  # ids of cards whose effects applied during the turn
    tension_before: float
    tension_after: float
    tension_causes: Mapping[str, float]  # cause -> points; they add up to the change
    outcome: Outcome
    digest: str


@dataclass
class TurnRecord:
    """One resolved turn: the orders both sides gave, what the engine logged, the
    state after it and its digest."""

    turn: int
    orders: dict[str, Orders]
    log: TurnLog
    state: WorldState
    digest: str
    injects: tuple[int, ...] = ()
    # Facilitator actions made before this turn resolved, in order (game.model.facilitator);
    # a replay applies them with Game.apply before advancing the turn.
    actions: tuple[FacilitatorAction, ...] = ()
    # The rules the turn resolved under (the facilitator's actions so far included): what
    # the views and summary of this turn are built with, whatever is overridden later.
    rules: Rules | None = None
    # Who gave each side's orders (PLAYER strings: human, bot:NAME[:LEVEL], script:FILE).
    players: dict[str, str] = field(default_factory=dict)
    # Built once, on first use (a resolved turn never changes).
    summary: TurnSummary | None = field(default=None, repr=False, compare=False)
    views: dict[str, SideView] = field(default_factory=dict, repr=False, compare=False)


def effects_text(card: Event) -> str:
    """A card's effects in plain words, e.g. "tension +10 (both); us export_controls
    forced to 3"."""
    parts = []
    for f in card.effects:
        if f.kind == "set_policy":
            parts.append(f"{f.side} {f.policy} forced to {f.value:g}")
        else:
            sign = "×" if f.kind == "multiply" else "+"
            parts.append(f"{f.param or f.state} {sign}{f.value:g} ({f.side})")
    return "; ".join(parts)


def figures_of(state: WorldState, log: TurnLog | None) -> dict[str, dict[str, float]]:
    """Every METRICS figure {side: {name: value}} of the first game in the batch."""
    m = metrics(state, log)
    return {side: {name: float(m[name][0, i]) for name in METRIC_NAMES}
            for i, side in enumerate(SIDES)}


def opening_outcome(state: WorldState, rules: Rules) -> Outcome:
    """The outcome before any turn: nobody has won yet, the score stands where it opens."""
    return Outcome(over=False, crisis=False, blamed=None, sudden_death=None,
                   winner=_winner(state, rules),
                   scores={side: float(state.score[0, i]) for i, side in enumerate(SIDES)})


def opening_terms(state: WorldState, rules: Rules) -> dict[str, tuple[TermFact, ...]]:
    """Each side's goals at the opening, as the engine scores them (every goal at par)."""
    t = score_terms(state, rules.victory, None)
    return {side: tuple(TermFact(name, float(t.raw[0, i, k]), float(t.par[0, i, k]),
                                 float(t.gain[0, i, k]), float(t.weight[0, i, k]),
                                 float(t.points[0, i, k]), float(t.points[0, i, k]))
                        for k, name in enumerate(SCORE_TERMS))
            for i, side in enumerate(SIDES)}


def _winner(state: WorldState, rules: Rules) -> str | None:
    w = int(winners(state, rules.victory)[0])
    return None if w < 0 else SIDES[w]


def _index(values: IntArray | None) -> int | None:
    """An engine index array's first game: None for -1 (nothing)."""
    k = int(values[0]) if values is not None else -1
    return None if k < 0 else k


def _terms(log: TurnLog, i: int) -> tuple[TermFact, ...]:
    t = log.terms
    if t is None:
        return ()
    over_game = t.game_points if t.game_points is not None else t.points
    return tuple(TermFact(name, float(t.raw[0, i, k]), float(t.par[0, i, k]),
                          float(t.gain[0, i, k]), float(t.weight[0, i, k]),
                          float(t.points[0, i, k]), float(over_game[0, i, k]))
                 for k, name in enumerate(SCORE_TERMS))


def _side_causes(log: TurnLog, i: int) -> dict[str, dict[str, float]]:
    return {figure: {cause: float(amount[0, i]) for cause, amount in causes.items()}
            for figure, causes in log.contributions.items() if figure != "tension"}


def _events(log: TurnLog, rules: Rules, cards: Mapping[str, Event]) -> tuple[EventFact, ...]:
    if log.events_fired is None:
        return ()
    deck = rules.deck
    source = log.event_source
    out = []
    for k in range(min(deck.size, log.events_fired.shape[1])):
        if not log.events_fired[0, k]:
            continue
        card = cards.get(deck.ids[k])
        why = int(source[0, k]) if source is not None else -1
        out.append(EventFact(
            id=deck.ids[k], title=deck.titles[k],
            source=EVENT_SOURCES[why] if why >= 0 else "chance",
            text=card.text if card is not None else "",
            effects=effects_text(card) if card is not None else "",
            major=bool(deck.major[k])))
    return tuple(out)


def summarize(turn: int, date: str, turns: int, rules: Rules, cards: Mapping[str, Event],
              before: WorldState, before_log: TurnLog | None, after: WorldState,
              log: TurnLog, digest: str) -> TurnSummary:
    """The summary of turn `turn`, resolved under `rules` from `before` (with the log of
    the turn that produced it, None at the opening) to `after`; `cards` maps deck ids to
    their cards (the scenario's and any custom ones)."""
    was, now = figures_of(before, before_log), figures_of(after, log)
    sides = {}
    for i, side in enumerate(SIDES):
        cause = log.stranded_cause[0, i] if log.stranded_cause is not None else -1
        sides[side] = SideSummary(
            before=was[side], after=now[side], terms=_terms(log, i),
            causes=_side_causes(log, i),
            stranded=bool(log.stranded[0, i]) if log.stranded is not None else False,
            short_of=SHORT_OF[int(cause)] if cause >= 0 else None)
    crisis = bool(log.crisis[0]) if log.crisis is not None else False
    blamed = _index(log.blamed)
    outcome = Outcome(
        over=bool(after.over[0]) or turn + 1 >= turns, crisis=crisis,
        blamed=SIDES[blamed] if blamed is not None else None,
        sudden_death=_index(log.sudden_death), winner=_winner(after, rules),
        scores={side: float(after.score[0, i]) for i, side in enumerate(SIDES)})
    active = log.events_active
    return TurnSummary(
        turn=turn, date=date, sides=sides, events=_events(log, rules, cards),
        active=tuple(rules.deck.ids[k] for k in range(rules.deck.size)
                     if active is not None and k < active.shape[1] and active[0, k]),
        tension_before=float(before.tension[0]), tension_after=float(after.tension[0]),
        tension_causes={c: float(v[0]) for c, v in log.contributions.get("tension", {}).items()},
        outcome=outcome, digest=digest)
