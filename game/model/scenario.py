"""The scenario file's model: frozen, extra="forbid", a docstring on every field (they
become the JSON Schema's descriptions). Parameter fields are generated from the engine's
parameter specification so the two can never disagree."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator, model_validator

from game.engine.params import PARAM_NAMES, PARAM_SPECS, param_shape
from game.engine.rules import CONDITION_METRICS, EVENT_STATE_TARGETS, SCORE_TERMS
from game.model.clock import parse_quarter
from game.model.orders import ChinaOrders, ChinaPolicies, USOrders, USPolicies

SideName = Literal["us", "china"]
SideOrBoth = Literal["us", "china", "both"]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Number = float | list[float]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


# --- parameters -----------------------------------------------------------------------


class ParamEntry(_Frozen):
    """One model constant: a shared `value`, or `us` and `china` values; tables are lists
    with one entry per policy level."""

    value: Number | None = None
    """The value for both sides (shared constants and shared tables)."""
    us: Number | None = None
    """The US bloc's value."""
    china: Number | None = None
    """China's value."""
    unit: str | None = None
    """The unit, restated for readers; it must match the parameter's unit."""
    source: str = ""
    """Where the figure comes from (citation or reasoning)."""

    @model_validator(mode="after")
    def _one_form(self) -> ParamEntry:
        if self.value is None and (self.us is None or self.china is None):
            raise ValueError("give `value`, or both `us` and `china`")
        if self.value is not None and (self.us is not None or self.china is not None):
            raise ValueError("give either `value` or `us`/`china`, not both")
        return self

    def rows(self) -> tuple[Number, Number]:
        if self.value is not None:
            return self.value, self.value
        assert self.us is not None and self.china is not None
        return self.us, self.china


def _param_field(name: str) -> Any:
    spec = PARAM_SPECS[name]
    shape = param_shape(name)
    form = f"a list of {shape[1]} values (one per level)" if spec["kind"] == "table" else (
        "one value" if spec["kind"] == "shared" else "us and china values")
    return (ParamEntry | None, Field(None, description=f"{spec['doc']} Unit: {spec['unit']}. "
                                                          f"Form: {form}."))


ScenarioParams: type[BaseModel] = create_model(
    "ScenarioParams",
    __config__=ConfigDict(frozen=True, extra="forbid"),
    __doc__="Model constants. Every one must be given (or inherited through `extends`).",
    **{name: _param_field(name) for name in PARAM_NAMES},
)


def _check_params(params: BaseModel) -> None:
    missing = [n for n in PARAM_NAMES if getattr(params, n) is None]
    if missing:
        raise ValueError(f"missing parameters: {', '.join(missing)}")
    for name in PARAM_NAMES:
        entry: ParamEntry = getattr(params, name)
        spec = PARAM_SPECS[name]
        if entry.unit is not None and entry.unit != spec["unit"]:
            raise ValueError(f"params.{name}: unit is {spec['unit']!r}, not {entry.unit!r}")
        for row in entry.rows():
            if spec["kind"] == "table":
                if not isinstance(row, list) or len(row) != spec["size"]:
                    raise ValueError(
                        f"params.{name}: a list of {spec['size']} numbers, one per level")
            elif isinstance(row, list):
                raise ValueError(f"params.{name}: one number, not a list")


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


# --- events ---------------------------------------------------------------------------


class MetricCondition(_Frozen):
    side: SideName
    """Whose figure."""
    metric: Literal[CONDITION_METRICS]  # type: ignore[valid-type]
    """The figure tested."""
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
    """When a card may fire."""

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

    @field_validator("start", "end")
    @classmethod
    def _quarter(cls, v: str | None) -> str | None:
        if v is not None:
            parse_quarter(v)
        return v


class _ChangeEffect(_Frozen):
    param: str | None = None
    """Parameter to change (see params)."""
    state: Literal[EVENT_STATE_TARGETS] | None = None  # type: ignore[valid-type]
    """State figure to change (applied at the start of each active quarter)."""
    side: SideOrBoth = "both"
    """Which side it touches."""
    value: float
    """The factor (multiply) or amount (add)."""
    level: int | None = Field(None, ge=0)
    """For a table parameter: only this level's entry (default: all levels)."""

    @model_validator(mode="after")
    def _one_target(self) -> _ChangeEffect:
        if (self.param is None) == (self.state is None):
            raise ValueError("give exactly one of param, state")
        if self.param is not None and self.param not in PARAM_SPECS:
            raise ValueError(f"unknown parameter {self.param!r}")
        return self


class MultiplyEffect(_ChangeEffect):
    """Multiply a parameter or state figure."""

    kind: Literal["multiply"]
    """Tag: multiply."""


class AddEffect(_ChangeEffect):
    """Add to a parameter or state figure."""

    kind: Literal["add"]
    """Tag: add."""


class SetPolicyEffect(_Frozen):
    """Force a side's policy to a level while the card is active."""

    kind: Literal["set_policy"]
    """Tag: set_policy."""
    side: SideName
    """Whose policy."""
    policy: str
    """The policy's name (e.g. export_controls)."""
    value: float
    """The level forced."""

    @model_validator(mode="after")
    def _known_policy(self) -> SetPolicyEffect:
        model = USPolicies if self.side == "us" else ChinaPolicies
        if self.policy not in model.model_fields:
            raise ValueError(f"{self.side} has no policy {self.policy!r} "
                             f"(allowed: {', '.join(model.model_fields)})")
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


class Inject(_Frozen):
    """A card forced to fire in a given quarter."""

    at: str
    """The quarter (e.g. 2025Q2)."""
    event: str
    """The id of a card in the deck."""

    @field_validator("at")
    @classmethod
    def _quarter(cls, v: str) -> str:
        parse_quarter(v)
        return v


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
    """How the game is won. A crisis (tension at the threshold) always ends it, blamed on
    the side that escalated last."""

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

    @field_validator("start")
    @classmethod
    def _quarter(cls, v: str) -> str:
        parse_quarter(v)
        return v


class Scenario(_Frozen):
    """A Compute Race scenario."""

    name: Slug
    """Short name used on the command line (e.g. baseline-2025)."""
    title: str
    """Title shown to players."""
    description: str
    """One paragraph: what this scenario is about."""
    extends: str | None = None
    """A scenario this one starts from (already merged when loaded)."""
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
    """Cards forced to fire in given quarters."""
    scripted_orders: list[ScriptedOrders] = []
    """Orders fixed for given quarters (historical play)."""
    victory: Victory = Victory()
    """How the game is won."""

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        _check_params(self.params)
        ids = [e.id for e in self.events]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate event ids: {', '.join(dupes)}")
        for inject in self.injects:
            if inject.event not in ids:
                raise ValueError(f"inject at {inject.at} names unknown event {inject.event!r} "
                                 f"(deck: {', '.join(ids) or 'empty'})")
        return self

    @property
    def turns(self) -> int:
        return self.clock.turns

