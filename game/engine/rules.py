"""Everything a scenario fixes for the whole game, compiled to arrays for the engine:
the parameters, the event deck, scripted injects and the victory rules."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.engine.params import Params
from game.engine.types import BoolArray, FloatArray, IntArray
from game.engine.uncertainty import Uncertainty

# State fields an event may multiply or add to. Per-side fields take a side mask;
# `tension` is shared.
EVENT_STATE_TARGETS: tuple[str, ...] = (
    "budget", "budget_base", "compute", "inventory", "dc_gw", "power_gw", "fab_home",
    "fab_taiwan", "fab_yield", "algo_eff", "hw_eff", "intel", "tension",
)
# Metrics an event condition or a sudden-death rule may test (per side).
CONDITION_METRICS: tuple[str, ...] = (
    "compute", "inventory", "capability", "algo_eff", "hw_eff", "market_share", "budget",
    "revenue", "power_gw", "dc_gw", "fab_yield", "price",
)


@dataclass(frozen=True, slots=True)
class Effect:
    event: int  # index into the deck
    kind: str  # "multiply" | "add" | "set_policy"
    target: str  # parameter name, state field, or policy name
    on: str  # "param" | "state" | "policy"
    sides: BoolArray  # (2,) which sides it touches
    value: float
    column: int = -1  # policy column (set_policy) or table column (-1: all)


@dataclass(frozen=True, slots=True)
class Condition:
    event: int
    side: int
    metric: str
    at_least: bool  # True: metric >= value; False: metric <= value
    value: float
    column: int = -1  # metric "policy": the side's policy column tested


@dataclass(frozen=True, slots=True)
class EventDeck:
    ids: tuple[str, ...]
    titles: tuple[str, ...]
    major: BoolArray  # (E,) shown as a dialog in the UI
    turn_min: IntArray  # (E,)
    turn_max: IntArray  # (E,)
    tension_min: FloatArray  # (E,)
    tension_max: FloatArray  # (E,)
    probability: FloatArray  # (E,) per quarter
    once: BoolArray  # (E,)
    duration: IntArray  # (E,) quarters active; 0 = permanent
    conditions: tuple[Condition, ...]
    effects: tuple[Effect, ...]
    # Risk (crisis.py): the card's crisis grade (0 none, 1 incident, 2 sanctions,
    # 3 blockade); the side whose recent escalation raises its chance (-1 none) and by how
    # much per point.
    crisis: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    provoked_by: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    provocation: FloatArray = field(default_factory=lambda: np.zeros(0))

    @property
    def size(self) -> int:
        return len(self.ids)

    @staticmethod
    def empty() -> EventDeck:
        z = np.zeros(0)
        zi = np.zeros(0, dtype=np.int64)
        zb = np.zeros(0, dtype=bool)
        return EventDeck((), (), zb, zi, zi, z, z, z, zb, zi, (), ())


@dataclass(frozen=True, slots=True)
class SuddenDeath:
    """The game ends when `metric` of `side` (or the lead of side over the other, when
    `lead`) crosses `value`; `winner` is 0 us, 1 china."""

    side: int
    metric: str
    at_least: bool
    value: float
    lead: bool
    winner: int


@dataclass(frozen=True, slots=True)
class VictoryRules:
    # (2, 5) weights per side over SCORE_TERMS
    weights: FloatArray
    capability_scale: float = 1.0  # log10 FLOP of lead that counts as decisive
    draw_margin: float = 1.0  # score points within which the game is a draw
    sudden_death: tuple[SuddenDeath, ...] = ()
    # (T, 2, 5) par: the score terms the default bots reach by each turn (median over
    # many seeds). A side scores by beating par, so an even game is the historical
    # expectation and either side can win from an uneven start. None: the opening.
    par: FloatArray | None = None


SCORE_TERMS: tuple[str, ...] = ("capability", "compute_share", "market_share", "economy",
                                "stability")


@dataclass(frozen=True, slots=True)
class Rules:
    params: Params
    # The ranges each game draws its uncertain quantities from (none: the values as given).
    uncertainty: Uncertainty = field(default_factory=Uncertainty.none)
    deck: EventDeck = field(default_factory=EventDeck.empty)
    victory: VictoryRules = field(
        default_factory=lambda: VictoryRules(np.ones((2, len(SCORE_TERMS))))
    )
    # turn -> deck indices the scenario forces to fire that turn
    injects: dict[int, tuple[int, ...]] = field(default_factory=dict)
    # turn -> deck indices a facilitator scheduled to fire that turn
    facilitator_injects: dict[int, tuple[int, ...]] = field(default_factory=dict)
