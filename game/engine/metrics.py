"""The headline figures after a turn, as the CLI's METRICS contract names them."""

from __future__ import annotations

import numpy as np

from game.engine.log import TurnLog
from game.engine.state import WorldState
from game.engine.types import FloatArray

# name -> (unit, description)
METRICS: dict[str, tuple[str, str]] = {
    "compute": ("M H100e", "compute in service"),
    "inventory": ("M H100e", "chips stranded: bought, waiting for power or data centers"),
    "chips_produced": ("M H100e", "chips produced this quarter"),
    "chips_imported": ("M H100e", "chips imported legally this quarter"),
    "chips_smuggled": ("M H100e", "chips smuggled in this quarter"),
    "power_gw": ("GW", "connected power for data centers"),
    "dc_gw": ("GW", "data-center capacity"),
    "power_used_gw": ("GW", "power drawn by compute in service"),
    "algo_efficiency": ("x", "algorithmic efficiency (start = 1)"),
    "hw_efficiency": ("x", "hardware price-performance (start = 1)"),
    "capability": ("log10 FLOP", "best effective training run so far"),
    "budget": ("$B", "budget for next quarter"),
    "income": ("$B", "next quarter's income: base budget, reinvested revenue and chip "
                     "exports (the budget less any reserve held over)"),
    "unspent": ("$B", "money that found nothing to buy this quarter (mostly lost)"),
    "chip_export_revenue": ("$B", "US-bloc chip sales to China and the rest of the world "
                                  "this quarter"),
    "revenue": ("$B", "inference revenue this quarter"),
    "market_share": ("share", "share of world inference revenue"),
    "token_share": ("share", "share of world tokens served"),
    "home_share": ("share", "share of the side's home market (spending) served by its own "
                            "models"),
    "world_share": ("share", "share of the rest of the world's inference spending"),
    "tokens": ("quadrillion", "tokens of the side's best models served this quarter"),
    "price": ("$/M tokens", "price per million tokens at fixed capability"),
    "frontier_price": ("$/M tokens", "price per million tokens of the side's best model"),
    "score": ("points", "score by the scenario's victory rules"),
    "blame": ("share", "share of the tension the two sides drove up that this side drove"),
}
METRIC_NAMES: tuple[str, ...] = tuple(METRICS)

_FROM_STATE = {
    "compute": "compute", "inventory": "inventory", "power_gw": "power_gw", "dc_gw": "dc_gw",
    "power_used_gw": "power_used_gw", "algo_efficiency": "algo_eff",
    "hw_efficiency": "hw_eff", "capability": "capability", "budget": "budget",
    "revenue": "revenue", "market_share": "market_share", "tokens": "tokens",
    "price": "price", "score": "score", "income": "income", "token_share": "token_share",
    "home_share": "home_share", "world_share": "world_share", "frontier_price": "frontier_price",
    "blame": "blame",
}
_FROM_FLOWS = ("chips_produced", "chips_imported", "chips_smuggled", "unspent",
               "chip_export_revenue")


def metrics(state: WorldState, log: TurnLog | None) -> dict[str, FloatArray]:
    """name -> (B, 2). Without a log (the opening), flows are zero."""
    out = {name: getattr(state, field) for name, field in _FROM_STATE.items()}
    for name in _FROM_FLOWS:
        out[name] = log.flows[name] if log is not None else np.zeros((state.batch, 2))
    return {name: out[name] for name in METRIC_NAMES}
