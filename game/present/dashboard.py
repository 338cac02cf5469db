"""The dashboard's figures, estimates and charts as plain rows and series, from the
`Game` and nothing else, so the numbers a player reads can be tested without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.types import SIDES
from game.model.clock import parse_quarter
from game.model.views import SideView
from game.present.figures import figure
from game.present.risk import crisis_risk
from game.present.words import side_label
from game.session import Game

# The dashboard's figures, in the order a player reads them.
DASHBOARD_KEYS: tuple[str, ...] = (
    "budget", "compute", "inventory", "power_gw", "dc_gw", "algo_efficiency",
    "hw_efficiency", "capability", "market_share", "revenue", "price",
)
# The charts a player can pick: METRICS key (or tension) and title with its unit.
CHART_KEYS: tuple[str, ...] = ("compute", "capability", "market_share", "tension",
                               "inventory")


def chart_title(key: str) -> str:
    f = figure(key)
    return f"{f.label} ({f.unit})"


@dataclass(frozen=True)
class FigureRow:
    name: str
    label: str
    value: str
    change: str
    unit: str


@dataclass(frozen=True)
class EstimateRow:
    name: str
    label: str
    value: str
    low: str
    high: str
    confidence: str
    unit: str


def figure_rows(game: Game, side: str) -> list[FigureRow]:
    """`side`'s own figures as the engine has them, with the change over the last turn."""
    now = game.figures()[side]
    before = game.figures(game.turn - 2)[side] if game.turn >= 1 else None
    rows = []
    for name in DASHBOARD_KEYS:
        f = figure(name)
        delta = None if before is None else now[name] - before[name]
        rows.append(FigureRow(name, f.panel, f.number(now[name]),
                              f.change(delta, like=now[name]), f.unit_for(now[name])))
    return rows


def estimate_rows(view: SideView) -> list[EstimateRow]:
    """The other side's figures as `view`'s side estimates them (ranges from the fog)."""
    rows = []
    for name in DASHBOARD_KEYS:
        est = view.other.get(name)
        if est is None:
            continue
        f = figure(name)
        rows.append(EstimateRow(name, f.panel, f.number(est.value),
                                f.number(est.low, like=est.value),
                                f.number(est.high, like=est.value), est.confidence,
                                f.unit_for(est.value)))
    return rows


@dataclass(frozen=True)
class Series:
    label: str
    side: str | None  # None: shared (tension)
    x: np.ndarray  # decimal years: 2025.0 is the start of 2025Q1
    y: np.ndarray
    estimated: bool = False
    guide: bool = False  # a level to read the data against (drawn as a line, no markers)


def _years(game: Game) -> np.ndarray:
    year, quarter = parse_quarter(game.scenario.clock.start)
    start = year + (quarter - 1) / 4
    return start + np.arange(game.turn + 1) / 4


def view_at(game: Game, k: int, side: str) -> SideView:
    """The view `side` had after k resolved turns (k = 0: the opening), under the rules
    in force then."""
    return game.view_at(k, side)


def chart_series(game: Game, seat: str | None, metric: str) -> list[Series]:
    """Series over time for the chart. A player (`seat`) sees its own truth and the other
    side's estimates as they stood each quarter; a spectator (`seat` None) sees both."""
    x = _years(game)
    ks = range(game.turn + 1)
    if metric == "tension":
        y = np.array([float(game.opening.tension[0])]
                     + [game.summary(k).tension_after for k in range(game.turn)])
        onset = crisis_risk(game.rules.params, float(y[-1])).onset
        return [Series("Tension", None, x, y),
                Series(f"crisis risk from {onset:g}", None, x, np.full_like(x, onset),
                       estimated=True, guide=True)]
    scale = figure(metric).scale
    out = []
    for side in SIDES:
        if seat is None or side == seat:
            y = np.array([game.figures(k - 1)[side][metric] for k in ks]) * scale
            out.append(Series(side_label(side), side, x, y))
        else:
            y = np.array([view_at(game, k, seat).other[metric].value for k in ks]) * scale
            out.append(Series(f"{side_label(side)} (est.)", side, x, y, estimated=True))
    return out
