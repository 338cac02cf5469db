"""Pydantic types at the boundary: scenarios, orders, records and their loading."""

from game.model.compile import compile_rules, opening_state, rules_for
from game.model.errors import InputError
from game.model.loader import load_scenario, scenario_hash, shipped_names
from game.model.orders import (
    Allocation,
    ChinaOrders,
    ChinaPolicies,
    Orders,
    USOrders,
    USPolicies,
    orders_from_arrays,
    parse_orders,
)
from game.model.scenario import Scenario

__all__ = [
    "Allocation", "ChinaOrders", "ChinaPolicies", "InputError", "Orders", "Scenario",
    "USOrders", "USPolicies", "compile_rules", "load_scenario", "opening_state",
    "orders_from_arrays", "parse_orders", "rules_for", "scenario_hash", "shipped_names",
]
