"""The scenario's event deck: cards, their conditions and effects, and scripted injects.
Frozen like the rest of the scenario file (game/model/scenario.py re-exports every name
here), split out so each module has one reason to change."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from game.engine.orders import POLICIES, POLICY_MAX, POLICY_SCALE
from game.engine.params import PARAM_NAMES, PARAM_SPECS, param_shape
from game.engine.rules import CONDITION_METRICS, EVENT_STATE_TARGETS
from game.model.clock import parse_quarter, turn_of
from game.model.errors import Loc, LocatedProblems, unknown
from game.model.risk import CrisisGrade, PolicyCondition, Provocation

SideName = Literal["us", "china"]
SideOrBoth = Literal["us", "china", "both"]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
ParamName = Literal[PARAM_NAMES]  # type: ignore[valid-type]
StateTarget = Literal[EVENT_STATE_TARGETS]  # type: ignore[valid-type]
_POLICY_NAMES = tuple(dict.fromkeys(POLICIES["us"] + POLICIES["china"]))


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True,
                              allow_inf_nan=False)


# --- events ---------------------------------------------------------------------------


class MetricCondition(_Frozen):
    """A threshold on one side's figure, tested at the end of the quarter."""

    side: SideName
    """Whose figure."""
    metric: Literal[CONDITION_METRICS]  # type: ignore[valid-type]
    """The figure tested (state names: algo_eff and hw_eff are the efficiency multipliers,
    capability is log10 FLOP, market_share 0-1, budget and revenue $B per quarter)."""
    at_least: float | None = None
    """Holds when the figure is at least this."""
    at_most: float | None = None
    """Holds when the figure is at most this."""

    @model_validator(mode="after")
    def _one_bound(self) -> MetricCondition:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("give exactly one of at_least, at_most")
        return self


class When(_Frozen):
    """When a card may fire. All conditions must hold at the end of the quarter."""

    start: str | None = None
    """First quarter it may fire (e.g. 2026Q1); default the first turn."""
    end: str | None = None
    """Last quarter it may fire; default the last turn."""
    tension_min: float = Field(0.0, ge=0, le=100)
    """Fires only at this tension or above."""
    tension_max: float = Field(100.0, ge=0, le=100)
    """Fires only at this tension or below."""
    metrics: list[MetricCondition] = []
    """Thresholds on either side's figures; all must hold."""
    policies: list[PolicyCondition] = []
    """Thresholds on the policies either side has in force; all must hold."""

    @field_validator("start", "end")
    @classmethod
    def _quarter(cls, v: str | None) -> str | None:
        if v is not None:
            parse_quarter(v)
        return v

    @model_validator(mode="after")
    def _ordered(self) -> When:
        problems: list[tuple[Loc, str]] = []
        if self.start and self.end and turn_of(self.start, self.end) < 0:
            problems.append((("end",), f"{self.end} is before start {self.start}"))
        if self.tension_min > self.tension_max:
            problems.append((("tension_max",), f"{self.tension_max:g} is below tension_min "
                                               f"{self.tension_min:g}"))
        if problems:
            raise LocatedProblems(problems)
        return self


class _ChangeEffect(_Frozen):
    param: ParamName | None = None
    """Parameter to change (any name under [params]); the change holds while the card
    is active."""
    state: StateTarget | None = None
    """State figure to change. Applied at the start of each active quarter, so a card
    active for N quarters applies it N times (and every quarter when permanent)."""
    side: SideOrBoth = "both"
    """Which side it touches (tension is shared: leave it at both)."""
    value: float
    """The factor (multiply) or amount (add), in the target's unit."""
    level: int | None = Field(None, ge=0)
    """For a table parameter: only this policy level's entry (default: all levels)."""

    @model_validator(mode="after")
    def _one_target(self) -> _ChangeEffect:
        problems: list[tuple[Loc, str]] = []
        if (self.param is None) == (self.state is None):
            problems.append(((), "give exactly one of param (a parameter) or state "
                                 "(a state figure)"))
        if self.level is not None:
            if self.param is None or PARAM_SPECS[self.param]["kind"] != "table":
                problems.append((("level",), "only for a table parameter (one entry per "
                                             "policy level)"))
            elif self.level >= param_shape(self.param)[1]:
                problems.append((("level",), f"{self.param} has levels 0 to "
                                             f"{param_shape(self.param)[1] - 1}"))
        if (self.param is not None and PARAM_SPECS[self.param]["kind"] == "shared"
                and self.side != "both"):
            # the engine reads one value for both sides: a one-sided change would be lost
            problems.append((("side",), f"{self.param} is shared by both sides (allowed: "
                                        "both)"))
        if self.param is not None and self.side != "both":
            reads = PARAM_SPECS[self.param]["reads"]
            if self.side not in reads:
                problems.append((("side",), f"the rules read {self.param} only for "
                                            f"{' and '.join(reads)}, so a change for "
                                            f"{self.side} would do nothing (allowed: "
                                            f"{', '.join((*reads, 'both'))})"))
        if self.state == "tension" and self.side != "both":
            problems.append((("side",), "tension is shared (allowed: both)"))
        if self.state == "fab_taiwan" and self.side == "china":
            problems.append((("side",), "fab_taiwan is the US bloc's (allowed: us, both)"))
        if problems:
            raise LocatedProblems(problems)
        return self


class MultiplyEffect(_ChangeEffect):
    """Multiply a parameter or state figure."""

    kind: Literal["multiply"]
    """Tag: multiply."""
    value: float = Field(ge=0)
    """The factor (0.5 halves, 2 doubles)."""


class AddEffect(_ChangeEffect):
    """Add to a parameter or state figure."""

    kind: Literal["add"]
    """Tag: add."""


class SetPolicyEffect(_Frozen):
    """Force a side's policy to a level while the card is active (the side's own orders
    for that policy are overruled)."""

    kind: Literal["set_policy"]
    """Tag: set_policy."""
    side: SideName
    """Whose policy."""
    policy: Literal[_POLICY_NAMES]  # type: ignore[valid-type]
    """The policy's name (e.g. export_controls for the US, localization_pct for China)."""
    value: float
    """The level forced (percent policies 0-100; open_weights 0 or 1)."""

    @model_validator(mode="after")
    def _known_policy(self) -> SetPolicyEffect:
        names = POLICIES[self.side]
        if self.policy not in names:
            raise LocatedProblems([(("policy",), unknown(f"{self.side} policy", self.policy,
                                                         names))])
        column = names.index(self.policy)
        top = POLICY_MAX[self.side][column]
        whole = POLICY_SCALE[self.side][column] == 1
        if not 0 <= self.value <= top or (whole and self.value != int(self.value)):
            allowed = (", ".join(str(v) for v in range(int(top) + 1)) if whole
                       else f"0 to {top:g}")
            raise LocatedProblems([(("value",), f"{self.value:g} is not a level of "
                                                f"{self.policy} (allowed: {allowed})")])
        return self


Effect = Annotated[MultiplyEffect | AddEffect | SetPolicyEffect, Field(discriminator="kind")]


class Event(_Frozen):
    """A card of the event deck."""

    id: Slug
    """Unique id (lowercase, digits, dashes)."""
    title: str
    """Headline shown in the news feed."""
    text: str = ""
    """What happened, in a few sentences."""
    major: bool = False
    """Also shown to the players as a dialog."""
    when: When = When()
    """Conditions under which it may fire."""
    probability: float = Field(0.0, ge=0, le=1)
    """Chance per quarter while the conditions hold (0: fires only when injected)."""
    once: bool = True
    """Fires at most once a game."""
    duration: int = Field(1, ge=0, le=200)
    """Quarters it stays active from the next turn on; 0 = for the rest of the game."""
    effects: list[Effect] = []
    """What it does."""
    crisis: CrisisGrade | None = None
    """A crisis grade (incident, sanctions, blockade: mildest first). When tension's
    crisis hazard strikes and draws this grade, the card fires if its conditions hold,
    whatever its own probability (which still applies too)."""
    provoked_by: Provocation | None = None
    """Its chance rises with this side's recent escalation (retaliation)."""


class Inject(_Frozen):
    """A card forced to fire at the end of a given quarter (its effects apply from the
    next quarter): a card of the deck by id, or a card written here in full."""

    at: str
    """The quarter (e.g. 2025Q2)."""
    event: str | None = None
    """The id of a card in the deck."""
    card: Event | None = None
    """A card written inline (it joins the deck; probability 0 unless given)."""

    @field_validator("at")
    @classmethod
    def _quarter(cls, v: str) -> str:
        parse_quarter(v)
        return v

    @model_validator(mode="after")
    def _one_card(self) -> Inject:
        if (self.event is None) == (self.card is None):
            raise ValueError("give exactly one of event (a deck card's id) or card (a card "
                             "written inline)")
        return self

    @property
    def event_id(self) -> str:
        return self.event if self.event is not None else self.card.id  # type: ignore[union-attr]
