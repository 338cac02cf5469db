"""The dashboard's figures, estimates and charts as plain rows and series, from what the
table's `TableGame` (game/port.py) lets the seat see and nothing else, so the numbers a player reads can be tested without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.types import SIDES
from game.model.clock import parse_quarter
from game.model.views import SideView
from game.port import TableGame
from game.present.figures import figure
from game.present.risk import crisis_risk
from game.present.words import side_label

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


def figure_rows(game: TableGame, side: str) -> list[FigureRow]:
    """`side`'s own figures as the engine has them, with the change over the last turn."""
    now = {name: fig.value for name, fig in game.view(side).own.items()}
    before = ({name: fig.value for name, fig in game.view_at(game.turn - 1, side).own.items()}
              if game.turn >= 1 else None)
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


def _years(game: TableGame) -> np.ndarray:
    year, quarter = parse_quarter(game.scenario.clock.start)
    start = year + (quarter - 1) / 4
    return start + np.arange(game.turn + 1) / 4


def chart_series(game: TableGame, seat: str | None, metric: str) -> list[Series]:
    """Series over time for the chart, from the views each quarter as they were seen then.
    A player (`seat`) sees its own truth and the other side's estimates as they stood each
    quarter; a spectator (`seat` None) sees both sides' truth."""
    x = _years(game)
    ks = range(game.turn + 1)
    if metric == "tension":
        y = np.array([game.view_at(k, seat or "us").tension for k in ks])
        risk = crisis_risk(game.params_in_force(), float(y[-1]))
        if not risk.possible:  # no hazard in this scenario: no level to read against
            return [Series("Tension", None, x, y)]
        return [Series("Tension", None, x, y),
                Series(f"crisis risk from {risk.onset:g}", None, x, np.full_like(x, risk.onset),
                       estimated=True, guide=True)]
    scale = figure(metric).scale
    out = []
    for side in SIDES:
        if seat is None or side == seat:
            y = np.array([game.view_at(k, side).own[metric].value for k in ks]) * scale
            out.append(Series(side_label(side), side, x, y))
        else:
            y = np.array([game.view_at(k, seat).other[metric].value for k in ks]) * scale
            out.append(Series(f"{side_label(side)} (est.)", side, x, y, estimated=True))
    return out
