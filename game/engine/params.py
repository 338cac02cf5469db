"""Model constants. The dataclass fields *are* the parameter specification: unit, shape and
meaning live in each field's metadata, and the scenario model and docs are generated from it.

Shapes: a `side` parameter is (2,) [us, china] or, once an event modifies it, (batch, 2).
A `table` parameter is (2, n) or (batch, 2, n): one row per side, one column per policy
level. Shared constants are stored per side too (both entries equal) so that every event
effect can target a side without special cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

import numpy as np

from game.engine.types import FloatArray

ParamKind = Literal["side", "shared", "table"]


def _param(unit: str, doc: str, kind: ParamKind = "side", size: int = 0,
           reads: tuple[str, ...] = ("us", "china")) -> Any:
    """`reads`: the sides whose value (or table row) the rules read; a change for a side
    the rules do not read would do nothing, so validation refuses it."""
    return field(metadata={"unit": unit, "doc": doc, "kind": kind, "size": size,
                           "reads": reads})


# No slots: the values live in the instance's __dict__, so `with_values` (a few times a
# turn: uncertainty draws, active cards) is one dict copy, not __init__ over every field.
@dataclass(frozen=True)
class Params:
    # --- budgets -------------------------------------------------------------------------
    budget_growth: FloatArray = _param(
        "1/quarter", "Growth of the AI budget in the first quarter, before reinvested "
        "revenue.")
    budget_growth_decay: FloatArray = _param(
        "x per quarter", "Each quarter the budget's growth rate is multiplied by this: a "
        "capex boom slows as it matures.")
    revenue_reinvest: FloatArray = _param(
        "share", "Share of inference revenue added to next quarter's budget.")
    reserve_keep: FloatArray = _param(
        "share", "Share of money left unspent in a quarter that can be held for the next "
        "(the rest is lost: committed budgets lapse, capital goes elsewhere).")
    reserve_cap: FloatArray = _param(
        "share of base budget", "Most money a side can hold over to the next quarter, as a "
        "share of its base budget.")
    export_reinvest: FloatArray = _param(
        "share", "Share of chip-export revenue (sales to China and the rest of the world) "
        "added to next quarter's US-bloc budget.", reads=("us",))
    # --- chips and fabs ------------------------------------------------------------------
    chip_cost: FloatArray = _param(
        "$B per M H100e", "Price of home-market accelerators at the start, per M H100e "
        "(US: Nvidia-class systems; China: domestic Ascend-class).")
    hw_growth: FloatArray = _param(
        "1/quarter", "Growth of hardware price-performance (H100e per dollar) per quarter.")
    import_premium: FloatArray = _param(
        "x", "Price multiplier China pays for legal imports relative to the US price.",
        "shared")
    smuggle_premium: FloatArray = _param(
        "x", "Price multiplier on smuggled chips relative to the US price.", "shared")
    scarcity_markup_max: FloatArray = _param(
        "x", "Highest chip price over list when buyers' money exceeds the chips they can "
        "reach: the price rises with scarcity up to here, beyond it chips are rationed and "
        "money goes unspent.", "shared")
    row_chip_share: FloatArray = _param(
        "share", "Share of US-bloc chip output bought by the rest of the world.", "shared")
    fab_cost: FloatArray = _param(
        "$B per M H100e/quarter", "Cost of new home fab capacity (US onshore, China "
        "domestic), per M H100e per quarter of output at start technology.")
    taiwan_fab_cost: FloatArray = _param(
        "$B per M H100e/quarter", "Cost of new Taiwan fab capacity for the US bloc.", "shared")
    fab_lead: FloatArray = _param("quarters", "Quarters from fab spending to output.")
    taiwan_output: FloatArray = _param(
        "x", "Multiplier on Taiwan fab output (a blockade or crisis cuts it).", "shared")
    yield_ceiling: FloatArray = _param(
        "share", "Best reachable fab yield by the US equipment-controls level (0-3).",
        "table", 4)
    yield_learning: FloatArray = _param(
        "1/quarter", "Share of the gap to the yield ceiling closed each quarter.")
    localization_learning: FloatArray = _param(
        "1/quarter", "Extra yield learning per quarter at a 100% localization mandate "
        "(volume teaches the fabs).", reads=("china",))
    equipment_fab_cost: FloatArray = _param(
        "x", "Multiplier on China's fab cost by equipment-controls level (0-3).", "table", 4, reads=("china",))
    equipment_hw_growth: FloatArray = _param(
        "x", "Multiplier on China's hardware progress by equipment-controls level (0-3).",
        "table", 4, reads=("china",))
    chip_retire: FloatArray = _param(
        "1/quarter", "Share of compute in service retired each quarter.")
    mineral_output: FloatArray = _param(
        "x", "US-bloc chip output multiplier by China's mineral-controls level (0-3).",
        "table", 4, reads=("us",))
    mineral_budget_cost: FloatArray = _param(
        "share", "Share of China's budget lost to forgone mineral exports by level (0-3).",
        "table", 4, reads=("china",))
    export_cap_share: FloatArray = _param(
        "share", "Share of US-bloc output that may be sold to China by export-controls "
        "level (0-4).", "table", 5, reads=("us",))
    export_value: FloatArray = _param(
        "x", "Training compute of a chip China may buy legally, relative to an H100, by "
        "export-controls level (0-4) (H20 class: ~0.15).", "table", 5, reads=("us",))
    export_inference_value: FloatArray = _param(
        "x", "Inference worth of a chip China may buy legally, relative to an H100, by "
        "export-controls level (0-4): export-grade parts keep their memory bandwidth.",
        "table", 5, reads=("us",))
    export_unit_price: FloatArray = _param(
        "x", "Price of a chip China may buy legally, relative to an H100, by "
        "export-controls level (0-4).", "table", 5, reads=("us",))
    cloud_rental: FloatArray = _param(
        "M H100e", "Compute China rents abroad for training while cloud access is open "
        "(export controls below 4).", "shared")
    smuggle_volume: FloatArray = _param(
        "M H100e/quarter", "Chips a smuggling effort (0-3) can move per quarter with no "
        "enforcement.", "table", 4, reads=("china",))
    enforcement_mult: FloatArray = _param(
        "x", "Multiplier on smuggled volume by US enforcement level (0-3).", "table", 4, reads=("us",))
    smuggle_detect: FloatArray = _param(
        "probability", "Chance per quarter that smuggling is exposed, by enforcement level "
        "(0-3), while any smuggling goes on.", "table", 4, reads=("us",))
    smuggle_detect_tension: FloatArray = _param(
        "points", "Tension added when a smuggling case is exposed.", "shared")
    # --- data centers and power ----------------------------------------------------------
    dc_cost: FloatArray = _param("$B per GW", "Cost of new data-center capacity.")
    power_cost: FloatArray = _param("$B per GW", "Cost of new grid power for data centers.")
    dc_lead: FloatArray = _param("quarters", "Quarters from data-center spending to capacity.")
    power_lead: FloatArray = _param(
        "quarters", "Quarters from power spending to connected capacity.")
    kw_per_h100e: FloatArray = _param(
        "kW", "Power per H100e of the fleet in service at the start, overhead included.",
        "shared")
    new_chip_kw: FloatArray = _param(
        "kW", "Power per H100e of chips bought at the start (newer parts do more per watt), "
        "overhead included; falls with energy_growth.", "shared")
    energy_growth: FloatArray = _param(
        "1/quarter", "Growth of compute per watt of new chips per quarter.", "shared")
    onshore_premium: FloatArray = _param(
        "x per 100%", "Extra US unit cost of fabs, data centers and power at a 100% "
        "domestic-build rule.", "shared")
    onshore_relocation: FloatArray = _param(
        "1/quarter", "Share of the gap between onshore fab capacity and the share the "
        "domestic-build rule requires that is rebuilt onshore each quarter (at the onshore "
        "premium).", "shared")
    onshore_fab_share: FloatArray = _param(
        "share", "Share of US fab spending that goes onshore with no domestic-build rule.",
        "shared")
    # --- research and capability ---------------------------------------------------------
    algo_growth: FloatArray = _param(
        "1/quarter", "Growth of algorithmic efficiency per quarter at the reference research "
        "spend.")
    research_ref: FloatArray = _param("$B/quarter", "Reference research spend.")
    research_elasticity: FloatArray = _param(
        "-", "Returns to research spending (growth scales with spend^elasticity).", "shared")
    constraint_bonus: FloatArray = _param(
        "-", "Extra research productivity of a compute-starved side, per unit of shortfall "
        "against the other side's compute, while it trails the efficiency frontier: "
        "catch-up that fades as the gap closes, never a lead.", "shared")
    research_redirect: FloatArray = _param(
        "share", "Share of chip money that finds no chips which labs spend on efficiency "
        "research the same quarter.", "shared")
    diffusion_rate: FloatArray = _param(
        "1/quarter", "Share of the gap to the other side's efficiency (as released "
        "diffusion_lag quarters ago) closed each quarter while it releases open weights.",
        "shared")
    diffusion_lag: FloatArray = _param(
        "quarters", "Age of the efficiency an open-weight release passes on.", "shared")
    open_spillover: FloatArray = _param(
        "share", "Share of the releaser's own research growth that its open weights add to "
        "the other side's, even when the other side leads (new ideas travel both ways).",
        "shared")
    utilization: FloatArray = _param("share", "Model FLOP utilization of training.", "shared")
    largest_run_share: FloatArray = _param(
        "share", "Share of a quarter's training compute that goes into the largest run.")
    flop_per_h100e_quarter: FloatArray = _param(
        "FLOP", "Dense BF16 FLOP of one H100 running a whole quarter.", "shared")
    # --- inference market ----------------------------------------------------------------
    demand0: FloatArray = _param(
        "$B/quarter", "World inference spending at the start.", "shared")
    demand_growth: FloatArray = _param(
        "1/quarter", "Growth of inference spending at constant price, while the market is "
        "young (it fades toward the ceiling).", "shared")
    demand_ceiling: FloatArray = _param(
        "x", "World inference spending at saturation, relative to the start: growth and "
        "the response to falling prices both fade as spending nears it.", "shared")
    elasticity_mature: FloatArray = _param(
        "-", "Price elasticity of token demand once the market has saturated.", "shared")
    demand_level: FloatArray = _param(
        "x", "Multiplier on world inference spending (a world shock cuts it).", "shared")
    home_market: FloatArray = _param(
        "share", "Share of world inference spending in the side's home market (the rest of "
        "the world buys the remainder, so the two sum to at most 1).")
    home_bias: FloatArray = _param(
        "-", "Appeal of home models in the side's home market (log odds): licensing, "
        "language, trust.")
    open_weights_appeal: FloatArray = _param(
        "-", "Appeal (log odds) a side's open-weight release adds to its models in its home "
        "market and the rest of the world: adoption.", "shared")
    frontier_size_exponent: FloatArray = _param(
        "-", "Serving cost of the frontier model grows with its effective training compute "
        "to this power (bigger models cost more per token).", "shared")
    frontier_ref_capability: FloatArray = _param(
        "log10 FLOP", "Capability of the reference model whose price is `price` (fixed "
        "capability).", "shared")
    elasticity: FloatArray = _param(
        "-", "Price elasticity of token demand in a young market (above 1: cheaper "
        "inference raises spending); falls toward elasticity_mature as it saturates.",
        "shared")
    token_cost0: FloatArray = _param(
        "$ per M tokens", "Cost to serve a million tokens at the reference capability, at "
        "the start.")
    inference_growth: FloatArray = _param(
        "1/quarter", "Serving efficiency growth beyond hardware and training efficiency "
        "(distillation, quantisation, batching).", "shared")
    margin: FloatArray = _param("x", "Price over cost at the start.")
    open_weights_margin_cut: FloatArray = _param(
        "share", "Cut to the margin of a side that releases open weights (anyone may serve "
        "its models).", "shared")
    subsidy_price: FloatArray = _param(
        "x", "China's price multiplier by price-subsidy level (0-3).", "table", 4, reads=("china",))
    share_capability_weight: FloatArray = _param(
        "1/log10 FLOP", "Weight of capability in buyers' choice.", "shared")
    share_price_weight: FloatArray = _param(
        "-", "Weight of the (log) price of a side's best model in buyers' choice in the two "
        "home markets.", "shared")
    world_price_weight: FloatArray = _param(
        "-", "Weight of the (log) price of a side's best model in the rest of the world's "
        "choice (contested on capability and price).", "shared")
    tokens_per_h100e: FloatArray = _param(
        "quadrillion tokens per M H100e-quarter", "Serving throughput at the start, for the "
        "reference model (frontier models serve fewer).")
    # --- tension and intelligence --------------------------------------------------------
    tension_cost: FloatArray = _param(
        "points per level", "Tension added when a side raises a policy, per level (percent "
        "policies: per 100 points). Columns: the side's five policies in order.", "table", 5)
    tension_standing: FloatArray = _param(
        "points per level", "Tension a policy holds up while in force, per level.", "table", 5)
    tension_base: FloatArray = _param(
        "points", "Tension that rivalry alone sustains.", "shared")
    tension_relax: FloatArray = _param(
        "1/quarter", "Share of the gap to the sustained tension closed each quarter.", "shared")
    crisis_threshold: FloatArray = _param(
        "points", "Tension at which the crisis hazard peaks at crisis_hazard and open "
        "conflict is crisis_grave of the crises (engine/crisis.py).", "shared")
    crisis_onset: FloatArray = _param(
        "points", "Tension above which each quarter carries a chance of crisis.", "shared")
    crisis_hazard: FloatArray = _param(
        "probability", "Chance per quarter that a crisis breaks out at the crisis "
        "threshold.", "shared")
    crisis_shape: FloatArray = _param(
        "-", "How the hazard rises from the onset to the threshold: (share of the way "
        "there)^shape; 1 linear, 2 slow at first.", "shared")
    crisis_grave: FloatArray = _param(
        "share", "Share of crises at the threshold that are open conflict, which ends the "
        "game (from 0 at the onset, rising linearly).", "shared")
    crisis_loss: FloatArray = _param(
        "points", "Score points a game-ending crisis costs a side carrying all the blame "
        "(each side loses this times its blame share).", "shared")
    blame_memory: FloatArray = _param(
        "share", "Share of a side's recent escalation still held against it after a "
        "quarter.", "shared")
    intel_ref: FloatArray = _param(
        "$B/quarter", "Intelligence spend that halves the uncertainty of estimates.")
    fog_sigma: FloatArray = _param(
        "-", "Log-normal spread of estimates of the other side with no intelligence.",
        "shared")
    fog_floor: FloatArray = _param(
        "-", "Least spread of estimates, however much is spent.", "shared")

    def with_values(self, **values: FloatArray) -> Params:
        if not _NAME_SET.issuperset(values):
            raise TypeError(f"Params has no field(s) {sorted(values.keys() - _NAME_SET)}")
        new = object.__new__(Params)
        object.__setattr__(new, "__dict__", {**self.__dict__, **values})
        return new


PARAM_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Params))
_NAME_SET = frozenset(PARAM_NAMES)
PARAM_SPECS: dict[str, dict[str, Any]] = {f.name: dict(f.metadata) for f in fields(Params)}


def param_shape(name: str) -> tuple[int, ...]:
    spec = PARAM_SPECS[name]
    return (2, spec["size"]) if spec["kind"] == "table" else (2,)


def params_from_mapping(values: dict[str, Any]) -> Params:
    """Build Params from plain values (lists or numbers), checking every shape."""
    missing = [n for n in PARAM_NAMES if n not in values]
    if missing:
        raise ValueError(f"missing parameters: {', '.join(missing)}")
    arrays: dict[str, FloatArray] = {}
    for name in PARAM_NAMES:
        arr = np.asarray(values[name], dtype=np.float64)
        shape = param_shape(name)
        if arr.shape != shape:
            arr = np.broadcast_to(arr, shape).copy()
        arrays[name] = arr
    return Params(**arrays)
