"""The `[params]` table of a scenario, generated from the engine's parameter spec.

Each parameter's shape (one number, or a list with one entry per policy level), unit and
allowed range are checked and reported at the value that is wrong; schemas.py gives an
editor all three. The ranges are what keeps the engine finite: it divides by costs and
lead times, treats shares as fractions and compounds growth rates over up to 200
quarters, so every range is closed on both sides, with costs kept away from zero and
growth rates low enough that 200 quarters of compounding stay far inside a float
(tests/test_finite.py draws scenarios from anywhere in these ranges and plays them).
A new parameter gets its unit's range; add a row to _BY_NAME where its meaning narrows it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from game.engine.params import PARAM_NAMES, PARAM_SPECS, param_shape
from game.engine.state import PIPELINE_SLOTS
from game.model.errors import Loc, LocatedProblems, bounds_text, unknown

Number = float | list[float]

_CONFIG = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True,
                     allow_inf_nan=False)

# Allowed values by unit ({"ge": 0} and the like, as pydantic's Field takes them).
_BY_UNIT: dict[str, dict[str, float]] = {
    "share": {"ge": 0.0, "le": 1.0},
    "probability": {"ge": 0.0, "le": 1.0},
    "quarters": {"ge": 1.0, "le": float(PIPELINE_SLOTS)},
    # +50% a quarter is 5x a year; 200 quarters of it is 1e35, and products of a few
    # such figures stay finite; at -100% a figure the engine divides by is zero at once
    "1/quarter": {"ge": -0.5, "le": 0.5},
    "x": {"ge": 0.0, "le": 100.0},
    "x per quarter": {"ge": 0.0, "le": 10.0},
    "x per 100%": {"ge": 0.0, "le": 100.0},
    # the engine divides by costs: a cost near zero buys an overflowing amount
    "$B per M H100e": {"ge": 0.01, "le": 1e4},
    "$B per M H100e/quarter": {"ge": 0.01, "le": 1e4},
    "$B per GW": {"ge": 0.01, "le": 1e4},
    "$B/quarter": {"ge": 0.01, "le": 1e4},
    "kW": {"ge": 0.01, "le": 100.0},
    "FLOP": {"ge": 1e12, "le": 1e30},
    "$ per M tokens": {"ge": 1e-4, "le": 1e4},
    "quadrillion tokens/quarter": {"ge": 1e-3, "le": 1e6},
    "quadrillion tokens per M H100e-quarter": {"ge": 1e-3, "le": 1e4},
    "M H100e": {"ge": 0.0, "le": 1e4},
    "M H100e/quarter": {"ge": 0.0, "le": 1e3},
    "points": {"ge": -100.0, "le": 100.0},
    "points per level": {"ge": -100.0, "le": 100.0},
    "-": {"ge": 0.0, "le": 10.0},
    "1/log10 FLOP": {"ge": 0.0, "le": 100.0},
    # a capability (log10 of a training run's FLOP): today's frontier is about 26
    "log10 FLOP": {"ge": 20.0, "le": 35.0},
}
UNBOUNDED_UNIT: dict[str, float] = {"ge": -1e6, "le": 1e6}
"""A unit not listed above (a new parameter's): still a closed range."""
# Where a parameter's meaning narrows its unit's range.
_BY_NAME: dict[str, dict[str, float]] = {
    # shares of a gap closed (or of a stock lost) each quarter
    "yield_learning": {"ge": 0.0, "le": 1.0},
    "localization_learning": {"ge": 0.0, "le": 1.0},
    "chip_retire": {"ge": 0.0, "le": 1.0},
    "diffusion_rate": {"ge": 0.0, "le": 1.0},
    "tension_relax": {"ge": 0.0, "le": 1.0},
    # multipliers the engine divides by, or that set a price
    "import_premium": {"ge": 0.01, "le": 100.0},
    "smuggle_premium": {"ge": 0.01, "le": 100.0},
    "equipment_fab_cost": {"ge": 0.01, "le": 100.0},
    "subsidy_price": {"ge": 0.01, "le": 100.0},
    "margin": {"ge": 0.01, "le": 100.0},
    # China's legal chip price over list: buyers divide their money by it (0 is 0/0)
    "export_unit_price": {"ge": 0.01, "le": 100.0},
    # saturation relative to today's spending: demand is divided by it (0 is 0/0), and
    # below 1 the market would be cut at once instead of saturating
    "demand_ceiling": {"ge": 1.0, "le": 100.0},
    # money held over, in quarters of base budget: below 0 it takes money away and the
    # budget goes negative; a year's worth is already far beyond any treasury
    "reserve_cap": {"ge": 0.0, "le": 4.0},
    # demand ~ price^-elasticity, and prices fall every quarter
    "elasticity": {"ge": 0.01, "le": 4.0},
    # efficiencies the engine divides by: they never shrink on their own
    "algo_growth": {"ge": 0.0, "le": 0.5},
    "hw_growth": {"ge": 0.0, "le": 0.5},
    "energy_growth": {"ge": 0.0, "le": 0.5},
    # exponents on a spending ratio that may reach 1e5: above 1 it compounds past a float
    "research_elasticity": {"ge": 0.0, "le": 1.0},
    # reference spending the engine divides by
    "research_ref": {"ge": 0.1, "le": 1e4},
    "intel_ref": {"ge": 0.1, "le": 1e4},
    # a price over list: below 1 the scarcity price can reach 0, which buys without end
    "scarcity_markup_max": {"ge": 1.0, "le": 100.0},
    # serving cost grows as 10^(capability x this): above 2 it overflows within the clock
    "frontier_size_exponent": {"ge": 0.0, "le": 2.0},
    # a decay factor: above 1 the growth it damps would compound without end
    "budget_growth_decay": {"ge": 0.0, "le": 1.0},
    "utilization": {"gt": 0.0, "le": 1.0},
    "largest_run_share": {"gt": 0.0, "le": 1.0},
    "tension_base": {"ge": 0.0, "le": 100.0},
    # above 100 no crisis can happen (tension never exceeds 100)
    "crisis_threshold": {"ge": 1.0, "le": 200.0},
    "crisis_onset": {"ge": 0.0, "le": 100.0},
    "crisis_shape": {"gt": 0.0, "le": 10.0},
    "crisis_loss": {"ge": 0.0, "le": 100.0},
}


def param_domain(name: str) -> dict[str, float]:
    """The allowed range of a parameter's values (pydantic Field constraints)."""
    spec = PARAM_SPECS[name]
    return dict(_BY_NAME.get(name, _BY_UNIT.get(spec["unit"], UNBOUNDED_UNIT)))


def param_form(name: str) -> str:
    spec = PARAM_SPECS[name]
    if spec["kind"] == "table":
        return f"a list of {param_shape(name)[1]} numbers, one per policy level"
    return "one number for both sides" if spec["kind"] == "shared" else \
        "us and china numbers (or one value for both)"


class ParamEntry(BaseModel):
    """One model constant: a shared `value`, or `us` and `china` values; tables are lists
    with one entry per policy level."""

    model_config = _CONFIG

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
        if self.value is None and self.us is None and self.china is None:
            raise LocatedProblems([(("value",), "required but missing: give `value`, or "
                                                "both `us` and `china`")])
        if self.value is None and (self.us is None or self.china is None):
            missing = "china" if self.china is None else "us"
            raise LocatedProblems([((missing,), "required but missing: give both `us` and "
                                                "`china`, or one `value` for both")])
        if self.value is not None and (self.us is not None or self.china is not None):
            given = "us" if self.us is not None else "china"
            raise LocatedProblems([((given,), "give either `value` or `us` and `china`, "
                                              "not both")])
        return self

    def rows(self) -> tuple[Number, Number]:
        if self.value is not None:
            return self.value, self.value
        assert self.us is not None and self.china is not None
        return self.us, self.china


def check_entry(name: str, entry: ParamEntry) -> list[tuple[Loc, str]]:
    """Shape, range and unit of one parameter's entry, as (path, message) problems."""
    spec = PARAM_SPECS[name]
    problems: list[tuple[Loc, str]] = []
    if entry.unit is not None and entry.unit != spec["unit"]:
        problems.append((("unit",), unknown("unit", entry.unit, [spec["unit"]])))
    size = param_shape(name)[1] if spec["kind"] == "table" else 0
    domain = param_domain(name)
    for key in ("value", "us", "china"):
        row = getattr(entry, key)
        if row is None:
            continue
        if size and not isinstance(row, list):
            problems.append(((key,), f"a list of {size} numbers, one per policy level, "
                                     f"got {row!r}"))
            continue
        if size and len(row) != size:
            problems.append(((key,), f"a list of {size} numbers, one per policy level "
                                     f"(got {len(row)})"))
            continue
        if not size and isinstance(row, list):
            problems.append(((key,), f"one number, not a list (got {row!r})"))
            continue
        numbers = row if isinstance(row, list) else [row]
        for i, number in enumerate(numbers):
            if not in_domain(number, domain):
                loc: Loc = (key, i) if size else (key,)
                problems.append((loc, f"out of range (allowed: {domain_text(name)}), "
                                      f"got {number:g}"))
    return problems


def in_domain(x: float, d: dict[str, float]) -> bool:
    return not (("ge" in d and x < d["ge"]) or ("gt" in d and x <= d["gt"])
                or ("le" in d and x > d["le"]) or ("lt" in d and x >= d["lt"]))


def domain_text(name: str) -> str:
    """"0 to 1", "above 0"...: a parameter's allowed values in words."""
    d = param_domain(name)
    text = bounds_text(d.get("ge", d.get("gt")), "gt" in d, d.get("le", d.get("lt")),
                       "lt" in d)
    return text or "any number"


class _ParamsBase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @model_validator(mode="after")
    def _all_given_and_sound(self) -> _ParamsBase:
        problems: list[tuple[Loc, str]] = []
        for name in PARAM_NAMES:
            entry = getattr(self, name)
            if entry is None:
                problems.append(((name,), "required but missing (give it here, or inherit it "
                                          "with `extends`)"))
                continue
            problems.extend(((name, *loc), msg) for loc, msg in check_entry(name, entry))
        if problems:
            raise LocatedProblems(problems)
        return self


def param_doc(name: str) -> str:
    spec = PARAM_SPECS[name]
    return f"{spec['doc']} Unit: {spec['unit']}. Form: {param_form(name)}."


# One shared entry model: a generated model per parameter would cost most of a second
# of start-up; the per-parameter JSON Schema is built in schemas.py instead.
_FIELDS: dict[str, Any] = {
    name: (ParamEntry | None, Field(None, description=param_doc(name))) for name in PARAM_NAMES}
ScenarioParams: type[BaseModel] = create_model(
    "ScenarioParams",
    __base__=_ParamsBase,
    __doc__="Model constants. Every one must be given (or inherited through `extends`).",
    **_FIELDS,
)
