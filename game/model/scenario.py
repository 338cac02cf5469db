"""The scenario file's model: frozen, extra="forbid", a docstring on every field (they
become the JSON Schema's descriptions). Parameter fields are generated from the engine's
parameter specification so the two can never disagree."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from game.engine.rules import CONDITION_METRICS, SCORE_TERMS
from game.model.clock import parse_quarter, quarter_label, turn_of
from game.model.deck import (
    AddEffect,
    Effect,
    Event,
    Inject,
    MetricCondition,
    MultiplyEffect,
    SetPolicyEffect,
    SideName,
    SideOrBoth,
    Slug,
    When,
    _Frozen,
)
from game.model.errors import Loc, LocatedProblems, unknown
from game.model.orders import ChinaOrders, ChinaPolicies, USOrders, USPolicies
from game.model.params_model import Number, ParamEntry, ScenarioParams
from game.model.risk import UncertaintySpec
from game.model.soundness import soundness_problems

__all__ = [
    "AddEffect", "Briefing", "Clock", "Effect", "Event", "Inject", "MetricCondition",
    "MultiplyEffect", "Number", "ParamEntry", "Scenario", "ScenarioParams",
    "ScriptedOrders", "SetPolicyEffect", "SideName", "SideOrBoth", "Slug", "Start",
    "StartChina", "StartUS", "SuddenDeathRule", "Victory", "Weights", "When",
]

# --- parameters -----------------------------------------------------------------------
# Generated from the engine's spec in params_model.py; re-exported here, where the rest
# of the scenario lives.

# --- start ----------------------------------------------------------------------------


class _StartSide(_Frozen):
    budget: float = Field(ge=0)
    """$B per quarter for AI (capex, research and the rest)."""
    compute: float = Field(ge=0)
    """M H100e in service."""
    inventory: float = Field(0.0, ge=0)
    """M H100e bought and waiting for power or data-center space."""
    fab_home: float = Field(ge=0)
    """M H100e per quarter of home fab capacity at start technology (US: onshore)."""
    fab_yield: float = Field(ge=0, le=1)
    """Share of good dies."""
    dc_gw: float = Field(ge=0)
    """GW of data-center capacity."""
    power_gw: float = Field(ge=0)
    """GW of connected power for data centers."""
    intel: float = Field(0.0, ge=0)
    """$B: intelligence effort already built up."""
    training_share: float = Field(0.4, ge=0, le=1)
    """Share of compute training at the start (the opening capability)."""
    dc_pipeline: list[Annotated[float, Field(ge=0)]] = Field([], max_length=12)
    """GW of data-center capacity already under construction, arriving in each of the
    coming quarters (first entry: next turn)."""
    power_pipeline: list[Annotated[float, Field(ge=0)]] = Field([], max_length=12)
    """GW of power already being connected, arriving in each of the coming quarters."""
    fab_pipeline: list[Annotated[float, Field(ge=0)]] = Field([], max_length=12)
    """M H100e/quarter of home fab capacity under construction, by quarter of arrival."""


class StartUS(_StartSide):
    fab_taiwan: float = Field(ge=0)
    """M H100e per quarter of Taiwan fab capacity serving the US bloc."""
    taiwan_pipeline: list[Annotated[float, Field(ge=0)]] = Field([], max_length=12)
    """M H100e/quarter of Taiwan capacity under construction, by quarter of arrival."""
    policies: USPolicies = USPolicies()
    """Policies in force at the start."""


class StartChina(_StartSide):
    policies: ChinaPolicies = ChinaPolicies()
    """Policies in force at the start."""


class Start(_Frozen):
    """The world at the first turn."""

    tension: float = Field(30.0, ge=0, le=100)
    """US-China tension, 0-100."""
    us: StartUS
    """The US bloc."""
    china: StartChina
    """China."""
    events: list[Slug] = []
    """Cards of the deck already in force in the first quarter, each for its duration
    (laws and crises the game opens with)."""




class ScriptedOrders(_Frozen):
    """Orders fixed by the scenario for one quarter (historical play); afterwards the
    sides' players take over."""

    at: str
    """The quarter (e.g. 2025Q3)."""
    us: USOrders | None = None
    """The US bloc's orders that quarter."""
    china: ChinaOrders | None = None
    """China's orders that quarter."""

    @field_validator("at")
    @classmethod
    def _quarter(cls, v: str) -> str:
        parse_quarter(v)
        return v


# --- victory --------------------------------------------------------------------------


class Weights(_Frozen):
    """Weights of the score terms (each term runs 0-1; score = 100 x weighted mean)."""

    capability: float = Field(1.0, ge=0)
    """Capability lead over the other side."""
    compute_share: float = Field(1.0, ge=0)
    """Share of the two sides' compute in service."""
    market_share: float = Field(1.0, ge=0)
    """Share of world inference revenue."""
    economy: float = Field(1.0, ge=0)
    """Share of the two sides' AI budgets."""
    stability: float = Field(1.0, ge=0)
    """1 - tension / 100."""

    def as_list(self) -> list[float]:
        return [float(getattr(self, t)) for t in SCORE_TERMS]


class SuddenDeathRule(_Frozen):
    """The game ends at once when a figure crosses a threshold."""

    side: SideName
    """Whose figure."""
    metric: Literal[CONDITION_METRICS]  # type: ignore[valid-type]
    """The figure."""
    lead: bool = False
    """Test the side's lead over the other instead of the figure itself."""
    at_least: float | None = None
    """Ends when the figure (or lead) is at least this."""
    at_most: float | None = None
    """Ends when the figure (or lead) is at most this."""
    winner: SideName
    """Who wins when it happens."""
    text: str = ""
    """Why, in words, for the end screen."""

    @model_validator(mode="after")
    def _one_bound(self) -> SuddenDeathRule:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("give exactly one of at_least, at_most")
        return self


class Victory(_Frozen):
    """How the game is won. Open conflict, the gravest crisis (engine/crisis.py), ends it
    at a cost to each side by its share of the blame."""

    us: Weights = Weights()
    """The US bloc's score weights."""
    china: Weights = Weights()
    """China's score weights."""
    capability_scale: float = Field(1.0, gt=0)
    """Capability lead (log10 FLOP) that counts as decisive."""
    draw_margin: float = Field(1.0, ge=0)
    """A final score gap within this many points is a draw."""
    sudden_death: list[SuddenDeathRule] = []
    """Conditions that end the game early."""


# --- the scenario ---------------------------------------------------------------------


class Briefing(_Frozen):
    """What each team is told at the start: situation, goals, levers."""

    us: str
    """The US bloc's briefing."""
    china: str
    """China's briefing."""


class Clock(_Frozen):
    """When the game runs."""

    start: str = "2025Q1"
    """First quarter."""
    turns: int = Field(24, ge=1, le=200)
    """Number of quarterly turns."""
    random_events_from: str | None = None
    """First quarter in which cards may fire by chance (before it, only injects: a
    scripted history plays as it happened); default the first quarter."""

    @field_validator("start", "random_events_from")
    @classmethod
    def _quarter(cls, v: str | None) -> str | None:
        if v is not None:
            parse_quarter(v)
        return v

    @property
    def last(self) -> str:
        """The last quarter played."""
        return quarter_label(self.start, self.turns - 1)

    def outside(self, quarter: str) -> str | None:
        """Why `quarter` is not a turn of the game, or None when it is."""
        if 0 <= turn_of(self.start, quarter) < self.turns:
            return None
        return f"{quarter} is outside the game (allowed: {self.start} to {self.last})"


class Scenario(_Frozen):
    """A Compute Race scenario."""

    name: Slug
    """Short name used on the command line (e.g. baseline-2025)."""
    title: str
    """Title shown to players."""
    description: str
    """One paragraph: what this scenario is about (its first sentence is the one-line
    summary `compute-race scenarios` shows)."""
    extends: str | None = None
    """A scenario this one starts from: a shipped name or a path relative to this file.
    Tables merge key by key, the event deck by card id; other lists are replaced."""
    drop_events: list[Slug] = []
    """Cards of the parent scenario's deck to leave out (with extends)."""
    briefing: Briefing
    """Per-side briefings."""
    sources: list[str] = []
    """Citations behind the scenario's figures and story."""
    clock: Clock = Clock()
    """When the game runs."""
    params: ScenarioParams
    """Model constants with units and sources."""
    start: Start
    """The opening position."""
    events: list[Event] = []
    """The event deck."""
    injects: list[Inject] = []
    """Cards forced to fire at the end of given quarters."""
    scripted_orders: list[ScriptedOrders] = []
    """Orders fixed for given quarters (historical play)."""
    victory: Victory = Victory()
    """How the game is won."""
    uncertainty: UncertaintySpec = UncertaintySpec()
    """The quantities each game draws from a range (fix any of them here)."""

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        problems = [*self._deck_problems(), *self._timing_problems(),
                    *soundness_problems(self)]  # what keeps the game finite
        if self.drop_events and self.extends is None:
            problems.append((("drop_events",), "leaves out cards of a parent scenario, so it "
                                               "needs `extends`"))
        if problems:
            raise LocatedProblems(problems)
        return self._with_inline_cards()

    def _deck_problems(self) -> list[tuple[Loc, str]]:
        problems: list[tuple[Loc, str]] = []
        seen: set[str] = set()
        for j, event in enumerate(self.events):
            if event.id in seen:
                problems.append((("events", j, "id"), f"duplicate card id {event.id!r}"))
            seen.add(event.id)
        inline: dict[str, Event] = {}
        for i, inject in enumerate(self.injects):
            if inject.card is None:
                continue
            card = inject.card
            if card.id in seen or inline.get(card.id, card) != card:
                problems.append((("injects", i, "card", "id"),
                                 f"a card with id {card.id!r} is already in the deck"))
            inline[card.id] = card
        ids = list(dict.fromkeys([*(e.id for e in self.events), *inline]))
        for k, card_id in enumerate(self.start.events):
            if card_id not in ids:
                problems.append((("start", "events", k), unknown("card", card_id, ids) if ids
                                 else f"unknown card {card_id!r} (the deck is empty)"))
        for i, inject in enumerate(self.injects):
            if inject.event is not None and inject.event not in ids:
                problems.append((("injects", i, "event"),
                                 unknown("card", inject.event, ids) if ids else
                                 f"unknown card {inject.event!r} (the deck is empty)"))
        return problems

    def _timing_problems(self) -> list[tuple[Loc, str]]:
        clock = self.clock
        problems: list[tuple[Loc, str]] = []
        if clock.random_events_from and (why := clock.outside(clock.random_events_from)):
            problems.append((("clock", "random_events_from"), why))
        for i, inject in enumerate(self.injects):
            if why := clock.outside(inject.at):
                problems.append((("injects", i, "at"), why))
        fixed: dict[tuple[str, str], int] = {}
        for i, so in enumerate(self.scripted_orders):
            if why := clock.outside(so.at):
                problems.append((("scripted_orders", i, "at"), why))
            if so.us is None and so.china is None:
                problems.append((("scripted_orders", i), "give orders for us, china or both"))
            for side in ("us", "china"):
                if getattr(so, side) is None:
                    continue
                if (so.at, side) in fixed:
                    problems.append((("scripted_orders", i, side),
                                     f"{side} orders for {so.at} are already given in "
                                     f"scripted_orders[{fixed[(so.at, side)]}]"))
                fixed[(so.at, side)] = i
        cards = [(("events", j), e) for j, e in enumerate(self.events)]
        for j, event in cards:
            w = event.when
            if w.start and turn_of(clock.start, w.start) >= clock.turns:
                problems.append(((*j, "when", "start"), f"the card can never fire: {w.start} "
                                 f"is after the last quarter ({clock.last})"))
            if w.end and turn_of(clock.start, w.end) < 0:
                problems.append(((*j, "when", "end"), f"the card can never fire: {w.end} is "
                                 f"before the first quarter ({clock.start})"))
        return problems

    def _with_inline_cards(self) -> Scenario:
        """Inline inject cards join the deck and the injects name them by id, so the
        engine, records and the UI all see one deck."""
        inline: dict[str, Event] = {i.card.id: i.card for i in self.injects if i.card}
        if not inline:
            return self
        injects = [Inject(at=i.at, event=i.event_id) for i in self.injects]
        return self.model_copy(update={"events": [*self.events, *inline.values()],
                                       "injects": injects})

    @property
    def turns(self) -> int:
        return self.clock.turns
