"""TurnLog: what happened in a turn and why, for the UI's turn report and the debrief.

`contributions[figure][cause]` are arrays (B, 2) (or (B,) for tension) that add up exactly
to the change of `figure` over the turn: a report can say "compute +0.42M H100e: +0.61 new
chips, -0.19 retired" and the numbers are the model's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.types import BoolArray, FloatArray

# The figures whose change is explained cause by cause.
EXPLAINED_FIGURES: tuple[str, ...] = (
    "compute", "inventory", "power_gw", "dc_gw", "budget", "algo_eff", "tension",
)


@dataclass(slots=True)
class TurnLog:
    turn: int
    contributions: dict[str, dict[str, FloatArray]] = field(default_factory=dict)
    flows: dict[str, FloatArray] = field(default_factory=dict)  # (B, 2) quantities this turn
    events_fired: BoolArray | None = None  # (B, E)
    crisis: BoolArray | None = None  # (B,) the game ended this turn in a crisis

    def add(self, figure: str, cause: str, amount: FloatArray) -> None:
        causes = self.contributions.setdefault(figure, {})
        if cause in causes:
            causes[cause] = causes[cause] + amount
        else:
            causes[cause] = amount
