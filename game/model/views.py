"""What one side sees, as a pydantic snapshot for the UI, the CLI and scripts."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from game.engine import events
from game.engine.log import TurnLog
from game.engine.metrics import METRICS, metrics
from game.engine.observation import OBSERVED, estimate_range, estimates, is_exact
from game.engine.orders import POLICIES
from game.engine.rules import Rules
from game.engine.state import WorldState
from game.engine.types import SIDES, side_index
from game.model.clock import quarter_label
from game.model.scenario import Scenario

# The other side's metrics a player sees as estimates, and the observed figure behind each.
ESTIMATED: dict[str, str] = {
    "budget": "budget", "compute": "compute", "inventory": "inventory",
    "power_gw": "power_gw", "dc_gw": "dc_gw", "power_used_gw": "power_used_gw",
    "algo_efficiency": "algo_eff", "hw_efficiency": "hw_eff", "capability": "capability",
    "market_share": "market_share", "revenue": "revenue",
}


class Figure(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    unit: str
    label: str
    value: float


class Estimate(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    unit: str
    label: str
    value: float
    low: float
    high: float
    confidence: str  # "high" | "fair" | "low" | "exact"


class SideView(BaseModel):
    """A side's view of the game before it orders."""

    model_config = ConfigDict(frozen=True)
    side: str
    turn: int  # 0-based turn about to be played
    turns: int
    date: str
    tension: float
    own: dict[str, Figure]
    other: dict[str, Estimate]
    own_policies: dict[str, float]
    other_policies: dict[str, float]
    news: list[str]  # titles of the events that fired last turn
    scores: dict[str, float]


def confidence_word(sigma: float) -> str:
    if sigma <= 0.1:
        return "high"
    if sigma <= 0.25:
        return "fair"
    return "low"


def build_view(scenario: Scenario, rules: Rules, state: WorldState, last: TurnLog | None,
               turn: int, side: str) -> SideView:
    i = side_index(side)
    m = metrics(state, last)
    own = {name: Figure(name=name, unit=unit, label=label, value=float(m[name][0, i]))
           for name, (unit, label) in METRICS.items()}
    p = events.effective_params(state, rules.params, rules.deck)
    est, sigma = estimates(state, p, turn)
    s = float(sigma[0, i])
    other = {}
    for name, observed in ESTIMATED.items():
        unit, label = METRICS[name]
        value = float(est[0, i, OBSERVED.index(observed)])
        low, high = estimate_range(observed, value, s)
        other[name] = Estimate(name=name, unit=unit, label=label, value=value, low=low,
                               high=high,
                               confidence="exact" if is_exact(observed) else confidence_word(s))
    news = []
    if last is not None and last.events_fired is not None:
        news = [rules.deck.titles[k] for k in range(rules.deck.size) if last.events_fired[0, k]]
    return SideView(
        side=side, turn=turn, turns=scenario.clock.turns,
        date=quarter_label(scenario.clock.start, min(turn, scenario.clock.turns - 1)),
        tension=float(state.tension[0]), own=own, other=other,
        own_policies={n: float(v) for n, v in zip(POLICIES[side], state.policy[0, i],
                                                   strict=True)},
        other_policies={n: float(v) for n, v in zip(POLICIES[SIDES[1 - i]],
                                                     state.policy[0, 1 - i], strict=True)},
        news=news,
        scores={s_: float(state.score[0, k]) for k, s_ in enumerate(SIDES)},
    )
