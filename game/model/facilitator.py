"""What a workshop facilitator can do to a running game, as data.

Two kinds of things:

- **Actions** change the rules from the turn they are made on: a parameter override for the
  rest of the game, a custom event card added to the deck, a card scheduled to fire at a
  later turn. Each resolved turn keeps the actions made before it (`TurnRecord.actions`),
  so a record replays them in order and undo takes them back with their turn.
- **Journal entries** are the session's log, with wall-clock timestamps: notes, injects,
  overrides, undo, pause and reveal. The journal survives undo: it is what happened in the
  room, not in the game.

The models are pydantic (frozen, extra="forbid", tagged by `kind`) so records can store
them as JSON and validate them on the way back in.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, TypeVar

import numpy as np
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from game.engine.params import PARAM_NAMES, PARAM_SPECS, Params
from game.engine.rules import Rules
from game.engine.state import WorldState
from game.model.compile import compile_deck
from game.model.errors import format_validation
from game.model.scenario import Event, Scenario, SideOrBoth


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


# What a parameter's unit allows. Quarterly rates that are shares of a stock (retirement,
# learning, relaxation) run 0-1; growth rates may go negative (a recession) but not to -1;
# signed weights and tension points are free; every other quantity is at least 0.
_UNIT_RANGE: dict[str, tuple[float, float]] = {
    "share": (0.0, 1.0), "probability": (0.0, 1.0), "1/quarter": (0.0, 1.0),
    "-": (-math.inf, math.inf), "points": (-math.inf, math.inf),
    "points per level": (-math.inf, math.inf),
}
_GROWTH_RANGE = (-0.99, math.inf)


def value_range(param: str) -> tuple[float, float]:
    """The values a facilitator may give `param`."""
    unit = PARAM_SPECS[param]["unit"]
    if unit == "1/quarter" and param.endswith("_growth"):
        return _GROWTH_RANGE
    return _UNIT_RANGE.get(unit, (0.0, math.inf))


class ParamOverride(_Frozen):
    """Set a model constant to a new value from this turn to the end of the game."""

    kind: Literal["override"] = "override"
    """Tag: override."""
    param: str
    """The parameter's name (as in the scenario file's [params] tables)."""
    value: float
    """The new value, in the parameter's unit."""
    side: SideOrBoth = "both"
    """Whose value changes; parameters shared by both sides take `both` only."""
    level: int | None = Field(None, ge=0)
    """For a table parameter (one entry per policy level): only this level's entry."""

    @model_validator(mode="after")
    def _check(self) -> ParamOverride:
        if self.param not in PARAM_SPECS:
            close = difflib.get_close_matches(self.param, PARAM_NAMES, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"no parameter {self.param!r}{hint} (see the scenario's [params])")
        spec = PARAM_SPECS[self.param]
        if spec["kind"] == "shared" and self.side != "both":
            raise ValueError(f"{self.param} is shared by both sides: side must be 'both'")
        if self.side != "both" and self.side not in spec["reads"]:
            raise ValueError(f"the rules read {self.param} only for "
                             f"{' and '.join(spec['reads'])}: a change for {self.side} "
                             "would do nothing")
        if self.level is not None:
            if spec["kind"] != "table":
                raise ValueError(f"{self.param} is not a table: give no level")
            if self.level >= spec["size"]:
                raise ValueError(f"{self.param} has levels 0-{spec['size'] - 1}, "
                                 f"not {self.level}")
        low, high = value_range(self.param)
        if not math.isfinite(self.value) or not low <= self.value <= high:
            allowed = (f"{low:g} to {high:g}" if math.isfinite(high)
                       else f"at least {low:g}" if math.isfinite(low) else "any finite number")
            raise ValueError(f"{self.param} = {self.value!r} is out of range "
                             f"(allowed: {allowed}, in {spec['unit']})")
        return self

    def describe(self) -> str:
        spec = PARAM_SPECS[self.param]
        who = "" if self.side == "both" else f" ({self.side})"
        level = "" if self.level is None else f" level {self.level}"
        unit = "" if spec["unit"] in ("-", "x") else f" {spec['unit']}"
        times = "x" if spec["unit"] == "x" else ""
        return f"{self.param}{level}{who} set to {self.value:g}{times}{unit}"


class CustomEvent(_Frozen):
    """A card the facilitator writes during the game, with effects of the same kinds as a
    scenario's deck. It fires only when injected."""

    kind: Literal["custom_event"] = "custom_event"
    """Tag: custom_event."""
    event: Event
    """The card: id, title, text, major, duration and effects."""

    @field_validator("event")
    @classmethod
    def _only_injected(cls, event: Event) -> Event:
        if event.probability != 0:
            raise ValueError("a facilitator's card fires only when injected: leave "
                             "probability at 0")
        return event

    def describe(self) -> str:
        return f"new card {self.event.id!r}: {self.event.title}"


class ScheduledInject(_Frozen):
    """A card forced to fire at the end of a later turn."""

    kind: Literal["schedule"] = "schedule"
    """Tag: schedule."""
    event: str
    """The card's id (the scenario's deck or a custom card added earlier)."""
    turn: int = Field(ge=0)
    """The 0-based turn at whose end it fires."""

    def describe(self) -> str:
        return f"card {self.event!r} scheduled for turn {self.turn + 1}"


FacilitatorAction = Annotated[ParamOverride | CustomEvent | ScheduledInject,
                              Field(discriminator="kind")]

JournalKind = Literal["note", "inject", "schedule", "custom_event", "override", "undo",
                      "pause", "resume", "reveal"]


class JournalEntry(_Frozen):
    """One line of the session's log."""

    at: str
    """When it happened: UTC, ISO 8601 to the second."""
    turn: int = Field(ge=0)
    """The 0-based turn about to be played at the time."""
    date: str
    """That turn's quarter (e.g. 2026Q3)."""
    kind: JournalKind
    """What the facilitator did."""
    text: str
    """The note, or the action in words."""


M = TypeVar("M", bound=BaseModel)


def parse_action(model: type[M], data: dict[str, Any], what: str) -> M:
    """Validate console input as `model`; a ValueError with one plain line per problem
    (`override: value: ...`) for the console to show."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = format_validation(what, "", exc, model)
        raise ValueError("; ".join(p.replace(": (top level):", ":") for p in problems)) from None


def timestamp(moment: datetime | None = None) -> str:
    return (moment or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


# --- applying actions to the rules ---------------------------------------------------


def _override_params(params: Params, overrides: Iterable[ParamOverride]) -> Params:
    changed: dict[str, np.ndarray] = {}
    for o in overrides:
        values = np.array(changed.get(o.param, getattr(params, o.param)), dtype=np.float64)
        rows = [0, 1] if o.side == "both" else [0 if o.side == "us" else 1]
        if o.level is None:
            values[rows] = o.value
        else:
            values[rows, o.level] = o.value
        changed[o.param] = values
    return params.with_values(**changed) if changed else params


def facilitated_rules(scenario: Scenario, base: Rules,
                      actions: Iterable[ParamOverride | CustomEvent | ScheduledInject]) -> Rules:
    """The rules in force after `actions` (in the order made) on top of the scenario's."""
    actions = list(actions)
    if not actions:
        return base
    customs = [a.event for a in actions if isinstance(a, CustomEvent)]
    deck = base.deck
    if customs:
        deck = compile_deck(scenario.model_copy(update={"events": [*scenario.events,
                                                                   *customs]}))
    injects = dict(base.facilitator_injects)
    for a in actions:
        if isinstance(a, ScheduledInject):
            injects[a.turn] = injects.get(a.turn, ()) + (deck.ids.index(a.event),)
    params = _override_params(base.params,
                              (a for a in actions if isinstance(a, ParamOverride)))
    return replace(base, params=params, deck=deck, facilitator_injects=injects)


def fit_deck(state: WorldState, size: int) -> WorldState:
    """The state with room for a deck of `size` cards: cards added during the game start
    inactive and never fired."""
    have = state.event_left.shape[1]
    if have >= size:
        return state
    pad = ((0, 0), (0, size - have))
    return state.evolve(event_left=np.pad(state.event_left, pad),
                        event_fired=np.pad(state.event_fired, pad))
