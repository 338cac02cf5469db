"""Orders files (`script:FILE`): one side's orders for chosen turns, TOML or JSON.

    side = "us"                # optional; must match the side the file plays
    [[turns]]
    at = "2025Q2"              # or: turn = 2 (1-based)
    training_share = 0.5
    [turns.allocation]         # all six shares, adding up to 1
    chips = 0.5
    ...
    [turns.policies]           # only the policies that change
    export_controls = 3

A turn gives only what changes: left-out fields keep the previous listed turn's values.
Before the first listed turn the side plays the scenario's opening policies and training
share with the default allocation; after a listed turn, unlisted turns repeat it. The
scenario's own scripted orders (historical turns) take precedence over the file.
Problems are reported as `FILE:LINE: turns[3].allocation.chips: message (allowed: ...)`.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import Any, Literal, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

from game.files import JSONSyntaxError, parse_json, parse_toml
from game.model.clock import parse_quarter, quarter_label, turn_of
from game.model.errors import InputError, format_validation, read_text, toml_error
from game.model.orders import (
    ORDERS_MODELS,
    Allocation,
    ChinaPolicies,
    Orders,
    USPolicies,
    merge_orders,
    opening_orders,
)
from game.model.scenario import Scenario

_CONFIG = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


def _changes_model(policies: type[BaseModel], name: str) -> type[BaseModel]:
    """`policies` with every field optional (same bounds and descriptions): a turn lists
    only the policies it changes. Generated so the two can never disagree."""
    fields: dict[str, Any] = {}
    for field_name, info in policies.model_fields.items():
        # The bounds (annotated_types.Ge, Le, ...) as Field arguments, so messages can
        # say "allowed: 0 to 4".
        bounds = {f.name: getattr(m, f.name) for m in info.metadata
                  if dataclasses.is_dataclass(m) for f in dataclasses.fields(m)}
        annotation: Any = info.annotation
        fields[field_name] = (annotation | None,
                              Field(None, description=info.description, **bounds))
    return create_model(name, __config__=ConfigDict(frozen=True, extra="forbid"),
                        __doc__=f"{policies.__doc__} Only those that change.", **fields)


US_POLICY_CHANGES = _changes_model(USPolicies, "USPolicyChanges")
CHINA_POLICY_CHANGES = _changes_model(ChinaPolicies, "ChinaPolicyChanges")


class TurnOrdersBase(BaseModel):
    """Orders for one turn. Fields left out keep the previous listed turn's values."""

    model_config = _CONFIG

    at: str | None = None
    """The quarter (e.g. 2025Q2)."""
    turn: int | None = Field(None, ge=1)
    """The turn number, 1-based (instead of `at`)."""
    allocation: Allocation | None = None
    """Shares of the budget: chips, fabs, datacenters, power, research, intel (adding up
    to 1)."""
    training_share: float | None = Field(None, ge=0, le=1)
    """Share of compute spent training models; the rest serves inference."""

    @field_validator("at")
    @classmethod
    def _quarter(cls, value: str | None) -> str | None:
        if value is not None:
            parse_quarter(value)
        return value

    @model_validator(mode="after")
    def _when(self) -> TurnOrdersBase:
        if (self.at is None) == (self.turn is None):
            raise ValueError("give exactly one of at (a quarter like 2025Q2) or turn "
                             "(1-based)")
        return self


def _turn_model(side: str, changes: type[BaseModel]) -> type[TurnOrdersBase]:
    return create_model(
        "USTurnOrders" if side == "us" else "ChinaTurnOrders",
        __base__=TurnOrdersBase,
        __doc__=f"{'The US bloc' if side == 'us' else 'China'}'s orders for one turn; "
                "fields left out keep the previous listed turn's values.",
        # Built at run time, so a type checker cannot read it as an annotation.
        policies=(cast(Any, changes | None), Field(None, description="Policy levels that change "
                                                          "this turn (the side's own).")),
    )


TURN_MODELS: dict[str, type[TurnOrdersBase]] = {
    "us": _turn_model("us", US_POLICY_CHANGES),
    "china": _turn_model("china", CHINA_POLICY_CHANGES),
}


def _file_model(side: str) -> type[BaseModel]:
    return create_model(
        "USOrdersFile" if side == "us" else "ChinaOrdersFile",
        __config__=_CONFIG,
        __doc__=f"An orders file for {'the US bloc' if side == 'us' else 'China'}.",
        side=(cast(Any, Literal[side] | None),
              Field(None, description="Whose orders (checked against the side the file "
                                      "plays).")),
        turns=(list[TURN_MODELS[side]],  # type: ignore[valid-type]
               Field(description="Orders by turn; a turn not listed repeats the last "
                                 "orders given.")),
    )


FILE_MODELS: dict[str, type[BaseModel]] = {side: _file_model(side) for side in ("us", "china")}


_EITHER_SIDE: Any = FILE_MODELS["us"] | FILE_MODELS["china"]


class OrdersFile(RootModel[_EITHER_SIDE]):
    """An orders file for `script:FILE` players: one side's orders for chosen turns (TOML
    or JSON). A turn not listed repeats the last orders given."""


def _parse(path: Path) -> tuple[str, Any]:
    text = read_text(path, "orders")
    if path.suffix.lower() == ".json":
        try:
            return text, parse_json(path, text)
        except JSONSyntaxError as wrapped:
            exc = wrapped.error
            raise InputError([f"{path}:{exc.lineno}: malformed JSON: {exc.msg}"]) from None
    try:
        return text, parse_toml(path, text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(path, exc) from None


def load_orders_file(path: str | Path, side: str, scenario: Scenario) -> dict[int, Orders]:
    """{0-based turn: full orders}, each listed turn's gaps filled from the turn before
    (turn 0 is always present: the opening orders if the file does not list it)."""
    path = Path(path)
    text, data = _parse(path)
    # Line numbers come from the TOML structure; JSON has none to trust for list items.
    where_text = "" if path.suffix.lower() == ".json" else text
    if isinstance(data, dict) and data.get("side") not in (None, side) and \
            data.get("side") in ("us", "china"):
        raise InputError([f"{path}: side: the file holds {data['side']} orders but plays "
                          f"{side}"])
    try:
        doc = FILE_MODELS[side].model_validate(data, strict=True)
    except ValidationError as exc:
        raise InputError(format_validation(path, where_text, exc, FILE_MODELS[side])) from None
    clock = scenario.clock
    problems: list[str] = []
    entries: dict[int, tuple[int, TurnOrdersBase]] = {}
    turns: list[TurnOrdersBase] = getattr(doc, "turns")  # noqa: B009 (a generated model)
    for i, entry in enumerate(turns):
        turn = (entry.turn - 1) if entry.turn is not None else turn_of(clock.start, entry.at or "")
        field = "turn" if entry.turn is not None else "at"
        if not 0 <= turn < clock.turns:
            problems.append(f"{path}: turns[{i}].{field}: turn {turn + 1} is outside the game "
                            f"(allowed: 1 to {clock.turns}, {quarter_label(clock.start, 0)} "
                            f"to {quarter_label(clock.start, clock.turns - 1)})")
        elif turn in entries:
            problems.append(f"{path}: turns[{i}].{field}: turn {turn + 1} "
                            f"({quarter_label(clock.start, turn)}) is already given at "
                            f"turns[{entries[turn][0]}]")
        else:
            entries[turn] = (i, entry)
    if problems:
        raise InputError(problems)
    current = opening_orders(scenario, side)
    out: dict[int, Orders] = {0: current}
    for turn, (i, entry) in sorted(entries.items()):
        changes = entry.model_dump(include={"allocation", "training_share", "policies"},
                                   exclude_none=True)
        try:
            orders = merge_orders(current, changes)
        except ValidationError as exc:  # each part validated already; kept as a guard
            problems.extend(format_validation(path, where_text, exc, ORDERS_MODELS[side],
                                              ("turns", i)))
            continue
        out[turn] = current = orders
    if problems:
        raise InputError(problems)
    return out
