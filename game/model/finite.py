"""The guard after each turn: a figure that is no longer a finite number stops the game
with a clear error instead of printing `nan`, cutting JSON off mid-value or writing a
record that replay then refuses (issue 15).

Validation (params_model.py ranges, soundness.py) is meant to make this unreachable; the
guard is the backstop that names what went wrong if a combination still overflows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields

import numpy as np

from game.engine.log import TurnLog
from game.engine.state import WorldState
from game.engine.types import SIDES
from game.model.errors import InputError


class NotFinite(InputError):
    """A figure of the world state became NaN or infinite: bad input (the scenario)."""


def _named(name: str, values: np.ndarray) -> list[str]:
    """`name` (or "us.name", "china.name") when `values` hold NaN or infinity."""
    values = np.asarray(values)
    if values.dtype.kind != "f" or np.isfinite(values).all():
        return []
    bad = ~np.isfinite(values)
    if values.ndim >= 2 and values.shape[1] == len(SIDES):
        per_side = bad.reshape(values.shape[0], len(SIDES), -1).any(axis=(0, 2))
        return [f"{side}.{name}" for side, hit in zip(SIDES, per_side, strict=True) if hit]
    return [name]


def non_finite_named(figures: Mapping[str, np.ndarray]) -> list[str]:
    """The names among `figures` ((B, 2) per-side or (B,) arrays) holding NaN or
    infinity, per side where they have sides: for a sweep's final figures."""
    return [n for name, values in figures.items() for n in _named(name, values)]


def non_finite_figures(state: WorldState, log: TurnLog | None = None) -> list[str]:
    """Names of the figures holding NaN or infinity ("us.budget", "tension"): the
    state's, then the turn's flows and causal contributions."""
    names = [n for f in fields(state) for n in _named(f.name, getattr(state, f.name))]
    if log is not None:
        names += [n for key, values in log.flows.items() for n in _named(key, values)]
        names += [n for figure, causes in log.contributions.items()
                  for cause, values in causes.items()
                  for n in _named(f"{figure} ({cause})", values)]
    return list(dict.fromkeys(names))


def check_finite(state: WorldState, log: TurnLog | None, where: str, scenario: str) -> None:
    """Raise NotFinite naming the figures that left the finite numbers, the quarter
    (`where`, e.g. "turn 5 (2026Q1)") and the scenario."""
    bad = non_finite_figures(state, log)
    if bad:
        raise NotFinite([f"{scenario}: {where}: {', '.join(bad)} became too large to "
                         "compute (not a finite number); the scenario's parameters, "
                         "starting figures or card effects drive it past what the model "
                         "can hold: bring the values that feed it closer to the shipped "
                         "scenarios'"])
