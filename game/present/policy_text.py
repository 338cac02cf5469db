"""Policies in words: each level's one-line effect and tension cost, read from the
parameters in force (events included), so the orders screen states the model's own numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.orders import POLICY_SCALE
from game.engine.params import Params
from game.engine.tables import lookup
from game.engine.tension import policy_jump
from game.engine.types import CHINA, US, side_index
from game.present.words import POLICY_VOCABULARY, Policy

PERCENT_STEP = 10.0  # one key press on a percent policy


@dataclass(frozen=True)
class PolicySpec(Policy):
    """A policy as the orders screen edits it: the vocabulary's entry and a key step."""

    step: float = 1.0  # one key press

    def level_word(self, value: float) -> str:
        return self.setting(value, bracketed=False)


def specs(side: str) -> list[PolicySpec]:
    return [PolicySpec(p.side, p.name, p.label, p.words, p.kind, p.maximum, p.column,
                       PERCENT_STEP if p.kind == "percent" else 1.0)
            for p in POLICY_VOCABULARY[side]]


def _table(p: Params, name: str, side: int, level: float) -> float:
    """The value the engine reads at `level` (engine.tables.lookup: the same indexing)."""
    return float(lookup(np.asarray(getattr(p, name)), side, np.array([level]))[0])


def _side(p: Params, name: str, side: int) -> float:
    return float(np.ravel(np.asarray(getattr(p, name))[..., side])[0])


def effect(spec: PolicySpec, value: float, p: Params) -> str:
    """One line: what this level does in the model."""
    n = spec.name
    if n == "export_controls":
        cap = _table(p, "export_cap_share", US, value)
        worth = _table(p, "export_value", US, value)
        cloud = "cloud access closed" if value >= 4 else "cloud rental open"
        return (f"China may buy {cap:.1%} of US-bloc output legally, chips worth "
                f"{worth:.0%} of the best; {cloud}")
    if n == "equipment_controls":
        return (f"China's yield ceiling {_table(p, 'yield_ceiling', CHINA, value):.0%}, fab cost "
                f"×{_table(p, 'equipment_fab_cost', CHINA, value):.2f}, chip progress "
                f"×{_table(p, 'equipment_hw_growth', CHINA, value):.2f}")
    if n == "domestic_build_pct":
        extra = _side(p, "onshore_premium", US) * value / 100
        return f"US fabs, data centers and power cost +{extra:.0%} (safer if Taiwan is cut off)"
    if n == "enforcement":
        return (f"smuggled volume ×{_table(p, 'enforcement_mult', US, value):.2f}; smuggling "
                f"exposed with {_table(p, 'smuggle_detect', US, value):.0%} chance a quarter")
    if n == "open_weights":
        if value < 0.5:
            return "weights kept closed"
        cut = _side(p, "open_weights_margin_cut", side_index(spec.side))
        diffusion = _side(p, "diffusion_rate", side_index(spec.side))
        return (f"margins cut {cut:.0%}; the other side closes {diffusion:.0%} of an "
                "efficiency gap a quarter")
    if n == "localization_pct":
        learn = _side(p, "localization_learning", CHINA) * value / 100
        return (f"{value:.0f}% of new deployments on domestic chips; yield learning "
                f"+{learn:.3f} a quarter")
    if n == "mineral_controls":
        return (f"US-bloc chip output ×{_table(p, 'mineral_output', US, value):.2f}; China "
                f"forgoes {_table(p, 'mineral_budget_cost', CHINA, value):.1%} of its budget")
    if n == "smuggling":
        return (f"up to {_table(p, 'smuggle_volume', CHINA, value):.2f} M H100e a quarter "
                "through third countries, before enforcement")
    if n == "price_subsidy":
        return f"China's token price ×{_table(p, 'subsidy_price', CHINA, value):.2f}"
    return ""


def tension_per_step(spec: PolicySpec, p: Params) -> float:
    """Tension added by raising the policy one key press (percent policies: 10 points)."""
    cost = _table(p, "tension_cost", side_index(spec.side), spec.column)
    return cost * spec.step / POLICY_SCALE[spec.side][spec.column]


def tension_jump(spec: PolicySpec, in_force: float, ordered: float, p: Params) -> float:
    """The tension the change from `in_force` to `ordered` adds at once, by the engine's
    own rule (engine.tension.policy_jump, which the tension phase uses)."""
    old = np.zeros((2, len(POLICY_SCALE[spec.side])))
    new = old.copy()
    row = side_index(spec.side)
    old[row, spec.column], new[row, spec.column] = in_force, ordered
    jump = np.asarray(policy_jump(old, new, p))  # (2, 5), or (B, 2, 5) under an event
    return float(jump[..., row, spec.column].reshape(-1)[0])
