"""Random valid scenarios for the finiteness property (issue 15): the baseline with every
parameter, starting figure, victory weight and card effect drawn from anywhere in its
allowed range, edges included. Shared by tests/test_finite.py and bench/bench_finite.py."""

from __future__ import annotations

import copy
import math
from typing import Any

from hypothesis import strategies as st

from game.engine.params import PARAM_SPECS, param_shape
from game.model.loader import find_scenario, raw_scenario
from game.model.params_model import in_domain, param_domain
from game.model.soundness import EFFECT_LIMITS, START_LIMITS

BASE: dict[str, Any] = raw_scenario(find_scenario("baseline-2025"))[1]


def _span(d: dict[str, float]) -> tuple[float, float]:
    lo = d.get("ge", d.get("gt", -1e6))
    hi = d.get("le", d.get("lt", 1e6))
    return float(lo), float(hi)


def in_range(d: dict[str, float]) -> st.SearchStrategy[float]:
    """Any number allowed by a domain, edges (and their log-midpoints) favoured."""
    lo, hi = _span(d)
    if "gt" in d:
        lo = lo + max(abs(lo), 1e-9) * 1e-6 if lo != 0 else min(1e-6, hi)
    if "lt" in d:
        hi = hi - max(abs(hi), 1e-9) * 1e-6
    edges = [lo, hi]
    if lo > 0:
        edges.append(math.sqrt(lo * hi))
    return st.one_of(st.sampled_from(edges),
                     st.floats(lo, hi, allow_nan=False, allow_infinity=False))


@st.composite
def params(draw: st.DrawFn) -> dict[str, Any]:
    out = copy.deepcopy(BASE["params"])
    for name, spec in PARAM_SPECS.items():
        if not draw(st.booleans()):
            continue
        domain = param_domain(name)
        size = param_shape(name)[1] if spec["kind"] == "table" else 0

        def row(domain: dict[str, float] = domain, size: int = size) -> Any:
            return [draw(in_range(domain)) for _ in range(size)] if size \
                else draw(in_range(domain))

        entry = {"unit": spec["unit"], "source": "random"}
        if spec["kind"] == "side":
            entry.update(us=row(), china=row())
        else:
            entry["value"] = row()
        out[name] = entry
    return out


@st.composite
def scenarios(draw: st.DrawFn, max_turns: int = 24) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["params"] = draw(params())
    data["clock"] = {**data["clock"], "turns": draw(st.integers(min(20, max_turns),
                                                                    max_turns))}
    for side in ("us", "china"):
        start = data["start"][side]
        for name, limit in START_LIMITS.items():
            if name in start and draw(st.booleans()):
                start[name] = draw(in_range({"ge": 0.0, "le": limit}))
        weights = {t: draw(st.sampled_from([0.0, 0.5, 1.0, 10.0])) for t in
                   ("capability", "compute_share", "market_share", "economy", "stability")}
        if not any(weights.values()):
            weights["stability"] = 1.0
        data["victory"][side] = weights
    turns = data["clock"]["turns"]
    # the largest factor a card repeating every quarter may carry (soundness.py)
    top = min(EFFECT_LIMITS["compounded"] ** (1 / turns), EFFECT_LIMITS["state_factor"])
    for card in data.get("events", []):
        card["probability"] = draw(st.sampled_from([0.0, 0.5, 1.0]))
        for effect in card.get("effects", []):
            if effect["kind"] == "multiply" and "state" in effect:
                effect["value"] = draw(in_range({"ge": 1 / top, "le": top}))
            elif "param" in effect and not _keeps_range(data["params"], effect):
                effect["value"] = 1.0 if effect["kind"] == "multiply" else 0.0
    return data


def _keeps_range(drawn: dict[str, Any], effect: dict[str, Any]) -> bool:
    """Whether a card's parameter change keeps the drawn parameter in its range."""
    name, value = effect["param"], effect["value"]
    entry, domain = drawn[name], param_domain(name)
    rows = [entry[k] for k in ("value", "us", "china") if k in entry]
    numbers = [x for row in rows for x in (row if isinstance(row, list) else [row])]
    return all(in_domain(x * value if effect["kind"] == "multiply" else x + value, domain)
               for x in numbers)
