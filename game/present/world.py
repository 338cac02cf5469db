"""The world a game drew and the crises it met, in words: the per-game factors of
engine/uncertainty.py (as logged in `TurnLog.drawn`) against the scenario's ranges, and
each quarter's crisis grade (`TurnLog.crisis_grade`). Facts from the engine, never
re-derived."""

from __future__ import annotations

from game.engine.crisis import CRISIS_NAMES, NONE
from game.engine.uncertainty import UNCERTAIN_NAMES
from game.present.figures import figure
from game.session import Game

# What each drawn factor scales, as a player reads it (uncertainty.UNCERTAIN_NAMES).
FACTOR_WORDS: dict[str, str] = {
    "elasticity": "Demand elasticity",
    "constraint_bonus": "Catch-up bonus of the side with less compute",
    "diffusion_rate": "Diffusion of open weights",
    "yield_ceiling": "China's fab yields",
    "blockade_severity": "Severity of a blockade of Taiwan",
    "blockade_duration": "Length of a blockade of Taiwan",
    "algo_growth_us": "US bloc's algorithmic pace",
    "algo_growth_china": "China's algorithmic pace",
}
# The grades of crisis.CRISIS_NAMES past "none", as the debrief says them.
CRISIS_WORDS: dict[str, str] = {
    "incident": "an incident at sea",
    "sanctions": "a sanctions spiral",
    "blockade": "a blockade of Taiwan",
    "conflict": "open conflict, which ended the game",
}


def _times(factor: float) -> str:
    return f"×{factor:.2f}"


def drawn_world(game: Game) -> list[str]:
    """One sentence per uncertain quantity: the factor this game drew on the scenario's
    value and the range it was drawn from (or that the scenario fixes it)."""
    if not game.history or game.history[0].log.drawn is None:
        return []
    drawn = game.history[0].log.drawn[0]
    u = game.rules.uncertainty
    out = []
    for k, name in enumerate(UNCERTAIN_NAMES):
        low, high, factor = float(u.low[k]), float(u.high[k]), float(drawn[k])
        if low == high:
            out.append(f"{FACTOR_WORDS[name]}: fixed at the scenario's value "
                       f"({_times(factor)}).")
        else:
            out.append(f"{FACTOR_WORDS[name]}: {_times(factor)} the scenario's value "
                       f"(drawn from {_times(low)} to {_times(high)}).")
    return out


def crises_met(game: Game) -> list[str]:
    """One sentence per quarter in which a crisis broke out: its grade and the tension."""
    tension = figure("tension")
    out = []
    for k, record in enumerate(game.history):
        grade = record.log.crisis_grade
        if grade is None or int(grade[0]) == NONE:
            continue
        s = game.summary(k)
        out.append(f"{s.date}: {CRISIS_WORDS[CRISIS_NAMES[int(grade[0])]]} broke out "
                   f"(tension {tension.number(s.tension_after)} at the quarter's end).")
    return out
