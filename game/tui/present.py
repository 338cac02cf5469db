"""What the screens show, computed from the `Game` and nothing else.

The logic lives in game.present (Textual-free: one vocabulary of figures and policies,
one number format, the outcome sentences, shared with the reports and the CLI); this
module keeps the names the screens import.
"""

from __future__ import annotations

from game.model.views import SideView
from game.present.dashboard import (
    CHART_KEYS,
    DASHBOARD_KEYS,
    EstimateRow,
    FigureRow,
    Series,
    chart_series,
    chart_title,
    estimate_rows,
    figure_rows,
)
from game.present.end import EndSummary, end_summary
from game.present.figures import figure
from game.present.turn import (
    STATED,
    TINY,
    NewsItem,
    ReportLine,
    TurnReport,
    acting_in_turn,
    events_of_turn,
    news,
    turn_report,
)
from game.present.words import (
    CAUSE_WORDS,
    SIDE_MARK,
    SIDE_NAME,
    TERM_WORDS,
    other_side,
    side_label,
)
from game.session import Game

# The dashboard's figures, in the order a player reads them: name -> (label, unit).
DASHBOARD_FIGURES: dict[str, tuple[str, str]] = {
    name: (figure(name).panel, figure(name).unit) for name in DASHBOARD_KEYS}
# Narrow columns (80x24) carry short units in the label: `Power GW`, `Budget $B`.
_LABEL_UNITS = {"GW": "GW", "%": "%", "$B/q": "$B"}
SHORT_LABELS: dict[str, str] = {
    name: " ".join(filter(None, (figure(name).short, _LABEL_UNITS.get(figure(name).unit))))
    for name in DASHBOARD_KEYS}
CHART_METRICS: dict[str, str] = {name: chart_title(name) for name in CHART_KEYS}
SCORE_TERM_WORDS: tuple[str, ...] = tuple(TERM_WORDS.values())


def format_value(metric: str, value: float) -> str:
    return figure(metric).number(value)


def format_change(metric: str, delta: float | None) -> str:
    return figure(metric).change(delta)


def view_of(game: Game, side: str) -> SideView:
    return game.view(side)


__all__ = [
    "CAUSE_WORDS", "CHART_METRICS", "DASHBOARD_FIGURES", "SCORE_TERM_WORDS", "SHORT_LABELS",
    "SIDE_MARK", "SIDE_NAME", "STATED", "TINY", "acting_in_turn", "EndSummary", "EstimateRow", "FigureRow",
    "NewsItem", "ReportLine", "Series", "TurnReport", "chart_series", "end_summary",
    "estimate_rows", "events_of_turn", "figure_rows", "format_value", "format_change",
    "news", "other_side", "side_label", "turn_report", "view_of",
]
