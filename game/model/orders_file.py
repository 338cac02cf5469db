"""Orders files (`script:FILE`): one side's orders for chosen turns, TOML or JSON.

    side = "us"                # optional; must match the side it plays
    [[turns]]
    at = "2025Q2"              # or: turn = 2 (1-based)
    training_share = 0.5
    [turns.allocation]
    chips = 0.5
    ...
    [turns.policies]
    export_controls = 3
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from game.model.clock import parse_quarter, turn_of
from game.model.errors import InputError, format_validation, read_text
from game.model.orders import Allocation, ChinaPolicies, Orders, USPolicies, parse_orders
from game.model.scenario import Scenario


class TurnOrders(BaseModel):
    """Orders for one turn. Fields left out keep the previous turn's values."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    at: str | None = None
    """The quarter (e.g. 2025Q2)."""
    turn: int | None = Field(None, ge=1)
    """The turn number, 1-based (instead of `at`)."""
    allocation: Allocation | None = None
    """Shares of the budget (must add up to 1)."""
    training_share: float | None = Field(None, ge=0, le=1)
    """Share of compute training."""
    policies: dict[str, Any] | None = None
    """Policy levels by name (the side's own policies)."""

    @model_validator(mode="after")
    def _when(self) -> TurnOrders:
        if (self.at is None) == (self.turn is None):
            raise ValueError("give exactly one of at (a quarter) or turn (1-based)")
        if self.at is not None:
            parse_quarter(self.at)
        return self


class OrdersFile(BaseModel):
    """An orders file for `script:FILE` players."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    side: Literal["us", "china"] | None = None
    """Whose orders (checked against the side the file plays)."""
    turns: list[TurnOrders]
    """Orders by turn; a turn not listed repeats the last orders given."""


ORDERS_FILE_SCHEMA_MODELS = (OrdersFile, USPolicies, ChinaPolicies)


def _parse(path: Path) -> tuple[str, Any]:
    text = read_text(path, "orders")
    if path.suffix == ".json":
        try:
            return text, json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError([f"{path}:{exc.lineno}: malformed JSON: {exc.msg}"]) from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError([f"{path}:{line or '?'}: malformed TOML: "
                          f"{getattr(exc, 'msg', exc)}"]) from None


def load_orders_file(path: str | Path, side: str, scenario: Scenario) -> dict[int, Orders]:
    """{0-based turn: full orders}, each turn's gaps filled from the turn before."""
    path = Path(path)
    text, data = _parse(path)
    try:
        doc = OrdersFile.model_validate(data)
    except ValidationError as exc:
        raise InputError(format_validation(path, text, exc, OrdersFile)) from None
    if doc.side is not None and doc.side != side:
        raise InputError([f"{path}: side: the file holds {doc.side} orders but plays {side}"])
    problems: list[str] = []
    out: dict[int, Orders] = {}
    current = Orders.default(side).model_dump()
    entries = []
    for i, entry in enumerate(doc.turns):
        turn = (entry.turn - 1) if entry.turn is not None else turn_of(
            scenario.clock.start, entry.at or "")
        if not 0 <= turn < scenario.clock.turns:
            problems.append(f"{path}: turns[{i}]: turn {turn + 1} is outside the game "
                            f"(1 to {scenario.clock.turns})")
            continue
        entries.append((turn, i, entry))
    for turn, i, entry in sorted(entries, key=lambda t: t[0]):
        merged = dict(current)
        if entry.allocation is not None:
            merged["allocation"] = entry.allocation.model_dump()
        if entry.training_share is not None:
            merged["training_share"] = entry.training_share
        if entry.policies is not None:
            merged["policies"] = {**current["policies"], **entry.policies}
        try:
            orders = parse_orders(side, merged)
        except ValidationError as exc:
            problems.extend(format_validation(path, text, exc, Orders, ("turns", i)))
            continue
        out[turn] = orders
        current = orders.model_dump()
    if problems:
        raise InputError(problems)
    return out
