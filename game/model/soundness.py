"""What keeps a valid scenario finite beyond each field's own range (issue 15): checks
that need several fields at once. The parameter ranges themselves are in params_model.py,
next to the parameters.

- Each side scores by at least one non-zero victory weight (all zero divides by zero).
- A card's parameter change keeps the parameter inside its allowed range: a multiply or
  add is applied to the scenario's own value and the result checked.
- A card's change to a state figure is bounded: an amount of at most
  EFFECT_LIMITS["state_amount"], and a factor whose compounding over every quarter the
  card can be active stays within EFFECT_LIMITS["compounded"] either way (a repeating
  card doubling a figure for 200 quarters overflows). Efficiencies, which the engine
  divides by, may only be lowered by a factor, never by an amount (it would reach 0).
- Starting figures are at most START_LIMITS (a budget of 1e308 overflows the first sum).
- Side parameters whose two values share a whole (SHARED_WHOLES: the two home markets'
  shares of world spending, the rest of the world buying the remainder) sum to at most
  it, in the scenario and after any card's change (a negative rest of the world turns
  the price index negative and demand non-finite).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from game.model.errors import Loc
from game.model.params_model import domain_text, in_domain, param_domain

if TYPE_CHECKING:
    from game.model.scenario import Scenario

START_LIMITS: dict[str, float] = {
    "budget": 1e4, "compute": 1e4, "inventory": 1e4, "fab_home": 1e3, "fab_taiwan": 1e3,
    "dc_gw": 1e4, "power_gw": 1e4, "intel": 1e4}
"""Upper limits of starting figures ($B per quarter, M H100e, M H100e/quarter, GW): about
a hundred times today's world."""

EFFECT_LIMITS: dict[str, float] = {"state_factor": 10.0, "state_amount": 1e4,
                                   "compounded": 1e6}
"""A card's change to a state figure: the largest factor, the largest amount (either
sign), and the largest total change (or its inverse) a factor may compound to."""
SHARED_WHOLES: dict[str, float] = {"home_market": 1.0}
"""Side parameters whose US and China values are parts of one whole: their largest sum."""
DIVISORS = ("algo_eff", "hw_eff")
"""State figures the engine divides by."""


def soundness_problems(scenario: Scenario) -> list[tuple[Loc, str]]:
    return [*_victory(scenario), *_starts(scenario), *_wholes(scenario),
            *_effects(scenario)]


def _whole_problem(name: str, us: float, china: float) -> str:
    whole = SHARED_WHOLES[name]
    if us + china <= whole:
        return ""
    return (f"{name} for the US bloc ({us:g}) and China ({china:g}) sum to {us + china:g}: "
            f"they are shares of one whole and may sum to at most {whole:g}")


def _wholes(scenario: Scenario) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    for name in SHARED_WHOLES:
        entry = getattr(scenario.params, name, None)
        if entry is not None and (problem := _whole_problem(name, *entry.rows())):
            problems.append((("params", name), problem))
    return problems


def _victory(scenario: Scenario) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    for side in ("us", "china"):
        weights = getattr(scenario.victory, side)
        if not any(w > 0 for w in weights.as_list()):
            problems.append((("victory", side), "every score weight is 0: give at least one "
                                                "term a weight above 0"))
    return problems


def _starts(scenario: Scenario) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    for side in ("us", "china"):
        start = getattr(scenario.start, side)
        for name, limit in START_LIMITS.items():
            value = getattr(start, name, None)
            if value is not None and value > limit:
                problems.append((("start", side, name), f"out of range (allowed: 0 to "
                                                        f"{limit:g}), got {value:g}"))
    return problems


def _effects(scenario: Scenario) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    for i, card in enumerate(scenario.events):
        for k, effect in enumerate(card.effects):
            where: Loc = ("events", i, "effects", k, "value")
            kind = getattr(effect, "kind", "")
            if kind not in ("multiply", "add"):
                continue
            value = float(effect.value)
            state = getattr(effect, "state", None)
            if state is not None:
                times = scenario.clock.turns if not card.once or card.duration <= 0 \
                    else min(card.duration, scenario.clock.turns)
                problem = _state_change(state, kind, value, times)
                if problem:
                    problems.append((where, problem))
            elif isinstance(param := getattr(effect, "param", None), str):
                problems.extend(_param_change(scenario, where, param, kind, value,
                                              getattr(effect, "level", None),
                                              getattr(effect, "side", "both")))
    return problems


def _state_change(state: str, kind: str, value: float, times: int) -> str:
    """What is wrong with changing `state` by `value` up to `times` quarters, or ''."""
    if kind == "add":
        limit = EFFECT_LIMITS["state_amount"]
        if abs(value) > limit:
            return f"out of range (allowed: {-limit:g} to {limit:g}), got {value:g}"
        if state in DIVISORS and value < 0:
            return (f"{state} may not be lowered by an amount (it could reach 0, which the "
                    "model divides by): use kind = \"multiply\" with a factor below 1")
        return ""
    limit, most = EFFECT_LIMITS["state_factor"], EFFECT_LIMITS["compounded"]
    if not 0 <= value <= limit:
        return f"out of range (allowed: 0 to {limit:g}), got {value:g}"
    if value == 0:
        return "" if state not in DIVISORS else (
            f"a factor of 0 sets {state} to 0, which the model divides by")
    if times * abs(math.log(value)) > math.log(most):
        return (f"a factor of {value:g}, applied in each of up to {times} quarters, "
                f"compounds to {math.exp(times * math.log(value)):.3g}, beyond what the model can hold "
                f"(allowed: {most:g} or its inverse in total); use a factor closer to 1 "
                "or a card that fires once")
    return ""


def _param_change(scenario: Scenario, where: Loc, name: str, kind: str, value: float,
                  level: int | None, side: str) -> list[tuple[Loc, str]]:
    """The parameter's values after the change must stay in its range (for the sides
    it changes)."""
    entry = getattr(scenario.params, name, None)
    if entry is None:
        return []
    domain = param_domain(name)
    us, china = entry.rows()
    if name in SHARED_WHOLES:
        def change(x: float, changed: bool) -> float:
            return x if not changed else x * value if kind == "multiply" else x + value
        problem = _whole_problem(name, change(us, side != "china"),
                                 change(china, side != "us"))
        if problem:
            return [(where, f"would leave {problem}")]
    rows = [us] if side == "us" else [china] if side == "china" else [us, china]
    for row in rows:
        numbers: list[Any] = row if isinstance(row, list) else [row]
        if level is not None and isinstance(row, list):
            numbers = numbers[level:level + 1]
        for number in numbers:
            after = number * value if kind == "multiply" else number + value
            if not in_domain(after, domain):
                return [(where, f"would take {name} from {number:g} to {after:g}, outside "
                                f"its range ({domain_text(name)})")]
    return []
