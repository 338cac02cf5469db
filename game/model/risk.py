"""The scenario file's parts about risk: cards answering what the players did, crisis
grades, and the uncertain quantities each game draws (see game/engine/uncertainty.py)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.engine.orders import POLICIES
from game.engine.uncertainty import DEFAULT_RANGES, UNCERTAIN_NAMES, UncertainRange, Uncertainty
from game.model.errors import LocatedProblems, unknown

SideName = Literal["us", "china"]
_POLICY_NAMES = tuple(dict.fromkeys(POLICIES["us"] + POLICIES["china"]))

# Crisis grades, mildest first; the engine's EventDeck.crisis holds 1 + the index. The
# gravest crisis, open conflict, is the rules' own and ends the game (engine/crisis.py).
CRISIS_GRADES: tuple[str, ...] = ("incident", "sanctions", "blockade")
CrisisGrade = Literal["incident", "sanctions", "blockade"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True,
                              allow_inf_nan=False)


class PolicyCondition(_Frozen):
    """A threshold on a policy a side has in force, tested at the end of the quarter: a
    card can answer what a side did (a price war, a smuggling effort, controls)."""

    side: SideName
    """Whose policy."""
    policy: Literal[_POLICY_NAMES]  # type: ignore[valid-type]
    """The policy's name (e.g. price_subsidy for China, export_controls for the US)."""
    at_least: float | None = None
    """Holds when the policy is at least this level (percent policies 0-100)."""
    at_most: float | None = None
    """Holds when the policy is at most this level."""

    @model_validator(mode="after")
    def _valid(self) -> PolicyCondition:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("give exactly one of at_least, at_most")
        names = POLICIES[self.side]
        if self.policy not in names:
            raise LocatedProblems([(("policy",), unknown(f"{self.side} policy", self.policy,
                                                         names))])
        return self

    @property
    def column(self) -> int:
        return POLICIES[self.side].index(self.policy)


class Provocation(_Frozen):
    """The card's chance per quarter rises with one side's recent escalation: an answer
    whose odds grow with the other side's moves."""

    by: SideName
    """Whose escalation provokes it."""
    per_point: float = Field(ge=0, le=1)
    """Chance added per point of the side's recent escalation (the tension its moves added,
    fading by the scenario's blame_memory each quarter, plus what its policies in force
    hold up above the rivalry's base)."""


class UncertainRangeSpec(_Frozen):
    """The factor a game draws for an uncertain quantity: log-uniform from low to high,
    applied to the scenario's value."""

    low: float = Field(gt=0, le=10)
    """Least factor (e.g. 0.8)."""
    high: float = Field(gt=0, le=10)
    """Greatest factor (e.g. 1.2)."""
    source: str = ""
    """Where the range comes from."""

    @model_validator(mode="after")
    def _ordered(self) -> UncertainRangeSpec:
        if self.low > self.high:
            raise LocatedProblems([(("high",), f"{self.high:g} is below low {self.low:g}")])
        return self


Uncertain = UncertainRangeSpec | Literal["fixed"] | None


class UncertaintySpec(_Frozen):
    """The quantities nobody knows, drawn once per game. Leave one out for the engine's
    default range (game/engine/uncertainty.py, sourced); write "fixed" to play it at the
    scenario's value; or give a range."""

    elasticity: Uncertain = None
    """Price elasticity of token demand."""
    constraint_bonus: Uncertain = None
    """Extra research productivity of a compute-starved side."""
    diffusion_rate: Uncertain = None
    """How fast open-weight releases close the efficiency gap (the diffusion lag)."""
    yield_ceiling: Uncertain = None
    """The fab yields China's domestic line can reach."""
    algo_growth_us: Uncertain = None
    """The US bloc's pace of algorithmic progress."""
    algo_growth_china: Uncertain = None
    """China's pace of algorithmic progress."""
    blockade_severity: Uncertain = None
    """How much of Taiwan's output a blockade card cuts (and its other effects)."""
    blockade_duration: Uncertain = None
    """How long a blockade card lasts."""

    def compile(self) -> Uncertainty:
        ranges: dict[str, UncertainRange] = {}
        for name in UNCERTAIN_NAMES:
            given = getattr(self, name)
            if given is None:
                ranges[name] = DEFAULT_RANGES[name]
            elif given != "fixed":
                ranges[name] = UncertainRange(given.low, given.high, given.source)
        return Uncertainty.of(ranges)


assert set(UncertaintySpec.model_fields) == set(UNCERTAIN_NAMES)
