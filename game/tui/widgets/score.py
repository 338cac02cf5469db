"""The score on the dashboard: each side's five goals, their weights and the points each
gives above or below 50 (g opens the goals in full: value against par, and the chart)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from game.engine.types import SIDES
from game.present.words import SIDE_MARK
from game.tui.score import Board, goal_points

# Goal labels short enough for the dashboard's narrow column.
SHORT_GOALS: dict[str, str] = {
    "capability": "Capability", "compute_share": "Compute", "market_share": "Market",
    "economy": "Economy", "stability": "Stability",
}


def goals_table(board: Board) -> Table:
    """Goal | weight and points per side | the score (a rich table: plain text cells)."""
    after = f" after {board.date}" if board.date else " at the opening"
    table = Table(title=Text(f"Score{after} · g: vs par", style="bold"),
                  title_justify="left", box=None, expand=True, padding=(0, 0, 0, 1),
                  header_style="dim")
    table.add_column("goal", no_wrap=True, min_width=10)
    for side in SIDES:
        table.add_column(f"{SIDE_MARK[side]}wt", justify="right", no_wrap=True)
        table.add_column(f"{SIDE_MARK[side]}pts", justify="right", no_wrap=True)
    for k, name in enumerate(SHORT_GOALS):
        cells: list[Text | str] = [SHORT_GOALS[name]]
        for side in SIDES:
            term = board.terms[side][k]
            assert term.name == name  # the engine's SCORE_TERMS order
            cells += [f"{term.weight:.0%}", goal_points(term)]
        table.add_row(*cells)
    total: list[Text | str] = [Text("Score", style="bold")]
    for side in SIDES:
        total += ["", Text(f"{board.scores[side]:.1f}", style="bold")]
    table.add_row(*total)
    return table


class ScorePanel(Static):
    def show(self, board: Board) -> None:
        self.update(goals_table(board))
