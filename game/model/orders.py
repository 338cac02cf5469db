"""Orders at the boundary: what a player, a script or a bot commands for one quarter."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.engine.orders import ALLOCATION, POLICIES, POLICY_MAX, SideOrders, quantize
from game.engine.types import side_index

if TYPE_CHECKING:
    from game.model.scenario import Scenario

Share = Annotated[float, Field(ge=0.0, le=1.0)]
SUM_TOLERANCE = 1e-3


def _level(side: str, name: str, default: int) -> Any:
    """A whole-level policy field bounded by the engine's maximum (engine/orders.py),
    so the bounds are defined once."""
    return Field(default, ge=0, le=int(POLICY_MAX[side][POLICIES[side].index(name)]))


def _percent(side: str, name: str) -> Any:
    return Field(0.0, ge=0.0, le=float(POLICY_MAX[side][POLICIES[side].index(name)]))


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Allocation(_Frozen):
    """Shares of the quarter's budget; they must add up to 1."""

    chips: Share = 0.55
    """Buying accelerators (at home, imported or smuggled)."""
    fabs: Share = 0.05
    """Building chip fabs (US: onshore or Taiwan; China: domestic)."""
    datacenters: Share = 0.15
    """Building data-center capacity (GW)."""
    power: Share = 0.12
    """Building and connecting power for data centers (GW)."""
    research: Share = 0.10
    """Research into algorithmic efficiency."""
    intel: Share = 0.03
    """Intelligence on the other side: narrows the spread of estimates."""

    @model_validator(mode="after")
    def _sums_to_one(self) -> Allocation:
        total = sum(getattr(self, name) for name in ALLOCATION)
        if abs(total - 1.0) > SUM_TOLERANCE:
            raise ValueError(
                f"allocation shares must add up to 1, not {total:.3f} "
                f"({', '.join(f'{n}={getattr(self, n):g}' for n in ALLOCATION)})")
        return self

    def as_list(self) -> list[float]:
        return [float(getattr(self, name)) for name in ALLOCATION]


class USPolicies(_Frozen):
    """The US bloc's policies."""

    export_controls: int = _level("us", "export_controls", 2)
    """Chip export controls: 0 open; 1 the 2022 rules; 2 the 2023 rules (H20-class allowed);
    3 H20-class licensed, in effect blocked; 4 also cloud access closed."""
    equipment_controls: int = _level("us", "equipment_controls", 1)
    """Chipmaking-tool controls: 0 none; 1 EUV; 2 EUV and advanced DUV; 3 all tools and
    servicing."""
    domestic_build_pct: float = _percent("us", "domestic_build_pct")
    """Share of new US-bloc capacity that must be built or sited onshore (percent)."""
    enforcement: int = _level("us", "enforcement", 1)
    """Anti-smuggling enforcement: 0 none to 3 chip tracking and end-use checks."""
    open_weights: bool = False
    """Release frontier model weights openly."""


class ChinaPolicies(_Frozen):
    """China's policies."""

    localization_pct: float = _percent("china", "localization_pct")
    """Share of new deployments that must use domestic chips (percent)."""
    mineral_controls: int = _level("china", "mineral_controls", 0)
    """Export controls on gallium, germanium and rare earths: 0 none to 3 a full ban."""
    smuggling: int = _level("china", "smuggling", 1)
    """Effort put into acquiring controlled chips through third countries: 0 none to 3."""
    open_weights: bool = True
    """Release frontier model weights openly."""
    price_subsidy: int = _level("china", "price_subsidy", 0)
    """State support for an inference price war: 0 none to 3 deep subsidies."""


Policies = USPolicies | ChinaPolicies
POLICY_MODELS: dict[str, type[USPolicies] | type[ChinaPolicies]] = {
    "us": USPolicies, "china": ChinaPolicies}


class Orders(_Frozen):
    """One side's orders for one quarter."""

    allocation: Allocation = Allocation()
    """How the quarter's budget is spent."""
    training_share: Share = 0.4
    """Share of compute spent training models; the rest serves inference (revenue)."""
    policies: USPolicies | ChinaPolicies
    """The side's policy levels."""

    @property
    def side(self) -> str:
        return "us" if isinstance(self.policies, USPolicies) else "china"

    def to_arrays(self) -> SideOrders:
        """Batch-1 arrays for the engine."""
        names = POLICIES[self.side]
        policy = [float(getattr(self.policies, name)) for name in names]
        return SideOrders(
            allocation=np.array([self.allocation.as_list()]),
            training_share=np.array([self.training_share]),
            policy=np.array([policy]),
        )

    @staticmethod
    def default(side: Literal["us", "china"] | str) -> Orders:
        return ORDERS_MODELS[side]()


class USOrders(Orders):
    """The US bloc's orders for one quarter."""

    policies: USPolicies = USPolicies()
    """The US bloc's policy levels."""


class ChinaOrders(Orders):
    """China's orders for one quarter."""

    policies: ChinaPolicies = ChinaPolicies()
    """China's policy levels."""


ORDERS_MODELS: dict[str, type[USOrders] | type[ChinaOrders]] = {
    "us": USOrders, "china": ChinaOrders}


def parse_orders(side: str, data: object) -> Orders:
    """Validate plain data (a dict from TOML/JSON) as `side`'s orders."""
    side_index(side)
    return ORDERS_MODELS[side].model_validate(data)


def orders_from_arrays(side: str, arrays: SideOrders, index: int = 0) -> Orders:
    """The pydantic orders of game `index` in a batch of engine orders, quantized as a
    record keeps them (`to_arrays()` of the result gives back the quantized arrays)."""
    q = quantize(arrays, side_index(side))
    values: dict[str, float | int | bool] = {}
    model = POLICY_MODELS[side]
    for name, value in zip(POLICIES[side], q.policy[index], strict=True):
        annotation = model.model_fields[name].annotation
        if annotation is bool:
            values[name] = bool(value >= 0.5)
        elif annotation is int:
            values[name] = int(value)
        else:
            values[name] = float(value)
    return ORDERS_MODELS[side](
        allocation=Allocation(**{n: float(x) for n, x in zip(ALLOCATION, q.allocation[index],
                                                              strict=True)}),
        training_share=float(q.training_share[index]),
        policies=model(**values),
    )


def opening_orders(scenario: Scenario, side: str) -> Orders:
    """The side's orders before anyone gives one: the default allocation, the scenario's
    opening policies and training share."""
    start = scenario.start.us if side == "us" else scenario.start.china
    return Orders.default(side).model_copy(
        update={"policies": start.policies, "training_share": start.training_share})


def merge_orders(previous: Orders, partial: Orders | Mapping[str, Any]) -> Orders:
    """`partial`'s written fields over `previous`: the allocation whole, the training
    share, and the policies one by one. Every kind of orders that gives only what changes
    (orders files, the scenario's scripted quarters) fills its gaps here. `partial` is
    Orders (the fields it was given explicitly count) or plain data (the keys it has;
    validated: raises pydantic's ValidationError)."""
    if isinstance(partial, Orders):
        changes: dict[str, Any] = partial.model_dump(include=set(partial.model_fields_set))
        if "policies" in changes:
            changes["policies"] = partial.policies.model_dump(
                include=set(partial.policies.model_fields_set))
    else:
        changes = dict(partial)
    merged = previous.model_dump()
    for key, value in changes.items():
        if key == "policies" and isinstance(value, Mapping):
            merged["policies"] = {**merged["policies"], **value}
        else:
            merged[key] = value
    return parse_orders(previous.side, merged)
